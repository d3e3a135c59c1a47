package org.openvpp.ocpp.charging;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.openvpp.units.Power;

/**
 * What a charger says it will take at most on an EVSE over a coming time, all its profiles
 * combined: the answer to GetCompositeSchedule, in watts.
 *
 * @param evseId the EVSE (a 1.6 connector); 0 the whole charger
 * @param start when the schedule starts
 * @param duration how long it runs, if the charger says (2.0.1 always does)
 * @param periods its periods, the first from {@code start}
 */
public record CompositeSchedule(
    int evseId, Instant start, Optional<Duration> duration, List<LimitPeriod> periods) {
  public CompositeSchedule {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(duration, "duration");
    periods = List.copyOf(periods);
  }

  /**
   * The limit in force at {@code t}: the last period started by then; empty before the start, after
   * the duration, or before the first period.
   */
  public Optional<Power> limitAt(Instant t) {
    if (t.isBefore(start) || duration.map(d -> !t.isBefore(start.plus(d))).orElse(false)) {
      return Optional.empty();
    }
    Duration since = Duration.between(start, t);
    Optional<Power> limit = Optional.empty();
    for (LimitPeriod p : periods) {
      if (p.offset().compareTo(since) > 0) {
        break;
      }
      limit = Optional.of(p.limit());
    }
    return limit;
  }
}
