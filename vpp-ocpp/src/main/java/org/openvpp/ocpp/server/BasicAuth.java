package org.openvpp.ocpp.server;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import org.openvpp.ocpp.credentials.Password;

/**
 * Reads the HTTP Basic credentials of an upgrade for the identity in its path.
 *
 * <p>The username must be the identity. An identity may hold a colon (OCPP allows one) and a 1.6
 * password may be any octets, so the decoded credentials are taken as the identity, a colon and the
 * rest as the password, rather than split at the first colon. Nothing read is ever put in a
 * message.
 */
final class BasicAuth {
  private BasicAuth() {}

  /** What the header holds: a password presented for the identity, or why not. */
  sealed interface Read {
    record Presented(Password password) implements Read {}

    record Refused(AuthRefusal reason) implements Read {}
  }

  static Read read(Optional<String> authorization, String identity) {
    if (authorization.isEmpty() || authorization.get().isBlank()) {
      return new Read.Refused(AuthRefusal.NO_CREDENTIALS);
    }
    String value = authorization.get().strip();
    int space = value.indexOf(' ');
    if (space < 0 || !value.substring(0, space).toLowerCase(Locale.ROOT).equals("basic")) {
      return new Read.Refused(AuthRefusal.MALFORMED);
    }
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(value.substring(space + 1).strip());
    } catch (IllegalArgumentException e) {
      return new Read.Refused(AuthRefusal.MALFORMED);
    }
    try {
      byte[] user = (identity + ":").getBytes(StandardCharsets.UTF_8);
      if (decoded.length < user.length
          || !Arrays.equals(decoded, 0, user.length, user, 0, user.length)) {
        boolean hasColon = false;
        for (byte b : decoded) {
          hasColon |= b == ':';
        }
        return new Read.Refused(hasColon ? AuthRefusal.IDENTITY_MISMATCH : AuthRefusal.MALFORMED);
      }
      int length = decoded.length - user.length;
      if (length < 1 || length > Password.MAX_PRESENTED) {
        return new Read.Refused(AuthRefusal.MALFORMED);
      }
      byte[] password = Arrays.copyOfRange(decoded, user.length, decoded.length);
      try {
        return new Read.Presented(Password.presented(password));
      } finally {
        Arrays.fill(password, (byte) 0);
      }
    } finally {
      Arrays.fill(decoded, (byte) 0);
    }
  }
}
