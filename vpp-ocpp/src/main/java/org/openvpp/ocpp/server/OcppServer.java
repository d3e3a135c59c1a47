package org.openvpp.ocpp.server;

import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.eclipse.jetty.websocket.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.jspecify.annotations.Nullable;
import org.openvpp.ocpp.credentials.ChargerCredentials;
import org.openvpp.ocpp.rpc.OcppVersion;
import org.openvpp.ocpp.rpc.Schemas;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The central system's WebSocket endpoint: {@code ws://host:port/ocpp/{identity}}.
 *
 * <p>Design note. Built on Jetty 12.1's own WebSocket API (no servlets): its upgrade hook lets the
 * server pick the subprotocol itself and refuse an upgrade with a status and a reason, which OCPP
 * needs and Javalin's WebSocket routes do not offer (Javalin echoes the first subprotocol offered);
 * it is the Jetty that Javalin already brings, so the service runs one Jetty. The OCPP library that
 * resolves here (ChargeTime 1.1.0) speaks 1.6J only, on another WebSocket stack, and is kept for
 * the interoperability tests. The subprotocol is the first the charger offers (in its order of
 * preference) of {@code ocpp1.6} and {@code ocpp2.0.1}; a charger offering neither, or a path that
 * is not {@code /ocpp/} and an identity of 1 to 48 of the characters OCPP allows, is refused with
 * 400 and the reason. A second connection for an identity replaces the first, which is closed.
 *
 * <p>Security profiles ({@link OcppConfig#securityProfile}): under 1 and 2 the upgrade must carry
 * HTTP Basic credentials whose username is the identity of the path and whose password the {@link
 * ChargerCredentials} accept; otherwise it gets 401 with {@code WWW-Authenticate: Basic} and no
 * WebSocket. The answer says the same for an unknown identity and a wrong password, so it does not
 * tell which identities exist; the log says which ({@link AuthRefusal}), and {@link #authRefusals}
 * counts them. Neither ever holds a password or the header. Profile 2 listens with TLS only, from a
 * PKCS12 keystore, and does not start without one. The cheap checks (path, subprotocol) come before
 * the password, whose hash is slow on purpose.
 *
 * <p>Threads: Jetty's pool runs the connections; an optional timer fails CALLs past their timeout
 * ({@link OcppConfig#sweepEvery}), else the owner calls {@link #expireCalls}.
 */
public final class OcppServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OcppServer.class);
  private static final String PREFIX = "/ocpp/";

  /** An identity: OCPP 2.0.1's charging station identity, 1 to 48 of these characters. */
  private static final Pattern IDENTITY = Pattern.compile("[A-Za-z0-9*\\-_=:+|@.]{1,48}");

  /** Hosts that only this machine reaches: profile 0 is no warning there. */
  private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "::1");

  /** How long a connection may stay silent (no message, no ping) before Jetty closes it. */
  private static final Duration IDLE_TIMEOUT = Duration.ofMinutes(15);

  private final Server jetty;
  private final ServerConnector connector;
  private final Map<String, Connection> connections = new ConcurrentHashMap<>();
  private final Clock clock;
  private final Optional<ChargerCredentials> credentials;
  private final Map<AuthRefusal, LongAdder> refusals = new EnumMap<>(AuthRefusal.class);
  private final @Nullable ScheduledExecutorService sweeper;

  private OcppServer(
      OcppConfig config,
      Schemas schemas,
      CallHandler handler,
      Clock clock,
      Optional<ChargerCredentials> credentials) {
    this.clock = clock;
    this.credentials = credentials;
    for (AuthRefusal r : AuthRefusal.values()) {
      refusals.put(r, new LongAdder());
    }
    this.jetty = new Server();
    this.connector = connector(jetty, config);
    connector.setHost(config.host());
    connector.setPort(config.port());
    jetty.addConnector(connector);
    WebSocketUpgradeHandler upgrade =
        WebSocketUpgradeHandler.from(
            jetty,
            container -> {
              container.setIdleTimeout(IDLE_TIMEOUT);
              // Jetty closes the connection past its own limit; below it, a long message gets a
              // CALLERROR from the connection and the connection goes on.
              container.setMaxTextMessageSize(Math.max(1 << 20, 4L * config.maxMessageChars()));
              container.addMapping(
                  PREFIX + "*",
                  (request, response, callback) ->
                      create(request, response, callback, config, schemas, handler));
            });
    jetty.setHandler(upgrade);
    if (config.sweepEvery().isZero()) {
      this.sweeper = null;
    } else {
      ScheduledExecutorService timer =
          Executors.newSingleThreadScheduledExecutor(
              r -> Thread.ofPlatform().daemon().name("ocpp-call-timeouts").unstarted(r));
      long every = config.sweepEvery().toMillis();
      var unused =
          timer.scheduleAtFixedRate(this::expireCalls, every, every, TimeUnit.MILLISECONDS);
      this.sweeper = timer;
    }
  }

  private static ServerConnector connector(Server jetty, OcppConfig config) {
    if (!config.securityProfile().tls()) {
      return new ServerConnector(jetty);
    }
    TlsKeystore keystore = config.keystore().orElseThrow();
    SslContextFactory.Server tls = new SslContextFactory.Server();
    tls.setKeyStoreType("PKCS12");
    tls.setKeyStorePath(keystore.path());
    tls.setKeyStorePassword(keystore.password());
    HttpConfiguration http = new HttpConfiguration();
    http.addCustomizer(new SecureRequestCustomizer());
    return new ServerConnector(jetty, tls, new HttpConnectionFactory(http));
  }

  /**
   * Starts the endpoint under security profile 0 (no passwords).
   *
   * @param clock the service's clock: answers' times and CALL deadlines
   * @throws IllegalStateException when the configuration asks for another profile (that needs the
   *     chargers' credentials), or it cannot listen (the port is taken, say)
   */
  public static OcppServer start(
      OcppConfig config, Schemas schemas, CallHandler handler, Clock clock) {
    if (config.securityProfile().checksPasswords()) {
      throw new IllegalStateException(
          "security profile "
              + config.securityProfile().number()
              + " checks chargers' passwords: start the central system with their credentials");
    }
    return listen(config, schemas, handler, clock, Optional.empty());
  }

  /**
   * Starts the endpoint.
   *
   * @param clock the service's clock: answers' times, CALL deadlines, passwords' validity
   * @param credentials the chargers' passwords, checked at the upgrade under profiles 1 and 2
   * @throws IllegalStateException when profile 2 has no readable keystore, or it cannot listen (the
   *     port is taken, say)
   */
  public static OcppServer start(
      OcppConfig config,
      Schemas schemas,
      CallHandler handler,
      Clock clock,
      ChargerCredentials credentials) {
    return listen(config, schemas, handler, clock, Optional.of(credentials));
  }

  private static OcppServer listen(
      OcppConfig config,
      Schemas schemas,
      CallHandler handler,
      Clock clock,
      Optional<ChargerCredentials> credentials) {
    SecurityProfile profile = config.securityProfile();
    if (profile.tls()) {
      TlsKeystore keystore =
          config
              .keystore()
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "security profile 2 is TLS: configure a PKCS12 keystore with the central"
                              + " system's certificate and key (OcppConfig.keystore)"));
      if (!Files.isReadable(keystore.path())) {
        throw new IllegalStateException(
            "security profile 2 is TLS, and its keystore "
                + keystore.path()
                + " is not a readable file");
      }
    }
    OcppServer server = new OcppServer(config, schemas, handler, clock, credentials);
    try {
      server.jetty.start();
    } catch (Exception e) {
      server.close();
      throw new IllegalStateException(
          "the OCPP central system cannot listen on "
              + config.host()
              + ":"
              + config.port()
              + (profile.tls() ? " with TLS (is the keystore's password right?)" : ""),
          e);
    }
    LOG.info(
        "OCPP central system on port {} (ocpp1.6, ocpp2.0.1), security profile {}",
        server.port(),
        profile.number());
    if (profile == SecurityProfile.NONE && !LOOPBACK.contains(config.host())) {
      LOG.warn(
          "security profile 0 on {}: chargers connect without a password; for tests and a charger"
              + " on this machine only",
          config.host());
    }
    return server;
  }

  private @Nullable Object create(
      ServerUpgradeRequest request,
      ServerUpgradeResponse response,
      Callback callback,
      OcppConfig config,
      Schemas schemas,
      CallHandler handler) {
    String path = Request.getPathInContext(request);
    String identity = path.startsWith(PREFIX) ? path.substring(PREFIX.length()) : "";
    if (!IDENTITY.matcher(identity).matches()) {
      return refuse(
          request,
          response,
          callback,
          "the path must be /ocpp/ and the charge point's identity (1 to 48 of A-Z a-z 0-9 *-_=:+|@.), not "
              + path);
    }
    List<String> offered = request.getSubProtocols();
    Optional<OcppVersion> version =
        offered.stream().map(OcppVersion::ofSubprotocol).flatMap(Optional::stream).findFirst();
    if (version.isEmpty()) {
      return refuse(
          request,
          response,
          callback,
          "offer the WebSocket subprotocol ocpp1.6 or ocpp2.0.1; offered: "
              + (offered.isEmpty() ? "none" : String.join(", ", offered)));
    }
    if (config.securityProfile().checksPasswords() && !authenticated(request, identity)) {
      response
          .getHeaders()
          .put(HttpHeader.WWW_AUTHENTICATE, "Basic realm=\"OCPP\", charset=\"UTF-8\"");
      Response.writeError(
          request,
          response,
          callback,
          401,
          "HTTP Basic authentication failed: the username is the charge point identity of the path,"
              + " the password its own");
      return null;
    }
    response.setAcceptedSubProtocol(version.get().subprotocol());
    Connection[] self = new Connection[1];
    Connection c =
        new Connection(
            identity,
            version.get(),
            schemas,
            handler,
            clock,
            config,
            () -> {
              Connection old = connections.put(identity, self[0]);
              if (old != null && old != self[0]) {
                old.close(StatusCode.POLICY_VIOLATION, "replaced by a newer connection");
              }
            },
            () -> connections.remove(identity, self[0]));
    self[0] = c;
    return c;
  }

  /** Whether the upgrade carries {@code identity}'s password; logs and counts a refusal. */
  private boolean authenticated(Request request, String identity) {
    BasicAuth.Read read =
        BasicAuth.read(
            Optional.ofNullable(request.getHeaders().get(HttpHeader.AUTHORIZATION)), identity);
    Optional<AuthRefusal> refused =
        switch (read) {
          case BasicAuth.Read.Refused r -> Optional.of(r.reason());
          case BasicAuth.Read.Presented p ->
              switch (credentials.orElseThrow().check(identity, p.password(), clock.instant())) {
                case CURRENT -> Optional.empty();
                case PREVIOUS -> {
                  LOG.info(
                      "charger {} connected with its previous password, still valid", identity);
                  yield Optional.empty();
                }
                case UNKNOWN_IDENTITY -> Optional.of(AuthRefusal.UNKNOWN_IDENTITY);
                case WRONG_PASSWORD -> Optional.of(AuthRefusal.WRONG_PASSWORD);
              };
        };
    if (refused.isEmpty()) {
      return true;
    }
    AuthRefusal refusal = refused.get();
    Objects.requireNonNull(refusals.get(refusal), "every reason has a counter").increment();
    LOG.info(
        "refused charger {} at the upgrade (401, {}) from {}",
        identity,
        refusal.key(),
        request.getConnectionMetaData().getRemoteSocketAddress());
    return false;
  }

  private static @Nullable Object refuse(
      Request request, Response response, Callback callback, String reason) {
    LOG.info("refused an OCPP upgrade to {}: {}", request.getHttpURI().getPath(), reason);
    Response.writeError(request, response, callback, 400, reason);
    return null;
  }

  /** The port listened on (the one chosen when configured with 0). */
  public int port() {
    return connector.getLocalPort();
  }

  /** The open connection of the charger {@code identity}, if it has one. */
  public Optional<ChargerSession> charger(String identity) {
    return Optional.ofNullable(connections.get(identity));
  }

  /** The chargers connected now, by identity. */
  public List<ChargerSession> chargers() {
    return connections.values().stream()
        .filter(Connection::open)
        .sorted(java.util.Comparator.comparing(Connection::identity))
        .map(c -> (ChargerSession) c)
        .toList();
  }

  /** How many upgrades were refused with 401, by reason, since the start (every reason, 0 too). */
  public Map<AuthRefusal, Long> authRefusals() {
    Map<AuthRefusal, Long> out = new EnumMap<>(AuthRefusal.class);
    refusals.forEach((r, n) -> out.put(r, n.sum()));
    return out;
  }

  /** How many chargers are connected. */
  public int connected() {
    return connections.size();
  }

  /**
   * Fails every CALL of the central system's whose answer is overdue by the clock, and sends the
   * next queued on that connection.
   *
   * @return how many CALLs timed out
   */
  public int expireCalls() {
    var now = clock.instant();
    int n = 0;
    for (Connection c : connections.values()) {
      if (c.expire(now)) {
        n++;
      }
    }
    return n;
  }

  /** Closes every connection and stops listening. */
  @Override
  public void close() {
    if (sweeper != null) {
      sweeper.shutdownNow();
    }
    connections.values().forEach(c -> c.close(StatusCode.SHUTDOWN, "the central system stops"));
    try {
      jetty.stop();
    } catch (Exception e) {
      LOG.warn("the OCPP central system did not stop cleanly", e);
    }
  }
}
