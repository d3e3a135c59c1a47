package org.openvpp.program;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** {@link Store} over a linked hash map: insertion order, not thread-safe. */
final class InMemoryStore<T> implements Store<T> {
  private final Map<String, T> values = new LinkedHashMap<>();

  @Override
  public void put(String id, T value) {
    values.put(Objects.requireNonNull(id, "id"), Objects.requireNonNull(value, "value"));
  }

  @Override
  public Optional<T> find(String id) {
    return Optional.ofNullable(values.get(id));
  }

  @Override
  public List<T> all() {
    return List.copyOf(values.values());
  }
}
