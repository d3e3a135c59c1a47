package org.openvpp.settle;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link LedgerStore} in lists and an id map; not thread-safe. */
final class InMemoryLedgerStore implements LedgerStore {
  private final List<Transaction> transactions = new ArrayList<>();
  private final List<BatchTransaction> batches = new ArrayList<>();
  private final Map<String, Transaction> byId = new HashMap<>();
  private final Map<String, BatchTransaction> batchById = new HashMap<>();

  @Override
  public void append(Transaction t) {
    transactions.add(t);
    byId.put(t.id(), t);
  }

  @Override
  public void append(BatchTransaction b) {
    batches.add(b);
    batchById.put(b.id(), b);
  }

  @Override
  public Optional<Transaction> transaction(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  @Override
  public Optional<BatchTransaction> batch(String id) {
    return Optional.ofNullable(batchById.get(id));
  }

  @Override
  public List<Transaction> transactions() {
    return List.copyOf(transactions);
  }

  @Override
  public List<BatchTransaction> batches() {
    return List.copyOf(batches);
  }
}
