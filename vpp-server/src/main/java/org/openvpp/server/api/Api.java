package org.openvpp.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.openvpp.server.api.FleetView.DeviceView;
import org.openvpp.server.api.FleetView.EventView;
import org.openvpp.server.api.FleetView.GroupView;
import org.openvpp.server.api.FleetView.ProgramView;
import org.openvpp.server.security.Accounts;
import org.openvpp.server.security.AuditLog;
import org.openvpp.server.security.Principal;
import org.openvpp.server.security.Role;
import org.openvpp.server.security.Tokens;

/**
 * The HTTP API (JSON, version 1) over the latest {@link FleetView}: the fleet's groups, devices
 * (paged, filtered), programs, enrolments and consents, events and their M&amp;V, dispatch now, the
 * flexibility forecast, prices, settlement and statements; an opt-out and preferences as changes.
 * Described by the OpenAPI document it serves at {@code /openapi.json} (docs/api.md). Errors are a
 * JSON object with a stable {@code code}, a {@code message} saying what was wrong and what to do;
 * see {@link ApiError}.
 *
 * <p>Threads: requests run on the web server's threads and read only the published, immutable view;
 * {@link #publish} swaps it atomically.
 */
public final class Api {

  /** The most items a page holds. */
  public static final int MAX_LIMIT = 500;

  private static final int DEFAULT_LIMIT = 100;
  private static final Set<String> KINDS =
      Set.of(
          "BATTERY", "EV_CHARGER", "THERMOSTAT", "PV_INVERTER", "WATER_HEATER", "PARTNER_RESOURCE");
  private static final Set<String> STATES = Set.of("SCHEDULED", "ACTIVE", "COMPLETED", "CANCELLED");
  private static final Set<String> ENROLMENT_STATES = Set.of("WAITING", "ENROLLED", "WITHDRAWN");
  private static final Set<String> CONSENT_STATES = Set.of("ACTIVE", "EXPIRED", "REVOKED");

  /** How long a person's login lasts. */
  public static final Duration SESSION = Duration.ofHours(8);

  /** How long a machine client's token lasts. */
  public static final Duration CLIENT_TOKEN = Duration.ofHours(1);

  private static final String COOKIE = "vpp_session";

  private final ObjectMapper json = new ObjectMapper();
  private final AtomicReference<Optional<FleetView>> view = new AtomicReference<>(Optional.empty());
  private final String openApi = resource("openapi.json");
  private final Accounts accounts;
  private final Tokens tokens;
  private final AuditLog audit;
  private final ApiInbox inbox;
  private final InstantSource clock;

  /**
   * @param accounts who may log in or get a token
   * @param tokens signs and checks the tokens
   * @param audit where every change is written
   * @param inbox carries changes to the run
   * @param clock the real time (for tokens and the audit log; not the simulation's)
   */
  public Api(
      Accounts accounts, Tokens tokens, AuditLog audit, ApiInbox inbox, InstantSource clock) {
    this(accounts, tokens, audit, inbox, clock, RunHistory.NONE);
  }

  /**
   * An API that also serves the runs kept in {@code history}, and keeps there what the current run
   * settles.
   *
   * @param accounts who may log in or get a token
   * @param tokens signs and checks the tokens
   * @param audit where every change is written
   * @param inbox carries changes to the run
   * @param clock the real time (for tokens and the audit log; not the simulation's)
   * @param history the platform's runs
   */
  public Api(
      Accounts accounts,
      Tokens tokens,
      AuditLog audit,
      ApiInbox inbox,
      InstantSource clock,
      RunHistory history) {
    this.accounts = Objects.requireNonNull(accounts, "accounts");
    this.tokens = Objects.requireNonNull(tokens, "tokens");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.inbox = Objects.requireNonNull(inbox, "inbox");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.history = Objects.requireNonNull(history, "history");
  }

  private final RunHistory history;
  private final org.openvpp.server.security.LoginThrottle throttle =
      org.openvpp.server.security.LoginThrottle.standard();
  private final AtomicReference<Optional<String>> runId = new AtomicReference<>(Optional.empty());

  /** The run now going is {@code id} in the history: its settlement is kept there. */
  public void runStarted(String id) {
    runId.set(Optional.of(Objects.requireNonNull(id, "id")));
  }

  /** An API nobody can log in to (no accounts): every protected request is refused. */
  public static Api locked() {
    return new Api(
        new Accounts(), new Tokens(), new AuditLog(), new ApiInbox(), InstantSource.system());
  }

  private final AtomicReference<Optional<SettlementView>> settlement =
      new AtomicReference<>(Optional.empty());

  /** The run has ended and settled its event: shows {@code s} from now on. */
  public void publish(SettlementView s) {
    Objects.requireNonNull(s, "s");
    runId
        .get()
        .ifPresent(
            id -> {
              List<RunHistory.Document> docs = new java.util.ArrayList<>();
              docs.add(new RunHistory.Document("settlement", "", settlementJson(s, id).toString()));
              for (org.openvpp.settle.Statement st : s.statements()) {
                docs.add(
                    new RunHistory.Document(
                        "statement", st.customerId(), statement(st).toString()));
              }
              history.keep(id, docs);
            });
    settlement.set(Optional.of(s));
  }

  private final AtomicReference<Optional<PerformanceView>> performance =
      new AtomicReference<>(Optional.empty());

  /** The run has ended and measured its event: shows {@code p} from now on. */
  public void publish(PerformanceView p) {
    performance.set(Optional.of(Objects.requireNonNull(p, "p")));
  }

  /** Makes {@code v} what the API shows from now on. */
  public void publish(FleetView v) {
    view.set(Optional.of(Objects.requireNonNull(v, "v")));
  }

  /** The query parameters of the enrolment and consent lists ({@link #filtered}). */
  private static final String[] RECORD_FILTERS = {
    "offset", "limit", "program", "customer", "site", "state"
  };

  private static final Role[] OPERATORS = {Role.OPERATOR_ADMIN, Role.OPERATOR_VIEWER};
  private static final Role[] OPERATORS_AND_PARTNERS = {
    Role.OPERATOR_ADMIN, Role.OPERATOR_VIEWER, Role.UTILITY_PARTNER
  };
  private static final Role[] OPERATORS_AND_PARTICIPANTS = {
    Role.OPERATOR_ADMIN, Role.OPERATOR_VIEWER, Role.PARTICIPANT
  };

  /** What a read-only route answers: the body for a request by {@code p}. */
  @FunctionalInterface
  private interface Reader {
    ObjectNode read(Context ctx, Principal p) throws Exception;
  }

  /**
   * A GET route: the caller must have one of {@code roles} and may give only the query parameters
   * {@code params}; then {@code reader} makes the answer.
   */
  private void read(
      JavalinConfig config, String path, Role[] roles, Reader reader, String... params) {
    config.routes.get(
        path,
        ctx -> {
          Principal p = require(ctx, roles);
          onlyParams(ctx, params);
          send(ctx, reader.read(ctx, p));
        });
  }

