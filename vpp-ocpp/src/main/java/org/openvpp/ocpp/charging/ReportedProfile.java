package org.openvpp.ocpp.charging;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A charging profile a 2.0.1 charger reports it holds (ReportChargingProfiles), whoever set it.
 *
 * @param id its id
 * @param purpose what it is for (external constraints included)
 * @param stackLevel its stack level
 * @param kind {@code Absolute}, {@code Recurring} or {@code Relative}
 * @param validFrom from when it holds, if said
 * @param validTo until when it holds, if said
 * @param transactionId the transaction it limits, if any
 * @param schedules its schedules (1 to 3), limits as reported
 */
public record ReportedProfile(
    int id,
    Purpose purpose,
    int stackLevel,
    String kind,
    Optional<Instant> validFrom,
    Optional<Instant> validTo,
    Optional<String> transactionId,
    List<RateSchedule> schedules) {
  public ReportedProfile {
    Objects.requireNonNull(purpose, "purpose");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(validFrom, "validFrom");
    Objects.requireNonNull(validTo, "validTo");
    Objects.requireNonNull(transactionId, "transactionId");
    schedules = List.copyOf(schedules);
  }
}
