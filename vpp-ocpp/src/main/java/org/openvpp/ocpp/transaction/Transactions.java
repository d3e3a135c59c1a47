package org.openvpp.ocpp.transaction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import org.openvpp.ocpp.charger.ConnectorRef;
import org.openvpp.ocpp.metering.MeterListener;
import org.openvpp.ocpp.metering.MeterReport;
import org.openvpp.ocpp.metering.SampledValues;
import org.openvpp.ocpp.rpc.Answer;
import org.openvpp.ocpp.rpc.Call;
import org.openvpp.ocpp.rpc.Frames;
import org.openvpp.ocpp.rpc.OcppVersion;
import org.openvpp.ocpp.rpc.Problem;
import org.openvpp.ocpp.server.CallHandler;
import org.openvpp.ocpp.server.ChargerSession;
import org.openvpp.units.Energy;

/**
 * Authorize, transactions and meter values, for both versions; other actions answer NotImplemented.
 * Put it behind {@code LifeCycle}, which lets only accepted chargers through.
 *
 * <p>Design note. Each charger's transactions are a {@link Ledger} (see there for how repeats and
 * late events are handled). 1.6 transaction ids come from one {@link IntSupplier} for all chargers:
 * a counter from 1 unless the owner gives one that a store keeps, so that ids stay unique across
 * restarts. Every transaction message applied (not a repeat) is told to the {@link
 * TransactionListener}, which may keep the transaction; {@link #restore} puts an open transaction
 * kept so back after a restart, so that its meter values and its end are applied. Meter values that
 * make no sense (a value that is not a number, a unit unknown or unfit for its measurand) are
 * treated by what the message is: a MeterValues is refused whole with PropertyConstraintViolation
 * and the reasons, and nothing of it is applied, so a faulty meter is seen at once and never half
 * counted; a transaction message (1.6 StopTransaction, 2.0.1 TransactionEvent) is applied and only
 * its bad samples are skipped and counted ({@link #skippedSamples}), because a charger retries a
 * refused transaction message and then drops it, and losing the end of a transaction for a bad SoC
 * sample would be worse than losing the sample. Thread-safe.
 */
public final class Transactions implements CallHandler {
  private final Authorizer authorizer;
  private final MeterListener meters;
  private final Map<String, Ledger> ledgers = new ConcurrentHashMap<>();
  private final IntSupplier nextId;
  private final TransactionListener listener;
  private final AtomicLong skipped = new AtomicLong();

  /** Transactions with 1.6 ids from 1, kept in memory only. */
  public Transactions(Authorizer authorizer, MeterListener meters) {
    this(authorizer, meters, new AtomicInteger(1)::getAndIncrement, TransactionListener.none());
  }

  /**
   * @param nextId gives each 1.6 StartTransaction its id: positive, never the same twice (called on
   *     the connections' threads; thread-safe)
   * @param listener told of every transaction message applied
   */
  public Transactions(
      Authorizer authorizer,
      MeterListener meters,
      IntSupplier nextId,
      TransactionListener listener) {
    this.authorizer = authorizer;
    this.meters = meters;
    this.nextId = nextId;
    this.listener = listener;
  }

  /**
   * Puts back an open transaction kept before a restart, so that its meter values and its end are
   * applied; a transaction the ledger already has is left as it is. A 1.6 StartTransaction repeated
   * after the restart is not recognised as a repeat (its key is not kept).
   *
   * @throws IllegalArgumentException when it has ended
   */
  public void restore(Transaction t) {
    if (!t.open()) {
      throw new IllegalArgumentException(
          "only an open transaction is restored, not " + t.id() + " of " + t.charger());
    }
    ledgers.computeIfAbsent(t.charger(), Ledger::new).restore(t);
  }

  /** The transactions of {@code charger}, by start. */
  public List<Transaction> transactions(String charger) {
    Ledger l = ledgers.get(charger);
    return l == null ? List.of() : l.transactions();
  }

  /** The transaction {@code id} of {@code charger}, if known. */
  public Optional<Transaction> transaction(String charger, String id) {
    Ledger l = ledgers.get(charger);
    return l == null ? Optional.empty() : l.transaction(id);
  }

