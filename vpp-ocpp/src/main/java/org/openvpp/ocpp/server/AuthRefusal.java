package org.openvpp.ocpp.server;

import java.util.Locale;

/** Why an upgrade was refused with 401 under security profile 1 or 2. */
public enum AuthRefusal {
  /** No {@code Authorization} header. */
  NO_CREDENTIALS,
  /**
   * An {@code Authorization} header that is not HTTP Basic, or not base64 of a user and password.
   */
  MALFORMED,
  /** The Basic username is not the charge point identity of the path. */
  IDENTITY_MISMATCH,
  /** No password is kept for this identity. */
  UNKNOWN_IDENTITY,
  /** Neither the identity's current password nor its previous one still valid. */
  WRONG_PASSWORD;

  /** The name in logs, counts and docs/ocpp.md, such as {@code wrong_password}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
