package org.openvpp.ocpp.server;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** What became of the central system's CALL to a charger. */
public sealed interface CallOutcome {
  /** The charger answered with a CALLRESULT valid against the action's response schema. */
  record Answered(ObjectNode payload) implements CallOutcome {}

  /**
   * The charger answered with a CALLERROR, or with a result that breaks the response schema (then
   * {@code code} is the version's code for the violation and the description starts "invalid
   * answer").
   */
  record Refused(String code, String description) implements CallOutcome {}

  /** No answer within the configured timeout. */
  record TimedOut() implements CallOutcome {}

  /** The connection closed before an answer. */
  record Closed() implements CallOutcome {}
}
