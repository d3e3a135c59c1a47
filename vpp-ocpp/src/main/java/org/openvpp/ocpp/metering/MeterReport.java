package org.openvpp.ocpp.metering;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The samples of one message from a charger.
 *
 * @param charger the charge point's identity
 * @param evseId the EVSE (a 1.6 connector is its own EVSE); 0 is the charger's main meter
 * @param transactionId the transaction they belong to, if the message says
 * @param samples the samples, in the message's order
 */
public record MeterReport(
    String charger, int evseId, Optional<String> transactionId, List<Sample> samples) {
  public MeterReport {
    Objects.requireNonNull(charger, "charger");
    Objects.requireNonNull(transactionId, "transactionId");
    samples = List.copyOf(samples);
  }
}
