package org.openvpp.ocpp.transaction;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.openvpp.ocpp.charger.ConnectorRef;
import org.openvpp.ocpp.metering.Sample;
import org.openvpp.units.Energy;

/**
 * One charger's transactions, both versions.
 *
 * <p>Design note. A 2.0.1 transaction is the fold of its events in the order of their sequence
 * numbers ({@link TxEvent#applyTo}); the events are kept by sequence number, so a repeat (an
 * offline queue sent again after a reconnect) is found by its key and not applied twice, and one
 * that arrives late (below the highest sequence number seen) makes the transaction be folded again
 * from its events. Either way the state is that of the distinct events in sequence order, whatever
 * order they came in (the property {@code LedgerPropertiesTest} checks). Sequence order and not
 * arrival or timestamp order, because it is the charger's own order of what happened: two events of
 * one second have it, and a clock set back while offline does not break it. A 1.6 transaction has
 * no sequence numbers: a StartTransaction repeated (same connector, idTag, timestamp and
 * meterStart) gets the same transaction id, and a StopTransaction of an ended transaction changes
 * nothing; 1.6 chargers send a transaction's messages in order. Methods are synchronized: a charger
 * sends one CALL at a time, but a replaced connection may still be finishing one.
 */
final class Ledger {
  private final String charger;
  private final Map<String, Transaction> transactions = new HashMap<>();
  private final Map<String, TreeMap<Integer, TxEvent>> events = new HashMap<>();
  private final Map<String, AuthStatus> answered = new HashMap<>();
  private final Map<StartKey, String> starts = new HashMap<>();

  /** What identifies a 1.6 StartTransaction sent again. */
  record StartKey(int connectorId, String idTag, Instant timestamp, long meterStart) {}

  /** The result of a 1.6 StartTransaction: its id and the status first answered. */
  record Started(String transactionId, AuthStatus status, boolean repeated) {}

  Ledger(String charger) {
    this.charger = charger;
  }

  synchronized Optional<Transaction> transaction(String id) {
    return Optional.ofNullable(transactions.get(id));
  }

  synchronized List<Transaction> transactions() {
    List<Transaction> all = new ArrayList<>(transactions.values());
    all.sort(java.util.Comparator.comparing(Transaction::started).thenComparing(Transaction::id));
    return all;
  }

  /**
   * Applies a 2.0.1 event unless its (transactionId, seqNo) was applied before; {@code status} is
   * the authorisation to answer when the event is new (ignored for a repeat). Returns whether it
   * was new, and the status answered the first time, if any.
   */
  synchronized Applied apply(TxEvent e, Optional<AuthStatus> status) {
    String key = e.transactionId() + "#" + e.seqNo();
    TreeMap<Integer, TxEvent> log = events.computeIfAbsent(e.transactionId(), k -> new TreeMap<>());
    if (log.containsKey(e.seqNo())) {
      return new Applied(false, Optional.ofNullable(answered.get(key)));
    }
    boolean inOrder = log.isEmpty() || e.seqNo() > log.lastKey();
    log.put(e.seqNo(), e);
    status.ifPresent(s -> answered.put(key, s));
    Transaction t;
    if (inOrder) {
      t = e.applyTo(charger, Optional.ofNullable(transactions.get(e.transactionId())));
    } else {
      Optional<Transaction> folded = Optional.empty();
      for (TxEvent each : log.values()) {
        folded = Optional.of(each.applyTo(charger, folded));
      }
      t = folded.orElseThrow();
    }
    transactions.put(e.transactionId(), t);
    return new Applied(true, status);
  }

  /** Whether an event was new, and the status answered to it the first time. */
  record Applied(boolean applied, Optional<AuthStatus> status) {}

  /** An open transaction kept before a restart, unless one of its id is here already. */
  synchronized void restore(Transaction t) {
    transactions.putIfAbsent(t.id(), t);
  }

  /** A 1.6 StartTransaction: a new transaction under {@code newId}, or the one it repeats. */
  synchronized Started start(
      StartKey key, ConnectorRef connector, IdToken token, AuthStatus status, String newId) {
    String known = starts.get(key);
    if (known != null) {
      return new Started(known, answered.getOrDefault(known, status), true);
    }
    starts.put(key, newId);
    answered.put(newId, status);
    Energy meter = Energy.ofWattHours((double) key.meterStart());
    transactions.put(
        newId,
        new Transaction(
            charger,
            newId,
            Optional.of(connector),
            Optional.of(token),
            key.timestamp(),
            Optional.of(meter),
            Optional.of(meter),
            Optional.empty(),
            Optional.empty(),
            1,
            0));
    return new Started(newId, status, false);
  }

  /** 1.6 MeterValues of an open transaction: its register read on. */
  synchronized void meter(String id, List<Sample> samples) {
    Transaction t = transactions.get(id);
    if (t == null || !t.open()) {
      return;
    }
    for (Sample s : samples) {
      if (s.isImportRegister()) {
        t = t.withRegister(s.energy().orElseThrow());
      }
    }
    transactions.put(id, t);
  }

  /**
   * A 1.6 StopTransaction: the open transaction {@code id} ends with the register at {@code
   * meterStop}. Returns whether it was applied (not when unknown or already ended).
   */
  synchronized boolean stop(
      String id, Instant at, Energy meterStop, Optional<String> reason, List<Sample> data) {
    Transaction t = transactions.get(id);
    if (t == null || !t.open()) {
      return false;
    }
    for (Sample s : data) {
      if (s.isImportRegister()) {
        t = t.withRegister(s.energy().orElseThrow());
      }
    }
    transactions.put(id, t.withRegister(meterStop).endedAt(at, reason).counted(false));
    return true;
  }
}
