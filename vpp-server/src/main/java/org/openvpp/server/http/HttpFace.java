package org.openvpp.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.openvpp.openadr.vtn.JsonErrorHandler;
import org.openvpp.program.ProgramException;
import org.openvpp.service.Service;
import org.openvpp.service.chargers.ChargerOperations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP face of a running {@link Service}: the JSON API under {@code /api/v1} (docs/api.md), its
 * OpenAPI 3.1 document at {@code /openapi.json}, {@code /health}, {@code /metrics}, and the web
 * pages ({@link Pages}: {@code /} for operators, {@code /participant.html}, {@code /login.html}),
 * on one port of the loopback interface (Javalin 7 on Jetty 12; put a TLS proxy in front to expose
 * it).
 *
 * <p>The face holds no state of the VPP: reads come from the register and the desks (thread-safe,
 * as of now) and from the service's latest view (an immutable snapshot); changes go to the register
 * and the desks at once, and the answer is their outcome, each written to the audit log with the
 * service's time. The one thing it keeps is the fleet's totals at each view it sees, for the
 * dashboard's chart ({@link FleetHistory}, sampled ten times a second: a simulated world that runs
 * faster than that leaves gaps between the samples).
 *
 * <p>Threads: requests on Jetty's; the sampler on a daemon thread of its own; {@link #close} from
 * any.
 */
public final class HttpFace implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HttpFace.class);

  private final Javalin app;
  private final ScheduledExecutorService sampler;
  private final java.util.concurrent.ScheduledFuture<?> sampling;
  private final List<Routes.Declared> declared;

  private HttpFace(
      Service service,
      Security security,
      String host,
      int port,
      Optional<ChargerOperations> chargers) {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(security, "security");
    String openApi = openApi();
    FleetHistory history = new FleetHistory();
    ServiceMetrics metrics = new ServiceMetrics(service);
    Audit audit = new Audit(security.audit(), service.clock());
    Gate gate = new Gate(security);
    Owners owners = new Owners(service.register());
    Routes[] routes = new Routes[1];
    this.app =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.http.maxRequestSize = Bodies.XML_LIMIT;
              config.jetty.modifyServer(
                  server -> JsonErrorHandler.install(server, HttpFace::jettyRefusal));
              Routes r = new Routes(config, gate, audit);
              routes[0] = r;
              metrics.routes(config);
              new AuthRoutes(security, service.register(), audit, service.clock().zone())
                  .declare(r);
              new ProgramRoutes(service.register()).declare(r);
              new CustomerRoutes(service.register()).declare(r);
              new SiteRoutes(service.register(), owners).declare(r);
              new DeviceRoutes(service, owners).declare(r);
              new ConsentRoutes(service.register(), owners).declare(r);
              new EnrolmentRoutes(service.register(), owners).declare(r);
              new ImportRoutes(service.register()).declare(r);
              new MeterDataRoutes(service, owners).declare(r);
              new EventRoutes(service, owners).declare(r);
              new SettlementRoutes(service).declare(r);
              new FleetRoutes(service, history).declare(r);
              new ChargerRoutes(chargers).declare(r);
              StatusRoutes status = new StatusRoutes(service, security.audit());
              status.declare(r);
              status.health(config);
              config.routes.get(
                  "/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
              Pages.declare(config);
              config.routes.exception(ApiError.class, (e, ctx) -> answer(ctx, e));
              config.routes.exception(
                  ProgramException.class, (e, ctx) -> answer(ctx, Routes.refusal(e)));
              config.routes.exception(
                  HttpResponseException.class, (e, ctx) -> answer(ctx, fromJavalin(e)));
              config.routes.exception(
                  Exception.class,
                  (e, ctx) -> {
                    LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
                    answer(
                        ctx,
                        new ApiError(
                            500,
                            "internal_error",
                            "the server failed to answer; the log says why ("
                                + e.getClass().getSimpleName()
                                + ")"));
                  });
              config.routes.error(
                  404,
                  "*",
                  ctx -> {
                    if (ctx.path().startsWith("/api/") && ctx.result() == null) {
                      answer(
                          ctx,
                          ApiError.notFound(
                              "no such endpoint: "
                                  + ctx.method()
                                  + " "
                                  + ctx.path()
                                  + "; /openapi.json lists them"));
                    }
                  });
            });
    this.declared = routes[0].declared();
    app.start(host, port);
    this.sampler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "vpp-http-sampler");
              t.setDaemon(true);
              return t;
            });
    this.sampling =
        sampler.scheduleWithFixedDelay(
            () -> history.sample(service.view()), 0, 100, TimeUnit.MILLISECONDS);
  }

  /** Serves {@code service} on {@code port} of 127.0.0.1 (0 picks a free port). */
  public static HttpFace start(Service service, Security security, int port) {
    return new HttpFace(service, security, "127.0.0.1", port, Optional.empty());
  }

  /**
   * Serves {@code service} on {@code port} of 127.0.0.1 (0 picks a free port), with the operations
   * on the chargers of its OCPP central system when it runs one.
   */
  public static HttpFace start(
      Service service, Security security, int port, Optional<ChargerOperations> chargers) {
    return new HttpFace(service, security, "127.0.0.1", port, chargers);
  }

  /**
   * Serves {@code service} on {@code port} of {@code host} (an address of this machine; anything
   * but the loopback wants a TLS proxy in front).
   */
  public static HttpFace start(Service service, Security security, String host, int port) {
    return new HttpFace(service, security, host, port, Optional.empty());
  }

  /** The port it listens on. */
  public int port() {
    return app.port();
  }

  /** The routes of the API, each with its method and roles (for the document's tests). */
  List<Routes.Declared> declared() {
    return declared;
  }

  @Override
  public void close() {
    sampling.cancel(true);
    sampler.shutdownNow();
    app.stop();
  }

  private static void answer(Context ctx, ApiError e) {
    if (e.status() == 401) {
      ctx.header("WWW-Authenticate", "Bearer realm=\"openvpp\"");
    }
    Routes.send(ctx, new Routes.Answer(e.status(), Optional.of(e.body())));
  }

  private static ApiError fromJavalin(HttpResponseException e) {
    int s = e.getStatus();
    return new ApiError(s, codeOf(s), String.valueOf(e.getMessage()));
  }

  /** A request Jetty refused before any route saw it, in the API's error shape. */
  private static String jettyRefusal(int status, String what) {
    ObjectNode body = new ObjectMapper().createObjectNode();
    body.put("code", codeOf(status));
    body.put("message", "the request was refused: " + what);
    return body.toString();
  }

  private static String codeOf(int s) {
    return switch (s) {
      case 400 -> "bad_request";
      case 401 -> "unauthenticated";
      case 403 -> "forbidden";
      case 404 -> "not_found";
      case 405 -> "method_not_allowed";
      case 413 -> "too_large";
      case 415 -> "unsupported_media_type";
      default -> s >= 500 ? "internal_error" : "bad_request";
    };
  }

  /** The OpenAPI document, written in YAML in the resources, as JSON. */
  private static String openApi() {
    try {
      JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree(resource("openapi.yaml"));
      return new ObjectMapper().writeValueAsString(doc);
    } catch (IOException e) {
      throw new UncheckedIOException("the OpenAPI document does not read", e);
    }
  }

  /** A resource of the jar, as text: {@code name} beside this class, or from the root with a /. */
  static String resource(String name) {
    try (InputStream in = HttpFace.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name + "; the build is incomplete");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
