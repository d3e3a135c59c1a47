package org.openvpp.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import org.openvpp.server.security.Role;
import org.openvpp.service.Records;
import org.openvpp.service.Service;
import org.openvpp.service.chargers.CentralSystem;
import org.openvpp.service.chargers.OcppSettings;
import org.openvpp.service.clock.ServiceClock;
import org.openvpp.service.control.Tuning;
import org.openvpp.service.prices.DayAheadPrices;
import org.openvpp.service.testing.TestEdge;

/**
 * A service on an in-memory world ({@link TestEdge}, no simulator) behind its HTTP face, for the
 * face's tests: steps handed one minute at a time, an HTTP client whose every answer is held to the
 * OpenAPI document the face serves, and accounts of each role.
 */
final class World implements AutoCloseable {
  static final ZoneId LA = ZoneId.of("America/Los_Angeles");
  static final String PASSWORD = "a long test password";
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newHttpClient();

  /** One answer: its status, its Content-Type, and its body (JSON, or as text). */
  record Answer(int status, String type, JsonNode body, String text) {
    String code() {
      return body.path("code").asText();
    }

    @Override
    public String toString() {
      return status + " " + text;
    }
  }

  final TestEdge edge = new TestEdge();
  final Service service;

  /** The service's OCPP central system, when the world has one. */
  final Optional<CentralSystem> ocpp;

  final Security security;
  final HttpFace face;
  final OpenApiCheck api;
  private Instant next;
  final String admin;
  final String viewer;
  final String partner;

  World(Instant start) {
    this(start, Security.inMemory().withSignUpLimit(1_000));
  }

  World(Instant start, Security security) {
    this(start, security, false);
  }

  /**
   * A world whose service runs its OCPP central system on a free port (profile 0) when {@code
   * chargers}: {@link #ocpp}.
   */
  World(Instant start, Security security, boolean chargers) {
    this(
        start,
        security,
        chargers
            ? Optional.of(OcppSettings.open(0, OcppSettings.defaultSchemas()))
            : Optional.empty());
  }

  /** A world whose service runs its OCPP central system as {@code settings} say, if given. */
  World(Instant start, Security security, Optional<OcppSettings> settings) {
    this.security = security;
    this.next = start;
    Records records = Records.inMemory();
    Service.Parts parts =
        new Service.Parts(
            ServiceClock.following(start, LA),
            Tuning.defaults(),
            records,
            DayAheadPrices.none(LA),
            Map.of(),
            Optional.empty(),
            java.util.List.of(),
            Duration.ofHours(1),
            Duration.ofHours(1));
    if (settings.isPresent()) {
      CentralSystem.Factory f =
          CentralSystem.around(
              edge.factory(), settings.get(), records.state(), records.telemetryHistory(), 1_000);
      this.service = Service.assemble(parts, f).start();
      this.ocpp = f.opened();
    } else {
      this.service = Service.assemble(parts, edge.factory()).start();
      this.ocpp = Optional.empty();
    }
    this.face = HttpFace.start(service, security, 0, ocpp.map(CentralSystem::operations));
    this.api = new OpenApiCheck(get("/openapi.json", "").text());
    security.accounts().addUser("admin", PASSWORD, Role.OPERATOR_ADMIN, Optional.empty());
    security.accounts().addUser("viewer", PASSWORD, Role.OPERATOR_VIEWER, Optional.empty());
    String secret = security.accounts().addClient("utility-1", Role.UTILITY_PARTNER);
    this.admin = login("admin", PASSWORD);
    this.viewer = login("viewer", PASSWORD);
    this.partner =
        form("grant_type=client_credentials&client_id=utility-1&client_secret=" + secret)
            .body()
            .path("access_token")
            .asText();
  }

  /** The service's present: the instant of the next step. */
  Instant now() {
    return next;
  }

  /** The first whole 15 minutes at least {@code d} from now: where an event may start or end. */
  Instant slot(Duration d) {
    long t = next.plus(d).getEpochSecond();
    return Instant.ofEpochSecond((t + 899) / 900 * 900);
  }

