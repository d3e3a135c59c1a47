package org.openvpp.ocpp.transaction;

import org.openvpp.ocpp.rpc.OcppVersion;

/**
 * An authorisation's answer, as 2.0.1 names them; {@link #wire} gives the name in each version. 1.6
 * has only Accepted, Blocked, Expired, Invalid and ConcurrentTx: there Unknown reads Invalid (the
 * token is not valid here), and the 2.0.1 refusals for a reason 1.6 cannot say (no credit, wrong
 * EVSE type, place or time) read Blocked.
 */
public enum AuthStatus {
  ACCEPTED("Accepted", "Accepted"),
  BLOCKED("Blocked", "Blocked"),
  CONCURRENT_TX("ConcurrentTx", "ConcurrentTx"),
  EXPIRED("Expired", "Expired"),
  INVALID("Invalid", "Invalid"),
  NO_CREDIT("Blocked", "NoCredit"),
  NOT_ALLOWED_TYPE_EVSE("Blocked", "NotAllowedTypeEVSE"),
  NOT_AT_THIS_LOCATION("Blocked", "NotAtThisLocation"),
  NOT_AT_THIS_TIME("Blocked", "NotAtThisTime"),
  UNKNOWN("Invalid", "Unknown");

  private final String v16;
  private final String v201;

  AuthStatus(String v16, String v201) {
    this.v16 = v16;
    this.v201 = v201;
  }

  /** The status on the wire in {@code version}. */
  public String wire(OcppVersion version) {
    return version == OcppVersion.V1_6 ? v16 : v201;
  }
}
