package org.openvpp.ocpp.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;
import org.openvpp.ocpp.credentials.ChargerCredentials;
import org.openvpp.ocpp.credentials.Password;
import org.openvpp.ocpp.credentials.PasswordHash;
import org.openvpp.ocpp.rpc.Frames;
import org.openvpp.ocpp.rpc.OcppVersion;
import org.openvpp.ocpp.rpc.Statuses;
import org.openvpp.ocpp.server.CallOutcome;
import org.openvpp.ocpp.server.ChargerSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a new HTTP Basic password for a connected charger, sends it, and keeps it only once the
 * charger has taken it.
 *
 * <p>Design note. The password is 20 random octets written as 40 lowercase hexadecimal digits,
 * which is both a 2.0.1 {@code BasicAuthPassword} (16 to 40 characters of its set; the password is
 * the text) and a 1.6 {@code AuthorizationKey} (at most 20 octets as hexadecimal; the password is
 * the octets). 2.0.1 gets SetVariables of {@code SecurityCtrlr.BasicAuthPassword}, 1.6 gets
 * ChangeConfiguration of {@code AuthorizationKey}. The password is hashed before it is sent (on the
 * caller's thread; the hash is slow on purpose), because a charger that accepts reconnects with it
 * at once, and storing it must not wait for the hash then. Only an answer that the charger took the
 * value stores its hash ({@link ChargerCredentials#rotated}): Accepted, or RebootRequired (the
 * charger keeps it and uses it from its next start; dropping it then would lock the charger out).
 * The previous password stays valid until the charger connects with the new one, or for {@code
 * grace} after the answer, since the charger answers and then reconnects. Anything else (Rejected,
 * NotSupported, a CALLERROR, no answer in the call timeout, the connection closing first) keeps the
 * current password alone: a charger that did take the new one after a timeout cannot connect until
 * an operator sets its password again. No retries here. The password is in no log line, no message
 * and no outcome; the SetVariables or ChangeConfiguration payload is the only place it goes.
 *
 * <p>Threads: thread-safe. Answers are handled on the connection's thread or the timeout timer; the
 * hash is stored there before the future completes.
 */
public final class PasswordRotation {
  private static final Logger LOG = LoggerFactory.getLogger(PasswordRotation.class);
  private static final int OCTETS = 20;

  /** The 2.0.1 component and variable, and the 1.6 configuration key, that hold the password. */
  static final String COMPONENT = "SecurityCtrlr";

  static final String VARIABLE = "BasicAuthPassword";
  static final String KEY_16 = "AuthorizationKey";

  /** What became of a new password. */
  public enum State {
    /** The charger took it; its hash is stored and the previous one is valid for the grace. */
    ROTATED,
    /** The charger said no (or refused the CALL): the current password stays. */
    REJECTED,
    /** No answer in the call timeout: the current password stays. */
    TIMED_OUT,
    /** The connection closed before an answer: the current password stays. */
    CLOSED
  }

  /**
   * One rotation's outcome.
   *
   * @param charger the charge point's identity
   * @param state what became of it
   * @param note what the charger answered when it was not a plain Accepted (Rejected with its
   *     reason, a CALLERROR, RebootRequired), or why there was no answer
   * @param sent when it was sent, by the clock
   * @param settled when the outcome came, by the clock
   */
  public record Outcome(
      String charger, State state, Optional<String> note, Instant sent, Instant settled) {
    public Outcome {
      Objects.requireNonNull(charger, "charger");
      Objects.requireNonNull(state, "state");
      Objects.requireNonNull(note, "note");
      Objects.requireNonNull(sent, "sent");
      Objects.requireNonNull(settled, "settled");
    }
  }

  private final ChargerCredentials credentials;
  private final Clock clock;
  private final Duration grace;
  private final SecureRandom random = new SecureRandom();
  private final Map<State, LongAdder> counts = new EnumMap<>(State.class);

  /**
   * @param credentials where the new password's hash goes once the charger took it
   * @param clock the service's clock
   * @param grace how long after the charger took a new password its previous one stays valid, if it
   *     does not connect with the new one first; positive
   */
  public PasswordRotation(ChargerCredentials credentials, Clock clock, Duration grace) {
    if (grace.isNegative() || grace.isZero()) {
      throw new IllegalArgumentException("grace must be positive, not " + grace);
    }
    this.credentials = credentials;
    this.clock = clock;
    this.grace = grace;
    for (State s : State.values()) {
      counts.put(s, new LongAdder());
    }
  }

  /**
   * Makes a new password for {@code charger} and sends it. The future completes with the outcome,
   * never exceptionally, after the hash of a password taken is stored.
   */
  public CompletableFuture<Outcome> rotate(ChargerSession charger) {
    byte[] octets = new byte[OCTETS];
    random.nextBytes(octets);
    String text = HexFormat.of().formatHex(octets);
    Arrays.fill(octets, (byte) 0);
    OcppVersion version = charger.version();
    PasswordHash next =
        credentials.hash(
            version == OcppVersion.V1_6 ? Password.ofAuthorizationKey(text) : Password.of(text));
    String action = version == OcppVersion.V1_6 ? "ChangeConfiguration" : "SetVariables";
    ObjectNode payload = Frames.object();
    if (version == OcppVersion.V1_6) {
      payload.put("key", KEY_16);
      payload.put("value", text);
    } else {
      ObjectNode data = payload.putArray("setVariableData").addObject();
      data.put("attributeValue", text);
      data.putObject("component").put("name", COMPONENT);
      data.putObject("variable").put("name", VARIABLE);
    }
    Instant sent = clock.instant();
    return charger
        .call(action, payload)
        .thenApply(outcome -> settle(charger, version, next, outcome, sent));
  }

  private Outcome settle(
      ChargerSession charger,
      OcppVersion version,
      PasswordHash next,
      CallOutcome outcome,
      Instant sent) {
    State state;
    Optional<String> note;
    switch (outcome) {
      case CallOutcome.Answered a -> {
        String status = status(version, a.payload());
        state =
            status.equals("Accepted") || status.equals("RebootRequired")
                ? State.ROTATED
                : State.REJECTED;
        String reason = Statuses.reason(status, statusInfo(version, a.payload()));
        note =
            switch (status) {
              case "Accepted" -> Optional.empty();
              case "RebootRequired" ->
                  Optional.of(reason + ": the charger uses it from its next start");
              default -> Optional.of(reason);
            };
      }
      case CallOutcome.Refused r -> {
        state = State.REJECTED;
        note = outcome.failure();
      }
      case CallOutcome.TimedOut t -> {
        state = State.TIMED_OUT;
        note = outcome.failure();
      }
      case CallOutcome.Closed c -> {
        state = State.CLOSED;
        note = outcome.failure();
      }
    }
    Instant now = clock.instant();
    if (state == State.ROTATED) {
      Instant until = now.plus(grace);
      credentials.rotated(charger.identity(), next, until);
      LOG.info(
          "charger {}: took a new password{}; the previous one stays valid until it connects with"
              + " the new one, at most until {}",
          charger.identity(),
          note.map(n -> " (" + n + ")").orElse(""),
          until);
    } else {
      LOG.info(
          "charger {}: did not take a new password ({}: {}); its password stays as it was",
          charger.identity(),
          state,
          note.orElse(""));
    }
    Objects.requireNonNull(counts.get(state), "every state has a counter").increment();
    return new Outcome(charger.identity(), state, note, sent, now);
  }

  /** The status of the answer: 1.6's, or 2.0.1's for the password's variable. */
  private static String status(OcppVersion version, JsonNode answer) {
    if (version == OcppVersion.V1_6) {
      return answer.path("status").asText();
    }
    return result(answer)
        .map(r -> r.path("attributeStatus").asText())
        .orElse("no result for " + COMPONENT + "." + VARIABLE);
  }

  private static JsonNode statusInfo(OcppVersion version, JsonNode answer) {
    if (version == OcppVersion.V1_6) {
      return MissingNode.getInstance();
    }
    return result(answer).map(r -> r.path("attributeStatusInfo")).orElse(MissingNode.getInstance());
  }

  private static Optional<JsonNode> result(JsonNode answer) {
    for (JsonNode r : answer.path("setVariableResult")) {
      if (r.path("component").path("name").asText().equalsIgnoreCase(COMPONENT)
          && r.path("variable").path("name").asText().equalsIgnoreCase(VARIABLE)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  /** How many rotations ended in {@code state} (pending ones are in none). */
  public long count(State state) {
    return Objects.requireNonNull(counts.get(state), "every state has a counter").sum();
  }
}
