package org.openvpp.openadr.ven;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The VEN's HTTP side: a bearer token got by client credentials (from the token URL that {@code GET
 * /auth/server} names, else {@code auth/token}), kept until a minute before it expires by the
 * injected time and fetched again after a 401; JSON requests and answers, each told to the
 * observer. Not thread-safe: the {@link Ven} calls it under its lock.
 */
final class VtnClient {

  static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final VenConfig config;
  private final HttpClient http;
  private final InstantSource time;
  private final Consumer<Exchange> observer;
  private @Nullable String token;
  private Instant tokenExpires = Instant.MIN;

  record Answer(int status, JsonNode body) {}

  VtnClient(VenConfig config, HttpClient http, InstantSource time, Consumer<Exchange> observer) {
    this.config = config;
    this.http = http;
    this.time = time;
    this.observer = observer;
  }

  private String base() {
    String b = config.vtn().toString();
    return b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
  }

  /** A token, fetched when there is none or it is about to expire. */
  String token() {
    String t = token;
    if (t != null && time.instant().isBefore(tokenExpires)) {
      return t;
    }
    URI tokenUrl = tokenUrl();
    String form =
        "grant_type=client_credentials&client_id="
            + URLEncoder.encode(config.clientId(), StandardCharsets.UTF_8)
            + "&client_secret="
            + URLEncoder.encode(config.clientSecret(), StandardCharsets.UTF_8);
    HttpRequest r =
        HttpRequest.newBuilder(tokenUrl)
            .timeout(TIMEOUT)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build();
    Answer a = send(r, "POST", "/auth/token", "", Optional.empty());
    if (a.status() == 400 || a.status() == 401) {
      throw new VenException(
          VenException.Kind.CREDENTIALS,
          "the VTN at "
              + config.vtn()
              + " refused client "
              + config.clientId()
              + " ("
              + a.body().path("error").asText("status " + a.status())
              + ": "
              + a.body().path("error_description").asText(a.body().path("detail").asText(""))
              + "); check the client id and secret the VTN's operator gave");
    }
    if (a.status() != 200 || !a.body().path("access_token").isTextual()) {
      throw new VenException(
          a.status() >= 500 ? VenException.Kind.UNREACHABLE : VenException.Kind.PROTOCOL,
          "the token endpoint " + tokenUrl + " answered " + a.status() + " " + a.body());
    }
    String fresh = a.body().path("access_token").asText();
    long seconds = a.body().path("expires_in").asLong(3600);
    token = fresh;
    tokenExpires = time.instant().plusSeconds(Math.max(0, seconds - 60));
    return fresh;
  }

  private URI tokenUrl() {
    if (config.version() == OpenAdrVersion.V3_1) {
      HttpRequest r =
          HttpRequest.newBuilder(URI.create(base() + "/auth/server"))
              .timeout(TIMEOUT)
              .GET()
              .build();
      Answer a = send(r, "GET", "/auth/server", "", Optional.empty());
      if (a.status() == 200 && a.body().path("tokenURL").isTextual()) {
        return URI.create(a.body().path("tokenURL").asText());
      }
    }
    return URI.create(base() + "/auth/token");
  }

  /**
   * Calls {@code method} on {@code path} (with ids filled in) as the operation {@code operation}
   * with the bearer token; once more with a fresh token after a 401.
   *
   * @throws VenException UNREACHABLE when the VTN cannot be reached or answers 5xx
   */
  Answer call(String method, String operation, String path, String query, @Nullable JsonNode body) {
    for (int attempt = 0; ; attempt++) {
      HttpRequest.Builder b =
          HttpRequest.newBuilder(URI.create(base() + path + (query.isEmpty() ? "" : "?" + query)))
              .timeout(TIMEOUT)
              .header("Authorization", "Bearer " + token())
              .method(
                  method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(body.toString()));
      if (body != null) {
        b.header("Content-Type", "application/json");
      }
      Answer a = send(b.build(), method, operation, query, Optional.ofNullable(body));
      if (a.status() == 401 && attempt == 0) {
        token = null;
        continue;
      }
      if (a.status() >= 500) {
        throw new VenException(
            VenException.Kind.UNREACHABLE,
            method
                + " "
                + path
                + " answered "
                + a.status()
                + " "
                + a.body().path("detail").asText(""));
      }
      return a;
    }
  }

  private Answer send(
      HttpRequest request, String method, String operation, String query, Optional<JsonNode> body) {
    HttpResponse<String> raw;
    try {
      raw = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new VenException(
          VenException.Kind.UNREACHABLE, "cannot reach the VTN at " + request.uri() + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new VenException(
          VenException.Kind.UNREACHABLE, "interrupted calling " + request.uri(), e);
    }
    JsonNode json;
    try {
      json = raw.body().isEmpty() ? NullNode.getInstance() : JSON.readTree(raw.body());
    } catch (IOException e) {
      json = NullNode.getInstance();
    }
    observer.accept(new Exchange(method, operation, query, body, raw.statusCode(), json));
    return new Answer(raw.statusCode(), json);
  }
}
