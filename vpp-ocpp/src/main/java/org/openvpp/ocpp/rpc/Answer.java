package org.openvpp.ocpp.rpc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/** A central system's answer to a charger's CALL: a result, or a refusal. */
public sealed interface Answer {
  /** A CALLRESULT with {@code payload}. */
  record Result(ObjectNode payload) implements Answer {
    public Result {
      Objects.requireNonNull(payload, "payload");
    }
  }

  /** A CALLERROR for {@code problem}, with {@code description}. */
  record Refused(Problem problem, String description) implements Answer {
    public Refused {
      Objects.requireNonNull(problem, "problem");
      Objects.requireNonNull(description, "description");
    }
  }

  /** The answer to an action this central system does not handle yet. */
  static Answer notHandled(OcppVersion version, String action) {
    return new Refused(
        Problem.NOT_HANDLED, action + " is not handled yet by this " + version + " central system");
  }
}
