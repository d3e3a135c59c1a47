package org.openvpp.service.register;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openvpp.program.Store;

/**
 * A store that reads through to another and keeps its own writes to itself: what an import is tried
 * on before it is applied, so a bad row leaves the register as it was. {@link #all} gives the
 * base's records in their order with this store's replacements in place, then its new ones.
 */
final class OverlayStore<T> implements Store<T> {
  private final Store<T> base;
  private final Map<String, T> written = new LinkedHashMap<>();

  OverlayStore(Store<T> base) {
    this.base = base;
  }

  @Override
  public void put(String id, T value) {
    written.put(id, value);
  }

  @Override
  public Optional<T> find(String id) {
    T mine = written.get(id);
    return mine != null ? Optional.of(mine) : base.find(id);
  }

  @Override
  public List<T> all() {
    if (written.isEmpty()) {
      return base.all();
    }
    Map<T, T> replacedBy = new HashMap<>();
    List<T> fresh = new ArrayList<>();
    for (Map.Entry<String, T> e : written.entrySet()) {
      Optional<T> old = base.find(e.getKey());
      if (old.isPresent()) {
        replacedBy.put(old.get(), e.getValue());
      } else {
        fresh.add(e.getValue());
      }
    }
    List<T> out = new ArrayList<>();
    for (T v : base.all()) {
      out.add(replacedBy.getOrDefault(v, v));
    }
    out.addAll(fresh);
    return out;
  }
}