  /** Adds the API's routes to a Javalin configuration. */
  public void routes(JavalinConfig config) {
    config.routes.get("/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
    config.routes.post("/api/v1/auth/login", this::login);
    config.routes.post("/api/v1/auth/token", this::token);
    config.routes.post(
        "/api/v1/auth/logout",
        ctx -> {
          ctx.header("Set-Cookie", COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");
          ctx.status(204);
        });
    read(
        config,
        "/api/v1/me",
        Role.values(),
        (ctx, p) -> {
          ObjectNode o = json.createObjectNode();
          o.put("subject", p.subject());
          o.put("role", p.role().name());
          p.customer().ifPresent(c -> o.put("customer", c));
          return o;
        });
    read(config, "/api/v1/fleet", OPERATORS_AND_PARTNERS, (ctx, p) -> fleet(current()));
    read(
        config,
        "/api/v1/groups",
        OPERATORS_AND_PARTNERS,
        (ctx, p) -> groups(ctx, current()),
        "offset",
        "limit",
        "parent");
    // A group's id has slashes in it (fleet ▸ program ▸ region ▸ feeder): <id> takes them.
    read(
        config,
        "/api/v1/groups/<id>",
        OPERATORS_AND_PARTNERS,
        (ctx, p) -> group(current(), ctx.pathParam("id")));
    read(
        config,
        "/api/v1/enrolments",
        OPERATORS_AND_PARTICIPANTS,
        (ctx, p) -> enrolments(ctx, current(), p),
        RECORD_FILTERS);
    read(
        config,
        "/api/v1/consents",
        OPERATORS_AND_PARTICIPANTS,
        (ctx, p) -> consents(ctx, current(), p),
        RECORD_FILTERS);
    read(config, "/api/v1/dispatch", OPERATORS_AND_PARTNERS, (ctx, p) -> dispatch(current()));
    read(config, "/api/v1/flexibility", OPERATORS_AND_PARTNERS, (ctx, p) -> flexibility(current()));
    read(config, "/api/v1/prices", Role.values(), (ctx, p) -> prices(current()));
    read(
        config,
        "/api/v1/events/{id}/performance",
        OPERATORS_AND_PARTNERS,
        (ctx, p) -> performance(eventOf(p, current(), ctx.pathParam("id"))));
    read(
        config,
        "/api/v1/devices",
        OPERATORS_AND_PARTICIPANTS,
        (ctx, p) -> devices(ctx, current(), p),
        "offset",
        "limit",
        "kind",
        "online");
    read(
        config,
        "/api/v1/devices/{id}",
        OPERATORS_AND_PARTICIPANTS,
        (ctx, p) -> device(deviceOf(p, current(), ctx.pathParam("id"))));
    read(config, "/api/v1/programs", Role.values(), (ctx, p) -> programs(current()));
    read(
        config,
        "/api/v1/events",
        Role.values(),
        (ctx, p) -> events(ctx, current(), p),
        "offset",
        "limit",
        "state",
        "program");
    read(
        config,
        "/api/v1/events/{id}",
        Role.values(),
        (ctx, p) -> event(eventOf(p, current(), ctx.pathParam("id"))));
    config.routes.post("/api/v1/events/{id}/opt-outs", this::optOut);
    config.routes.post("/api/v1/consents/{id}/revocation", this::revokeConsent);
    config.routes.post("/api/v1/enrolments/{id}/withdrawal", this::withdraw);
    config.routes.put("/api/v1/devices/{id}/preferences", this::preferences);
    config.routes.get(
        "/api/v1/settlement",
        ctx -> {
          require(ctx, Role.OPERATOR_ADMIN, Role.OPERATOR_VIEWER, Role.UTILITY_PARTNER);
          onlyParams(ctx);
          Optional<SettlementView> now = settlement.get();
          if (now.isPresent()) {
            send(ctx, settlementJson(now.get(), runId.get().orElse("")));
          } else {
            // Before this run settles: the last finished run's, as kept by the platform.
            RunHistory.Run last = lastSettled();
            sendRaw(ctx, kept(last.id(), "settlement", ""));
          }
        });
    read(
        config,
        "/api/v1/runs",
        OPERATORS,
        (ctx, p) -> paged(ctx, Optional.empty(), history.runs(), this::run),
        "offset",
        "limit");
    read(
        config,
        "/api/v1/runs/{id}",
        OPERATORS,
        (ctx, p) -> {
          String id = ctx.pathParam("id");
          RunHistory.Run r =
              history
                  .run(id)
                  .orElseThrow(
                      () -> ApiError.notFound("no run '" + id + "'; GET /api/v1/runs lists them"));
          ObjectNode o = run(r);
          history
              .document(r.id(), "settlement", "")
              .ifPresent(d -> o.set("settlement", parse(d.json())));
          return o;
        });
    config.routes.get(
        "/api/v1/statements",
        ctx -> {
          require(ctx, Role.OPERATOR_ADMIN, Role.OPERATOR_VIEWER);
          onlyParams(ctx, "offset", "limit");
          Optional<SettlementView> now = settlement.get();
          if (now.isPresent()) {
            send(
                ctx,
                paged(
                    ctx,
                    Optional.empty(),
                    now.get().statements(),
                    st -> statementSummary(statement(st))));
          } else {
            RunHistory.Run last = lastSettled();
            ObjectNode o =
                paged(
                    ctx,
                    Optional.empty(),
                    history.documents(last.id(), "statement"),
                    d -> statementSummary((ObjectNode) parse(d.json())));
            o.put("runId", last.id());
            send(ctx, o);
          }
        });
    config.routes.get(
        "/api/v1/statements/{customer}",
        ctx -> {
          Principal p = require(ctx, Role.OPERATOR_ADMIN, Role.OPERATOR_VIEWER, Role.PARTICIPANT);
          onlyParams(ctx);
          String customer = ctx.pathParam("customer");
          boolean theirs = p.role().operator() || p.customer().equals(Optional.of(customer));
          ApiError none =
              ApiError.notFound(
                  "no statement of '" + customer + "' (a customer measured in the event has one)");
          Optional<SettlementView> now = settlement.get();
          if (now.isPresent()) {
            org.openvpp.settle.Statement st =
                now.get().statements().stream()
                    .filter(x -> theirs && x.customerId().equals(customer))
                    .findFirst()
                    .orElseThrow(() -> none);
            send(ctx, statement(st));
          } else {
            RunHistory.Run last = lastSettled();
            RunHistory.Document d =
                history
                    .document(last.id(), "statement", customer)
                    .filter(x -> theirs)
                    .orElseThrow(() -> none);
            ObjectNode o = (ObjectNode) parse(d.json());
            o.put("runId", last.id());
            send(ctx, o);
          }
        });
    read(
        config,
        "/api/v1/accounts",
        new Role[] {Role.OPERATOR_ADMIN},
        (ctx, p) -> paged(ctx, Optional.empty(), accounts.list(), this::account),
        "offset",
        "limit");
    config.routes.post("/api/v1/accounts", this::addAccount);
    config.routes.delete("/api/v1/accounts/{name}", this::removeAccount);
    config.routes.post("/api/v1/me/password", this::changePassword);
    read(
        config,
        "/api/v1/audit",
        new Role[] {Role.OPERATOR_ADMIN},
        (ctx, p) -> auditPage(ctx),
        "offset",
        "limit");
    config.routes.exception(
        ApiError.class,
        (e, ctx) -> {
          if (e.status() == 401) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"openvpp\"");
          }
          ctx.status(e.status()).contentType("application/json").result(e.json(json));
        });
  }

