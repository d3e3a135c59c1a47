package org.openvpp.server.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.openvpp.program.Customer;
import org.openvpp.server.security.Accounts;
import org.openvpp.server.security.Principal;
import org.openvpp.server.security.Role;
import org.openvpp.service.register.Register;

/**
 * Logging in (people: name and password, a session cookie; machine clients: OAuth2 client
 * credentials), who one is, one's password, the accounts an operator admin keeps, and a person's
 * sign-up: a new customer in the register with a participant account of their own.
 */
final class AuthRoutes {
  /** How long a person's login lasts. */
  static final Duration SESSION = Duration.ofHours(8);

  /** How long a machine client's token lasts. */
  static final Duration CLIENT_TOKEN = Duration.ofHours(1);

  private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
  private static final int MIN_PASSWORD = 12;

  record Login(String username, String password) {}

  record LoginAnswer(
      String token, String tokenType, long expiresIn, String role, Optional<String> customer) {}

  /**
   * Who the caller is, and the zone their times are shown in.
   *
   * @param zone the service's zone ({@code service.zone}, an IANA name), in which it reckons days,
   *     months and event windows: the fleet's and its customers' local time
   */
  record Me(String subject, String role, Optional<String> customer, String zone) {}

  record PasswordChange(String currentPassword, String newPassword) {}

  record AccountRequest(
      String name, String role, Optional<String> customer, Optional<Boolean> machine) {}

  record AccountView(String name, String role, Optional<String> customer, boolean machine) {
    static AccountView of(Accounts.Account a) {
      return new AccountView(a.name(), a.role().name(), a.customer(), a.machine());
    }
  }

  record NewAccount(
      String name,
      String role,
      Optional<String> customer,
      boolean machine,
      Optional<String> password,
      Optional<String> clientSecret) {}

  record SignUp(String name, String username, String password) {}

  record SignedUp(
      String username,
      String customerId,
      String role,
      String token,
      String tokenType,
      long expiresIn) {}

  record ClientToken(String access_token, String token_type, long expires_in) {}

  record OAuthError(String error, String error_description) {}

  private final Security security;
  private final Register register;
  private final Audit audit;
  private final ZoneId zone;

  AuthRoutes(Security security, Register register, Audit audit, ZoneId zone) {
    this.security = security;
    this.register = register;
    this.audit = audit;
    this.zone = zone;
  }

