package org.openvpp.openadr.object;

/** The addressable object types of the definition ({@code objectTypes}). */
public enum ObjectType {
  PROGRAM("programs"),
  EVENT("events"),
  REPORT("reports"),
  SUBSCRIPTION("subscriptions"),
  VEN("vens"),
  RESOURCE("resources");

  private final String collection;

  ObjectType(String collection) {
    this.collection = collection;
  }

  /** The name of the collection of this type in paths and topics, for example {@code programs}. */
  public String collection() {
    return collection;
  }
}