  // ---- Authentication -------------------------------------------------------------------------

  private void login(Context ctx) {
    JsonNode body = body(ctx);
    String user = text(body, "username");
    String password = text(body, "password");
    Instant now = clock.instant();
    Optional<Duration> wait = throttle.wait(user, now);
    if (wait.isPresent()) {
      long seconds = Math.max(1, wait.get().toSeconds());
      ctx.header("Retry-After", Long.toString(seconds));
      throw new ApiError(
          429,
          "too_many_attempts",
          "too many failed logins of '"
              + user
              + "'; try again in "
              + seconds
              + " s (five failures in fifteen minutes hold a name off)");
    }
    Optional<Principal> who = accounts.login(user, password);
    if (who.isEmpty()) {
      throttle.failed(user, now);
      throw new ApiError(401, "bad_credentials", "the user name or the password is wrong");
    }
    throttle.succeeded(user);
    Principal p = who.get();
    String token = tokens.issue(p, now, SESSION);
    ctx.header(
        "Set-Cookie",
        COOKIE
            + "="
            + token
            + "; Path=/; Max-Age="
            + SESSION.toSeconds()
            + "; HttpOnly; SameSite=Strict");
    ObjectNode o = json.createObjectNode();
    o.put("token", token);
    o.put("tokenType", "Bearer");
    o.put("expiresIn", SESSION.toSeconds());
    o.put("role", p.role().name());
    p.customer().ifPresent(c -> o.put("customer", c));
    send(ctx, o);
  }

  /** OAuth2 client credentials (RFC 6749 section 4.4); errors in its own shape. */
  private void token(Context ctx) {
    String grant = Objects.requireNonNullElse(ctx.formParam("grant_type"), "");
    String id = Objects.requireNonNullElse(ctx.formParam("client_id"), "");
    String secret = Objects.requireNonNullElse(ctx.formParam("client_secret"), "");
    String basic = Objects.requireNonNullElse(ctx.header("Authorization"), "");
    boolean viaBasic = basic.regionMatches(true, 0, "Basic ", 0, 6);
    if (viaBasic) {
      try {
        String pair =
            new String(
                java.util.Base64.getDecoder().decode(basic.substring(6).trim()),
                StandardCharsets.UTF_8);
        int colon = pair.indexOf(':');
        if (colon < 0) {
          throw new IllegalArgumentException("no colon");
        }
        id = java.net.URLDecoder.decode(pair.substring(0, colon), StandardCharsets.UTF_8);
        secret = java.net.URLDecoder.decode(pair.substring(colon + 1), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        oauthError(
            ctx, 400, "invalid_request", "the Basic credentials are not base64 of id:secret");
        return;
      }
    }
    if (!grant.equals("client_credentials")) {
      oauthError(
          ctx,
          400,
          grant.isEmpty() ? "invalid_request" : "unsupported_grant_type",
          "grant_type must be client_credentials, was '" + grant + "'");
      return;
    }
    if (id.isEmpty() || secret.isEmpty()) {
      oauthError(
          ctx,
          400,
          "invalid_request",
          "give client_id and client_secret as form fields or as HTTP Basic credentials");
      return;
    }
    Optional<Principal> p = accounts.client(id, secret);
    if (p.isEmpty()) {
      if (viaBasic) {
        ctx.header("WWW-Authenticate", "Basic realm=\"openvpp\"");
      }
      oauthError(ctx, 401, "invalid_client", "unknown client or wrong secret");
      return;
    }
    ObjectNode o = json.createObjectNode();
    o.put("access_token", tokens.issue(p.get(), clock.instant(), CLIENT_TOKEN));
    o.put("token_type", "Bearer");
    o.put("expires_in", CLIENT_TOKEN.toSeconds());
    ctx.header("Cache-Control", "no-store");
    send(ctx, o);
  }

  private void oauthError(Context ctx, int status, String error, String description) {
    ObjectNode o = json.createObjectNode();
    o.put("error", error);
    o.put("error_description", description);
    ctx.status(status).header("Cache-Control", "no-store");
    send(ctx, o);
  }

  /**
   * The principal of a request to another part of the server (the dashboard's data), refused with
   * an {@link ApiError} (401 or 403) unless it has one of {@code roles}.
   */
  public Principal authorize(Context ctx, Role... roles) {
    return require(ctx, roles);
  }

  /** The principal of a request, refused unless it has one of {@code roles}. */
  private Principal require(Context ctx, Role... roles) {
    String header = Objects.requireNonNullElse(ctx.header("Authorization"), "");
    String token;
    if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      token = header.substring(7).trim();
    } else {
      token = Objects.requireNonNullElse(ctx.cookie(COOKIE), "");
    }
    if (token.isEmpty()) {
      throw new ApiError(
          401,
          "unauthenticated",
          "log in (POST /api/v1/auth/login) or get a client token (POST /api/v1/auth/token), then"
              + " send it as 'Authorization: Bearer <token>'");
    }
    Principal p =
        tokens
            .verify(token, clock.instant())
            .orElseThrow(
                () ->
                    new ApiError(
                        401,
                        "unauthenticated",
                        "the token is not valid (expired, or not signed by this server's key);"
                            + " log in again"));
    if (!accounts.exists(p.subject())) {
      // Removed since the token was issued: its sessions end with it.
      throw new ApiError(
          401, "unauthenticated", "the account '" + p.subject() + "' no longer exists");
    }
    for (Role r : roles) {
      if (p.role() == r) {
        return p;
      }
    }
    throw new ApiError(
        403,
        "forbidden",
        "a " + p.role() + " may not do this; it needs one of " + java.util.Arrays.toString(roles));
  }

  private static boolean sees(Principal p, DeviceView d) {
    return p.role().operator() || (p.customer().isPresent() && p.customer().equals(d.customer()));
  }

  private static boolean sees(Principal p, FleetView v, EventView e) {
    if (p.role() != Role.PARTICIPANT) {
      return true;
    }
    FleetView.CustomerView c = v.customers().get(p.customer().orElse(""));
    return c != null && c.programs().contains(e.programId());
  }

