package org.openvpp.ocpp.server;

/**
 * How chargers connect: OCPP's security profiles, by number, as far as this central system offers
 * them.
 */
public enum SecurityProfile {
  /** 0: plain WebSocket, no password. For tests and a charger on the same machine only. */
  NONE(0),
  /**
   * 1: plain WebSocket, HTTP Basic with the charger's password. The password crosses the network
   * unencrypted: only on a network trusted end to end.
   */
  BASIC(1),
  /** 2: TLS with the central system's certificate, HTTP Basic with the charger's password. */
  TLS_BASIC(2);

  private final int number;

  SecurityProfile(int number) {
    this.number = number;
  }

  /** The profile's number in OCPP, as in 2.0.1's {@code SecurityCtrlr.SecurityProfile}. */
  public int number() {
    return number;
  }

  /** Whether chargers present a password at the upgrade. */
  public boolean checksPasswords() {
    return this != NONE;
  }

  /** Whether the server listens with TLS. */
  public boolean tls() {
    return this == TLS_BASIC;
  }

  /**
   * The profile numbered {@code number}.
   *
   * @throws IllegalArgumentException for another number (3, client certificates, is not offered)
   */
  public static SecurityProfile of(int number) {
    for (SecurityProfile p : values()) {
      if (p.number == number) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "the security profile is 0 (none: tests only), 1 (Basic) or 2 (TLS and Basic), not "
            + number);
  }
}
