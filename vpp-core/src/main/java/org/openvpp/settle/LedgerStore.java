package org.openvpp.settle;

import java.util.List;
import java.util.Optional;

/**
 * Where a {@link Ledger} keeps its transactions: append-only, so a SQL store can implement it later
 * (an insert-only table). Not thread-safe unless the implementation says so.
 */
public interface LedgerStore {

  void append(Transaction t);

  void append(BatchTransaction b);

  Optional<Transaction> transaction(String id);

  Optional<BatchTransaction> batch(String id);

  /** Every transaction, in the order appended. */
  List<Transaction> transactions();

  /** Every batch, in the order appended. */
  List<BatchTransaction> batches();

  static LedgerStore inMemory() {
    return new InMemoryLedgerStore();
  }
}