  // ---- Changes --------------------------------------------------------------------------------

  private void optOut(Context ctx) throws InterruptedException {
    Principal p = require(ctx, Role.OPERATOR_ADMIN, Role.PARTICIPANT);
    String site = text(body(ctx), "siteId");
    FleetView v = current();
    EventView e = eventOf(p, v, ctx.pathParam("id"));
    String target = e.id() + " " + site;
    if (p.role() == Role.PARTICIPANT) {
      FleetView.CustomerView c = v.customers().get(p.customer().orElse(""));
      if (c == null || !c.sites().contains(site)) {
        audit(p, "event.opt-out", target, "refused: not the participant's site");
        throw new ApiError(403, "forbidden", "site '" + site + "' is not one of yours");
      }
    }
    Instant applied = applied(p, "event.opt-out", target, inbox.optOut(e.id(), site));
    ObjectNode o = json.createObjectNode();
    o.put("eventId", e.id());
    o.put("siteId", site);
    o.put("at", applied.toString());
    ctx.status(201);
    send(ctx, o);
  }

  /** A participant (their own) or an operator admin revokes a consent. */
  private void revokeConsent(Context ctx) throws InterruptedException {
    change(
        ctx,
        "consent.revoke",
        "consentId",
        v -> v.consents().stream().map(c -> Map.entry(c.id(), c.customerId())).toList(),
        "no consent '%s'; GET /api/v1/consents lists yours",
        inbox::revokeConsent);
  }

  /** A participant (their own) or an operator admin withdraws an enrolment. */
  private void withdraw(Context ctx) throws InterruptedException {
    change(
        ctx,
        "enrolment.withdraw",
        "enrolmentId",
        v -> v.enrolments().stream().map(e -> Map.entry(e.id(), e.customerId())).toList(),
        "no enrolment '%s'; GET /api/v1/enrolments lists yours",
        inbox::withdraw);
  }

  /**
   * A change of the record named by the path's id, among {@code records} (id and customer) as the
   * caller may see them (another customer's is 404 to a participant), carried to the run and
   * audited; answers 201 with the record's id under {@code field} and when it was applied.
   */
  private void change(
      Context ctx,
      String action,
      String field,
      java.util.function.Function<FleetView, List<Map.Entry<String, String>>> records,
      String missing,
      java.util.function.Function<String, java.util.concurrent.CompletableFuture<Instant>> ask)
      throws InterruptedException {
    Principal p = require(ctx, Role.OPERATOR_ADMIN, Role.PARTICIPANT);
    onlyParams(ctx);
    String id = ctx.pathParam("id");
    boolean seen =
        records.apply(current()).stream()
            .anyMatch(r -> r.getKey().equals(id) && ownsOrOperates(p, r.getValue()));
    if (!seen) {
      throw ApiError.notFound(String.format(Locale.ROOT, missing, id));
    }
    Instant at = applied(p, action, id, ask.apply(id));
    ObjectNode o = json.createObjectNode();
    o.put(field, id);
    o.put("at", at.toString());
    ctx.status(201);
    send(ctx, o);
  }

  private static boolean ownsOrOperates(Principal p, String customer) {
    return p.role().operator() || p.customer().equals(Optional.of(customer));
  }

  private void preferences(Context ctx) throws InterruptedException {
    Principal p = require(ctx, Role.OPERATOR_ADMIN, Role.PARTICIPANT);
    DeviceView d = deviceOf(p, current(), ctx.pathParam("id"));
    JsonNode body = body(ctx);
    ApiInbox.Preferences asked;
    try {
      asked =
          new ApiInbox.Preferences(
              number(body, "reserveKwh"),
              number(body, "comfortLowC"),
              number(body, "comfortHighC"),
              time(body, "readyBy"));
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest(String.valueOf(e.getMessage()));
    }
    String target = d.id() + " " + body;
    Instant applied = applied(p, "device.preferences", target, inbox.preferences(d.id(), asked));
    ObjectNode o = json.createObjectNode();
    o.put("deviceId", d.id());
    o.put("at", applied.toString());
    send(ctx, o);
  }

  /**
   * Waits (at most 10 s) for the run to apply a change and audits how it ended: done; refused with
   * the run's reason (400 for a value the twin refuses, 409 for a rule of the books or a run that
   * is over); or not taken in time (503).
   */
  private Instant applied(
      Principal p, String action, String target, java.util.concurrent.CompletableFuture<Instant> f)
      throws InterruptedException {
    try {
      Instant at = f.get(10, TimeUnit.SECONDS);
      audit(p, action, target, "done");
      return at;
    } catch (ExecutionException x) {
      Throwable why = Objects.requireNonNullElse(x.getCause(), x);
      audit(p, action, target, "refused: " + why.getMessage());
      if (why instanceof IllegalArgumentException) {
        throw ApiError.badRequest(String.valueOf(why.getMessage()));
      }
      throw new ApiError(409, "conflict", String.valueOf(why.getMessage()));
    } catch (TimeoutException x) {
      audit(p, action, target, "refused: the run did not take it within 10 s");
      throw new ApiError(
          503, "not_ready", "the run did not take the change within 10 s; try again");
    }
  }

  /** The device {@code id} as {@code p} may see it, or 404 (another's device does not exist). */
  private static DeviceView deviceOf(Principal p, FleetView v, String id) {
    return v.devices().stream()
        .filter(x -> x.id().equals(id) && sees(p, x))
        .findFirst()
        .orElseThrow(
            () -> ApiError.notFound("no device '" + id + "'; GET /api/v1/devices lists yours"));
  }

  /** The event {@code id} as {@code p} may see it, or 404. */
  private static EventView eventOf(Principal p, FleetView v, String id) {
    return v.events().stream()
        .filter(x -> x.id().equals(id) && sees(p, v, x))
        .findFirst()
        .orElseThrow(
            () -> ApiError.notFound("no event '" + id + "'; GET /api/v1/events lists them"));
  }

  private static Optional<Double> number(JsonNode body, String field) {
    JsonNode n = body.get(field);
    if (n == null || n.isNull()) {
      return Optional.empty();
    }
    if (!n.isNumber() || !Double.isFinite(n.asDouble())) {
      throw new IllegalArgumentException(field + " must be a number, was " + n);
    }
    return Optional.of(n.asDouble());
  }

  private static Optional<java.time.LocalTime> time(JsonNode body, String field) {
    JsonNode n = body.get(field);
    if (n == null || n.isNull()) {
      return Optional.empty();
    }
    try {
      return Optional.of(java.time.LocalTime.parse(n.asText()));
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException(field + " must be a time of day like 07:30, was " + n);
    }
  }

