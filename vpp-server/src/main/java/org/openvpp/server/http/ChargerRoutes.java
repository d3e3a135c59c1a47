package org.openvpp.server.http;

import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.openvpp.ocpp.operations.Operation;
import org.openvpp.ocpp.operations.OperationOutcome;
import org.openvpp.ocpp.operations.Operations;
import org.openvpp.ocpp.operations.Setting;
import org.openvpp.ocpp.security.PasswordRotation;
import org.openvpp.server.security.Principal;
import org.openvpp.service.chargers.ChargerOperations;

/**
 * EV chargers over OCPP (docs/ocpp.md): the chargers of the service's central system, and an
 * operator's operations on one of them, each audited with its outcome.
 *
 * <p>Design note. One route takes every operation, its body naming it ({@code "operation":
 * "reset"}) with that operation's fields and no others, since the operations share their shape (a
 * charger, a few parameters, the charger's answer) and the audit log then has one action for them
 * ({@code charger.operation}), its target the charger and what was asked, its outcome the charger's
 * status. The request waits for the charger's answer: at most the central system's call timeout (30
 * s of the service's clock), and {@link #WAIT} of the wall's. The answer is 200 with the charger's
 * status whatever it is (Accepted, Rejected, …: the operation was carried out); no usable answer is
 * 502 ({@code charger_refused}: a CALLERROR; {@code charger_closed}) or 504 ({@code
 * charger_timeout}). A setting that holds a password is never set here (400, reason {@code
 * SECRET}), so its value is in no body the face keeps, no log line and no audit entry.
 */
final class ChargerRoutes {
  /** How long a request waits for the charger, by the wall: beyond the central system's 30 s. */
  static final Duration WAIT = Duration.ofSeconds(40);

  record SettingBody(Optional<String> component, String name) {}

  /** An operation as the API takes it: {@code operation} and its own fields. */
  record OperationBody(
      String operation,
      Optional<String> idToken,
      Optional<Integer> evseId,
      Optional<String> transactionId,
      Optional<String> availability,
      Optional<String> type,
      Optional<String> message,
      Optional<List<SettingBody>> settings,
      Optional<String> component,
      Optional<String> name,
      Optional<String> value) {}

  record SettingView(
      Optional<String> component,
      String name,
      String status,
      Optional<String> value,
      Optional<Boolean> readOnly,
      Optional<String> reason) {}

  /** The charger's answer to an operation. */
  record OutcomeView(
      String charger,
      String version,
      String operation,
      String action,
      String status,
      boolean accepted,
      Optional<String> reason,
      Optional<List<SettingView>> settings,
      Optional<String> transactionId,
      Instant sentAt,
      Instant settledAt) {}

  /** Each operation and the fields it takes besides {@code operation}. */
  private static final Map<String, Set<String>> FIELDS = fields();

  private final Optional<ChargerOperations> chargers;

  ChargerRoutes(Optional<ChargerOperations> chargers) {
    this.chargers = chargers;
  }

  void declare(Routes r) {
    r.get(
        "/api/v1/chargers",
        Roles.OPERATORS,
        Page.params(),
        (ctx, p) -> Page.of(ctx, chargers().chargers(), c -> c));
    r.post("/api/v1/chargers/{id}/operations", "charger.operation", Roles.ADMIN, this::operation);
    r.post("/api/v1/chargers/{id}/password", "charger.password", Roles.ADMIN, this::password);
  }

  /** The outcome of a password rotation: never the password. */
  record RotationView(
      String charger, String state, Optional<String> note, Instant sentAt, Instant settledAt) {}

