package org.openvpp.openadr.auth;

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
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Issues and checks the VTN's access tokens: JWTs signed with HS256 under a 256-bit key drawn at
 * start (so tokens do not outlive the process), carrying the client id as subject and the granted
 * scopes as {@code scope}. A token is accepted only while unexpired by the injected time source and
 * while its client still exists; the role comes from the client registry, not from the token.
 * Thread-safe.
 */
public final class Tokens {

  private static final String ISSUER = "openvpp-vtn";

  private final Clients clients;
  private final InstantSource time;
  private final Duration lifetime;
  private final byte[] key = new byte[32];

  public Tokens(Clients clients, InstantSource time, Duration lifetime, SecureRandom random) {
    if (lifetime.isNegative() || lifetime.isZero()) {
      throw new IllegalArgumentException("token lifetime must be positive, was " + lifetime);
    }
    this.clients = clients;
    this.time = time;
    this.lifetime = lifetime;
    random.nextBytes(key);
  }

  /**
   * A token for {@code client} granting {@code requested} (all of its role's scopes when empty).
   *
   * @throws IllegalArgumentException if a requested scope is not one of the role's
   */
  public AccessToken issue(Client client, Set<Scope> requested) {
    Set<Scope> allowed = client.role().scopes();
    if (!allowed.containsAll(requested)) {
      throw new IllegalArgumentException(
          "a " + client.role() + " client may be granted only " + allowed);
    }
    Set<Scope> granted = requested.isEmpty() ? allowed : requested;
    Instant now = time.instant();
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(ISSUER)
            .subject(client.clientId())
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(lifetime)))
            .jwtID(UUID.randomUUID().toString())
            .claim("scope", String.join(" ", granted.stream().map(Scope::wire).sorted().toList()))
            .build();
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
    try {
      jwt.sign(new MACSigner(key));
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign a token", e);
    }
    return new AccessToken(jwt.serialize(), lifetime, granted);
  }

  /** Who {@code token} speaks for, if it is a valid, unexpired token of a known client. */
  public Optional<Principal> verify(String token) {
    try {
      SignedJWT jwt = SignedJWT.parse(token);
      if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())
          || !jwt.verify(new MACVerifier(key))) {
        return Optional.empty();
      }
      JWTClaimsSet claims = jwt.getJWTClaimsSet();
      Date expires = claims.getExpirationTime();
      String subject = claims.getSubject();
      String scope = claims.getStringClaim("scope");
      if (expires == null
          || subject == null
          || scope == null
          || !ISSUER.equals(claims.getIssuer())
          || !time.instant().isBefore(expires.toInstant())) {
        return Optional.empty();
      }
      Optional<Client> client = clients.find(subject);
      if (client.isEmpty()) {
        return Optional.empty();
      }
      List<Scope> scopes = new ArrayList<>();
      for (String s : scope.split(" ", -1)) {
        Scope.fromWire(s).ifPresent(scopes::add);
      }
      Set<Scope> granted = scopes.isEmpty() ? Set.of() : EnumSet.copyOf(scopes);
      granted.retainAll(client.get().role().scopes());
      return Optional.of(new Principal(subject, client.get().role(), granted));
    } catch (ParseException | JOSEException e) {
      return Optional.empty();
    }
  }
}