  /** The newest finished run the platform kept, or 404 (the current run settles at its end). */
  private RunHistory.Run lastSettled() {
    return history
        .latestFinished()
        .orElseThrow(
            () ->
                ApiError.notFound(
                    "the event is settled when the run ends (from every site's meter); try again"
                        + " then"));
  }

  private String kept(String run, String kind, String key) {
    return history
        .document(run, kind, key)
        .map(RunHistory.Document::json)
        .orElseThrow(() -> ApiError.notFound("run " + run + " kept no " + kind));
  }

  private ObjectNode settlementJson(SettlementView v, String run) {
    ObjectNode o = json.createObjectNode();
    if (!run.isEmpty()) {
      o.put("runId", run);
    }
    o.put("eventId", v.eventId());
    o.put("participants", v.participants());
    o.put("earning", v.earning());
    o.put("deliveredKwh", v.deliveredKwh());
    o.put("committedKwh", v.committedKwh());
    o.put("paidUsd", v.paidUsd());
    o.put("ledgerTotalUsd", v.ledgerTotalUsd());
    return o;
  }

  private ObjectNode statementSummary(ObjectNode full) {
    ObjectNode n = json.createObjectNode();
    for (String f : List.of("customerId", "month", "earnedUsd", "closingUsd")) {
      n.set(f, full.get(f));
    }
    return n;
  }

  private ObjectNode run(RunHistory.Run r) {
    ObjectNode n = json.createObjectNode();
    n.put("id", r.id());
    n.put("scenario", r.scenario());
    n.put("homes", r.homes());
    n.put("hours", r.hours());
    n.put("seed", r.seed());
    n.put("startedAt", r.startedAt().toString());
    n.put("state", r.state());
    r.endedAt().ifPresent(t -> n.put("endedAt", t.toString()));
    r.eventId().ifPresent(e -> n.put("eventId", e));
    r.summary().ifPresent(x -> n.put("summary", x));
    return n;
  }

  private JsonNode parse(String text) {
    try {
      return json.readTree(text);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a kept document is not JSON: " + e.getMessage(), e);
    }
  }

  private static void sendRaw(Context ctx, String jsonText) {
    ctx.contentType("application/json").result(jsonText);
  }

  private ObjectNode statement(org.openvpp.settle.Statement st) {
    ObjectNode n = json.createObjectNode();
    n.put("customerId", st.customerId());
    n.put("month", st.month().toString());
    n.put("openingUsd", st.opening().amount().toPlainString());
    n.put("earnedUsd", st.earned().amount().toPlainString());
    n.put("closingUsd", st.closing().amount().toPlainString());
    ArrayNode lines = n.putArray("lines");
    for (var l : st.lines()) {
      ObjectNode x = lines.addObject();
      x.put("transactionId", l.transactionId());
      x.put("kind", l.kind().name());
      x.put("reference", l.reference());
      x.put("amountUsd", l.amount().amount().toPlainString());
    }
    ArrayNode events = n.putArray("events");
    for (var e : st.events()) {
      ObjectNode x = events.addObject();
      x.put("siteId", e.siteId());
      x.put("eventId", e.eventId());
      x.put("baselineKwh", e.baseline().kilowattHours());
      x.put("meteredKwh", e.metered().kilowattHours());
      x.put("deliveredKwh", e.delivered().kilowattHours());
    }
    return n;
  }

  // ---- Accounts -------------------------------------------------------------------------------

  private ObjectNode account(Accounts.Account a) {
    ObjectNode n = json.createObjectNode();
    n.put("name", a.name());
    n.put("role", a.role().name());
    a.customer().ifPresent(c -> n.put("customer", c));
    n.put("machine", a.machine());
    return n;
  }

  /**
   * An operator admin makes an account: a person (a new password, shown once) or a machine client
   * (a new client secret, shown once).
   */
  private void addAccount(Context ctx) {
    Principal p = require(ctx, Role.OPERATOR_ADMIN);
    JsonNode body = body(ctx);
    String name = text(body, "name");
    String roleText = text(body, "role");
    Role role;
    try {
      role = Role.valueOf(roleText);
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest(
          "role must be one of "
              + java.util.Arrays.toString(Role.values())
              + ", was '"
              + roleText
              + "'");
    }
    JsonNode machineNode = body.path("machine");
    if (!machineNode.isMissingNode() && !machineNode.isBoolean()) {
      throw ApiError.badRequest("machine must be true or false, was " + machineNode);
    }
    boolean machine = machineNode.asBoolean(false);
    Optional<String> customer =
        body.hasNonNull("customer") ? Optional.of(text(body, "customer")) : Optional.empty();
    if (role == Role.PARTICIPANT && customer.isEmpty()) {
      throw ApiError.badRequest("a PARTICIPANT account needs the customer it belongs to");
    }
    if (role != Role.PARTICIPANT && customer.isPresent()) {
      throw ApiError.badRequest("only a PARTICIPANT account belongs to a customer");
    }
    Optional<FleetView> v = view.get();
    if (customer.isPresent() && v.isPresent() && !v.get().customers().containsKey(customer.get())) {
      throw ApiError.badRequest(
          "no customer '" + customer.get() + "' is enrolled; GET /api/v1/statements lists them");
    }
    String target = name + " " + role + customer.map(c -> " " + c).orElse("");
    String secret;
    try {
      if (machine) {
        secret = accounts.addClient(name, role);
      } else {
        secret = Accounts.newSecret();
        accounts.addUser(name, secret, role, customer);
      }
    } catch (IllegalArgumentException e) {
      audit(p, "account.create", target, "refused: " + e.getMessage());
      String why = String.valueOf(e.getMessage());
      throw why.contains("taken") ? new ApiError(409, "conflict", why) : ApiError.badRequest(why);
    }
    audit(p, "account.create", target, "done");
    ObjectNode o = json.createObjectNode();
    o.put("name", name);
    o.put("role", role.name());
    customer.ifPresent(c -> o.put("customer", c));
    o.put("machine", machine);
    o.put(machine ? "clientSecret" : "password", secret);
    ctx.status(201).header("Cache-Control", "no-store");
    send(ctx, o);
  }

  /** An operator admin removes an account (not their own): its tokens stop working at once. */
  private void removeAccount(Context ctx) {
    Principal p = require(ctx, Role.OPERATOR_ADMIN);
    onlyParams(ctx);
    String name = ctx.pathParam("name");
    if (name.equals(p.subject())) {
      audit(p, "account.remove", name, "refused: one's own account");
      throw new ApiError(
          409, "conflict", "an operator admin may not remove their own account; ask another");
    }
    if (!accounts.exists(name)) {
      throw ApiError.notFound("no account '" + name + "'; GET /api/v1/accounts lists them");
    }
    accounts.remove(name);
    audit(p, "account.remove", name, "done");
    ctx.status(204);
  }