  /** How many samples of transaction messages were skipped as making no sense. */
  public long skippedSamples() {
    return skipped.get();
  }

  @Override
  public Answer handle(ChargerSession charger, Call call) {
    OcppVersion v = charger.version();
    Ledger ledger = ledgers.computeIfAbsent(charger.identity(), Ledger::new);
    try {
      return switch (call.action()) {
        case "Authorize" -> authorize(charger, call.payload());
        case "StartTransaction" -> start(charger, ledger, call.payload());
        case "StopTransaction" -> stop(charger, ledger, call.payload());
        case "TransactionEvent" -> event(charger, ledger, call.payload());
        case "MeterValues" -> meterValues(charger, ledger, call.payload());
        default -> Answer.notHandled(v, call.action());
      };
    } catch (DateTimeParseException e) {
      return new Answer.Refused(
          Problem.BAD_VALUE, "a timestamp is not a date-time: " + e.getParsedString());
    }
  }

  private Answer authorize(ChargerSession charger, JsonNode p) {
    IdToken token = token(charger.version(), p).orElseThrow();
    AuthStatus status = authorizer.authorize(charger.identity(), token);
    ObjectNode answer = Frames.object();
    answer.set(
        charger.version() == OcppVersion.V1_6 ? "idTagInfo" : "idTokenInfo",
        statusNode(charger.version(), status));
    return new Answer.Result(answer);
  }

  private Answer start(ChargerSession charger, Ledger ledger, JsonNode p) {
    int connectorId = p.path("connectorId").intValue();
    if (connectorId < 1) {
      return new Answer.Refused(
          Problem.BAD_VALUE, "a transaction runs on a connector from 1, not " + connectorId);
    }
    IdToken token = IdToken.idTag(p.path("idTag").asText());
    Ledger.StartKey key =
        new Ledger.StartKey(
            connectorId,
            token.value(),
            instant(p.path("timestamp")),
            p.path("meterStart").longValue());
    AuthStatus status = authorizer.authorize(charger.identity(), token);
    // An id is spent even for a repeat: ids are unique, not dense.
    Ledger.Started s =
        ledger.start(
            key,
            new ConnectorRef(connectorId, connectorId),
            token,
            status,
            Integer.toString(newId()));
    if (!s.repeated()) {
      ledger.transaction(s.transactionId()).ifPresent(listener::changed);
    }
    ObjectNode answer = Frames.object();
    answer.put("transactionId", Integer.parseInt(s.transactionId()));
    answer.set("idTagInfo", statusNode(OcppVersion.V1_6, s.status()));
    return new Answer.Result(answer);
  }

  private Answer stop(ChargerSession charger, Ledger ledger, JsonNode p) {
    String id = Integer.toString(p.path("transactionId").intValue());
    SampledValues.Read data = SampledValues.read(OcppVersion.V1_6, p.path("transactionData"));
    JsonNode reason = p.path("reason");
    boolean applied =
        ledger.stop(
            id,
            instant(p.path("timestamp")),
            Energy.ofWattHours((double) p.path("meterStop").longValue()),
            reason.isTextual() ? Optional.of(reason.textValue()) : Optional.empty(),
            data.samples());
    if (applied) {
      ledger.transaction(id).ifPresent(listener::changed);
      report(charger, ledger, id, data);
    }
    ObjectNode answer = Frames.object();
    token(OcppVersion.V1_6, p)
        .ifPresent(
            t ->
                answer.set(
                    "idTagInfo",
                    statusNode(OcppVersion.V1_6, authorizer.authorize(charger.identity(), t))));
    return new Answer.Result(answer);
  }

