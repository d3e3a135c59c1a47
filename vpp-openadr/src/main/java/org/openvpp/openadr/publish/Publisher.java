package org.openvpp.openadr.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.openvpp.event.GridEvent;
import org.openvpp.openadr.auth.ClientCredentials;

/**
 * Publishes OpenVPP's programs and events on a VTN as its business logic: a BL client over HTTP (so
 * the VTN's own rules, checks and notifications apply to them as to any BL's). A program is created
 * once and found again by name; an event is created, or updated when published again under the same
 * id. Calls block; a failure is an {@link IllegalStateException} whose message says what the VTN
 * answered. Not thread-safe.
 */
public final class Publisher {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final URI vtn;
  private final ClientCredentials bl;
  private final HttpClient http = HttpClient.newHttpClient();
  private final Map<String, String> programIds = new HashMap<>();
  private final Map<String, String> eventIds = new HashMap<>();
  private final InstantSource time;
  private @Nullable String token;
  private Instant tokenExpires = Instant.MIN;

  /**
   * A publisher on the VTN at {@code vtn} as {@code bl}; tokens kept until near expiry by {@code
   * time}.
   */
  public Publisher(URI vtn, ClientCredentials bl, InstantSource time) {
    this.vtn = vtn;
    this.bl = bl;
    this.time = time;
  }

  /** Publishes {@code program} (a {@code programRequest}) unless it is there; returns its id. */
  public String program(ObjectNode program) {
    String name = program.path("programName").asText();
    String known = programIds.get(name);
    if (known != null) {
      return known;
    }
    JsonNode created = send("POST", "/programs", program, 201, 409);
    String id;
    if (created.has("id")) {
      id = created.path("id").asText();
    } else {
      id = find(name);
    }
    programIds.put(name, id);
    return id;
  }

  /** Publishes {@code event} of the program {@code programId}; returns the VTN's event id. */
  public String event(GridEvent event, String programId) {
    return event(event.id(), Publications.event(event, programId));
  }

  /**
   * Publishes {@code body}, an {@code eventRequest} of the publisher's own making, as the event
   * {@code key} (created, or updated when published again under the same key); returns the VTN's
   * event id.
   */
  public String event(String key, ObjectNode body) {
    String known = eventIds.get(key);
    if (known != null) {
      send("PUT", "/events/" + known, body, 200);
      return known;
    }
    String id = send("POST", "/events", body, 201).path("id").asText();
    eventIds.put(key, id);
    return id;
  }

  /** The reports VENs posted on the event the VTN knows as {@code eventId}, oldest first. */
  public java.util.List<JsonNode> reports(String eventId) {
    java.util.List<JsonNode> out = new java.util.ArrayList<>();
    for (int skip = 0; ; skip += 50) {
      JsonNode page =
          send(
              "GET",
              "/reports?eventID="
                  + URLEncoder.encode(eventId, StandardCharsets.UTF_8)
                  + "&skip="
                  + skip
                  + "&limit=50",
              null,
              200);
      page.forEach(out::add);
      if (page.size() < 50) {
        return out;
      }
    }
  }

  /** Deletes a published event (OpenADR's cancellation). */
  public void cancel(String openvppEventId) {
    String known = eventIds.remove(openvppEventId);
    if (known != null) {
      send("DELETE", "/events/" + known, null, 200);
    }
  }

  private String find(String programName) {
    for (int skip = 0; ; skip += 50) {
      JsonNode page = send("GET", "/programs?skip=" + skip + "&limit=50", null, 200);
      for (JsonNode p : page) {
        if (p.path("programName").asText().equals(programName)) {
          return p.path("id").asText();
        }
      }
      if (page.size() < 50) {
        throw new IllegalStateException(
            "program " + programName + " is neither new nor on the VTN");
      }
    }
  }

  private String token() {
    String t = token;
    if (t != null && time.instant().isBefore(tokenExpires)) {
      return t;
    }
    String form =
        "grant_type=client_credentials&client_id="
            + URLEncoder.encode(bl.clientId(), StandardCharsets.UTF_8)
            + "&client_secret="
            + URLEncoder.encode(bl.clientSecret(), StandardCharsets.UTF_8);
    HttpRequest r =
        HttpRequest.newBuilder(URI.create(vtn + "/auth/token"))
            .timeout(TIMEOUT)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build();
    JsonNode a = exchange(r, 200);
    String fresh = a.path("access_token").asText();
    token = fresh;
    tokenExpires = time.instant().plusSeconds(Math.max(0, a.path("expires_in").asLong(3600) - 60));
    return fresh;
  }

  private JsonNode send(String method, String path, @Nullable JsonNode body, int... ok) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(vtn + path))
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
    return exchange(b.build(), ok);
  }

  private JsonNode exchange(HttpRequest r, int... ok) {
    try {
      HttpResponse<String> a = http.send(r, HttpResponse.BodyHandlers.ofString());
      for (int s : ok) {
        if (a.statusCode() == s) {
          return a.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(a.body());
        }
      }
      throw new IllegalStateException(
          r.method() + " " + r.uri() + " answered " + a.statusCode() + " " + a.body());
    } catch (IOException e) {
      throw new IllegalStateException("cannot reach the VTN at " + r.uri() + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted publishing to " + r.uri(), e);
    }
  }
}
