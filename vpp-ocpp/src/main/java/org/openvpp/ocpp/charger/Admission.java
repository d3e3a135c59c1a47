package org.openvpp.ocpp.charger;

/**
 * The answer to a charger's BootNotification; its name on the wire is the same in both versions.
 */
public enum Admission {
  /** A charger the register knows: it may operate. */
  ACCEPTED("Accepted"),
  /** Unknown, awaiting an operator's approval: it boots again later. */
  PENDING("Pending"),
  /** Refused: it boots again later, and is refused again until the register says otherwise. */
  REJECTED("Rejected");

  private final String wire;

  Admission(String wire) {
    this.wire = wire;
  }

  /** The status on the wire, such as {@code Accepted}. */
  public String wire() {
    return wire;
  }
}
