package org.openvpp.server.security;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
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
 * does not tell which names exist. Kept in {@link Records}: in memory ({@link #Accounts()}), or in
 * the platform's database (accounts made before a restart log in after it).
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

  /** Where accounts are kept beyond this object: written before an account can be used. */
  public interface Records {
    /** Every account kept, oldest first. */
    List<Account> all();

    /**
     * Keeps a new account.
     *
     * @throws IllegalArgumentException when its name is taken
     */
    void add(Account a);

    /** Replaces the secret's hash of an existing account. */
    void rehash(String name, String hash);

    /** Removes an account. */
    void remove(String name);

    /** Nothing kept beyond memory. */
    Records NONE =
        new Records() {
          @Override
          public List<Account> all() {
            return List.of();
          }

          @Override
          public void add(Account a) {}

          @Override
          public void rehash(String name, String hash) {}

          @Override
          public void remove(String name) {}
        };
  }

  private final Map<String, Account> accounts = new ConcurrentHashMap<>();
  private final String dummy = PasswordHash.hash("not a real password, only for timing");
  private final Records records;

  /** Accounts in memory only. */
  public Accounts() {
    this(Records.NONE);
  }

  /** The accounts kept in {@code records}, and every one added from now on kept there too. */
  public Accounts(Records records) {
    this.records = Objects.requireNonNull(records, "records");
    for (Account a : records.all()) {
      accounts.put(a.name(), a);
    }
  }

  /** Every account, by name (hashes included: the caller shows what it may). */
  public List<Account> list() {
    return accounts.values().stream()
        .sorted(java.util.Comparator.comparing(Account::name))
        .toList();
  }

  /** Removes the account {@code name} (kept records first); nothing if there is none. */
  public synchronized void remove(String name) {
    if (accounts.containsKey(name)) {
      records.remove(name);
      accounts.remove(name);
    }
  }

  /** The account of this name. */
  public Optional<Account> account(String name) {
    return Optional.ofNullable(accounts.get(name));
  }

  /** Whether an account of this name exists. */
  public boolean exists(String name) {
    return accounts.containsKey(name);
  }

  /**
   * Gives the person {@code name} a new password (the demo accounts, when their printed passwords
   * were lost).
   *
   * @throws IllegalArgumentException for an unknown person or a password under 12 characters
   */
  public synchronized void setPassword(String name, String password) {
    Account a = accounts.get(name);
    if (a == null || a.machine()) {
      throw new IllegalArgumentException("no person '" + name + "'");
    }
    checkSecret(name, password);
    Account changed =
        new Account(a.name(), a.role(), a.customer(), PasswordHash.hash(password), false);
    records.rehash(name, changed.hash());
    accounts.put(name, changed);
  }

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
    checkSecret(name, secret);
    Principal p = new Principal(name, role, customer);
    Account a = new Account(name, role, customer, PasswordHash.hash(secret), machine);
    synchronized (this) {
      if (accounts.containsKey(name)) {
        throw new IllegalArgumentException("the name '" + name + "' is taken");
      }
      records.add(a);
      accounts.put(name, a);
    }
    return p;
  }

  private static void checkSecret(String name, String secret) {
    if (secret.length() < MIN_SECRET) {
      throw new IllegalArgumentException(
          "a password has at least "
              + MIN_SECRET
              + " characters; '"
              + name
              + "' was given a shorter one");
    }
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
