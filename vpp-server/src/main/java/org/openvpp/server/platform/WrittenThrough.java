package org.openvpp.server.platform;

import java.util.List;
import java.util.Optional;
import org.openvpp.program.Store;

/**
 * A run's store of one kind of program record: the run reads its own records from memory (a run
 * starts with none, whatever earlier runs kept) and every put is written to the platform's table
 * too, before the put returns, so the database holds every record as the run last changed it.
 */
final class WrittenThrough<T> implements Store<T> {
  private final Store<T> memory = Store.inMemory();
  private final Store<T> table;

  WrittenThrough(Store<T> table) {
    this.table = table;
  }

  @Override
  public void put(String id, T value) {
    table.put(id, value);
    memory.put(id, value);
  }

  @Override
  public Optional<T> find(String id) {
    return memory.find(id);
  }

  @Override
  public List<T> all() {
    return memory.all();
  }
}
