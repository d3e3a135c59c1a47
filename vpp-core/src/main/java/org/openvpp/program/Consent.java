package org.openvpp.program;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A customer's recorded consent for one site: who gave it, when, for what, until when, and whether
 * it was revoked. Revoking makes a new record; the old one is never edited.
 *
 * @param id stable identifier
 * @param siteId the site it covers
 * @param grantedBy who gave it (a person or an account, for audit)
 * @param grantedAt when it was given
 * @param scopes what it allows
 * @param expires when it lapses, if ever
 * @param revokedAt when it was revoked, if it was
 */
public record Consent(
    String id,
    String siteId,
    String grantedBy,
    Instant grantedAt,
    Set<Scope> scopes,
    Optional<Instant> expires,
    Optional<Instant> revokedAt) {

  /** What a consent allows. */
  public enum Scope {
    /** The VPP may control the site's enrolled devices. */
    CONTROL,
    /** The VPP may read the site's interval meter data (baselines, settlement). */
    METER_DATA
  }

  public Consent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(siteId, "siteId");
    Objects.requireNonNull(grantedBy, "grantedBy");
    Objects.requireNonNull(grantedAt, "grantedAt");
    Objects.requireNonNull(expires, "expires");
    Objects.requireNonNull(revokedAt, "revokedAt");
    scopes = scopes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(scopes));
    if (scopes.isEmpty()) {
      throw new IllegalArgumentException("consent " + id + " must allow at least one scope");
    }
    if (expires.isPresent() && !expires.get().isAfter(grantedAt)) {
      throw new IllegalArgumentException(
          "consent " + id + " must expire after it is granted, " + expires.get());
    }
    if (revokedAt.isPresent() && revokedAt.get().isBefore(grantedAt)) {
      throw new IllegalArgumentException(
          "consent " + id + " cannot be revoked before it was granted, " + revokedAt.get());
    }
  }

  /** Whether it allows {@code scope} at {@code at}: granted, not yet expired, not yet revoked. */
  public boolean allows(Scope scope, Instant at) {
    return scopes.contains(scope)
        && !at.isBefore(grantedAt)
        && expires.map(at::isBefore).orElse(true)
        && revokedAt.map(at::isBefore).orElse(true);
  }

  /** The same consent revoked at {@code at}. */
  public Consent revoked(Instant at) {
    if (revokedAt.isPresent()) {
      throw new ProgramException(
          ProgramException.Reason.DUPLICATE,
          "consent " + id + " was already revoked at " + revokedAt.get());
    }
    return new Consent(id, siteId, grantedBy, grantedAt, scopes, expires, Optional.of(at));
  }
}
