package org.openvpp.world.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The service's HTTP API as the world calls it: a machine client (OAuth2 client credentials) that
 * posts and reads JSON, CSV and Green Button files. The world knows the service only through this
 * and the broker.
 *
 * <p>Threads: the world's.
 */
public final class ServiceApi {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  /** How long a service that does not listen is waited for: a restart. */
  private static final Duration RESTART = Duration.ofMinutes(2);

  /** An answer: its status and body. */
  public record Answer(int status, JsonNode body) {
    public boolean ok() {
      return status / 100 == 2;
    }

    /** The error's message, or the body. */
    public String message() {
      return body.path("message").asText(body.toString());
    }
  }

  private final URI base;
  private final String clientId;
  private final String clientSecret;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private Optional<String> token = Optional.empty();
  private Instant expires = Instant.MIN;

  /**
   * @param base the service's base URL, such as {@code http://127.0.0.1:8080}
   */
  public ServiceApi(URI base, String clientId, String clientSecret) {
    this.base = base;
    this.clientId = clientId;
    this.clientSecret = clientSecret;
  }

  public Answer post(String path, JsonNode body) {
    return send("POST", path, "application/json", body.toString());
  }

  public Answer put(String path, JsonNode body) {
    return send("PUT", path, "application/json", body.toString());
  }

  public Answer get(String path) {
    return send("GET", path, "application/json", "");
  }

  /** Posts a body of another type (CSV, Green Button XML). */
  public Answer upload(String path, String contentType, byte[] body) {
    return exchange(
        request(path)
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build());
  }

  /**
   * Whether the service answers this client now: empty if it does, else why not (not reachable, or
   * the client refused).
   */
  public Optional<String> reachable() {
    try {
      Answer a = get("/api/v1/status");
      return a.ok() ? Optional.empty() : Optional.of(a.status() + " " + a.message());
    } catch (IllegalStateException e) {
      return Optional.of(String.valueOf(e.getMessage()));
    }
  }

  /** Like {@link #post}, refusing anything but success with the service's message. */
  public JsonNode must(Answer a, String what) {
    if (!a.ok()) {
      throw new IllegalStateException(
          what + ": the service answered " + a.status() + " " + a.message());
    }
    return a.body();
  }

  public ObjectMapper json() {
    return JSON;
  }

  private Answer send(String method, String path, String type, String body) {
    HttpRequest.Builder b = request(path);
    if (!body.isEmpty()) {
      b.header("Content-Type", type);
    }
    b.method(
        method,
        body.isEmpty()
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    return exchange(b.build());
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(base.resolve(path))
        .timeout(TIMEOUT)
        .header("Accept", "application/json")
        .header("Authorization", "Bearer " + token());
  }

  private String token() {
    Optional<String> t = token;
    if (t.isPresent() && Instant.now().isBefore(expires)) {
      return t.get();
    }
    String form =
        "grant_type=client_credentials&client_id="
            + URLEncoder.encode(clientId, StandardCharsets.UTF_8)
            + "&client_secret="
            + URLEncoder.encode(clientSecret, StandardCharsets.UTF_8);
    Answer a =
        exchange(
            HttpRequest.newBuilder(base.resolve("/api/v1/auth/token"))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build());
    if (!a.ok()) {
      throw new IllegalStateException(
          "the service at "
              + base
              + " refused the world's client "
              + clientId
              + ": "
              + a.message());
    }
    String fresh = a.body().path("access_token").asText();
    token = Optional.of(fresh);
    expires =
        Instant.now().plusSeconds(Math.max(30, a.body().path("expires_in").asLong(3600) - 60));
    return fresh;
  }

  /**
   * Sends {@code r}; a service that is not listening (restarting) is tried again each second for up
   * to {@link #RESTART}: the request never reached it, so nothing is done twice.
   */
  private Answer exchange(HttpRequest r) {
    long until = System.nanoTime() + RESTART.toNanos();
    while (true) {
      try {
        return exchangeOnce(r);
      } catch (ConnectException e) {
        if (System.nanoTime() > until) {
          throw new IllegalStateException("cannot reach the service at " + r.uri() + ": " + e, e);
        }
        try {
          Thread.sleep(1000);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted calling " + r.uri(), ie);
        }
      }
    }
  }

  private Answer exchangeOnce(HttpRequest r) throws ConnectException {
    try {
      HttpResponse<String> a = http.send(r, HttpResponse.BodyHandlers.ofString());
      JsonNode body = a.body().isBlank() ? JSON.createObjectNode() : parse(a.body());
      return new Answer(a.statusCode(), body);
    } catch (ConnectException e) {
      throw e;
    } catch (IOException e) {
      throw new IllegalStateException("cannot reach the service at " + r.uri() + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted calling " + r.uri(), e);
    }
  }

  private static JsonNode parse(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      return JSON.createObjectNode().put("message", body);
    }
  }
}
