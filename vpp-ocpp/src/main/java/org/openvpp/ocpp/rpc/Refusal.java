package org.openvpp.ocpp.rpc;

import java.util.Objects;

/**
 * An incoming text refused: why, and what is known of it.
 *
 * @param messageId the message's id, or {@value #UNKNOWN_ID} when it could not be read
 * @param messageType the message type id read (2, 3 or 4), or 0 when none could be read; a refused
 *     CALLRESULT or CALLERROR is never answered
 * @param problem why
 * @param description what was wrong, for the CALLERROR and the log
 */
public record Refusal(String messageId, int messageType, Problem problem, String description)
    implements Parsed {
  /** The message id of a CALLERROR whose CALL's id could not be read. */
  public static final String UNKNOWN_ID = "-1";

  public Refusal {
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(problem, "problem");
    Objects.requireNonNull(description, "description");
  }

  /** Whether the refused text is to be answered with a CALLERROR: not for results and errors. */
  public boolean answerable() {
    return messageType != CallResult.TYPE && messageType != CallError.TYPE;
  }
}
