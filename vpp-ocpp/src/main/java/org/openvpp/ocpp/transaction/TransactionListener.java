package org.openvpp.ocpp.transaction;

/**
 * Where transactions go when a message changes them (the service keeps the open ones, so that a
 * restart does not lose the ids a 1.6 TxProfile names). Called on a connection's thread, after the
 * message was applied and before it is answered; implementations are thread-safe and quick.
 */
public interface TransactionListener {
  /**
   * {@code t} as it stands after a transaction message (a 1.6 StartTransaction or StopTransaction,
   * a 2.0.1 TransactionEvent) was applied; not for a repeat.
   */
  void changed(Transaction t);

  /** A listener that drops everything. */
  static TransactionListener none() {
    return t -> {};
  }
}
