package org.openvpp.ocpp.rpc;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * {@code [4, messageId, errorCode, errorDescription, errorDetails]}: a CALL refused. The message id
 * is {@value Refusal#UNKNOWN_ID} when the refused message's own could not be read.
 */
public record CallError(String messageId, String code, String description, ObjectNode details)
    implements Frame {
  /** The message type id of a CALLERROR. */
  public static final int TYPE = 4;

  /** The longest description sent (OCPP 2.0.1 limits it to 255 characters). */
  public static final int MAX_DESCRIPTION = 255;

  public CallError {
    Objects.requireNonNull(messageId, "messageId");
    if (code.isEmpty()) {
      throw new IllegalArgumentException("a CALLERROR needs a code");
    }
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(details, "details");
  }

  /** The CALLERROR answering {@code refusal} in {@code version}, with empty details. */
  public static CallError of(Refusal refusal, OcppVersion version) {
    return new CallError(
        refusal.messageId(),
        refusal.problem().code(version),
        shorten(refusal.description()),
        JsonNodeFactory.instance.objectNode());
  }

  @Override
  public int messageType() {
    return TYPE;
  }

  private static String shorten(String s) {
    return s.length() <= MAX_DESCRIPTION ? s : s.substring(0, MAX_DESCRIPTION - 1) + "…";
  }
}
