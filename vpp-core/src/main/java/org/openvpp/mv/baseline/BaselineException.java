package org.openvpp.mv.baseline;

/**
 * A baseline that cannot be computed from the data given; {@link #reason()} is a stable code and
 * the message says what was missing and what to do.
 */
public final class BaselineException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** Why a baseline could not be computed. */
  public enum Reason {
    /** The method needs outdoor temperature and the meter data has none (or none at the event). */
    NEEDS_TEMPERATURE,
    /** Too few eligible days (or too little data) before the event for the method's look-back. */
    NOT_ENOUGH_HISTORY,
    /** The event does not lie inside the meter data, or does not fall on its interval grid. */
    EVENT_OUTSIDE_DATA,
    /** The event crosses local midnight; the day-based methods need events within one local day. */
    EVENT_CROSSES_MIDNIGHT
  }

  private final Reason reason;

  public BaselineException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