  void declare(Routes r) {
    r.open(HandlerType.POST, "/api/v1/auth/login", this::login);
    r.open(HandlerType.POST, "/api/v1/auth/token", this::token);
    r.open(
        HandlerType.POST,
        "/api/v1/auth/logout",
        ctx -> {
          ctx.res()
              .addHeader(
                  "Set-Cookie", Gate.COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");
          ctx.res().addHeader("Set-Cookie", Gate.MARKER + "=; Path=/; Max-Age=0; SameSite=Strict");
          ctx.status(204);
        });
    r.open(HandlerType.POST, "/api/v1/signup", this::signUp);
    r.get(
        "/api/v1/me",
        Roles.EVERYONE,
        List.of(),
        (ctx, p) -> new Me(p.subject(), p.role().name(), p.customer(), zone.getId()));
    r.post("/api/v1/me/password", "account.password", Roles.EVERYONE, this::changePassword);
    r.get(
        "/api/v1/accounts",
        Roles.ADMIN,
        Page.PARAMS,
        (ctx, p) -> Page.of(ctx, security.accounts().list(), AccountView::of));
    r.post("/api/v1/accounts", "account.create", Roles.ADMIN, this::addAccount);
    r.delete("/api/v1/accounts/{name}", "account.remove", Roles.ADMIN, this::removeAccount);
  }

  private void login(Context ctx) {
    Login body = Bodies.json(ctx, Login.class);
    Instant now = security.wall().instant();
    Optional<Duration> wait = security.logins().wait(body.username(), now);
    if (wait.isPresent()) {
      throw tooMany(
          ctx,
          wait.get(),
          "too many failed logins of '"
              + body.username()
              + "'; five failures in fifteen minutes hold a name off");
    }
    Optional<Principal> who = security.accounts().login(body.username(), body.password());
    if (who.isEmpty()) {
      security.logins().failed(body.username(), now);
      throw new ApiError(401, "bad_credentials", "the user name or the password is wrong");
    }
    security.logins().succeeded(body.username());
    Principal p = who.get();
    String token = session(ctx, p, now);
    Routes.send(
        ctx,
        Routes.Answer.ok(
            new LoginAnswer(token, "Bearer", SESSION.toSeconds(), p.role().name(), p.customer())));
  }

  /** Issues a session token for {@code p} and sets it as the cookie. */
  private String session(Context ctx, Principal p, Instant now) {
    String token = security.tokens().issue(p, now, SESSION);
    ctx.res()
        .addHeader(
            "Set-Cookie",
            Gate.COOKIE
                + "="
                + token
                + "; Path=/; Max-Age="
                + SESSION.toSeconds()
                + "; HttpOnly; SameSite=Strict");
    // A marker the pages' script may read (the session cookie is HttpOnly): whether to ask who
    // is logged in at all, so a visitor's page does not start with a refused request.
    ctx.res()
        .addHeader(
            "Set-Cookie",
            Gate.MARKER + "=1; Path=/; Max-Age=" + SESSION.toSeconds() + "; SameSite=Strict");
    return token;
  }

  private static ApiError tooMany(Context ctx, Duration wait, String why) {
    long seconds = Math.max(1, wait.toSeconds());
    ctx.header("Retry-After", Long.toString(seconds));
    return new ApiError(429, "too_many_attempts", why + "; try again in " + seconds + " s");
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
                Base64.getDecoder().decode(basic.substring(6).trim()), StandardCharsets.UTF_8);
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
    Optional<Principal> p = security.accounts().client(id, secret);
    if (p.isEmpty()) {
      if (viaBasic) {
        ctx.header("WWW-Authenticate", "Basic realm=\"openvpp\"");
      }
      oauthError(ctx, 401, "invalid_client", "unknown client or wrong secret");
      return;
    }
    ctx.header("Cache-Control", "no-store");
    Routes.send(
        ctx,
        Routes.Answer.ok(
            new ClientToken(
                security.tokens().issue(p.get(), security.wall().instant(), CLIENT_TOKEN),
                "Bearer",
                CLIENT_TOKEN.toSeconds())));
  }

  private static void oauthError(Context ctx, int status, String error, String description) {
    ctx.header("Cache-Control", "no-store");
    Routes.send(ctx, new Routes.Answer(status, Optional.of(new OAuthError(error, description))));
  }

  /**
   * A person signs up: their customer is added to the register and a participant account made for
   * it; they are logged in at once. Throttled per source address; audited as the new user.
   */
  private void signUp(Context ctx) {
    Instant wall = security.wall().instant();
    String address = ctx.ip();
    Optional<Duration> wait = security.signUps().wait(address, wall);
    if (wait.isPresent()) {
      throw tooMany(ctx, wait.get(), "too many sign-ups from this address");
    }
    security.signUps().failed(address, wall);
    String subject = "anonymous";
    String target = "sign-up from " + address;
    try {
      SignUp body = Bodies.json(ctx, SignUp.class);
      subject = body.username();
      String name = body.name().strip();
      if (name.isEmpty() || name.length() > 200) {
        throw ApiError.badRequest("name must be 1-200 characters, was '" + body.name() + "'");
      }
      if (!USERNAME.matcher(body.username()).matches()) {
        throw ApiError.badRequest(
            "username is 1-64 letters, digits or . _ @ -, was '" + body.username() + "'");
      }
      if (body.password().length() < MIN_PASSWORD) {
        throw ApiError.badRequest(
            "a password has at least " + MIN_PASSWORD + " characters; choose a longer one");
      }
      if (security.accounts().exists(body.username())) {
        throw ApiError.conflict(
            "the username '" + body.username() + "' is taken; choose another", "DUPLICATE");
      }
      Customer c = register.addCustomer(Optional.empty(), name);
      target = "customer " + c.id();
      try {
        security
            .accounts()
            .addUser(body.username(), body.password(), Role.PARTICIPANT, Optional.of(c.id()));
      } catch (IllegalArgumentException e) {
        String why = String.valueOf(e.getMessage());
        throw why.contains("taken")
            ? ApiError.conflict(why, "DUPLICATE")
            : ApiError.badRequest(why);
      }
      Principal p = new Principal(body.username(), Role.PARTICIPANT, Optional.of(c.id()));
      String token = session(ctx, p, wall);
      audit.write(subject, Role.PARTICIPANT, "signup", target, "done");
      Routes.send(
          ctx,
          Routes.Answer.created(
              new SignedUp(
                  body.username(),
                  c.id(),
                  Role.PARTICIPANT.name(),
                  token,
                  "Bearer",
                  SESSION.toSeconds())));
    } catch (ApiError e) {
      audit.write(subject, Role.PARTICIPANT, "signup", target, Audit.outcome(e));
      throw e;
    }
  }

