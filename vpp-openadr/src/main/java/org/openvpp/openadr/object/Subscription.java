package org.openvpp.openadr.object;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A subscription ({@code subscription}): who made it (its client, from the token), its optional
 * program, the object operations it wants to hear of with their webhooks, and its targets, which
 * filter the notifications.
 */
public record Subscription(
    Metadata metadata,
    String clientName,
    String owner,
    Optional<String> program,
    List<ObjectOperation> objectOperations,
    List<String> targets,
    ObjectNode content)
    implements OadrObject {

  public Subscription {
    objectOperations = List.copyOf(objectOperations);
    targets = List.copyOf(targets);
    content = content.deepCopy();
  }

  /** A subscription from a schema-valid {@code subscriptionRequest} by {@code owner}. */
  public static Subscription fromRequest(Metadata metadata, ObjectNode request, String owner) {
    List<ObjectOperation> operations = new ArrayList<>();
    request.path("objectOperations").forEach(n -> operations.add(ObjectOperation.fromJson(n)));
    return new Subscription(
        metadata,
        Json.text(request, "clientName"),
        owner,
        Json.optionalText(request, "programID"),
        operations,
        Json.strings(request, "targets"),
        Json.content(request));
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
    return program;
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode out = Json.withMetadata(content, metadata);
    out.put("clientName", clientName);
    out.put("clientID", owner);
    out.set("targets", Json.array(targets));
    return out;
  }
}
