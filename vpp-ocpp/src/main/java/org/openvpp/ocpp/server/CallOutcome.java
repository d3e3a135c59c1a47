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

  /**
   * Why a CALL got no usable answer, for logs and records: the CALLERROR's code and description,
   * "no answer in time" or "the connection closed before an answer"; empty for an answer.
   */
  default java.util.Optional<String> failure() {
    return switch (this) {
      case Answered a -> java.util.Optional.empty();
      case Refused r -> java.util.Optional.of("CALLERROR " + r.code() + ": " + r.description());
      case TimedOut t -> java.util.Optional.of("no answer in time");
      case Closed c -> java.util.Optional.of("the connection closed before an answer");
    };
  }
}
