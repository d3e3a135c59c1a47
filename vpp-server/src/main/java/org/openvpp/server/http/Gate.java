package org.openvpp.server.http;

import io.javalin.http.Context;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.openvpp.server.security.Principal;
import org.openvpp.server.security.Role;

/**
 * Who a request is for: the bearer token of the {@code Authorization} header, or the session cookie
 * a login set; a token of an account removed since is refused at once.
 */
final class Gate {
  static final String COOKIE = "vpp_session";

  /** Set beside the session cookie, readable by the pages' script: someone is logged in. */
  static final String MARKER = "vpp_signed_in";

  private final Security security;

  Gate(Security security) {
    this.security = security;
  }

  /** The caller, or 401. */
  Principal authenticate(Context ctx) {
    String header = Objects.requireNonNullElse(ctx.header("Authorization"), "");
    String token;
    if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      token = header.substring(7).trim();
    } else {
      token = Objects.requireNonNullElse(ctx.cookie(COOKIE), "");
    }
    if (token.isEmpty()) {
      throw unauthenticated(
          "log in (POST /api/v1/auth/login) or get a client token (POST /api/v1/auth/token), then"
              + " send it as 'Authorization: Bearer <token>'");
    }
    Principal p =
        security
            .tokens()
            .verify(token, security.wall().instant())
            .orElseThrow(
                () ->
                    unauthenticated(
                        "the token is not valid (expired, or not signed by this server's key);"
                            + " log in again"));
    if (!security.accounts().exists(p.subject())) {
      throw unauthenticated("the account '" + p.subject() + "' no longer exists");
    }
    return p;
  }

  /** The caller if they hold one of {@code roles}; else 401 or 403. */
  Principal require(Context ctx, Set<Role> roles) {
    Principal p = authenticate(ctx);
    if (!roles.contains(p.role())) {
      throw forbidden(p, roles);
    }
    return p;
  }

  static ApiError forbidden(Principal p, Set<Role> roles) {
    TreeSet<String> names = new TreeSet<>();
    roles.forEach(r -> names.add(r.name()));
    return ApiError.forbidden("a " + p.role() + " may not do this; it needs one of " + names);
  }

  static ApiError unauthenticated(String message) {
    return new ApiError(401, "unauthenticated", message);
  }
}
