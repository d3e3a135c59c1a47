package org.openvpp.openadr.auth;

import java.util.Set;

/** Who a request comes from, as its access token says. */
public record Principal(String clientId, Role role, Set<Scope> scopes) {

  public Principal {
    scopes = Set.copyOf(scopes);
  }

  public boolean isBl() {
    return role == Role.BL;
  }
}
