package org.openvpp.openadr.object;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * A report ({@code report}) a VEN made on an event: the event, the client's name for itself, the
 * client that wrote it (from its token), the program of the event, and the rest (resources and
 * their intervals, payload descriptors) as {@code content}.
 */
public record Report(
    Metadata metadata,
    String eventID,
    String clientName,
    String owner,
    String program,
    ObjectNode content)
    implements OadrObject {

  public Report {
    content = content.deepCopy();
  }

  /**
   * A report from a schema-valid {@code reportRequest} by {@code owner}, on an event of {@code
   * program}.
   */
  public static Report fromRequest(
      Metadata metadata, ObjectNode request, String owner, String program) {
    return new Report(
        metadata,
        Json.text(request, "eventID"),
        Json.text(request, "clientName"),
        owner,
        program,
        Json.content(request));
  }

  @Override
  public ObjectNode content() {
    return content.deepCopy();
  }

  @Override
  public List<String> targets() {
    return List.of();
  }

  @Override
  public Optional<String> clientID() {
    return Optional.of(owner);
  }

  @Override
  public Optional<String> programID() {
    return Optional.of(program);
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode out = Json.withMetadata(content, metadata);
    out.put("eventID", eventID);
    out.put("clientName", clientName);
    out.put("clientID", owner);
    return out;
  }
}
