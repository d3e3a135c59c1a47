package org.openvpp.openadr.vtn;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.SilentCloseable;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;

/**
 * The VTN's HTTP interface fuzzed: the input's first byte picks an operation of the OpenADR 3
 * definition (method and path), the second the caller (the BL, a VEN, no token, a forged one); the
 * rest is the path's id, the query and the body, one a line. Every answer is one the definition
 * allows, with a body that meets its schema (checked by {@link Api}), and never a 500: any input
 * gets a clear refusal or a correct result. The VTN keeps what it accepts across inputs, as a
 * running one does. The default test run replays {@code VtnFuzzTestInputs}; {@code ./vpp fuzz}
 * fuzzes for real (docs/security.md).
 */
class VtnFuzzTest {
  private static final VtnFixture VTN = new VtnFixture();
  private static final List<String[]> OPERATIONS = operations();

  @AfterAll
  static void stop() {
    VTN.close();
  }

  @FuzzTest
  void anyRequest(byte[] input) {
    if (input.length < 2) {
      return;
    }
    // the test's own requests go to the VTN on the loopback interface; Jazzer's SSRF detector
    // still catches a connection anywhere else (a webhook to a host the input named)
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
    String method = op[0];
    String template = op[1];
    String token =
        switch (Math.floorMod(input[1], 4)) {
          case 0 -> VTN.blToken;
          case 1 -> VTN.ven1Token;
          case 2 -> "";
          default -> "forged." + VTN.ven2Token.substring(1);
        };
    String[] parts = new String(input, 2, input.length - 2, StandardCharsets.UTF_8).split("\n", 3);
    String id = parts[0];
    String query = parts.length > 1 ? parts[1] : "";
    String body = parts.length > 2 ? parts[2] : "";
    if (template.contains("{") && id.isEmpty()) {
      return; // "/programs/" is the collection's path, another operation
    }
    String path = template.replaceAll("\\{[^}]+}", encode(id, false));
    HttpRequest.Builder b;
    try {
      b =
          HttpRequest.newBuilder(
              URI.create(
                  VTN.vtn.baseUrl() + path + (query.isEmpty() ? "" : "?" + encode(query, true))));
    } catch (IllegalArgumentException e) {
      return; // not a URI an HTTP client could send
    }
    if (!token.isEmpty()) {
      b.header("Authorization", "Bearer " + token);
    }
    boolean hasBody = !method.equals("get") && !method.equals("delete");
    b.method(
        method.toUpperCase(Locale.ROOT),
        hasBody ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
    if (hasBody) {
      b.header(
          "Content-Type",
          template.equals("/auth/token")
              ? "application/x-www-form-urlencoded"
              : "application/json");
    }
    HttpRequest request = b.build();
    String pointer = "/paths/" + Api.escape(template) + "/" + method;
    Api.Response r;
    try {
      r = VTN.api.send(request, pointer, method);
    } catch (java.io.UncheckedIOException e) {
      // a kept-alive connection the server closed as the client reused it: once more, afresh
      r = VTN.api.send(request, pointer, method);
    }
    assertThat(r.status())
        .as("%s %s?%s %s -> %s", method, path, query, body, r.body())
        .isNotEqualTo(500);
  }

  /** Every operation the definition lists, as {method, path template}. */
  private static List<String[]> operations() {
    List<String[]> ops = new ArrayList<>();
    Api.DEFINITION
        .document()
        .path("paths")
        .properties()
        .forEach(
            path ->
                path.getValue()
                    .fieldNames()
                    .forEachRemaining(
                        m -> {
                          if (List.of("get", "post", "put", "delete").contains(m)) {
                            ops.add(new String[] {m, path.getKey()});
                          }
                        }));
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
