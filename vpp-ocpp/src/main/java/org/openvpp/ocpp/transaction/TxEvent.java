package org.openvpp.ocpp.transaction;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.openvpp.ocpp.charger.ConnectorRef;
import org.openvpp.ocpp.metering.Sample;

/**
 * A 2.0.1 TransactionEvent as read, with the samples of its meterValue that made sense.
 *
 * @param eventType Started, Updated or Ended
 * @param triggerReason why it was sent, such as {@code CablePluggedIn} or {@code
 *     MeterValuePeriodic}
 */
record TxEvent(
    String transactionId,
    int seqNo,
    String eventType,
    Instant timestamp,
    String triggerReason,
    boolean offline,
    Optional<ConnectorRef> evse,
    Optional<IdToken> idToken,
    Optional<String> stoppedReason,
    List<Sample> samples) {

  TxEvent {
    samples = List.copyOf(samples);
  }

  /**
   * {@code t} with this event applied, or a new transaction for {@code charger} when {@code t} is
   * empty. Folding a transaction's events in the order of their sequence numbers gives its state:
   * the start is the Started event's time (the first event's until one comes), the connector and
   * token the first said, the meter start the first import register read and the last the last.
   */
  Transaction applyTo(String charger, Optional<Transaction> t) {
    Transaction base =
        t.orElseGet(
            () ->
                new Transaction(
                    charger,
                    transactionId,
                    Optional.empty(),
                    Optional.empty(),
                    timestamp,
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    0,
                    0));
    Transaction next =
        new Transaction(
            charger,
            transactionId,
            base.connector().or(() -> evse),
            base.idToken().or(() -> idToken),
            eventType.equals("Started") ? timestamp : base.started(),
            base.meterStart(),
            base.meterLast(),
            base.ended(),
            base.stopReason(),
            base.events(),
            base.offlineEvents());
    for (Sample s : samples) {
      if (s.isImportRegister()) {
        next = next.withRegister(s.energy().orElseThrow());
      }
    }
    if (eventType.equals("Ended")) {
      next = next.endedAt(timestamp, stoppedReason);
    }
    return next.counted(offline);
  }
}
