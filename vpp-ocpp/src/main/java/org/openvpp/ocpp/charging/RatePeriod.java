package org.openvpp.ocpp.charging;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A schedule period as a charger reports it, its limit in its schedule's {@link RateUnit}.
 *
 * @param offset from the schedule's start; not negative
 * @param limit in watts or in amperes per phase; finite
 * @param phases how many phases, if said (OCPP assumes 3)
 */
public record RatePeriod(Duration offset, double limit, Optional<Integer> phases) {
  public RatePeriod {
    Objects.requireNonNull(offset, "offset");
    Objects.requireNonNull(phases, "phases");
    if (offset.isNegative()) {
      throw new IllegalArgumentException("a period's offset is not negative: " + offset);
    }
    if (!Double.isFinite(limit)) {
      throw new IllegalArgumentException("a period's limit is finite, not " + limit);
    }
  }
}
