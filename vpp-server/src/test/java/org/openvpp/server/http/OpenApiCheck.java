package org.openvpp.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Holds every answer of the face to its OpenAPI document: the path and method must be there, the
 * status must be one of the operation's responses, and a JSON body must be valid against that
 * response's schema (JSON Schema 2020-12, as OpenAPI 3.1 has it).
 */
final class OpenApiCheck {
  static final String IRI = "https://openvpp.org/api/openapi.json";
  static final ObjectMapper JSON = new ObjectMapper();

  private record Operation(String template, Pattern pattern) {}

  final JsonNode document;
  private final SchemaRegistry registry;
  private final List<Operation> paths = new ArrayList<>();

  OpenApiCheck(String text) {
    try {
      this.document = JSON.readTree(text);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    this.registry =
        SchemaRegistry.withDefaultDialect(
            Dialects.getDraft202012(), b -> b.schemas(Map.of(IRI, text)));
    for (Iterator<String> it = document.path("paths").fieldNames(); it.hasNext(); ) {
      String t = it.next();
      // A group's id has slashes in it: the last parameter of /groups/{id} takes them.
      String regex =
          t.equals("/api/v1/groups/{id}")
              ? "/api/v1/groups/.+"
              : Pattern.quote(t).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q");
      paths.add(new Operation(t, Pattern.compile(regex)));
    }
  }

  /** The document's path template that {@code path} (no query) matches; exact ones first. */
  Optional<String> template(String path) {
    for (Operation o : paths) {
      if (o.template().equals(path)) {
        return Optional.of(o.template());
      }
    }
    for (Operation o : paths) {
      if (!o.template().equals("/api/v1/groups/{id}") && o.pattern().matcher(path).matches()) {
        return Optional.of(o.template());
      }
    }
    return paths.stream()
        .filter(o -> o.pattern().matcher(path).matches())
        .map(Operation::template)
        .findFirst();
  }

  /** Checks one answer; {@code body} is empty for no body or a body that is not JSON. */
  void check(String method, String path, int status, Optional<JsonNode> body) {
    String template =
        template(path).orElseThrow(() -> new AssertionError("undocumented path " + path));
    JsonNode op = document.path("paths").path(template).path(method.toLowerCase(Locale.ROOT));
    assertThat(op.isMissingNode()).as("%s %s is documented", method, template).isFalse();
    JsonNode responses = op.path("responses");
    String key = String.valueOf(status);
    if (responses.path(key).isMissingNode()) {
      key = "default";
    }
    assertThat(responses.path(key).isMissingNode())
        .as("%s %s documents status %s (or a default)", method, template, status)
        .isFalse();
    if (body.isEmpty()) {
      return;
    }
    JsonNode content = resolve(responses.path(key)).path("content").path("application/json");
    assertThat(content.isMissingNode())
        .as("%s %s %s documents a JSON body", method, template, key)
        .isFalse();
    String pointer =
        "#/paths/"
            + escape(template)
            + "/"
            + method.toLowerCase(Locale.ROOT)
            + "/responses/"
            + key
            + (responses.path(key).has("$ref") ? "" : "/content/application~1json/schema");
    if (responses.path(key).has("$ref")) {
      pointer = responses.path(key).path("$ref").asText() + "/content/application~1json/schema";
    }
    Schema s = registry.getSchema(SchemaLocation.of(IRI + pointer));
    assertThat(s.validate(body.get()))
        .as("%s %s %s: %s against %s", method, path, status, body.get(), pointer)
        .isEmpty();
  }

  private JsonNode resolve(JsonNode response) {
    if (response.has("$ref")) {
      String ref = response.path("$ref").asText().substring(1);
      return document.at(ref);
    }
    return response;
  }

  private static String escape(String s) {
    return s.replace("~", "~0").replace("/", "~1");
  }
}
