package org.openvpp.server.security;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The people and machine clients who may use the API: each with a role, a participant with its
 * customer, and a secret kept only as an Argon2id hash ({@link PasswordHash}). People log in with a
 * user name and password; machine clients use OAuth2 client credentials (a client id and secret).
 *
 * <p>An unknown name costs as much to check as a known one (a dummy hash is verified), so timing
 * does not tell which names exist. In memory for now (the store module will keep them).
 *
 * <p>Threads: safe for concurrent use.
 */
public final class Accounts {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
  private static final int MIN_SECRET = 12;
  private static final SecureRandom RANDOM = new SecureRandom();

  /** One account. */
  public record Account(
      String name, Role role, Optional<String> customer, String hash, boolean machine) {}

  private final Map<String, Account> accounts = new ConcurrentHashMap<>();
  private final String dummy = PasswordHash.hash("not a real password, only for timing");

  /**
   * Adds a person who logs in with {@code password}.
   *
   * @throws IllegalArgumentException for a malformed or taken name, a password under 12 characters,
   *     or a participant without a customer (or another role with one)
   */
  public Principal addUser(String name, String password, Role role, Optional<String> customer) {
    return add(name, password, role, customer, false);
  }

  /**
   * Adds a machine client and returns its new secret (shown once; only its hash is kept).
   *
   * @throws IllegalArgumentException for a malformed or taken id, or the participant role
   */
  public String addClient(String clientId, Role role) {
    if (role == Role.PARTICIPANT) {
      throw new IllegalArgumentException(
          "participants log in as people; a machine client is an operator or a utility partner");
    }
    String secret = newSecret();
    add(clientId, secret, role, Optional.empty(), true);
    return secret;
  }

  private Principal add(
      String name, String secret, Role role, Optional<String> customer, boolean machine) {
    Objects.requireNonNull(role, "role");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "a name is 1-64 letters, digits or . _ @ -, was '" + name + "'");
    }
    if (secret.length() < MIN_SECRET) {
      throw new IllegalArgumentException(
          "a password has at least "
              + MIN_SECRET
              + " characters; '"
              + name
              + "' was given a shorter one");
    }
    Principal p = new Principal(name, role, customer);
    Account a = new Account(name, role, customer, PasswordHash.hash(secret), machine);
    if (accounts.putIfAbsent(name, a) != null) {
      throw new IllegalArgumentException("the name '" + name + "' is taken");
    }
    return p;
  }

  /** The person with this name and password, if they match. */
  public Optional<Principal> login(String name, String password) {
    return check(name, password, false);
  }

  /** The machine client with this id and secret, if they match. */
  public Optional<Principal> client(String clientId, String secret) {
    return check(clientId, secret, true);
  }

  private Optional<Principal> check(String name, String secret, boolean machine) {
    Account a = accounts.get(name);
    if (a == null || a.machine() != machine) {
      PasswordHash.verify(secret, dummy);
      return Optional.empty();
    }
    return PasswordHash.verify(secret, a.hash())
        ? Optional.of(new Principal(a.name(), a.role(), a.customer()))
        : Optional.empty();
  }

  /** A random secret of 24 bytes, URL-safe Base64. */
  public static String newSecret() {
    byte[] b = new byte[24];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