  /** A person changes their own password, giving the current one. */
  private Routes.Answer changePassword(Context ctx, Principal p, Routes.Change c) {
    c.target(p.subject());
    if (security.accounts().account(p.subject()).map(Accounts.Account::machine).orElse(true)) {
      throw ApiError.forbidden("a machine client has a secret, not a password; make a new client");
    }
    PasswordChange body = Bodies.json(ctx, PasswordChange.class);
    Instant now = security.wall().instant();
    Optional<Duration> wait = security.logins().wait(p.subject(), now);
    if (wait.isPresent()) {
      throw tooMany(ctx, wait.get(), "too many wrong passwords");
    }
    if (security.accounts().login(p.subject(), body.currentPassword()).isEmpty()) {
      security.logins().failed(p.subject(), now);
      throw new ApiError(401, "bad_credentials", "the current password is wrong");
    }
    security.accounts().setPassword(p.subject(), body.newPassword());
    security.logins().succeeded(p.subject());
    return Routes.Answer.none();
  }

  /**
   * An operator admin makes an account: a person (a first password, shown once) or a machine client
   * (a client secret, shown once).
   */
  private Routes.Answer addAccount(Context ctx, Principal p, Routes.Change c) {
    AccountRequest body = Bodies.json(ctx, AccountRequest.class);
    Role role;
    try {
      role = Role.valueOf(body.role());
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest(
          "role must be one of " + Arrays.toString(Role.values()) + ", was '" + body.role() + "'");
    }
    boolean machine = body.machine().orElse(false);
    c.target(body.name() + " " + role + body.customer().map(x -> " " + x).orElse(""));
    if (role == Role.PARTICIPANT && body.customer().isEmpty()) {
      throw ApiError.badRequest("a PARTICIPANT account needs the customer it belongs to");
    }
    if (role != Role.PARTICIPANT && body.customer().isPresent()) {
      throw ApiError.badRequest("only a PARTICIPANT account belongs to a customer");
    }
    if (body.customer().isPresent() && register.customer(body.customer().get()).isEmpty()) {
      throw ApiError.badRequest(
          "no customer '" + body.customer().get() + "'; GET /api/v1/customers lists them");
    }
    String secret;
    try {
      if (machine) {
        secret = security.accounts().addClient(body.name(), role);
      } else {
        secret = Accounts.newSecret();
        security.accounts().addUser(body.name(), secret, role, body.customer());
      }
    } catch (IllegalArgumentException e) {
      String why = String.valueOf(e.getMessage());
      throw why.contains("taken") ? ApiError.conflict(why, "DUPLICATE") : ApiError.badRequest(why);
    }
    ctx.header("Cache-Control", "no-store");
    return Routes.Answer.created(
        new NewAccount(
            body.name(),
            role.name(),
            body.customer(),
            machine,
            machine ? Optional.empty() : Optional.of(secret),
            machine ? Optional.of(secret) : Optional.empty()));
  }

  /** An operator admin removes an account (not their own): its tokens stop working at once. */
  private Routes.Answer removeAccount(Context ctx, Principal p, Routes.Change c) {
    String name = ctx.pathParam("name");
    c.target(name);
    if (name.equals(p.subject())) {
      throw ApiError.conflict(
          "an operator admin may not remove their own account; ask another", "OWN_ACCOUNT");
    }
    if (!security.accounts().exists(name)) {
      throw ApiError.notFound("no account '" + name + "'; GET /api/v1/accounts lists them");
    }
    security.accounts().remove(name);
    return Routes.Answer.none();
  }
}
