package org.openvpp.settle;

import java.util.Objects;

/** A refused posting: a stable {@link Reason} code and a message saying what to do. */
public final class LedgerException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why; the names are stable codes. */
  public enum Reason {
    UNBALANCED,
    NOT_IN_MINOR_UNITS,
    CURRENCY,
    DUPLICATE,
    UNKNOWN,
    ALREADY_REVERSED
  }

  private final Reason reason;

  public LedgerException(Reason reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public Reason reason() {
    return reason;
  }
}
