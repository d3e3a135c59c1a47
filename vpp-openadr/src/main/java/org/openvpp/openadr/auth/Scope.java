package org.openvpp.openadr.auth;

import java.util.Arrays;
import java.util.Optional;

/**
 * The OAuth2 scopes of the definition's {@code oAuth2ClientCredentials} scheme, plus {@code
 * read_bl}, which five MQTT topic operations require though the scheme does not list it.
 */
public enum Scope {
  READ_ALL,
  READ_TARGETS,
  READ_VEN_OBJECTS,
  READ_BL,
  WRITE_PROGRAMS,
  WRITE_EVENTS,
  WRITE_REPORTS,
  WRITE_SUBSCRIPTIONS,
  WRITE_VENS;

  /** The scope as the definition writes it, for example {@code read_targets}. */
  public String wire() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The scope written {@code wire}, if it is one. */
  public static Optional<Scope> fromWire(String wire) {
    return Arrays.stream(values()).filter(s -> s.wire().equals(wire)).findFirst();
  }
}
