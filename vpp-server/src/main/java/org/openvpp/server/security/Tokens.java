package org.openvpp.server.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Signed access tokens (JWT, HS256) for the API: issued at login or to a machine client, carrying
 * the subject, its role and a participant's customer; verified on every request. The key is drawn
 * when the server starts ({@link #Tokens()}), so a restart logs everyone out, or given ({@link
 * #Tokens(byte[])}: the platform keeps it in its database, so sessions outlive a restart).
 *
 * <p>Threads: safe for concurrent use.
 */
public final class Tokens {
  private static final String ISSUER = "openvpp";

  private final MACSigner signer;
  private final MACVerifier verifier;

  /** Tokens signed with a key drawn now. */
  public Tokens() {
    this(newKey());
  }

  /** A new random key of 256 bits. */
  public static byte[] newKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return key;
  }

  /**
   * Tokens signed with {@code key}.
   *
   * @throws IllegalArgumentException for a key shorter than 256 bits
   */
  public Tokens(byte[] key) {
    if (key.length < 32) {
      throw new IllegalArgumentException("an HS256 key has at least 32 bytes, was " + key.length);
    }
    try {
      signer = new MACSigner(key);
      verifier = new MACVerifier(key);
    } catch (JOSEException e) {
      throw new IllegalStateException("HS256 with a 256-bit key is always available", e);
    }
  }

  /** A token for {@code p}, valid from {@code now} for {@code ttl}. */
  public String issue(Principal p, Instant now, Duration ttl) {
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .issuer(ISSUER)
            .subject(p.subject())
            .jwtID(UUID.randomUUID().toString())
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(ttl)))
            .claim("role", p.role().name());
    p.customer().ifPresent(c -> claims.claim("customer", c));
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign a token", e);
    }
    return jwt.serialize();
  }

  /** Who {@code token} is for, if it is ours, well formed and not expired at {@code now}. */
  public Optional<Principal> verify(String token, Instant now) {
    Objects.requireNonNull(token, "token");
    try {
      SignedJWT jwt = SignedJWT.parse(token);
      if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
        return Optional.empty();
      }
      JWTClaimsSet c = jwt.getJWTClaimsSet();
      Date exp = c.getExpirationTime();
      if (!ISSUER.equals(c.getIssuer()) || exp == null || !now.isBefore(exp.toInstant())) {
        return Optional.empty();
      }
      String subject = c.getSubject();
      String role = c.getStringClaim("role");
      if (subject == null || role == null) {
        return Optional.empty();
      }
      return Optional.of(
          new Principal(
              subject, Role.valueOf(role), Optional.ofNullable(c.getStringClaim("customer"))));
    } catch (ParseException | JOSEException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