  /** A person changes their own password, giving the current one. */
  private void changePassword(Context ctx) {
    Principal p = require(ctx, Role.values());
    JsonNode body = body(ctx);
    String current = text(body, "currentPassword");
    String next = text(body, "newPassword");
    Instant now = clock.instant();
    if (accounts.account(p.subject()).map(Accounts.Account::machine).orElse(true)) {
      throw new ApiError(
          403, "forbidden", "a machine client has a secret, not a password; make a new client");
    }
    Optional<Duration> wait = throttle.wait(p.subject(), now);
    if (wait.isPresent()) {
      ctx.header("Retry-After", Long.toString(Math.max(1, wait.get().toSeconds())));
      throw new ApiError(
          429, "too_many_attempts", "too many wrong passwords; try again in a few minutes");
    }
    if (accounts.login(p.subject(), current).isEmpty()) {
      throttle.failed(p.subject(), now);
      audit(p, "account.password", p.subject(), "refused: the current password is wrong");
      throw new ApiError(401, "bad_credentials", "the current password is wrong");
    }
    try {
      accounts.setPassword(p.subject(), next);
    } catch (IllegalArgumentException e) {
      audit(p, "account.password", p.subject(), "refused: " + e.getMessage());
      throw ApiError.badRequest(String.valueOf(e.getMessage()));
    }
    throttle.succeeded(p.subject());
    audit(p, "account.password", p.subject(), "done");
    ctx.status(204);
  }

  private void audit(Principal p, String action, String target, String outcome) {
    audit.append(
        new AuditLog.Entry(clock.instant(), p.subject(), p.role(), action, target, outcome));
  }

  private ObjectNode auditPage(Context ctx) {
    return paged(
        ctx,
        Optional.empty(),
        audit.entries(),
        a -> {
          ObjectNode n = json.createObjectNode();
          n.put("at", a.at().toString());
          n.put("subject", a.subject());
          n.put("role", a.role().name());
          n.put("action", a.action());
          n.put("target", a.target());
          n.put("outcome", a.outcome());
          return n;
        });
  }

  private JsonNode body(Context ctx) {
    try {
      JsonNode n = json.readTree(ctx.body());
      if (n == null || !n.isObject()) {
        throw ApiError.badRequest("the body must be a JSON object");
      }
      return n;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw ApiError.badRequest(
          "the body is not JSON: "
              + e.getOriginalMessage()
              + " (send Content-Type application/json)");
    }
  }

  private static String text(JsonNode body, String field) {
    JsonNode n = body.get(field);
    if (n == null || !n.isTextual() || n.asText().isEmpty()) {
      throw ApiError.badRequest("the body needs a non-empty string field '" + field + "'");
    }
    return n.asText();
  }

  private FleetView current() {
    return view.get()
        .orElseThrow(
            () ->
                new ApiError(
                    503,
                    "not_ready",
                    "the VPP has not published its state yet (the fleet is still connecting); try"
                        + " again in a few seconds"));
  }

  private void send(Context ctx, ObjectNode body) {
    ctx.contentType("application/json").result(body.toString());
  }

  private ObjectNode fleet(FleetView v) {
    ObjectNode o = json.createObjectNode();
    o.put("at", v.at().toString());
    ArrayNode groups = o.putArray("groups");
    for (GroupView g : v.groups()) {
      ObjectNode n = groups.addObject();
      n.put("id", g.id());
      g.parent().ifPresent(x -> n.put("parent", x));
      n.put("devices", g.devices());
      n.put("online", g.online());
      n.put("powerKw", g.powerKw());
      n.put("storedKwh", g.storedKwh());
      n.put("dischargeableKwh", g.dischargeableKwh());
      n.put("chargeableKwh", g.chargeableKwh());
      n.put("availableDischargeKw", g.availableDischargeKw());
      n.put("availableChargeKw", g.availableChargeKw());
    }
    return o;
  }

  // ---- Groups, enrolment, dispatch, flexibility, prices, M&V ----------------------------------

  private ObjectNode groups(Context ctx, FleetView v) {
    Predicate<GroupView> keep = g -> true;
    String parent = ctx.queryParam("parent");
    if (parent != null) {
      groupOf(v, parent);
      keep = g -> g.parent().equals(Optional.of(parent));
    }
    return paged(
        ctx, Optional.of(v.at()), v.groups().stream().filter(keep).toList(), g -> group(v, g));
  }

  private ObjectNode group(FleetView v, String id) {
    return group(v, groupOf(v, id));
  }

  private static GroupView groupOf(FleetView v, String id) {
    return v.groups().stream()
        .filter(g -> g.id().equals(id))
        .findFirst()
        .orElseThrow(
            () -> ApiError.notFound("no group '" + id + "'; GET /api/v1/groups lists them"));
  }

  private ObjectNode group(FleetView v, GroupView g) {
    ObjectNode n = json.createObjectNode();
    n.put("id", g.id());
    g.parent().ifPresent(x -> n.put("parent", x));
    ArrayNode children = n.putArray("children");
    v.groups().stream()
        .filter(c -> c.parent().equals(Optional.of(g.id())))
        .forEach(c -> children.add(c.id()));
    n.put("devices", g.devices());
    n.put("online", g.online());
    n.put("powerKw", g.powerKw());
    n.put("storedKwh", g.storedKwh());
    n.put("dischargeableKwh", g.dischargeableKwh());
    n.put("chargeableKwh", g.chargeableKwh());
    n.put("availableDischargeKw", g.availableDischargeKw());
    n.put("availableChargeKw", g.availableChargeKw());
    return n;
  }

  /**
   * The customer a list is filtered to: the one asked for, and for a participant their own (asking
   * for another's is refused).
   */
  private static Optional<String> customerFilter(Context ctx, Principal p) {
    String asked = ctx.queryParam("customer");
    if (p.role() != Role.PARTICIPANT) {
      return Optional.ofNullable(asked);
    }
    String own = p.customer().orElse("");
    if (asked != null && !asked.equals(own)) {
      throw new ApiError(
          403,
          "forbidden",
          "a participant sees only their own; leave out customer or give yours ('" + own + "')");
    }
    return Optional.of(own);
  }

  private static String programFilter(FleetView v, String program) {
    List<String> ids = v.programs().stream().map(ProgramView::id).sorted().toList();
    if (!ids.contains(program)) {
      throw ApiError.badRequest("program must be one of " + ids + ", was '" + program + "'");
    }
    return program;
  }

  private static String oneOf(String name, String value, Set<String> allowed) {
    String s = value.toUpperCase(Locale.ROOT);
    if (!allowed.contains(s)) {
      throw ApiError.badRequest(
          name + " must be one of " + sorted(allowed) + " (any case), was '" + value + "'");
    }
    return s;
  }

