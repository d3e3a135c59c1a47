package org.openvpp.program;

import java.util.Objects;

/**
 * A refused request about programs, enrolment or events: a stable {@link Reason} code for the API
 * edge, and a message that says what was wrong and what to do.
 */
public final class ProgramException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why a request was refused; the names are stable codes. */
  public enum Reason {
    UNKNOWN,
    DUPLICATE,
    NOT_ELIGIBLE,
    NO_CONSENT,
    CONFLICTING_ENROLMENT,
    EVENT_LIMIT,
    ILLEGAL_TRANSITION,
    OPT_OUT_REFUSED
  }

  private final Reason reason;

  public ProgramException(Reason reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public Reason reason() {
    return reason;
  }
}
