package org.openvpp.ocpp.rpc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/** {@code [3, messageId, payload]}: the answer to a CALL. */
public record CallResult(String messageId, ObjectNode payload) implements Frame {
  /** The message type id of a CALLRESULT. */
  public static final int TYPE = 3;

  public CallResult {
    Frames.checkMessageId(messageId);
    Objects.requireNonNull(payload, "payload");
  }

  @Override
  public int messageType() {
    return TYPE;
  }
}
