package org.openvpp.openadr.vtn;

import java.util.List;
import java.util.Optional;
import org.openvpp.openadr.object.ObjectType;

/**
 * The query parameters of a search, each optional; every one given must match (the definition's
 * filters are additive). {@code skip} and {@code limit} page the result.
 */
record Filter(
    Optional<String> programID,
    Optional<String> eventID,
    Optional<String> clientName,
    Optional<String> venName,
    Optional<String> venID,
    Optional<String> resourceName,
    List<String> targets,
    List<ObjectType> objects,
    boolean activeOnly,
    int skip,
    int limit) {

  static final int MAX_LIMIT = 50;

  Filter {
    targets = List.copyOf(targets);
    objects = List.copyOf(objects);
  }
}
