package org.openvpp.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.SilentCloseable;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;

/**
 * The service's API fuzzed over HTTP: the input's first byte picks an operation of the OpenAPI
 * document (method and path), the second the caller (an admin, a viewer, no token, a forged one);
 * the rest is the path's parameters, the query and the body, one a line. Every answer of the API is
 * JSON (the metrics are Prometheus' text), one the document allows for the operation with a body
 * that meets its schema (checked by {@link World}), and never a 500 (the service failing): any
 * input gets a clear refusal or a correct result. The service keeps what it accepts across inputs,
 * as a running one does. The default test run replays {@code ApiFuzzTestInputs}; {@code ./vpp fuzz}
 * fuzzes for real (docs/security.md).
 */
class ApiFuzzTest {
  private static final World WORLD = started();
  private static final List<String[]> OPERATIONS = operations();

  /** A world whose service has taken its first steps, so that it has published its state. */
  private static World started() {
    World w = new World(Instant.parse("2019-08-01T07:00:00Z"));
    w.run(java.time.Duration.ofMinutes(2));
    return w;
  }

  @AfterAll
  static void stop() {
    WORLD.close();
  }

  @FuzzTest
  void anyRequest(byte[] input) {
    if (input.length < 2) {
      return;
    }
    SilentCloseable allowed =
        BugDetectors.allowNetworkConnections(
            (host, port) -> host.equals("localhost") || host.equals("127.0.0.1"));
    try {
      request(input);
    } finally {
      allowed.close();
    }
  }

  private static void request(byte[] input) {
    String[] op = OPERATIONS.get(Math.floorMod(input[0], OPERATIONS.size()));
    String method = op[0].toUpperCase(Locale.ROOT);
    String token =
        switch (Math.floorMod(input[1], 4)) {
          case 0 -> WORLD.admin;
          case 1 -> WORLD.viewer;
          case 2 -> "";
          default -> "forged" + WORLD.viewer.substring(1);
        };
    String[] parts = new String(input, 2, input.length - 2, StandardCharsets.UTF_8).split("\n", 3);
    String id = parts[0];
    String query = parts.length > 1 ? parts[1] : "";
    String body = parts.length > 2 ? parts[2] : "";
    if (op[1].contains("{") && (id.isEmpty() || !id.matches("[\\x20-\\x7e&&[^/+%?#]]+"))) {
      return; // another operation's path, or one the document's check cannot map back
    }
    String path =
        op[1].replaceAll("\\{[^}]+}", encode(id, false))
            + (query.isEmpty() ? "" : "?" + encode(query, true));
    boolean hasBody = method.equals("POST") || method.equals("PUT");
    java.util.function.Supplier<World.Answer> send =
        () ->
            WORLD.send(
                method,
                path,
                token,
                hasBody ? "application/json" : "",
                hasBody
                    ? HttpRequest.BodyPublishers.ofString(body)
                    : HttpRequest.BodyPublishers.noBody(),
                Map.of());
    World.Answer a;
    try {
      a = send.get();
    } catch (IllegalArgumentException e) {
      return; // not a URI an HTTP client could send
    } catch (java.io.UncheckedIOException e) {
      // a kept-alive connection the server closed as the client reused it: once more, afresh
      a = send.get();
    }
    assertThat(a.status()).as("%s %s %s -> %s", method, path, body, a).isNotEqualTo(500);
    if (!a.text().isEmpty() && op[1].startsWith("/api/")) {
      assertThat(a.type()).as("%s %s -> %s", method, path, a).startsWith("application/json");
    }
  }

  /** Every operation of the API's OpenAPI document, as {method, path template}. */
  private static List<String[]> operations() {
    JsonNode doc = WORLD.get("/openapi.json", "").body();
    List<String[]> ops = new ArrayList<>();
    doc.path("paths")
        .properties()
        .forEach(
            path ->
                path.getValue()
                    .fieldNames()
                    .forEachRemaining(
                        m -> {
                          // not the logout: the accounts' tokens serve every input
                          if (List.of("get", "post", "put", "delete").contains(m)
                              && !path.getKey().endsWith("/logout")) {
                            ops.add(new String[] {m, path.getKey()});
                          }
                        }));
    assertThat(ops).isNotEmpty();
    return List.copyOf(ops);
  }

  /**
   * {@code s} percent-encoded as a path segment or, for a query, with its {@code &} and {@code =}
   * kept so that it still says parameters.
   */
  private static String encode(String s, boolean query) {
    String e = java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    return query ? e.replace("%26", "&").replace("%3D", "=") : e;
  }
}
