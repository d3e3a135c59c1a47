package org.openvpp.server.security;

/** Who may do what through the API and the web app. */
public enum Role {
  /** Runs the VPP: sees everything, changes anything. */
  OPERATOR_ADMIN,
  /** Watches the VPP: sees everything, changes nothing. */
  OPERATOR_VIEWER,
  /** A utility or market partner: the fleet's aggregates, programs and events, no device data. */
  UTILITY_PARTNER,
  /** A customer: their own sites and devices, their programs' events, their own opt-outs. */
  PARTICIPANT;

  /** Whether this role sees every device and site. */
  public boolean operator() {
    return this == OPERATOR_ADMIN || this == OPERATOR_VIEWER;
  }
}
