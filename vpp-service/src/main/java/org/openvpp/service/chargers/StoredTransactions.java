package org.openvpp.service.chargers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openvpp.ocpp.charger.ConnectorRef;
import org.openvpp.ocpp.transaction.IdToken;
import org.openvpp.ocpp.transaction.Transaction;
import org.openvpp.ocpp.transaction.TransactionListener;
import org.openvpp.service.state.ServiceState;
import org.openvpp.units.Energy;

/**
 * What of the chargers' transactions must outlive a restart, in the service's documents: the open
 * transaction on each EVSE (a 1.6 TxProfile names its transaction's id, which only the central
 * system that gave it knows) and how far the 1.6 ids have gone (so that an id is never given
 * twice).
 *
 * <p>Design note. Open transactions are kept one document per EVSE (kind {@value #KIND}, key {@code
 * identity#evse}, EVSE 0 while a 2.0.1 transaction has not said its EVSE), replaced as the
 * transaction changes and written {@code {}} when it ends, so the documents stay as many as the
 * EVSEs. Meter values move only the last reading, which is written at most every {@link #REFRESH}
 * (a restart resumes from a reading up to that old; the next meter value brings it up to date);
 * anything else that changes (opened, its EVSE learnt, ended) is written at once. 1.6 ids are
 * handed out in blocks of {@value #BLOCK}: the end of a block is written before its first id is
 * given, so a crash skips the rest of a block and never repeats an id (ids are unique, not dense).
 * Thread-safe; called on the connections' threads.
 */
final class StoredTransactions implements TransactionListener {
  static final String KIND = "ocpp-transaction";
  static final String IDS = "ocpp-ids";
  private static final String IDS_KEY = "1.6";
  static final int BLOCK = 100;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** How long an open transaction's last reading may go unwritten. */
  static final Duration REFRESH = Duration.ofMinutes(15);

  private final ServiceState state;
  private final InstantSource clock;
  private final Map<String, Written> written = new HashMap<>();
  private int next;
  private int limit;

  /**
   * @throws IllegalStateException when a kept document is not one this class wrote
   */
  StoredTransactions(ServiceState state, InstantSource clock) {
    this.state = state;
    this.clock = clock;
    int kept = state.get(IDS, IDS_KEY).map(b -> parse(b, IDS_KEY).path("next").asInt(1)).orElse(1);
    this.next = Math.max(1, kept);
    this.limit = next;
  }

  /** The next 1.6 transaction id: never one given before, across restarts. */
  synchronized int nextId() {
    if (next >= limit) {
      if (limit > Integer.MAX_VALUE - BLOCK) {
        throw new IllegalStateException("the 1.6 transaction ids are spent (up to " + limit + ")");
      }
      limit = next + BLOCK;
      ObjectNode n = JSON.createObjectNode();
      n.put("next", limit);
      put(IDS, IDS_KEY, n);
    }
    return next++;
  }

  /** The open transactions kept, as they stood at their last message. */
  List<Transaction> open() {
    List<Transaction> out = new ArrayList<>();
    state
        .all(KIND)
        .forEach(
            (key, body) -> {
              JsonNode n = parse(body, key);
              if (n.has("id")) {
                out.add(transaction(n));
              }
            });
    return out;
  }

  @Override
  public synchronized void changed(Transaction t) {
    int evse = t.connector().map(ConnectorRef::evseId).orElse(0);
    String key = t.charger() + "#" + evse;
    if (t.open()) {
      // meter values move only the last reading: not worth a write each (ten thousand chargers
      // send one a minute), but written at least every REFRESH
      Written w = written.get(key);
      Instant now = clock.instant();
      String what = identity(t);
      if (w != null && w.identity().equals(what) && now.isBefore(w.at().plus(REFRESH))) {
        return;
      }
      put(KIND, key, node(t));
      written.put(key, new Written(what, now));
    } else {
      written.remove(key);
      forget(key, t.id());
    }
    if (evse != 0) {
      // kept under EVSE 0 while it had not said its EVSE
      forget(t.charger() + "#0", t.id());
    }
  }

  /** Writes {@code key} empty if it holds transaction {@code id}, not another one since. */
  private void forget(String key, String id) {
    Optional<String> kept = state.get(KIND, key);
    if (kept.isPresent() && parse(kept.get(), key).path("id").asText().equals(id)) {
      put(KIND, key, JSON.createObjectNode());
    }
  }

  /** What a transaction's document says of it but the readings: a change is written at once. */
  private static String identity(Transaction t) {
    return t.id()
        + "|"
        + t.connector().map(ConnectorRef::toString).orElse("")
        + "|"
        + t.idToken().map(IdToken::toString).orElse("")
        + "|"
        + t.started()
        + "|"
        + t.meterStart().map(e -> Double.toString(e.wattHours())).orElse("");
  }

  private record Written(String identity, Instant at) {}

  private static ObjectNode node(Transaction t) {
    ObjectNode n = JSON.createObjectNode();
    n.put("charger", t.charger());
    n.put("id", t.id());
    t.connector()
        .ifPresent(
            c -> {
              n.put("evse", c.evseId());
              n.put("connector", c.connectorId());
            });
    t.idToken()
        .ifPresent(
            k -> {
              n.put("token", k.value());
              n.put("tokenType", k.type());
            });
    n.put("started", t.started().toString());
    t.meterStart().ifPresent(e -> n.put("meterStartWh", e.wattHours()));
    t.meterLast().ifPresent(e -> n.put("meterLastWh", e.wattHours()));
    n.put("events", t.events());
    n.put("offlineEvents", t.offlineEvents());
    return n;
  }

  private static Transaction transaction(JsonNode n) {
    return new Transaction(
        n.path("charger").asText(),
        n.path("id").asText(),
        n.has("evse")
            ? Optional.of(new ConnectorRef(n.path("evse").asInt(), n.path("connector").asInt()))
            : Optional.empty(),
        n.has("token")
            ? Optional.of(new IdToken(n.path("token").asText(), n.path("tokenType").asText()))
            : Optional.empty(),
        Instant.parse(n.path("started").asText()),
        n.has("meterStartWh")
            ? Optional.of(Energy.ofWattHours(n.path("meterStartWh").asDouble()))
            : Optional.empty(),
        n.has("meterLastWh")
            ? Optional.of(Energy.ofWattHours(n.path("meterLastWh").asDouble()))
            : Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        n.path("events").asInt(),
        n.path("offlineEvents").asInt());
  }

  private void put(String kind, String key, ObjectNode body) {
    try {
      state.put(
          kind,
          key,
          JSON.writeValueAsString(body),
          clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode parse(String body, String key) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new IllegalStateException(
          "the kept OCPP document " + key + " is not JSON: " + e.getMessage(), e);
    }
  }
}
