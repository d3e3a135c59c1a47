package org.openvpp.openadr.vtn;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.openvpp.openadr.auth.AccessToken;
import org.openvpp.openadr.auth.Client;
import org.openvpp.openadr.auth.Clients;
import org.openvpp.openadr.auth.Principal;
import org.openvpp.openadr.auth.Scope;
import org.openvpp.openadr.auth.Tokens;
import org.openvpp.openadr.notify.CallbackVerifier;
import org.openvpp.openadr.notify.MqttNotifier;
import org.openvpp.openadr.notify.WebhookNotifier;
import org.openvpp.openadr.object.OadrObject;
import org.openvpp.openadr.object.ObjectType;
import org.openvpp.openadr.spec.OpenAdrDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An OpenADR 3.1.1 VTN over HTTP (Javalin 7, Jetty 12): every operation of the definition under the
 * configured base path, OAuth2 client credentials at {@code /auth/token}, and notifications by
 * webhook and, when a broker is configured, by MQTT.
 *
 * <p>Design note. Each route is declared with the one scope the definition gives its operation; a
 * request without a valid bearer token is answered 401, one whose token lacks the scope 403, both
 * with a {@code problem} body. Request bodies are parsed and checked against the definition's
 * request schema before anything else ({@link OpenAdrDefinition}), so a malformed or schema-invalid
 * object is a 400 that names what was wrong. The rules of who may see and write what are {@link
 * VtnService}'s and {@link Access}'s; this class only translates HTTP. Jetty's threads call in
 * concurrently; the service serialises writes.
 */