  /**
   * The records of {@code all} a request's query filters keep: by customer (a participant: only
   * their own), by site, by state (one of {@code states}, any case), and by program ({@code
   * inProgram} says whether a record belongs to the program of that id).
   */
  private <T> List<T> filtered(
      Context ctx,
      Principal p,
      FleetView v,
      List<T> all,
      java.util.function.Function<T, String> customerOf,
      java.util.function.Function<T, String> siteOf,
      java.util.function.Function<T, String> stateOf,
      Set<String> states,
      java.util.function.BiPredicate<T, String> inProgram) {
    Predicate<T> keep = x -> true;
    Optional<String> customer = customerFilter(ctx, p);
    if (customer.isPresent()) {
      keep = keep.and(x -> customerOf.apply(x).equals(customer.get()));
    }
    String program = ctx.queryParam("program");
    if (program != null) {
      String id = programFilter(v, program);
      keep = keep.and(x -> inProgram.test(x, id));
    }
    String site = ctx.queryParam("site");
    if (site != null) {
      keep = keep.and(x -> siteOf.apply(x).equals(site));
    }
    String state = ctx.queryParam("state");
    if (state != null) {
      String s = oneOf("state", state, states);
      keep = keep.and(x -> stateOf.apply(x).equals(s));
    }
    return all.stream().filter(keep).toList();
  }

  private ObjectNode enrolments(Context ctx, FleetView v, Principal p) {
    List<FleetView.EnrolmentView> kept =
        filtered(
            ctx,
            p,
            v,
            v.enrolments(),
            FleetView.EnrolmentView::customerId,
            FleetView.EnrolmentView::siteId,
            FleetView.EnrolmentView::state,
            ENROLMENT_STATES,
            (e, program) -> e.programId().equals(program));
    return paged(
        ctx,
        Optional.of(v.at()),
        kept,
        e -> {
          ObjectNode n = json.createObjectNode();
          n.put("id", e.id());
          n.put("programId", e.programId());
          n.put("siteId", e.siteId());
          n.put("customerId", e.customerId());
          ArrayNode devices = n.putArray("devices");
          e.devices().forEach(devices::add);
          n.put("consentId", e.consentId());
          n.put("state", e.state());
          n.put("requestedAt", e.requestedAt().toString());
          e.enrolledAt().ifPresent(t -> n.put("enrolledAt", t.toString()));
          e.withdrawnAt().ifPresent(t -> n.put("withdrawnAt", t.toString()));
          n.put("capacityKw", e.capacityKw());
          return n;
        });
  }

  private ObjectNode consents(Context ctx, FleetView v, Principal p) {
    List<FleetView.ConsentView> kept =
        filtered(
            ctx,
            p,
            v,
            v.consents(),
            FleetView.ConsentView::customerId,
            FleetView.ConsentView::siteId,
            FleetView.ConsentView::state,
            CONSENT_STATES,
            // a consent is in a program when one of the program's enrolments rests on it
            (c, program) ->
                v.enrolments().stream()
                    .anyMatch(e -> e.programId().equals(program) && e.consentId().equals(c.id())));
    return paged(
        ctx,
        Optional.of(v.at()),
        kept,
        c -> {
          ObjectNode n = json.createObjectNode();
          n.put("id", c.id());
          n.put("siteId", c.siteId());
          n.put("customerId", c.customerId());
          n.put("grantedBy", c.grantedBy());
          n.put("grantedAt", c.grantedAt().toString());
          ArrayNode scopes = n.putArray("scopes");
          c.scopes().forEach(scopes::add);
          c.expires().ifPresent(t -> n.put("expires", t.toString()));
          c.revokedAt().ifPresent(t -> n.put("revokedAt", t.toString()));
          n.put("state", c.state());
          return n;
        });
  }

  private ObjectNode dispatch(FleetView v) {
    ObjectNode o = json.createObjectNode();
    o.put("at", v.at().toString());
    ArrayNode items = o.putArray("items");
    for (FleetView.Dispatch d : v.dispatch()) {
      ObjectNode n = items.addObject();
      n.put("programId", d.programId());
      n.put("kind", d.kind());
      d.targetKw().ifPresent(x -> n.put("targetKw", x));
      d.reductionAskedKw().ifPresent(x -> n.put("reductionAskedKw", x));
      n.put("measuredKw", d.measuredKw());
      n.put("commandsSent", d.commandsSent());
      n.put("devices", d.devices());
      n.put("online", d.online());
      n.put("excluded", d.excluded());
      n.put("optedOut", d.optedOut());
    }
    return o;
  }

  private ObjectNode flexibility(FleetView v) {
    FleetView.Flexibility f =
        v.flexibility()
            .orElseThrow(
                () ->
                    new ApiError(
                        409,
                        "not_ready",
                        "the run forecasts the fleet's flexibility at its start and every 15"
                            + " minutes; it has not made a forecast yet: try again shortly"));
    ObjectNode o = json.createObjectNode();
    o.put("at", v.at().toString());
    o.put("madeAt", f.madeAt().toString());
    o.put("offlineRate", f.offlineRate());
    o.put("devices", f.devices());
    o.put("errorSamples", f.errorSamples());
    o.put("sustainMinutes", 60);
    bands(o.putArray("latest"), f.latest());
    bands(o.putArray("first"), f.first());
    bands(o.putArray("hourAhead"), f.hourAhead());
    ArrayNode measured = o.putArray("measured");
    for (FleetView.Measured m : f.measured()) {
      ObjectNode n = measured.addObject();
      n.put("at", m.at().toString());
      n.put("availableKw", m.kw());
    }
    return o;
  }

  private static void bands(ArrayNode into, List<FleetView.Band> bands) {
    for (FleetView.Band b : bands) {
      ObjectNode n = into.addObject();
      n.put("start", b.start().toString());
      n.put("end", b.end().toString());
      n.put("p10Kw", b.p10Kw());
      n.put("p50Kw", b.p50Kw());
      n.put("p90Kw", b.p90Kw());
    }
  }

  private ObjectNode prices(FleetView v) {
    if (v.prices().isEmpty()) {
      throw ApiError.notFound(
          "this run's scenario has no day-ahead prices (prices: none); run a scenario with"
              + " prices: caiso-2019 to see them");
    }
    ObjectNode o = json.createObjectNode();
    o.put("at", v.at().toString());
    o.put("currency", "USD");
    ArrayNode items = o.putArray("items");
    for (FleetView.Price p : v.prices()) {
      ObjectNode n = items.addObject();
      n.put("start", p.start().toString());
      n.put("end", p.end().toString());
      n.put("usdPerMwh", p.usdPerMwh().toPlainString());
    }
    return o;
  }

