package org.openvpp.openadr.object;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/** An object kept by the VTN. */
public sealed interface OadrObject permits Program, Event, Report, Subscription, Ven, Resource {

  Metadata metadata();

  default String id() {
    return metadata().id();
  }

  default ObjectType objectType() {
    return metadata().objectType();
  }

  /** The targets of this object; empty when it has none. */
  List<String> targets();

  /**
   * The client that owns this object: the VEN it belongs to for vens, resources, reports and
   * subscriptions; empty for programs and events, which the business logic owns.
   */
  Optional<String> clientID();

  /** The program this object belongs to, when it belongs to one. */
  Optional<String> programID();

  /** This object as the definition represents it (a fresh tree the caller may change). */
  ObjectNode toJson();
}