public final class Vtn implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Vtn.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern OBJECT_ID = Pattern.compile("^[a-zA-Z0-9_-]{1,128}$");

  private final VtnConfig config;
  private final Clients clients;
  private final Tokens tokens;
  private final OpenAdrDefinition definition;
  private final VtnService service;
  private final Access access;
  private final WebhookNotifier webhooks;
  private final CallbackVerifier callbacks;
  private final Optional<MqttNotifier> mqttNotifier;
  private final MqttTopics topics;
  private final Javalin app;

  private Vtn(VtnConfig config, Clients clients, VtnRepository repository, InstantSource time) {
    this.config = config;
    this.clients = clients;
    this.tokens = new Tokens(clients, time, config.tokenLifetime(), new SecureRandom());
    this.definition = OpenAdrDefinition.load();
    this.access = new Access(repository);
    this.topics = new MqttTopics(config.mqttTopicPrefix());
    // The broker first: if it cannot be reached, nothing else has been started.
    this.mqttNotifier = config.mqttBroker().map(MqttNotifier::connect);
    this.webhooks =
        new WebhookNotifier(
            2,
            config.webhookQueue(),
            config.webhookAttempts(),
            config.webhookRetryDelay(),
            config.webhookTimeout());
    this.callbacks = new CallbackVerifier(config.strictCallbacks(), config.webhookTimeout());
    Optional<MqttPublisher> publisher =
        mqttNotifier.map(n -> new MqttFanOut(n, topics, repository, access, clients));
    this.service =
        new VtnService(
            repository,
            time,
            access,
            new Notifications(repository, clients, access, webhooks, publisher));
    this.app = Javalin.create(this::configure);
    try {
      if (config.tls().isPresent()) {
        app.start();
      } else {
        app.start(config.host(), config.port());
      }
    } catch (RuntimeException e) {
      webhooks.close();
      mqttNotifier.ifPresent(MqttNotifier::close);
      throw e;
    }
    LOG.info("OpenADR VTN listening on {}", baseUrl());
  }

  /**
   * Starts a VTN with {@code config}, its clients in {@code clients}, its objects in {@code
   * repository} and its time (object times, token expiry) from {@code time}.
   */
  public static Vtn start(
      VtnConfig config, Clients clients, VtnRepository repository, InstantSource time) {
    return new Vtn(config, clients, repository, time);
  }

  public int port() {
    if (config.tls().isPresent()) {
      for (Connector c : app.jettyServer().server().getConnectors()) {
        if (c instanceof ServerConnector sc) {
          return sc.getLocalPort();
        }
      }
    }
    return app.port();
  }

  /**
   * The URL the definition's paths are relative to, for example {@code
   * http://127.0.0.1:8080/openadr3/3.1.1}.
   */
  public URI baseUrl() {
    String scheme = config.tls().isPresent() ? "https" : "http";
    return URI.create(scheme + "://" + config.host() + ":" + port() + config.basePath());
  }

  public Clients clients() {
    return clients;
  }

  /** The webhook notifier, for its counters. */
  public WebhookNotifier webhooks() {
    return webhooks;
  }

  @Override
  public void close() {
    app.stop();
    webhooks.close();
    mqttNotifier.ifPresent(MqttNotifier::close);
  }

  // ---- routes

  /** A collection of the definition, with its request schema and the scopes of its operations. */
  private record Collection(
      String path, ObjectType type, String requestSchema, Scope read, Scope write) {}

  private static final List<Collection> COLLECTIONS =
      List.of(
          new Collection(
              "/programs",
              ObjectType.PROGRAM,
              "programRequest",
              Scope.READ_TARGETS,
              Scope.WRITE_PROGRAMS),
          new Collection(
              "/events", ObjectType.EVENT, "eventRequest", Scope.READ_TARGETS, Scope.WRITE_EVENTS),
          new Collection(
              "/reports",
              ObjectType.REPORT,
              "reportRequest",
              Scope.READ_VEN_OBJECTS,
              Scope.WRITE_REPORTS),
          new Collection(
              "/subscriptions",
              ObjectType.SUBSCRIPTION,
              "subscriptionRequest",
              Scope.READ_VEN_OBJECTS,
              Scope.WRITE_SUBSCRIPTIONS),
          new Collection(
              "/vens", ObjectType.VEN, "venRequest", Scope.READ_VEN_OBJECTS, Scope.WRITE_VENS),
          new Collection(
              "/resources",
              ObjectType.RESOURCE,
              "resourceRequest",
              Scope.READ_VEN_OBJECTS,
              Scope.WRITE_VENS));

  private interface Operation {
    void handle(Context ctx, Principal who) throws Exception;
  }

  private void configure(JavalinConfig c) {
    c.startup.showJavalinBanner = false;
    c.jetty.modifyServer(JsonErrorHandler::install);
    config
        .tls()
        .ifPresent(
            tls -> c.jetty.addConnector((server, http) -> httpsConnector(server, http, tls)));
    String b = config.basePath();
    c.routes.exception(
        ProblemException.class,
        (e, ctx) ->
            ctx.status(e.status()).contentType("application/json").result(e.toJson().toString()));
    c.routes.exception(
        HttpResponseException.class,
        (e, ctx) ->
            ctx.status(e.getStatus())
                .contentType("application/json")
                .result(
                    ProblemException.problem(
                            e.getStatus(),
                            String.valueOf(e.getMessage()),
                            ctx.method() + " " + ctx.path())
                        .toString()));
    c.routes.exception(
        Exception.class,
        (e, ctx) -> {
          LOG.error("VTN request {} {} failed", ctx.method(), ctx.path(), e);
          ctx.status(500)
              .contentType("application/json")
              .result(
                  ProblemException.problem(
                          500,
                          "Internal Server Error",
                          "the VTN failed on this request; its log says why")
                      .toString());
        });

    for (Collection col : COLLECTIONS) {
      collection(c, b + col.path(), col.type(), col.requestSchema(), col.read(), col.write());
      item(c, b + col.path() + "/{id}", col.type(), col.requestSchema(), col.read(), col.write());
    }

    c.routes.get(b + "/auth/server", this::authServer);
    c.routes.post(b + "/auth/token", this::token);
    c.routes.get(
        b + "/notifiers", secured(Scope.READ_ALL, (ctx, who) -> json(ctx, 200, notifiers())));

    topicRoute(
        c,
        b + "/notifiers/mqtt/topics/programs",
        Scope.READ_ALL,
        (ctx, who) -> topics.response("programs", true));
    topicRoute(
        c,
        b + "/notifiers/mqtt/topics/programs/{programID}",
        Scope.READ_ALL,
        (ctx, who) -> {
          String id = visible(who, ObjectType.PROGRAM, ctx.pathParam("programID"));
          return topics.response("programs/" + id, false);
        });
    topicRoute(
        c,
        b + "/notifiers/mqtt/topics/events",
        Scope.READ_BL,
        (ctx, who) -> topics.response("events", true));
    topicRoute(
        c,
        b + "/notifiers/mqtt/topics/programs/{programID}/events",
        Scope.READ_ALL,
        (ctx, who) -> {
          String id = visible(who, ObjectType.PROGRAM, ctx.pathParam("programID"));
          return topics.response("programs/" + id + "/events", true);
        });
    topicRoute(
        c,
        b + "/notifiers/mqtt/topics/reports",
        Scope.READ_BL,
        (ctx, who) -> topics.response("reports", true));
    topicRoute(
        c,
        b + "/notifiers/mqtt/topics/subscriptions",
        Scope.READ_BL,
        (ctx, who) -> topics.response("subscriptions", true));
    topicRoute(
        c,
        b + "/notifiers/mqtt/topics/vens",
        Scope.READ_BL,
        (ctx, who) -> topics.response("vens", true));
    topicRoute(
        c,
        b + "/notifiers/mqtt/topics/vens/{venID}",
        Scope.READ_VEN_OBJECTS,
        (ctx, who) -> {
          String id = visible(who, ObjectType.VEN, ctx.pathParam("venID"));
          return topics.response("vens/" + id, false);
        });
    topicRoute(
        c,
        b + "/notifiers/mqtt/topics/resources",
        Scope.READ_BL,
        (ctx, who) -> topics.response("resources", true));
    for (String sub : List.of("events", "programs", "resources")) {
      topicRoute(
          c,
          b + "/notifiers/mqtt/topics/vens/{venID}/" + sub,
          Scope.READ_VEN_OBJECTS,
          (ctx, who) -> {
            String id = visible(who, ObjectType.VEN, ctx.pathParam("venID"));
            return topics.response("vens/" + id + "/" + sub, true);
          });
    }
  }

  private interface TopicAnswer {
    ObjectNode answer(Context ctx, Principal who);
  }

  private void topicRoute(JavalinConfig c, String path, Scope scope, TopicAnswer answer) {
    c.routes.get(
        path,
        secured(
            scope,
            (ctx, who) -> {
              if (mqttNotifier.isEmpty()) {
                throw ProblemException.notFound("this VTN has no MQTT notifier");
              }
              json(ctx, 200, answer.answer(ctx, who));
            }));
  }

  private String visible(Principal who, ObjectType type, String id) {
    checkId(id);
    return service.get(who, type, id, List.of()).id();
  }

  private void collection(
      JavalinConfig c,
      String path,
      ObjectType type,
      String requestSchema,
      Scope read,
      Scope write) {
    c.routes.get(
        path,
        secured(
            read,
            (ctx, who) -> {
              ArrayNode out = JSON.createArrayNode();
              service.search(who, type, filter(ctx, type)).forEach(o -> out.add(o.toJson()));
              json(ctx, 200, out);
            }));
    c.routes.post(
        path,
        secured(
            write,
            (ctx, who) ->
                json(
                    ctx,
                    201,
                    service.create(who, type, checked(type, body(ctx, requestSchema))).toJson())));
  }

  private void item(
      JavalinConfig c,
      String path,
      ObjectType type,
      String requestSchema,
      Scope read,
      Scope write) {
    c.routes.get(
        path,
        secured(
            read,
            (ctx, who) -> {
              String id = checkId(ctx.pathParam("id"));
              OadrObject o = service.get(who, type, id, targets(ctx));
              json(ctx, 200, o.toJson());
            }));
    c.routes.put(
        path,
        secured(
            write,
            (ctx, who) -> {
              String id = checkId(ctx.pathParam("id"));
              json(
                  ctx,
                  200,
                  service.update(who, type, id, checked(type, body(ctx, requestSchema))).toJson());
            }));
    c.routes.delete(
        path,
        secured(
            write,
            (ctx, who) ->
                json(ctx, 200, service.delete(who, type, checkId(ctx.pathParam("id"))).toJson())));
  }

  private Handler secured(Scope scope, Operation operation) {
    return ctx -> {
      Principal who = principal(ctx);
      if (!who.scopes().contains(scope)) {
        throw ProblemException.forbidden(
            "this operation needs the scope " + scope.wire() + ", which the token does not grant");
      }
      operation.handle(ctx, who);
    };
  }

  private Principal principal(Context ctx) {
    String header = Optional.ofNullable(ctx.header("Authorization")).orElse("");
    if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      ctx.header("WWW-Authenticate", "Bearer");
      throw ProblemException.unauthorized(
          "a bearer token is needed: get one from " + config.basePath() + "/auth/token");
    }
    return tokens
        .verify(header.substring(7).trim())
        .orElseThrow(
            () -> {
              ctx.header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
              return ProblemException.unauthorized(
                  "the bearer token is not valid or has expired: get a new one");
            });
  }

  /** An HTTPS connector on the configured host and port: TLS 1.2 or 1.3 only. */
  private Connector httpsConnector(Server server, HttpConfiguration http, TlsConfig tls) {
    SslContextFactory.Server ssl = new SslContextFactory.Server();
    ssl.setKeyStorePath(tls.keyStore().toString());
    ssl.setKeyStoreType("PKCS12");
    ssl.setKeyStorePassword(tls.password());
    ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
    HttpConfiguration https = new HttpConfiguration(http);
    SecureRequestCustomizer secure = new SecureRequestCustomizer();
    secure.setSniHostCheck(false);
    https.addCustomizer(secure);
    ServerConnector connector =
        new ServerConnector(
            server, new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(https));
    connector.setHost(config.host());
    connector.setPort(config.port());
    return connector;
  }

  // ---- auth

  private void authServer(Context ctx) {
    ObjectNode info = JSON.createObjectNode();
    info.put("tokenURL", ctx.scheme() + "://" + ctx.host() + config.basePath() + "/auth/token");
    json(ctx, 200, info);
  }

  private void token(Context ctx) {
    ctx.header("Cache-Control", "no-store");
    Optional<String> id = form(ctx, "client_id");
    Optional<String> secret = form(ctx, "client_secret");
    String basic = Optional.ofNullable(ctx.header("Authorization")).orElse("");
    if (basic.regionMatches(true, 0, "Basic ", 0, 6)) {
      String decoded;
      try {
        decoded =
            new String(
                Base64.getDecoder().decode(basic.substring(6).trim()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        authError(ctx, 400, "invalid_request", "the Basic authorization is not base64");
        return;
      }
      int colon = decoded.indexOf(':');
      if (colon < 0) {
        authError(ctx, 400, "invalid_request", "the Basic authorization has no ':'");
        return;
      }
      id = Optional.of(URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8));
      secret = Optional.of(URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8));
    }
    Optional<String> grant = form(ctx, "grant_type");
    if (grant.isEmpty() || id.isEmpty() || secret.isEmpty()) {
      authError(
          ctx,
          400,
          "invalid_request",
          "grant_type, client_id and client_secret are required (form-encoded, or the client in"
              + " Basic authorization)");
      return;
    }
    if (!grant.get().equals("client_credentials")) {
      authError(ctx, 400, "unsupported_grant_type", "only client_credentials is supported");
      return;
    }
    Optional<Client> client = clients.authenticate(id.get(), secret.get());
    if (client.isEmpty()) {
      ctx.header("WWW-Authenticate", "Basic");
      authError(ctx, 401, "invalid_client", "unknown client or wrong secret");
      return;
    }
    Set<Scope> requested = EnumSet.noneOf(Scope.class);
    for (String s : form(ctx, "scope").orElse("").trim().split("\\s+", -1)) {
      if (s.isEmpty()) {
        continue;
      }
      Optional<Scope> scope = Scope.fromWire(s);
      if (scope.isEmpty() || !client.get().role().scopes().contains(scope.get())) {
        authError(ctx, 400, "invalid_scope", "scope " + s + " cannot be granted to this client");
        return;
      }
      requested.add(scope.get());
    }
    AccessToken token = tokens.issue(client.get(), requested);
    ObjectNode out = JSON.createObjectNode();
    out.put("access_token", token.value());
    out.put("token_type", "Bearer");
    out.put("expires_in", token.expiresIn().toSeconds());
    out.put("scope", token.scopeString());
    json(ctx, 200, out);
  }

  private static Optional<String> form(Context ctx, String name) {
    try {
      return Optional.ofNullable(ctx.formParam(name));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /** An RFC 6749 error, which is also a valid {@code problem} as the definition asks. */
  private static void authError(Context ctx, int status, String error, String description) {
    ObjectNode body =
        ProblemException.problem(
            status, status == 401 ? "Unauthorized" : "Bad Request", description);
    body.put("error", error);
    body.put("error_description", description);
    json(ctx, status, body);
  }

  private ObjectNode notifiers() {
    ObjectNode out = JSON.createObjectNode();
    out.put("WEBHOOK", true);
    config
        .mqttBroker()
        .ifPresent(
            broker -> {
              ObjectNode mqtt = out.putObject("MQTT");
              mqtt.putArray("URIS").add(broker.toString());
              mqtt.put("serialization", "JSON");
              mqtt.putObject("authentication").put("method", "ANONYMOUS");
            });
    return out;
  }

  // ---- requests

  private ObjectNode body(Context ctx, String schema) {
    JsonNode node;
    try {
      node = JSON.readTree(ctx.body());
    } catch (JsonProcessingException e) {
      throw ProblemException.badRequest("the body is not JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw ProblemException.badRequest("the body must be a JSON object (" + schema + ")");
    }
    List<String> errors = definition.validate(schema, node);
    if (!errors.isEmpty()) {
      throw ProblemException.badRequest(
          "the body is not a valid " + schema + ": " + String.join("; ", errors));
    }
    return (ObjectNode) node;
  }

  /**
   * A subscription's callback URLs verified (HTTPS, echo challenge) before it is written; done
   * outside the service's write lock, since it waits on the subscriber.
   */
  private ObjectNode checked(ObjectType type, ObjectNode body) {
    if (type == ObjectType.SUBSCRIPTION) {
      for (JsonNode entry : body.path("objectOperations")) {
        URI url;
        try {
          url = new URI(entry.path("callbackUrl").asText());
        } catch (URISyntaxException e) {
          throw ProblemException.badRequest("callbackUrl is not a URI: " + e.getMessage());
        }
        callbacks
            .refusal(url)
            .ifPresent(
                why -> {
                  throw ProblemException.badRequest(why);
                });
      }
    }
    return body;
  }

  private static String checkId(String id) {
    if (!OBJECT_ID.matcher(id).matches()) {
      throw ProblemException.badRequest("'" + id + "' is not an objectID");
    }
    return id;
  }

  private static List<String> targets(Context ctx) {
    List<String> out = new ArrayList<>();
    for (String t : ctx.queryParams("targets")) {
      if (t.isEmpty() || t.length() > 128) {
        throw ProblemException.badRequest("a target must be 1 to 128 characters");
      }
      out.add(t);
    }
    return out;
  }

  private static Filter filter(Context ctx, ObjectType type) {
    List<ObjectType> objects = new ArrayList<>();
    for (String o : ctx.queryParams("objects")) {
      try {
        objects.add(ObjectType.valueOf(o));
      } catch (IllegalArgumentException e) {
        throw ProblemException.badRequest("objects: " + o + " is not an object type");
      }
    }
    int skip = integer(ctx, "skip", 0);
    int limit = integer(ctx, "limit", Filter.MAX_LIMIT);
    if (skip < 0) {
      throw ProblemException.badRequest("skip must be 0 or more, was " + skip);
    }
    if (limit < 0 || limit > Filter.MAX_LIMIT) {
      throw ProblemException.badRequest("limit must be 0 to 50, was " + limit);
    }
    return new Filter(
        id(ctx, "programID"),
        id(ctx, "eventID"),
        name(ctx, "clientName"),
        name(ctx, "venName"),
        id(ctx, "venID"),
        name(ctx, "resourceName"),
        type == ObjectType.REPORT || type == ObjectType.SUBSCRIPTION ? List.of() : targets(ctx),
        objects,
        active(ctx),
        skip,
        limit);
  }

  private static boolean active(Context ctx) {
    String v = ctx.queryParam("active");
    if (v == null) {
      return false;
    }
    if (!v.equals("true") && !v.equals("false")) {
      throw ProblemException.badRequest("active must be true or false, was " + v);
    }
    return v.equals("true");
  }

  private static Optional<String> id(Context ctx, String name) {
    return Optional.ofNullable(ctx.queryParam(name)).map(Vtn::checkId);
  }

  private static Optional<String> name(Context ctx, String name) {
    Optional<String> v = Optional.ofNullable(ctx.queryParam(name));
    if (v.isPresent() && (v.get().isEmpty() || v.get().length() > 128)) {
      throw ProblemException.badRequest(name + " must be 1 to 128 characters");
    }
    return v;
  }

  private static int integer(Context ctx, String name, int otherwise) {
    String v = ctx.queryParam(name);
    if (v == null) {
      return otherwise;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw ProblemException.badRequest(name + " must be an integer, was " + v);
    }
  }

  private static void json(Context ctx, int status, JsonNode body) {
    ctx.status(status).contentType("application/json").result(body.toString());
  }
}
