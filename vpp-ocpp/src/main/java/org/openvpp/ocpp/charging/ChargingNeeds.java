package org.openvpp.ocpp.charging;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.openvpp.units.Energy;

/**
 * What an EV on a 2.0.1 charger says it needs (NotifyEVChargingNeeds, from ISO 15118).
 *
 * @param charger the charge point's identity
 * @param evseId the EVSE it is on
 * @param transactionId the open transaction on that EVSE
 * @param energyTransfer the requested mode: {@code DC}, {@code AC_single_phase}, {@code
 *     AC_two_phase} or {@code AC_three_phase}
 * @param departure when the driver means to leave, if said
 * @param energy the energy it asks for, if said ({@code energyAmount} of the AC or DC parameters,
 *     whichever the mode names)
 * @param received when it came, by the central system's clock
 */
public record ChargingNeeds(
    String charger,
    int evseId,
    String transactionId,
    String energyTransfer,
    Optional<Instant> departure,
    Optional<Energy> energy,
    Instant received) {
  public ChargingNeeds {
    Objects.requireNonNull(charger, "charger");
    Objects.requireNonNull(transactionId, "transactionId");
    Objects.requireNonNull(energyTransfer, "energyTransfer");
    Objects.requireNonNull(departure, "departure");
    Objects.requireNonNull(energy, "energy");
    Objects.requireNonNull(received, "received");
  }
}
