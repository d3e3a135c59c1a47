package org.openvpp.openadr.object;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * An event ({@code event}) of a program: its program, its targets, and the rest (intervals, payload
 * and report descriptors, priority) as {@code content}.
 */
public record Event(
    Metadata metadata, String programIdentifier, List<String> targets, ObjectNode content)
    implements OadrObject {

  public Event {
    targets = List.copyOf(targets);
    content = content.deepCopy();
  }

  /** An event from a schema-valid {@code eventRequest}. */
  public static Event fromRequest(Metadata metadata, ObjectNode request) {
    return new Event(
        metadata,
        Json.text(request, "programID"),
        Json.strings(request, "targets"),
        Json.content(request));
  }

  @Override
  public ObjectNode content() {
    return content.deepCopy();
  }

  /** The same event showing only {@code shown} as its targets. */
  public Event withTargets(List<String> shown) {
    return new Event(metadata, programIdentifier, shown, content);
  }

  @Override
  public Optional<String> clientID() {
    return Optional.empty();
  }

  @Override
  public Optional<String> programID() {
    return Optional.of(programIdentifier);
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode out = Json.withMetadata(content, metadata);
    out.put("programID", programIdentifier);
    out.set("targets", Json.array(targets));
    return out;
  }
}
