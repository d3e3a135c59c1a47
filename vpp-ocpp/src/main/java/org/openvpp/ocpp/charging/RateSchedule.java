package org.openvpp.ocpp.charging;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.openvpp.units.Power;

/**
 * A charging schedule as a charger reports it (in a profile or a composite schedule), its limits in
 * watts or in amperes per phase.
 *
 * @param start when it starts, if it says (a relative or recurring schedule may not)
 * @param duration how long it runs, if it says (else its last period goes on)
 * @param unit the unit of its limits
 * @param periods its periods, in order
 */
public record RateSchedule(
    Optional<Instant> start, Optional<Duration> duration, RateUnit unit, List<RatePeriod> periods) {

  /** OCPP's number of phases when a period does not say. */
  static final int DEFAULT_PHASES = 3;

  public RateSchedule {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(unit, "unit");
    periods = List.copyOf(periods);
  }

  /**
   * The periods in watts: as they are when the schedule is in watts; in amperes, each limit times
   * {@code voltage} times its phases (3 when not said).
   *
   * @throws IllegalArgumentException when the schedule is in amperes and no voltage is known, or a
   *     period is not a limit in watts (a negative limit, phases other than 1 to 3)
   */
  public List<LimitPeriod> inWatts(Optional<PhaseVoltage> voltage) {
    if (unit == RateUnit.AMPERES && voltage.isEmpty()) {
      throw new IllegalArgumentException(
          "the schedule is in amperes and the charger's voltage is not known, so it cannot be read"
              + " in watts; ask for it in W or give the voltage");
    }
    List<LimitPeriod> out = new ArrayList<>(periods.size());
    for (RatePeriod p : periods) {
      double watts =
          unit == RateUnit.WATTS
              ? p.limit()
              : p.limit() * voltage.orElseThrow().volts() * p.phases().orElse(DEFAULT_PHASES);
      out.add(new LimitPeriod(p.offset(), Power.ofWatts(watts), p.phases()));
    }
    return out;
  }

  /**
   * Reads a {@code chargingSchedule} object, the same shape in both versions, that passed its
   * schema.
   *
   * @throws IllegalArgumentException when a time is not a date-time or a value is out of range
   */
  static RateSchedule read(JsonNode s) {
    RateUnit unit =
        RateUnit.ofWire(s.path("chargingRateUnit").asText())
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "chargingRateUnit " + s.path("chargingRateUnit") + " is neither W nor A"));
    List<RatePeriod> periods = new ArrayList<>();
    for (JsonNode p : s.path("chargingSchedulePeriod")) {
      JsonNode phases = p.path("numberPhases");
      periods.add(
          new RatePeriod(
              Duration.ofSeconds(p.path("startPeriod").longValue()),
              p.path("limit").doubleValue(),
              phases.isIntegralNumber() ? Optional.of(phases.intValue()) : Optional.empty()));
    }
    JsonNode duration = s.path("duration");
    return new RateSchedule(
        optionalTime(s.path("startSchedule"), "startSchedule"),
        duration.isIntegralNumber()
            ? Optional.of(Duration.ofSeconds(duration.longValue()))
            : Optional.empty(),
        unit,
        periods);
  }

  /** The date-time {@code n} holds, if it holds one. */
  static Optional<Instant> optionalTime(JsonNode n, String field) {
    if (!n.isTextual()) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(n.textValue()).toInstant());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          field + " \"" + n.textValue() + "\" is not a date-time", e);
    }
  }
}
