package org.openvpp.openadr.vtn;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.openvpp.openadr.spec.OpenAdrDefinition;

/**
 * A client of a VTN over real HTTP that checks every request body and every response body against
 * the OpenAPI definition: the request against the operation's request schema (unless the test means
 * to send a bad one), the response against the schema the operation gives for the status it got. A
 * status the operation does not list must be an error the Definition's "Response Codes and Errors"
 * table gives for the method (or 401), with a {@code problem} body. It records which operations
 * were called.
 */
final class Api {

  static final OpenAdrDefinition DEFINITION = OpenAdrDefinition.load();
  static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, Set<Integer>> GENERAL =
      Map.of(
          "get", Set.of(400, 401, 403, 404, 500),
          "post", Set.of(400, 401, 403, 404, 409, 500),
          "put", Set.of(400, 401, 403, 404, 409, 500),
          "delete", Set.of(400, 401, 403, 404, 500));

  /** Operations called, as {@code METHOD /template}. */
  static final Set<String> CALLED = ConcurrentHashMap.newKeySet();

  record Response(int status, JsonNode body, HttpResponse<String> raw) {
    String text(String field) {
      return body.path(field).asText();
    }
  }

  private final HttpClient http;
  private final URI base;

  Api(URI base) {
    this(base, HttpClient.newHttpClient());
  }

  Api(URI base, HttpClient http) {
    this.base = base;
    this.http = http;
  }

  /**
   * Calls {@code method} on {@code template} (a path of the definition, for example {@code
   * /programs/{programID}}) with {@code id} for its one path parameter, if any.
   */
  Response call(String method, String template, String id, String token, @Nullable JsonNode body) {
    return call(method, template, id, "", token, body, true);
  }

  Response call(
      String method,
      String template,
      String id,
      String query,
      String token,
      @Nullable JsonNode body,
      boolean checkRequest) {
    String m = method.toLowerCase(Locale.ROOT);
    String op = "/paths/" + escape(template) + "/" + m;
    assertThat(DEFINITION.document().at(op).isMissingNode())
        .as("the definition has %s %s", method, template)
        .isFalse();
    CALLED.add(method.toUpperCase(Locale.ROOT) + " " + template);
    if (body != null && checkRequest) {
      String schema = op + "/requestBody/content/application~1json/schema";
      assertThat(DEFINITION.validatePointer(schema, body))
          .as("request %s %s", method, template)
          .isEmpty();
    }
    String path = template.replaceAll("\\{[^}]+}", id);
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path + (query.isEmpty() ? "" : "?" + query)));
    if (!token.isEmpty()) {
      b.header("Authorization", "Bearer " + token);
    }
    b.method(
        method.toUpperCase(Locale.ROOT),
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body.toString()));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    return send(b.build(), op, m);
  }

  /** Sends a raw body (for malformed JSON). */
  Response raw(String method, String template, String token, String body) {
    String m = method.toLowerCase(Locale.ROOT);
    HttpRequest r =
        HttpRequest.newBuilder(URI.create(base + template))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .method(method.toUpperCase(Locale.ROOT), HttpRequest.BodyPublishers.ofString(body))
            .build();
    return send(r, "/paths/" + escape(template) + "/" + m, m);
  }

  /** Calls {@code POST /auth/token} with a form and optional Basic authorization. */
  Response token(Map<String, String> form, String basic) {
    StringBuilder f = new StringBuilder();
    form.forEach(
        (k, v) -> {
          if (f.length() > 0) {
            f.append('&');
          }
          f.append(URLEncoder.encode(k, StandardCharsets.UTF_8))
              .append('=')
              .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
    CALLED.add("POST /auth/token");
    JsonNode asJson = JSON.valueToTree(form);
    if ("client_credentials".equals(form.get("grant_type"))
        && form.containsKey("client_id")
        && form.containsKey("client_secret")) {
      assertThat(DEFINITION.validate("clientCredentialRequest", asJson)).isEmpty();
    }
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + "/auth/token"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(f.toString()));
    if (!basic.isEmpty()) {
      b.header("Authorization", "Basic " + basic);
    }
    return send(b.build(), "/paths/~1auth~1token/post", "post");
  }

  /** A token for a client, all of its role's scopes. */
  String tokenFor(String clientId, String secret) {
    Response r =
        token(
            Map.of(
                "grant_type", "client_credentials", "client_id", clientId, "client_secret", secret),
            "");
    assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
    return r.text("access_token");
  }

  Response send(HttpRequest request, String op, String method) {
    try {
      HttpResponse<String> raw = http.send(request, HttpResponse.BodyHandlers.ofString());
      JsonNode body = raw.body().isEmpty() ? JSON.nullNode() : JSON.readTree(raw.body());
      assertThat(raw.headers().firstValue("Content-Type").orElse(""))
          .as("content type of %s", op)
          .startsWith("application/json");
      checkResponse(op, method, raw.statusCode(), body);
      return new Response(raw.statusCode(), body, raw);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * The errors of one exchange of the VEN against the definition: its request body against the
   * operation's request schema, its answer as {@link #checkResponse} checks it. Empty when it
   * conforms.
   */
  static java.util.List<String> conformance(org.openvpp.openadr.ven.Exchange x) {
    try {
      String m = x.method().toLowerCase(Locale.ROOT);
      String op = "/paths/" + escape(x.operation()) + "/" + m;
      if (DEFINITION.document().at(op).isMissingNode()) {
        return java.util.List.of("the definition has no " + x.method() + " " + x.operation());
      }
      if (x.request().isPresent()) {
        String schema = op + "/requestBody/content/application~1json/schema";
        java.util.List<String> errors = DEFINITION.validatePointer(schema, x.request().get());
        if (!errors.isEmpty()) {
          return java.util.List.of(x.method() + " " + x.operation() + " request: " + errors);
        }
      }
      checkResponse(op, m, x.status(), x.response());
      return java.util.List.of();
    } catch (AssertionError e) {
      return java.util.List.of(x.method() + " " + x.operation() + ": " + e.getMessage());
    }
  }

  private static void checkResponse(String op, String method, int status, JsonNode body) {
    JsonNode doc = DEFINITION.document();
    String pointer = op + "/responses/" + status;
    JsonNode response = doc.at(pointer);
    if (response.isMissingNode()) {
      assertThat(status)
          .as("%s answered %d, which neither the operation nor the Definition lists", op, status)
          .isIn(GENERAL.getOrDefault(method, Set.of()));
      assertThat(DEFINITION.validate("problem", body)).as("problem body of %s", op).isEmpty();
      return;
    }
    if (response.has("$ref")) {
      pointer = response.get("$ref").asText().substring(1);
      response = doc.at(pointer);
    }
    if (response.has("content")) {
      String schema = pointer + "/content/application~1json/schema";
      assertThat(DEFINITION.validatePointer(schema, body))
          .as("response %d of %s: %s", status, op, body)
          .isEmpty();
    }
  }

  static String escape(String template) {
    return template.replace("~", "~0").replace("/", "~1");
  }

  static ObjectNode object(String json) {
    try {
      return (ObjectNode) JSON.readTree(json);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
