package org.openvpp.ocpp.rpc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/** {@code [2, messageId, action, payload]}: a request. */
public record Call(String messageId, String action, ObjectNode payload) implements Frame {
  /** The message type id of a CALL. */
  public static final int TYPE = 2;

  public Call {
    Frames.checkMessageId(messageId);
    if (action.isEmpty()) {
      throw new IllegalArgumentException("a CALL needs an action");
    }
    Objects.requireNonNull(payload, "payload");
  }

  @Override
  public int messageType() {
    return TYPE;
  }
}
