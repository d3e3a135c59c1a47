package org.openvpp.program;

import java.util.List;
import java.util.Optional;

/**
 * Where the program records live: a small keyed store, so a SQL store can stand in for the
 * in-memory one later. Values are immutable records; a changed record is put again under its id.
 *
 * @param <T> the record type
 */
public interface Store<T> {

  /** Puts {@code value} under {@code id}, replacing what was there. */
  void put(String id, T value);

  Optional<T> find(String id);

  /** Every value, in the order first put. */
  List<T> all();

  /** A store in memory; not thread-safe. */
  static <T> Store<T> inMemory() {
    return new InMemoryStore<>();
  }
}
