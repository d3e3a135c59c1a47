package org.openvpp.openadr.object;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * A program ({@code program}): a unique name, its targets, and the rest of what the business logic
 * gave (interval period, descriptions, payload descriptors, attributes) as {@code content}.
 */
public record Program(
    Metadata metadata, String programName, List<String> targets, ObjectNode content)
    implements OadrObject {

  public Program {
    targets = List.copyOf(targets);
    content = content.deepCopy();
  }

  /** A program from a schema-valid {@code programRequest}. */
  public static Program fromRequest(Metadata metadata, ObjectNode request) {
    return new Program(
        metadata,
        Json.text(request, "programName"),
        Json.strings(request, "targets"),
        Json.content(request));
  }

  @Override
  public ObjectNode content() {
    return content.deepCopy();
  }

  /** The same program showing only {@code shown} as its targets. */
  public Program withTargets(List<String> shown) {
    return new Program(metadata, programName, shown, content);
  }

  @Override
  public Optional<String> clientID() {
    return Optional.empty();
  }

  @Override
  public Optional<String> programID() {
    return Optional.of(id());
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode out = Json.withMetadata(content, metadata);
    out.put("programName", programName);
    out.set("targets", Json.array(targets));
    return out;
  }
}
