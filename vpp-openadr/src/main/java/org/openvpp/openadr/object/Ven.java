package org.openvpp.openadr.object;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * A ven ({@code ven}): its unique name, the client it belongs to, the targets the business logic
 * granted it, and the rest (attributes) as {@code content}.
 */
public record Ven(
    Metadata metadata, String venName, String owner, List<String> targets, ObjectNode content)
    implements OadrObject {

  public Ven {
    targets = List.copyOf(targets);
    content = content.deepCopy();
  }

  /**
   * A ven from a schema-valid {@code venRequest}, owned by {@code owner} and granted {@code
   * targets}.
   */
  public static Ven fromRequest(
      Metadata metadata, ObjectNode request, String owner, List<String> targets) {
    ObjectNode content = Json.content(request);
    content.remove("clientID");
    return new Ven(metadata, Json.text(request, "venName"), owner, targets, content);
  }

  @Override
  public ObjectNode content() {
    return content.deepCopy();
  }

  @Override
  public Optional<String> clientID() {
    return Optional.of(owner);
  }

  @Override
  public Optional<String> programID() {
    return Optional.empty();
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode out = Json.withMetadata(content, metadata);
    out.put("venName", venName);
    out.put("clientID", owner);
    out.set("targets", Json.array(targets));
    return out;
  }
}
