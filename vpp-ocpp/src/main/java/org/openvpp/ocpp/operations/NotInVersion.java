package org.openvpp.ocpp.operations;

import org.openvpp.ocpp.rpc.OcppVersion;

/**
 * An operation, or a part of it, that the charger's OCPP version does not have (a 1.6 Reset OnIdle,
 * a 2.0.1 variable without its component…); the message says what the version takes.
 */
public final class NotInVersion extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final OcppVersion version;

  NotInVersion(OcppVersion version, String message) {
    super(message);
    this.version = version;
  }

  /** The version that has no such thing. */
  public OcppVersion version() {
    return version;
  }
}
