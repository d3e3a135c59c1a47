package org.openvpp.service.state;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.openvpp.store.Documents;

/** Documents by kind and key, replaced whole ({@link Documents} in the database, or memory). */
public interface ServiceState {

  void put(String kind, String key, String body, Instant at);

  Optional<String> get(String kind, String key);

  /** Every document of {@code kind}, in key order. */
  Map<String, String> all(String kind);

  /** The platform database's {@code service_document} table. */
  static ServiceState in(Documents documents) {
    return new ServiceState() {
      @Override
      public void put(String kind, String key, String body, Instant at) {
        documents.put(kind, key, body, at);
      }

      @Override
      public Optional<String> get(String kind, String key) {
        return documents.get(kind, key);
      }

      @Override
      public Map<String, String> all(String kind) {
        return documents.all(kind);
      }
    };
  }

  /** Documents in memory, gone with the process. */
  static ServiceState inMemory() {
    Map<String, TreeMap<String, String>> kinds = new ConcurrentHashMap<>();
    return new ServiceState() {
      @Override
      public synchronized void put(String kind, String key, String body, Instant at) {
        kinds.computeIfAbsent(kind, k -> new TreeMap<>()).put(key, body);
      }

      @Override
      public synchronized Optional<String> get(String kind, String key) {
        TreeMap<String, String> k = kinds.get(kind);
        return k == null ? Optional.empty() : Optional.ofNullable(k.get(key));
      }

      @Override
      public synchronized Map<String, String> all(String kind) {
        return new TreeMap<>(kinds.getOrDefault(kind, new TreeMap<>()));
      }
    };
  }
}
