package org.openvpp.server.web;

import io.javalin.Javalin;
import io.javalin.http.sse.SseClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.openvpp.server.api.Api;
import org.openvpp.server.api.FleetView;
import org.openvpp.server.observe.Metrics;
import org.openvpp.server.run.MinuteSample;
import org.openvpp.server.security.Role;

/**
 * Serves the live dashboard.
 *
 * <ul>
 *   <li>{@code GET /} the operators' page (it sends a visitor without a session to the login page,
 *       a participant to theirs); {@code GET /login.html}; {@code GET /participant.html} (a
 *       participant's home: devices, events, opt-out);
 *   <li>{@code GET /api/fleet/samples} every sample so far, as a JSON array, and {@code GET
 *       /api/fleet/stream} server-sent events, one {@code sample} event per control step: for
 *       operators and utility partners (a token or the session cookie);
 *   <li>{@code GET /api/health} {@code {"status":"up"}}; {@code GET /health} and {@code GET
 *       /metrics} (Prometheus) from {@link Metrics};
 *   <li>the JSON API of {@link Api} under {@code /api/v1} and its OpenAPI document at {@code
 *       /openapi.json}.
 * </ul>
 *
 * <p>Threads: {@link #publish} is called by the run's thread; requests are served by Jetty's. The
 * history is guarded by its own lock; SSE clients sit in a concurrent queue and are dropped once
 * they disconnect.
 */
public final class Dashboard implements AutoCloseable {

  /** Who may watch the fleet's power: operators and utility partners. */
  private static final Role[] WATCHERS = {
    Role.OPERATOR_ADMIN, Role.OPERATOR_VIEWER, Role.UTILITY_PARTNER
  };

  private final List<String> history = new ArrayList<>();
  private final Queue<SseClient> clients = new ConcurrentLinkedQueue<>();
  private final Javalin app;
  private final Metrics metrics = new Metrics(java.time.InstantSource.system());
  private final Api api;
  private final String page;
  private final String login;
  private final String participant;
  private final ZoneId zone;
  private volatile String finished = "";

  private Dashboard(int port, ZoneId zone, Api api) {
    this.zone = zone;
    this.api = api;
    this.page = resource("dashboard.html");
    this.login = resource("login.html");
    this.participant = resource("participant.html");
    this.app =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              api.routes(config);
              metrics.routes(config);
              config.routes.get("/", ctx -> ctx.html(page));
              config.routes.get("/login.html", ctx -> ctx.html(login));
              config.routes.get("/participant.html", ctx -> ctx.html(participant));
              config.routes.get(
                  "/api/health",
                  ctx -> ctx.contentType("application/json").result("{\"status\":\"up\"}"));
              config.routes.get(
                  "/api/fleet/samples",
                  ctx -> {
                    api.authorize(ctx, WATCHERS);
                    ctx.contentType("application/json").result(samplesJson());
                  });
              config.routes.before("/api/fleet/stream", ctx -> api.authorize(ctx, WATCHERS));
              config.routes.sse(
                  "/api/fleet/stream",
                  client -> {
                    client.keepAlive();
                    client.onClose(() -> clients.remove(client));
                    // Something to read at once, so the browser knows it is connected.
                    client.sendComment("connected");
                    if (!finished.isEmpty()) {
                      client.sendEvent("finished", finished);
                    }
                    clients.add(client);
                  });
            });
    app.start("127.0.0.1", port);
  }

  /**
   * Starts the dashboard on {@code port} of the loopback interface (0 picks a free port), showing
   * times in the fleet's {@code zone}.
   */
  public static Dashboard start(int port, ZoneId zone) {
    return new Dashboard(port, zone, Api.locked());
  }

  /** As {@link #start(int, ZoneId)}, serving {@code api} beside the page (docs/api.md). */
  public static Dashboard start(int port, ZoneId zone, Api api) {
    return new Dashboard(port, zone, api);
  }

  public int port() {
    return app.port();
  }

  /** The server's metrics (the VPP's gauges read the views {@link #show} is given). */
  public Metrics metrics() {
    return metrics;
  }

  /** Shows {@code v}, a view the run published, through the API and in the metrics. */
  public void show(FleetView v) {
    api.publish(v);
    metrics.observe(v);
  }

  /** Browsers connected to the live stream now. */
  public int connectedClients() {
    clients.removeIf(SseClient::terminated);
    return clients.size();
  }

  /** Records a sample and sends it to every connected browser. */
  public void publish(MinuteSample sample) {
    String json = sample.toJson(zone);
    synchronized (history) {
      history.add(json);
    }
    clients.removeIf(SseClient::terminated);
    for (SseClient c : clients) {
      c.sendEvent("sample", json);
    }
  }

  /** Tells every connected browser that the run has finished. */
  public void finish(String summaryJson) {
    finished = summaryJson;
    for (SseClient c : clients) {
      if (!c.terminated()) {
        c.sendEvent("finished", summaryJson);
      }
    }
  }

  private String samplesJson() {
    synchronized (history) {
      return "[" + String.join(",", history) + "]";
    }
  }

  private static String resource(String name) {
    try (InputStream in = Dashboard.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name + "; the build is incomplete");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    for (SseClient c : clients) {
      c.close();
    }
    app.stop();
  }
}
