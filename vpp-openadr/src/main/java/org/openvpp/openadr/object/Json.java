package org.openvpp.openadr.object;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reading and writing the typed fields of an object's JSON. */
final class Json {

  private Json() {}

  static String text(JsonNode body, String field) {
    JsonNode v = body.path(field);
    if (!v.isTextual()) {
      throw new IllegalArgumentException("field " + field + " must be a string");
    }
    return v.asText();
  }

  static Optional<String> optionalText(JsonNode body, String field) {
    JsonNode v = body.path(field);
    return v.isTextual() ? Optional.of(v.asText()) : Optional.empty();
  }

  static List<String> strings(JsonNode body, String field) {
    List<String> out = new ArrayList<>();
    body.path(field).forEach(n -> out.add(n.asText()));
    return List.copyOf(out);
  }

  static ArrayNode array(List<String> values) {
    ArrayNode a = JsonNodeFactory.instance.arrayNode();
    values.forEach(a::add);
    return a;
  }

  /** The content with the metadata written over it. */
  static ObjectNode withMetadata(ObjectNode content, Metadata m) {
    ObjectNode out = content.deepCopy();
    out.put("id", m.id());
    out.put("createdDateTime", m.createdDateTime().toString());
    out.put("modificationDateTime", m.modificationDateTime().toString());
    out.put("objectType", m.objectType().name());
    return out;
  }

  /** A copy of a client's body without the fields the VTN writes. */
  static ObjectNode content(ObjectNode body) {
    ObjectNode c = body.deepCopy();
    c.remove(List.of("id", "createdDateTime", "modificationDateTime", "objectType"));
    return c;
  }
}
