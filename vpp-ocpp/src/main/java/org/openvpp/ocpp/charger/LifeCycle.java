package org.openvpp.ocpp.charger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.openvpp.ocpp.rpc.Answer;
import org.openvpp.ocpp.rpc.Call;
import org.openvpp.ocpp.rpc.Frames;
import org.openvpp.ocpp.rpc.OcppVersion;
import org.openvpp.ocpp.rpc.Problem;
import org.openvpp.ocpp.server.CallHandler;
import org.openvpp.ocpp.server.ChargerSession;

/**
 * The first steps of a charger's life cycle, for both versions: BootNotification, Heartbeat and
 * StatusNotification; every other action of an accepted charger goes to the next handler (such as
 * the transactions), or is answered NotImplemented when there is none.
 *
 * <p>Design note. BootNotification asks the {@link ChargerRegistry}; the answer's {@code interval}
 * is the heartbeat interval when accepted, the retry interval otherwise. A charger whose last
 * BootNotification was answered Pending or Rejected gets SecurityError for anything but
 * BootNotification and Heartbeat (OCPP lets it send nothing else then); one that reconnects without
 * booting again, as chargers do after a network fault, is not asked to boot. Times come from the
 * {@link Clock}. State is a map of immutable {@link ChargerState}s, replaced whole, so readers on
 * other threads see whole snapshots.
 */
public final class LifeCycle implements CallHandler {
  private final ChargerRegistry registry;
  private final Clock clock;
  private final Duration heartbeatInterval;
  private final Duration retryInterval;
  private final Map<String, ChargerState> chargers = new ConcurrentHashMap<>();
  private final CallHandler next;

  /** A life cycle answering NotImplemented to any other action. */
  public LifeCycle(
      ChargerRegistry registry, Clock clock, Duration heartbeatInterval, Duration retryInterval) {
    this(
        registry,
        clock,
        heartbeatInterval,
        retryInterval,
        (charger, call) -> Answer.notHandled(charger.version(), call.action()));
  }

  /**
   * @param heartbeatInterval the heartbeat interval given to accepted chargers
   * @param retryInterval how long a pending or rejected charger waits before booting again
   * @param next answers the other actions of a charger not refused for its admission
   */
  public LifeCycle(
      ChargerRegistry registry,
      Clock clock,
      Duration heartbeatInterval,
      Duration retryInterval,
      CallHandler next) {
    if (heartbeatInterval.toSeconds() < 1 || retryInterval.toSeconds() < 1) {
      throw new IllegalArgumentException(
          "the intervals are whole seconds, at least 1: "
              + heartbeatInterval
              + ", "
              + retryInterval);
    }
    this.registry = registry;
    this.clock = clock;
    this.heartbeatInterval = heartbeatInterval;
    this.retryInterval = retryInterval;
    this.next = next;
  }

  /** What is known of the charger {@code identity}, if it ever sent a CALL. */
  public Optional<ChargerState> charger(String identity) {
    return Optional.ofNullable(chargers.get(identity));
  }

  /** Every charger that ever sent a CALL, by identity. */
  public List<ChargerState> chargers() {
    return chargers.values().stream()
        .sorted(java.util.Comparator.comparing(ChargerState::identity))
        .toList();
  }

  @Override
  public Answer handle(ChargerSession charger, Call call) {
    Instant now = clock.instant();
    ChargerState state =
        chargers.compute(
            charger.identity(),
            (id, old) ->
                old == null
                    ? ChargerState.first(id, charger.version(), now)
                    : old.seen(charger.version(), now));
    return switch (call.action()) {
      case "BootNotification" -> boot(charger, call.payload(), now);
      case "Heartbeat" -> heartbeat(now);
      default -> {
        if (state.admission().isPresent() && !state.accepted()) {
          yield new Answer.Refused(
              Problem.NOT_ACCEPTED,
              charger.identity()
                  + " is not accepted (its BootNotification was answered "
                  + state.admission().get().wire()
                  + "): boot again later");
        }
        yield call.action().equals("StatusNotification")
            ? status(charger, call.payload(), now)
            : next.handle(charger, call);
      }
    };
  }

  @Override
  public void connected(ChargerSession charger) {
    next.connected(charger);
  }

  @Override
  public void disconnected(ChargerSession charger) {
    next.disconnected(charger);
  }

  private Answer boot(ChargerSession charger, JsonNode payload, Instant now) {
    BootInfo info = BootInfo.of(charger.version(), payload);
    Admission admission = registry.admit(charger.identity(), info);
    chargers.computeIfPresent(charger.identity(), (id, s) -> s.booted(info, admission));
    ObjectNode answer = Frames.object();
    answer.put("currentTime", time(now));
    answer.put(
        "interval",
        (admission == Admission.ACCEPTED ? heartbeatInterval : retryInterval).toSeconds());
    answer.put("status", admission.wire());
    return new Answer.Result(answer);
  }

  private static Answer heartbeat(Instant now) {
    ObjectNode answer = Frames.object();
    answer.put("currentTime", time(now));
    return new Answer.Result(answer);
  }

  private Answer status(ChargerSession charger, JsonNode p, Instant now) {
    ConnectorRef ref;
    ConnectorStatus status;
    try {
      if (charger.version() == OcppVersion.V1_6) {
        int connector = p.path("connectorId").intValue();
        ref = new ConnectorRef(connector, connector);
        JsonNode at = p.path("timestamp");
        status =
            new ConnectorStatus(
                p.path("status").asText(),
                Optional.of(p.path("errorCode").asText()),
                at.isTextual() ? instant(at.textValue()) : now,
                now);
      } else {
        ref = new ConnectorRef(p.path("evseId").intValue(), p.path("connectorId").intValue());
        status =
            new ConnectorStatus(
                p.path("connectorStatus").asText(),
                Optional.empty(),
                instant(p.path("timestamp").asText()),
                now);
      }
    } catch (DateTimeParseException | IllegalArgumentException e) {
      return new Answer.Refused(
          Problem.BAD_VALUE, e.getMessage() == null ? "bad value" : e.getMessage());
    }
    chargers.computeIfPresent(charger.identity(), (id, s) -> s.withStatus(ref, status));
    return new Answer.Result(Frames.object());
  }

  private static Instant instant(String text) {
    return OffsetDateTime.parse(text).toInstant();
  }

  private static String time(Instant t) {
    return t.truncatedTo(ChronoUnit.MILLIS).toString();
  }
}
