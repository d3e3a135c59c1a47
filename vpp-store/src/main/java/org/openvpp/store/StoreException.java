package org.openvpp.store;

import java.util.Objects;

/**
 * A store could not do what it was asked: a stable {@link Reason} code for the API edge, and a
 * message that says what was wrong and what to do.
 */
public final class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why; the names are stable codes. */
  public enum Reason {
    /** An unsupported database URL, or a folder that cannot be made. */
    CONFIGURATION,
    /** The database cannot be reached: down, refused the user, or its folder is held. */
    UNREACHABLE,
    /** The schema could not be brought up to date. */
    MIGRATION,
    /** The database refused a statement (a duplicate key, an append-only table, ...). */
    DATABASE,
    /** A value the databases cannot keep exactly (finer than a microsecond, NUL, ...). */
    NOT_EXACT,
    /** Input refused before it reached the database (a bad meter id). */
    INVALID,
    /** Stored meter data that is not one regular grid (a gap, mixed interval lengths). */
    NOT_REGULAR,
    /** Stored data that contradicts itself (a batch whose lines and counter do not balance). */
    DAMAGED
  }

  private final Reason reason;

  public StoreException(Reason reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public StoreException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public Reason reason() {
    return reason;
  }
}
