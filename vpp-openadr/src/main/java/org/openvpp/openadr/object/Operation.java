package org.openvpp.openadr.object;

/** An operation on an object that a subscription may ask to be told of. */
public enum Operation {
  CREATE,
  READ,
  UPDATE,
  DELETE
}
