package org.openvpp.ocpp.credentials;

import java.time.Instant;

/**
 * Each charger's HTTP Basic password, kept as a salted hash: what the central system checks at the
 * WebSocket upgrade under security profiles 1 and 2.
 *
 * <p>A charger has a current password and, for a while after it took a new one, its previous one: a
 * charger that accepted a new password may still connect once with the old one (it had not switched
 * yet, or its answer was the last thing it sent before a reconnect). The previous one is valid
 * until the charger connects with the current one, or until the time given with it, whichever comes
 * first. Implementations are thread-safe; {@link #check} is called on the server's threads, one per
 * upgrade.
 */
public interface ChargerCredentials {
  /** What a password presented at the upgrade is. */
  enum Check {
    /** The charger's current password. */
    CURRENT,
    /** The charger's previous password, still valid. */
    PREVIOUS,
    /** No password is kept for this identity. */
    UNKNOWN_IDENTITY,
    /** Neither the current nor a valid previous password. */
    WRONG_PASSWORD;

    /** Whether the charger may connect. */
    public boolean accepted() {
      return this == CURRENT || this == PREVIOUS;
    }
  }

  /**
   * Checks the password {@code identity} presented at {@code now}. The current password presented
   * ends the previous one's validity.
   */
  Check check(String identity, Password presented, Instant now);

  /** Gives {@code identity} the password {@code password} (an operator's), and no previous one. */
  void set(String identity, Password password);

  /**
   * The hash of {@code password} as this store keeps it (its KDF and work factor), for {@link
   * #rotated}: made before the charger is asked to take the password, so that storing it once the
   * charger answers is immediate.
   */
  PasswordHash hash(Password password);

  /**
   * {@code identity} took the password hashed as {@code next} (by {@link #hash}): it becomes
   * current, and the current one becomes previous, valid until the charger connects with the new
   * one or until {@code previousUntil}. An identity with no password gets {@code next} alone.
   */
  void rotated(String identity, PasswordHash next, Instant previousUntil);

  /** Whether a password is kept for {@code identity}. */
  boolean knows(String identity);

  /** Forgets {@code identity}'s passwords: it can no longer connect. */
  void forget(String identity);
}
