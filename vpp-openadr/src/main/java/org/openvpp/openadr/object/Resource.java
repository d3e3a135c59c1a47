package org.openvpp.openadr.object;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * A resource of a ven ({@code resource}): its name (unique within its ven), its ven, the client it
 * belongs to, the targets the business logic granted it, and the rest (attributes) as {@code
 * content}.
 */
public record Resource(
    Metadata metadata,
    String resourceName,
    String venID,
    String owner,
    List<String> targets,
    ObjectNode content)
    implements OadrObject {

  public Resource {
    targets = List.copyOf(targets);
    content = content.deepCopy();
  }

  /** A resource from a schema-valid {@code resourceRequest}, owned by {@code owner}. */
  public static Resource fromRequest(
      Metadata metadata, ObjectNode request, String owner, List<String> targets) {
    ObjectNode content = Json.content(request);
    content.remove("clientID");
    return new Resource(
        metadata,
        Json.text(request, "resourceName"),
        Json.text(request, "venID"),
        owner,
        targets,
        content);
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
    out.put("resourceName", resourceName);
    out.put("venID", venID);
    out.put("clientID", owner);
    out.set("targets", Json.array(targets));
    return out;
  }
}
