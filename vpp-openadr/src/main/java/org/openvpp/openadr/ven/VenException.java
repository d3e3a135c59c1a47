package org.openvpp.openadr.ven;

/** The VEN cannot go on with the VTN; the message says what was wrong and what to do. */
public final class VenException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why. */
  public enum Kind {
    /**
     * The VTN (or its authorization server) refused the client id and secret: retrying will not
     * help.
     */
    CREDENTIALS,
    /** The VTN could not be reached or answered 5xx: worth trying again later. */
    UNREACHABLE,
    /** The VTN answered something the VEN did not expect (a 4xx other than 401, a bad body). */
    PROTOCOL
  }

  private final Kind kind;

  public VenException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public VenException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
