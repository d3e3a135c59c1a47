package org.openvpp.ocpp.transaction;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.openvpp.ocpp.charger.ConnectorRef;
import org.openvpp.units.Energy;

/**
 * What the central system knows of one transaction now (an immutable snapshot).
 *
 * @param charger the charge point's identity
 * @param id the transaction's id: given by the central system in 1.6, by the charger in 2.0.1
 * @param connector where it runs (a 1.6 connector is its own EVSE), once said
 * @param idToken who charges, once said
 * @param started when it started, as the charger says
 * @param meterStart the import register at the start, once read
 * @param meterLast the import register last read
 * @param ended when it ended, if it did
 * @param stopReason why it ended, if the charger said
 * @param events how many of its transaction messages were applied: 1.6 StartTransaction and
 *     StopTransaction, 2.0.1 TransactionEvents (not MeterValues; a repeat is not counted)
 * @param offlineEvents how many of them the charger sent as having happened offline (2.0.1)
 */
public record Transaction(
    String charger,
    String id,
    Optional<ConnectorRef> connector,
    Optional<IdToken> idToken,
    Instant started,
    Optional<Energy> meterStart,
    Optional<Energy> meterLast,
    Optional<Instant> ended,
    Optional<String> stopReason,
    int events,
    int offlineEvents) {

  public Transaction {
    Objects.requireNonNull(charger, "charger");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(started, "started");
  }

  /** The energy delivered so far: the last register read less the first, zero before two reads. */
  public Energy energy() {
    return meterStart.isPresent() && meterLast.isPresent()
        ? meterLast.get().minus(meterStart.get())
        : Energy.ZERO;
  }

  /** Whether it is still running. */
  public boolean open() {
    return ended.isEmpty();
  }

  Transaction withRegister(Energy register) {
    return new Transaction(
        charger,
        id,
        connector,
        idToken,
        started,
        meterStart.isPresent() ? meterStart : Optional.of(register),
        Optional.of(register),
        ended,
        stopReason,
        events,
        offlineEvents);
  }

  Transaction counted(boolean offline) {
    return new Transaction(
        charger,
        id,
        connector,
        idToken,
        started,
        meterStart,
        meterLast,
        ended,
        stopReason,
        events + 1,
        offlineEvents + (offline ? 1 : 0));
  }

  Transaction endedAt(Instant at, Optional<String> reason) {
    return new Transaction(
        charger,
        id,
        connector,
        idToken,
        started,
        meterStart,
        meterLast,
        Optional.of(at),
        reason,
        events,
        offlineEvents);
  }
}
