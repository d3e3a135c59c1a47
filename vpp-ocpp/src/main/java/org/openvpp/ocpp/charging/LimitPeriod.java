package org.openvpp.ocpp.charging;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.openvpp.units.Power;

/**
 * One period of a schedule: from {@code offset} after the schedule's start until the next period's
 * offset, the charger takes at most {@code limit}.
 *
 * @param offset from the schedule's start; whole seconds, not negative
 * @param limit the most the charger takes, in watts; not negative
 * @param phases how many phases it may use (1 to 3), if said; OCPP assumes 3 when it is not
 */
public record LimitPeriod(Duration offset, Power limit, Optional<Integer> phases) {
  public LimitPeriod {
    Objects.requireNonNull(offset, "offset");
    Objects.requireNonNull(limit, "limit");
    Objects.requireNonNull(phases, "phases");
    if (offset.isNegative() || offset.toNanosPart() != 0) {
      throw new IllegalArgumentException(
          "a period's offset is whole seconds, not negative: " + offset);
    }
    if (limit.isNegative()) {
      throw new IllegalArgumentException("a period's limit is not negative: " + limit);
    }
    phases.ifPresent(
        n -> {
          if (n < 1 || n > 3) {
            throw new IllegalArgumentException("a period has 1 to 3 phases, not " + n);
          }
        });
  }

  /** A period of {@code limit} from {@code offset}, on the phases the charger chooses. */
  public static LimitPeriod of(Duration offset, Power limit) {
    return new LimitPeriod(offset, limit, Optional.empty());
  }
}
