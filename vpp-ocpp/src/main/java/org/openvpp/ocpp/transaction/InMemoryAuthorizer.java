package org.openvpp.ocpp.transaction;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tokens in memory, for tests and a first run: each known token has a status, any other is {@link
 * AuthStatus#UNKNOWN}. Token values are compared ignoring case, as 2.0.1 requires (1.6 idTags are
 * matched the same way).
 */
public final class InMemoryAuthorizer implements Authorizer {
  private final Map<String, AuthStatus> tokens = new ConcurrentHashMap<>();

  /** Gives {@code value} the status {@code status}. */
  public InMemoryAuthorizer with(String value, AuthStatus status) {
    tokens.put(key(value), status);
    return this;
  }

  @Override
  public AuthStatus authorize(String charger, IdToken token) {
    return tokens.getOrDefault(key(token.value()), AuthStatus.UNKNOWN);
  }

  private static String key(String value) {
    return value.toLowerCase(Locale.ROOT);
  }
}
