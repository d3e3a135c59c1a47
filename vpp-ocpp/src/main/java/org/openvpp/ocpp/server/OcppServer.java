package org.openvpp.ocpp.server;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.eclipse.jetty.websocket.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.jspecify.annotations.Nullable;
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
 * <p>Threads: Jetty's pool runs the connections; an optional timer fails CALLs past their timeout
 * ({@link OcppConfig#sweepEvery}), else the owner calls {@link #expireCalls}.
 */
public final class OcppServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OcppServer.class);
  private static final String PREFIX = "/ocpp/";

  /** An identity: OCPP 2.0.1's charging station identity, 1 to 48 of these characters. */
  private static final Pattern IDENTITY = Pattern.compile("[A-Za-z0-9*\\-_=:+|@.]{1,48}");

  /** How long a connection may stay silent (no message, no ping) before Jetty closes it. */
  private static final Duration IDLE_TIMEOUT = Duration.ofMinutes(15);

  private final Server jetty;
  private final ServerConnector connector;
  private final Map<String, Connection> connections = new ConcurrentHashMap<>();
  private final Clock clock;
  private final @Nullable ScheduledExecutorService sweeper;

  private OcppServer(OcppConfig config, Schemas schemas, CallHandler handler, Clock clock) {
    this.clock = clock;
    this.jetty = new Server();
    this.connector = new ServerConnector(jetty);
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

  /**
   * Starts the endpoint.
   *
   * @param clock the service's clock: answers' times and CALL deadlines
   * @throws IllegalStateException when it cannot listen (the port is taken, say)
   */
  public static OcppServer start(
      OcppConfig config, Schemas schemas, CallHandler handler, Clock clock) {
    OcppServer server = new OcppServer(config, schemas, handler, clock);
    try {
      server.jetty.start();
    } catch (Exception e) {
      server.close();
      throw new IllegalStateException(
          "the OCPP central system cannot listen on " + config.host() + ":" + config.port(), e);
    }
    LOG.info("OCPP central system on port {} (ocpp1.6, ocpp2.0.1)", server.port());
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