  /**
   * {@code POST /api/v1/chargers/{id}/password}: the central system makes the charger a new
   * password and sends it to the charger alone; 200 when the charger answered (rotated, or rejected
   * and the old one kept).
   */
  private Routes.Answer password(Context ctx, Principal p, Routes.Change c)
      throws InterruptedException {
    ChargerOperations desk = chargers();
    String id = ctx.pathParam("id");
    if (!ctx.body().isBlank()) {
      throw ApiError.badRequest(
          "a password rotation takes no body: the central system makes the password and sends it"
              + " only to the charger");
    }
    c.target(id);
    CompletableFuture<PasswordRotation.Outcome> sent;
    try {
      sent = desk.rotatePassword(id);
    } catch (ChargerOperations.Refusal e) {
      throw refusal(e);
    }
    PasswordRotation.Outcome o = await(sent, id, "its password stays");
    return switch (o.state()) {
      case ROTATED, REJECTED -> {
        String state = o.state().name().toLowerCase(java.util.Locale.ROOT);
        c.outcome(state + o.note().map(n -> ": " + n).orElse(""));
        yield Routes.Answer.ok(new RotationView(id, state, o.note(), o.sent(), o.settled()));
      }
      case TIMED_OUT ->
          throw new ApiError(
              504,
              "charger_timeout",
              "charger "
                  + id
                  + " gave no answer to its new password within the central system's timeout; its"
                  + " old password stays (if it took the new one anyway, set one with ./vpp ocpp"
                  + " password)");
      case CLOSED ->
          throw new ApiError(
              502,
              "charger_closed",
              "charger "
                  + id
                  + " closed its connection before it answered; its old password stays");
    };
  }

  /**
   * The charger's outcome, waited for at most {@link #WAIT} (the futures never fail); 504 with
   * {@code after} when the wall's patience ends first.
   */
  private static <T> T await(CompletableFuture<T> sent, String id, String after)
      throws InterruptedException {
    try {
      return sent.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new ApiError(
          504,
          "charger_timeout",
          "charger " + id + " gave no answer within " + WAIT.toSeconds() + " s; " + after);
    } catch (ExecutionException e) {
      throw new IllegalStateException("a charger's outcome never fails", e);
    }
  }

  private static ApiError refusal(ChargerOperations.Refusal e) {
    String m = String.valueOf(e.getMessage());
    return switch (e.reason()) {
      case UNKNOWN_CHARGER -> ApiError.notFound(m + "; GET /api/v1/chargers lists them");
      case NOT_CONNECTED, NOT_IN_VERSION, NO_PASSWORDS -> ApiError.conflict(m, e.reason().name());
      case SECRET -> new ApiError(400, "bad_request", m, Optional.of(e.reason().name()), List.of());
    };
  }

  private ChargerOperations chargers() {
    return chargers.orElseThrow(
        () ->
            ApiError.notFound(
                "this service runs no OCPP central system for chargers; configure ocpp.port"
                    + " (docs/serve.md)"));
  }

  private Routes.Answer operation(Context ctx, Principal p, Routes.Change c)
      throws InterruptedException {
    ChargerOperations desk = chargers();
    String id = ctx.pathParam("id");
    OperationBody body = Bodies.json(ctx, OperationBody.class);
    Operation op = operation(body);
    c.target(id + ": " + op.describe());
    CompletableFuture<Operations.Result> sent;
    try {
      sent = desk.send(id, op);
    } catch (ChargerOperations.Refusal e) {
      throw refusal(e);
    }
    Operations.Result result = await(sent, id, "it may still act on it (the log will say)");
    String what = op.name() + " (" + result.action() + ")";
    return switch (result.outcome()) {
      case OperationOutcome.Answered a -> {
        c.outcome(a.summary());
        yield Routes.Answer.ok(view(result, a));
      }
      case OperationOutcome.Refused r ->
          throw new ApiError(
              502, "charger_refused", "charger " + id + " refused " + what + ": " + r.summary());
      case OperationOutcome.TimedOut t ->
          throw new ApiError(
              504,
              "charger_timeout",
              "charger "
                  + id
                  + " gave no answer to "
                  + what
                  + " within the central system's timeout; it may still act on it");
      case OperationOutcome.Closed x ->
          throw new ApiError(
              502,
              "charger_closed",
              "charger " + id + " closed its connection before it answered " + what);
    };
  }

  private static OutcomeView view(Operations.Result r, OperationOutcome.Answered a) {
    List<SettingView> settings =
        a.settings().stream()
            .map(
                s ->
                    new SettingView(
                        s.setting().component(),
                        s.setting().name(),
                        s.status(),
                        s.value(),
                        s.readOnly(),
                        s.reason()))
            .toList();
    return new OutcomeView(
        r.charger(),
        r.version().number(),
        r.operation().name(),
        r.action(),
        a.status(),
        a.accepted(),
        a.reason(),
        settings.isEmpty() ? Optional.empty() : Optional.of(settings),
        a.transactionId(),
        r.sent(),
        r.settled());
  }