  private ObjectNode performance(EventView e) {
    Optional<PerformanceView> measured = performance.get();
    if (measured.isPresent() && !measured.get().eventId().equals(e.id())) {
      throw ApiError.notFound(
          "event '"
              + e.id()
              + "' is not measured: the run measures its battery event ('"
              + measured.get().eventId()
              + "')");
    }
    PerformanceView p =
        measured.orElseThrow(
            () ->
                new ApiError(
                    409,
                    "not_ready",
                    "event '"
                        + e.id()
                        + "' is "
                        + e.state().toLowerCase(Locale.ROOT)
                        + "; it is measured (M&V, from the meters against the counterfactual)"
                        + " when the run has ended: try again then"));
    ObjectNode o = json.createObjectNode();
    o.put("eventId", p.eventId());
    o.put("programId", p.programId());
    o.put("committedKwh", p.committedKwh());
    o.put("deliveredKwh", p.deliveredKwh());
    o.put("shortfallKwh", p.shortfallKwh());
    o.put("deliveredRatio", p.deliveredRatio());
    ArrayNode items = o.putArray("intervals");
    for (PerformanceView.Interval i : p.intervals()) {
      ObjectNode n = items.addObject();
      n.put("start", i.start().toString());
      n.put("end", i.end().toString());
      n.put("baselineKw", i.baselineKw());
      n.put("meteredKw", i.meteredKw());
      n.put("committedKw", i.committedKw());
      n.put("deliveredKw", i.deliveredKw());
      n.put("shortfallKw", i.shortfallKw());
    }
    return o;
  }

  /**
   * Refuses a query parameter the endpoint does not take (a typo would otherwise filter nothing).
   */
  private static void onlyParams(Context ctx, String... allowed) {
    for (String name : ctx.queryParamMap().keySet()) {
      if (!List.of(allowed).contains(name)) {
        throw ApiError.badRequest(
            "unknown query parameter '"
                + name
                + "'; "
                + (allowed.length == 0
                    ? "this endpoint takes none"
                    : "this endpoint takes " + String.join(", ", allowed)));
      }
    }
  }

  private ObjectNode devices(Context ctx, FleetView v, Principal p) {
    Predicate<DeviceView> keep = d -> sees(p, d);
    String kind = ctx.queryParam("kind");
    if (kind != null) {
      String k = kind.toUpperCase(Locale.ROOT);
      if (!KINDS.contains(k)) {
        throw ApiError.badRequest(
            "kind must be one of " + sorted(KINDS) + " (any case), was '" + kind + "'");
      }
      keep = keep.and(d -> d.kind().equals(k));
    }
    String online = ctx.queryParam("online");
    if (online != null) {
      boolean want = bool("online", online);
      keep = keep.and(d -> d.online() == want);
    }
    return paged(
        ctx, Optional.of(v.at()), v.devices().stream().filter(keep).toList(), this::device);
  }

  private ObjectNode device(DeviceView d) {
    ObjectNode n = json.createObjectNode();
    n.put("id", d.id());
    d.site().ifPresent(x -> n.put("siteId", x));
    d.customer().ifPresent(x -> n.put("customerId", x));
    n.put("kind", d.kind());
    n.put("online", d.online());
    n.put("optedOut", d.optedOut());
    n.put("powerKw", d.powerKw());
    n.put("storedKwh", d.storedKwh());
    d.temperatureC().ifPresent(t -> n.put("temperatureC", t));
    d.pluggedIn().ifPresent(p -> n.put("pluggedIn", p));
    ObjectNode pref = n.putObject("preferences");
    d.preferences().reserveKwh().ifPresent(x -> pref.put("reserveKwh", x));
    d.preferences().comfortLowC().ifPresent(x -> pref.put("comfortLowC", x));
    d.preferences().comfortHighC().ifPresent(x -> pref.put("comfortHighC", x));
    d.preferences().readyBy().ifPresent(x -> pref.put("readyBy", x.toString()));
    return n;
  }

  private ObjectNode programs(FleetView v) {
    ObjectNode o = json.createObjectNode();
    o.put("at", v.at().toString());
    ArrayNode items = o.putArray("items");
    for (ProgramView p : v.programs()) {
      ObjectNode n = items.addObject();
      n.put("id", p.id());
      n.put("name", p.name());
      n.put("kind", p.kind());
      n.put("capacityCapKw", p.capacityCapKw());
      n.put("enrolled", p.enrolled());
      n.put("waiting", p.waiting());
    }
    return o;
  }

  private ObjectNode events(Context ctx, FleetView v, Principal p) {
    Predicate<EventView> keep = e -> sees(p, v, e);
    String state = ctx.queryParam("state");
    if (state != null) {
      String s = state.toUpperCase(Locale.ROOT);
      if (!STATES.contains(s)) {
        throw ApiError.badRequest(
            "state must be one of " + sorted(STATES) + " (any case), was '" + state + "'");
      }
      keep = keep.and(e -> e.state().equals(s));
    }
    String program = ctx.queryParam("program");
    if (program != null) {
      keep = keep.and(e -> e.programId().equals(program));
    }
    return paged(ctx, Optional.of(v.at()), v.events().stream().filter(keep).toList(), this::event);
  }

  private ObjectNode event(EventView e) {
    ObjectNode n = json.createObjectNode();
    n.put("id", e.id());
    n.put("programId", e.programId());
    n.put("state", e.state());
    n.put("start", e.start().toString());
    n.put("end", e.end().toString());
    e.requestedKw().ifPresent(kw -> n.put("requestedKw", kw));
    n.put("participants", e.participants());
    n.put("optedOut", e.optedOut());
    return n;
  }

  /**
   * One page of {@code all}, by the request's offset and limit: the fields at (when the view was
   * taken, where there is one), offset, limit, total, and the page's items, each made by {@code
   * item}.
   */
  private <T> ObjectNode paged(
      Context ctx,
      Optional<Instant> at,
      List<T> all,
      java.util.function.Function<T, ObjectNode> item) {
    int offset = intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE);
    int limit = intParam(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    ObjectNode o = json.createObjectNode();
    at.ifPresent(t -> o.put("at", t.toString()));
    o.put("offset", offset);
    o.put("limit", limit);
    o.put("total", all.size());
    ArrayNode items = o.putArray("items");
    for (int i = offset; i < Math.min(all.size(), offset + (long) limit); i++) {
      items.add(item.apply(all.get(i)));
    }
    return o;
  }

  private static int intParam(Context ctx, String name, int fallback, int min, int max) {
    String text = ctx.queryParam(name);
    if (text == null) {
      return fallback;
    }
    try {
      int v = Integer.parseInt(text.trim());
      if (v >= min && v <= max) {
        return v;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw ApiError.badRequest(
        name
            + " must be a whole number in "
            + min
            + ".."
            + (max == Integer.MAX_VALUE ? "" : String.valueOf(max))
            + ", was '"
            + text
            + "'");
  }

  private static boolean bool(String name, String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw ApiError.badRequest(name + " must be true or false, was '" + text + "'");
    };
  }

  private static List<String> sorted(Set<String> s) {
    return s.stream().sorted().toList();
  }

  private static String resource(String name) {
    try (InputStream in = Api.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name + "; the build is incomplete");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
