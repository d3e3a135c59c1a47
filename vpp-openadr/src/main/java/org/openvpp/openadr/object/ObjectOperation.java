package org.openvpp.openadr.object;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One entry of a subscription's {@code objectOperations}: which object types and operations to be
 * told of, the webhook to call, and the bearer token to call it with.
 */
public record ObjectOperation(
    List<ObjectType> objects,
    List<Operation> operations,
    URI callbackUrl,
    Optional<String> bearerToken) {

  public ObjectOperation {
    objects = List.copyOf(objects);
    operations = List.copyOf(operations);
  }

  /** Whether this entry asks for {@code operation} on objects of {@code type}. */
  public boolean covers(ObjectType type, Operation operation) {
    return objects.contains(type) && operations.contains(operation);
  }

  static ObjectOperation fromJson(JsonNode node) {
    List<ObjectType> objects = new ArrayList<>();
    node.path("objects").forEach(n -> objects.add(ObjectType.valueOf(n.asText())));
    List<Operation> operations = new ArrayList<>();
    node.path("operations").forEach(n -> operations.add(Operation.valueOf(n.asText())));
    return new ObjectOperation(
        objects,
        operations,
        URI.create(Json.text(node, "callbackUrl")),
        Json.optionalText(node, "bearerToken"));
  }
}