  /** The operation {@code b} names, its fields checked: each it needs, none it does not take. */
  static Operation operation(OperationBody b) {
    Set<String> takes = FIELDS.get(b.operation());
    if (takes == null) {
      throw ApiError.badRequest(
          "operation must be one of "
              + FIELDS.keySet()
              + ", was '"
              + b.operation()
              + "'; docs/api.md, Chargers");
    }
    Map<String, Optional<?>> given = new LinkedHashMap<>();
    given.put("idToken", b.idToken());
    given.put("evseId", b.evseId());
    given.put("transactionId", b.transactionId());
    given.put("availability", b.availability());
    given.put("type", b.type());
    given.put("message", b.message());
    given.put("settings", b.settings());
    given.put("component", b.component());
    given.put("name", b.name());
    given.put("value", b.value());
    Set<String> foreign = new TreeSet<>();
    given.forEach(
        (field, v) -> {
          if (v.isPresent() && !takes.contains(field)) {
            foreign.add(field);
          }
        });
    if (!foreign.isEmpty()) {
      throw ApiError.badRequest(
          "operation "
              + b.operation()
              + " does not take "
              + String.join(", ", foreign)
              + "; it takes "
              + (takes.isEmpty() ? "nothing more" : String.join(", ", new TreeSet<>(takes))));
    }
    return switch (b.operation()) {
      case "remoteStart" -> new Operation.RemoteStart(need(b, "idToken", b.idToken()), b.evseId());
      case "remoteStop" -> new Operation.RemoteStop(need(b, "transactionId", b.transactionId()));
      case "changeAvailability" ->
          new Operation.ChangeAvailability(
              b.evseId(),
              Operation.Availability.ofWire(need(b, "availability", b.availability()))
                  .orElseThrow(
                      () ->
                          ApiError.badRequest(
                              "availability must be Operative or Inoperative, was '"
                                  + b.availability().orElse("")
                                  + "'")));
      case "reset" -> {
        String t = need(b, "type", b.type());
        yield new Operation.Reset(
            Operation.ResetType.ofWire(t)
                .orElseThrow(
                    () ->
                        ApiError.badRequest(
                            "type must be Hard or Soft (1.6), Immediate or OnIdle (2.0.1), was '"
                                + t
                                + "'")),
            b.evseId());
      }
      case "triggerMessage" -> {
        String m = need(b, "message", b.message());
        yield new Operation.TriggerMessage(
            Operation.Trigger.ofWire(m)
                .orElseThrow(
                    () ->
                        ApiError.badRequest(
                            "message must be one of "
                                + Arrays.stream(Operation.Trigger.values())
                                    .map(Operation.Trigger::wire)
                                    .collect(Collectors.joining(", "))
                                + ", was '"
                                + m
                                + "'")),
            b.evseId());
      }
      case "readSettings" ->
          new Operation.ReadSettings(
              b.settings().orElse(List.of()).stream()
                  .map(s -> new Setting(s.component(), s.name()))
                  .toList());
      case "changeSetting" ->
          new Operation.ChangeSetting(
              new Setting(b.component(), need(b, "name", b.name())), need(b, "value", b.value()));
      default -> throw new IllegalStateException("every operation is handled");
    };
  }

  private static <T> T need(OperationBody b, String field, Optional<T> v) {
    return v.orElseThrow(
        () -> ApiError.badRequest("operation " + b.operation() + " needs " + field));
  }

  private static Map<String, Set<String>> fields() {
    Map<String, Set<String>> m = new LinkedHashMap<>();
    m.put("remoteStart", Set.of("idToken", "evseId"));
    m.put("remoteStop", Set.of("transactionId"));
    m.put("changeAvailability", Set.of("availability", "evseId"));
    m.put("reset", Set.of("type", "evseId"));
    m.put("triggerMessage", Set.of("message", "evseId"));
    m.put("readSettings", Set.of("settings"));
    m.put("changeSetting", Set.of("component", "name", "value"));
    return java.util.Collections.unmodifiableMap(m);
  }
}
