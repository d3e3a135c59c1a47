package org.openvpp.openadr.auth;

import java.time.Duration;
import java.util.Set;

/** An access token issued to a client: the JWT, how long it lasts and the scopes it grants. */
public record AccessToken(String value, Duration expiresIn, Set<Scope> scopes) {

  public AccessToken {
    scopes = Set.copyOf(scopes);
  }

  /** The scopes as OAuth2 writes them: space-separated. */
  public String scopeString() {
    return String.join(" ", scopes.stream().map(Scope::wire).sorted().toList());
  }

  @Override
  public String toString() {
    return "AccessToken[hidden, " + expiresIn + ", " + scopeString() + "]";
  }
}