  private Answer event(ChargerSession charger, Ledger ledger, JsonNode p) {
    SampledValues.Read read = SampledValues.read(OcppVersion.V2_0_1, p.path("meterValue"));
    JsonNode info = p.path("transactionInfo");
    JsonNode evse = p.path("evse");
    if (evse.isObject()
        && (evse.path("id").intValue() < 0 || evse.path("connectorId").asInt(0) < 0)) {
      // the schema lets any integer through; an EVSE or a connector is numbered from 0
      return new Answer.Refused(
          Problem.BAD_VALUE,
          "evse.id and evse.connectorId are not negative, were "
              + evse.path("id").intValue()
              + " and "
              + evse.path("connectorId").asInt(0));
    }
    JsonNode reason = info.path("stoppedReason");
    Optional<IdToken> token = token(OcppVersion.V2_0_1, p);
    TxEvent e =
        new TxEvent(
            info.path("transactionId").asText(),
            p.path("seqNo").intValue(),
            p.path("eventType").asText(),
            instant(p.path("timestamp")),
            p.path("triggerReason").asText(),
            p.path("offline").asBoolean(false),
            evse.isObject()
                ? Optional.of(
                    new ConnectorRef(evse.path("id").intValue(), evse.path("connectorId").asInt(0)))
                : Optional.empty(),
            token,
            reason.isTextual() ? Optional.of(reason.textValue()) : Optional.empty(),
            read.samples());
    Ledger.Applied applied =
        ledger.apply(e, token.map(t -> authorizer.authorize(charger.identity(), t)));
    if (applied.applied()) {
      ledger.transaction(e.transactionId()).ifPresent(listener::changed);
      report(charger, ledger, e.transactionId(), read);
    }
    ObjectNode answer = Frames.object();
    applied.status().ifPresent(s -> answer.set("idTokenInfo", statusNode(OcppVersion.V2_0_1, s)));
    return new Answer.Result(answer);
  }

  private Answer meterValues(ChargerSession charger, Ledger ledger, JsonNode p) {
    OcppVersion v = charger.version();
    SampledValues.Read read = SampledValues.read(v, p.path("meterValue"));
    if (!read.refused().isEmpty()) {
      return new Answer.Refused(
          Problem.BAD_VALUE, "meter values refused: " + String.join("; ", read.refused()));
    }
    int evse = p.path(v == OcppVersion.V1_6 ? "connectorId" : "evseId").intValue();
    JsonNode tx = p.path("transactionId");
    Optional<String> id =
        tx.isIntegralNumber() ? Optional.of(Integer.toString(tx.intValue())) : Optional.empty();
    id.ifPresent(t -> ledger.meter(t, read.samples()));
    if (!read.samples().isEmpty()) {
      meters.samples(new MeterReport(charger.identity(), evse, id, read.samples()));
    }
    return new Answer.Result(Frames.object());
  }

  private int newId() {
    int id = nextId.getAsInt();
    if (id < 1) {
      throw new IllegalStateException("a 1.6 transaction id is positive, the source gave " + id);
    }
    return id;
  }

  /** Hands a transaction message's samples on, and counts the ones skipped. */
  private void report(ChargerSession charger, Ledger ledger, String id, SampledValues.Read read) {
    for (String r : read.refused()) {
      skipped.incrementAndGet();
      meters.skipped(charger.identity(), "transaction " + id + ": " + r);
    }
    if (!read.samples().isEmpty()) {
      int evse =
          ledger
              .transaction(id)
              .flatMap(Transaction::connector)
              .map(ConnectorRef::evseId)
              .orElse(0);
      meters.samples(new MeterReport(charger.identity(), evse, Optional.of(id), read.samples()));
    }
  }

  private static Optional<IdToken> token(OcppVersion v, JsonNode p) {
    if (v == OcppVersion.V1_6) {
      JsonNode tag = p.path("idTag");
      return tag.isTextual() ? Optional.of(IdToken.idTag(tag.textValue())) : Optional.empty();
    }
    JsonNode t = p.path("idToken");
    return t.isObject()
        ? Optional.of(new IdToken(t.path("idToken").asText(), t.path("type").asText()))
        : Optional.empty();
  }

  private static ObjectNode statusNode(OcppVersion v, AuthStatus status) {
    ObjectNode info = Frames.object();
    info.put("status", status.wire(v));
    return info;
  }

  private static Instant instant(JsonNode text) {
    return OffsetDateTime.parse(text.asText()).toInstant();
  }
}
