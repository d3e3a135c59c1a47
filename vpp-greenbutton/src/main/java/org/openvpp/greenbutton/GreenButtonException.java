package org.openvpp.greenbutton;

import java.util.Objects;

/**
 * A Green Button file or feed refused as a whole: a stable {@link Reason} code for the API edge,
 * and a message that says what was wrong, where, and what is accepted. Problems of single readings
 * do not refuse a file; they are listed as {@link Refusal}s of its usage point.
 */
public final class GreenButtonException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why a file or feed was refused; the names are stable codes. */
  public enum Reason {
    /** Not XML, truncated, a DOCTYPE, not an Atom feed, or ESPI objects that do not link up. */
    MALFORMED,
    /** A reading type of another quantity than electric energy in Wh (power, gas, water…). */
    WRONG_UNITS,
    /** Electric energy, but not interval data OpenVPP reads: a bulk register, a daily length. */
    UNSUPPORTED,
    /** Larger than the reader's limit (64 MiB unless set). */
    TOO_LARGE,
    /** No usage point, or no interval data. */
    EMPTY,
    /** Several usage points where the caller asked for the only one. */
    AMBIGUOUS,
    /** The data custodian refused the access token (HTTP 401 or 403). */
    UNAUTHORIZED,
    /** The data custodian did not answer in time, could not be reached, or failed (HTTP 5xx). */
    UNAVAILABLE,
    /**
     * The data custodian refused the request otherwise (another HTTP 4xx, or a 3xx not followed).
     */
    REJECTED
  }

  private final Reason reason;

  public GreenButtonException(Reason reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public GreenButtonException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public Reason reason() {
    return reason;
  }
}
