package org.openvpp.ocpp.charging;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One ReportChargingProfiles of a 2.0.1 charger: the profiles it holds on one EVSE from one source,
 * in answer to the central system's GetChargingProfiles {@code requestId}.
 *
 * @param charger the charge point's identity
 * @param requestId the request it answers
 * @param evseId the EVSE (0: the whole charger)
 * @param source who set the profiles: {@code CSO}, {@code EMS}, {@code SO} or {@code Other}
 * @param profiles the profiles
 * @param toBeContinued whether more reports of the request follow ({@code tbc})
 * @param received when it came, by the central system's clock
 */
public record ProfileReport(
    String charger,
    int requestId,
    int evseId,
    String source,
    List<ReportedProfile> profiles,
    boolean toBeContinued,
    Instant received) {
  public ProfileReport {
    Objects.requireNonNull(charger, "charger");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(received, "received");
    profiles = List.copyOf(profiles);
  }
}
