package org.openvpp.openadr.object;

import java.time.Instant;

/**
 * What the VTN writes on every object ({@code objectMetadata}): its id, when it was created and
 * last modified, and its type.
 */
public record Metadata(
    String id, Instant createdDateTime, Instant modificationDateTime, ObjectType objectType) {

  /** New metadata for an object created at {@code at}. */
  public static Metadata created(String id, ObjectType type, Instant at) {
    return new Metadata(id, at, at, type);
  }

  /** The same metadata, modified at {@code at}. */
  public Metadata modified(Instant at) {
    return new Metadata(id, createdDateTime, at, objectType);
  }
}