  /** Takes the world and the service through {@code d}, one minute at a time. */
  void run(Duration d) {
    Instant end = next.plus(d);
    try {
      while (next.isBefore(end)) {
        edge.step(next);
        next = next.plus(Duration.ofMinutes(1));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Runs until {@code at}. */
  void runUntil(Instant at) {
    run(Duration.between(next, at));
  }

  String login(String user, String password) {
    Answer a = post("/api/v1/auth/login", json(Map.of("username", user, "password", password)), "");
    assertThat(a.status()).as("login of %s: %s", user, a).isEqualTo(200);
    return a.body().path("token").asText();
  }

  /** Signs a person up; returns their token. */
  Answer signUp(String name, String username) {
    return post(
        "/api/v1/signup",
        json(Map.of("name", name, "username", username, "password", PASSWORD)),
        "");
  }

  static String json(Object o) {
    try {
      return JSON.writeValueAsString(o);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + face.port() + path);
  }

  Answer get(String path, String token) {
    return send("GET", path, token, "", HttpRequest.BodyPublishers.noBody(), Map.of());
  }

  Answer get(String path, String token, Map<String, String> headers) {
    return send("GET", path, token, "", HttpRequest.BodyPublishers.noBody(), headers);
  }

  Answer post(String path, String body, String token) {
    return send("POST", path, token, "application/json", publish(body), Map.of());
  }

  Answer post(String path, String body, String token, String type) {
    return send("POST", path, token, type, publish(body), Map.of());
  }

  Answer post(String path, byte[] body, String token, String type) {
    return send("POST", path, token, type, HttpRequest.BodyPublishers.ofByteArray(body), Map.of());
  }

  Answer put(String path, String body, String token) {
    return send("PUT", path, token, "application/json", publish(body), Map.of());
  }

  Answer delete(String path, String token) {
    return send("DELETE", path, token, "", HttpRequest.BodyPublishers.noBody(), Map.of());
  }

  Answer form(String body) {
    return send(
        "POST",
        "/api/v1/auth/token",
        "",
        "application/x-www-form-urlencoded",
        publish(body),
        Map.of());
  }

  private static HttpRequest.BodyPublisher publish(String body) {
    return HttpRequest.BodyPublishers.ofString(body);
  }

  /** Sends a request; checks the answer against the OpenAPI document (once it is loaded). */
  Answer send(
      String method,
      String path,
      String token,
      String type,
      HttpRequest.BodyPublisher body,
      Map<String, String> headers) {
    return send(method, path, token, type, body, headers, true);
  }

  /** Sends a request to what the document does not have (an unknown path), unchecked. */
  Answer unchecked(String method, String path, String token) {
    return send(method, path, token, "", HttpRequest.BodyPublishers.noBody(), Map.of(), false);
  }

  private Answer send(
      String method,
      String path,
      String token,
      String type,
      HttpRequest.BodyPublisher body,
      Map<String, String> headers,
      boolean check) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).method(method, body);
    if (body.contentLength() > 16 * 1024) {
      // a body the face may refuse as too large: ask first, so its 413 does not race the upload
      // (answered early, the connection closes while the client is still sending)
      b.expectContinue(true);
    }
    if (!type.isEmpty()) {
      b.header("Content-Type", type);
    }
    if (!token.isEmpty()) {
      b.header("Authorization", "Bearer " + token);
    }
    headers.forEach(b::header);
    try {
      HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
      String ct = r.headers().firstValue("content-type").orElse("");
      JsonNode parsed =
          ct.startsWith("application/json") ? JSON.readTree(r.body()) : JSON.missingNode();
      Answer a = new Answer(r.statusCode(), ct, parsed, r.body());
      if (check && api != null && path.startsWith("/api/")) {
        String bare = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        api.check(
            method,
            java.net.URLDecoder.decode(bare, StandardCharsets.UTF_8),
            a.status(),
            parsed.isMissingNode() ? Optional.empty() : Optional.of(parsed));
      }
      return a;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Closes the face and the service; fails if the service's control loop failed meanwhile. */
  @Override
  public void close() {
    face.close();
    service.close();
    assertThat(service.failure()).as("the service's control loop failed").isEmpty();
  }
}
