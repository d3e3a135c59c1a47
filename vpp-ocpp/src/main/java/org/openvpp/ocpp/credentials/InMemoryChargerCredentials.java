package org.openvpp.ocpp.credentials;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Passwords in memory, as salted hashes only: for tests and a first run (the service will keep them
 * in its database).
 *
 * <p>Design note. Hashing is slow on purpose, so it runs outside any lock: a check reads the
 * charger's entry, hashes, and only then drops the previous password if the current one matched,
 * and only if the entry is still the one it read. An unknown identity is hashed against a dummy, so
 * that the time of a refusal does not tell which identities exist. Thread-safe.
 */
public final class InMemoryChargerCredentials implements ChargerCredentials {
  private record Entry(PasswordHash current, Optional<PasswordHash> previous, Instant until) {}

  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private final int iterations;
  private final SecureRandom random = new SecureRandom();
  private final PasswordHash dummy;

  /** A store hashing with {@link PasswordHash#DEFAULT_ITERATIONS}. */
  public InMemoryChargerCredentials() {
    this(PasswordHash.DEFAULT_ITERATIONS);
  }

  /**
   * A store hashing with {@code iterations} (tests use fewer, to run fast).
   *
   * @param iterations PBKDF2's iteration count, at least 1,000
   */
  public InMemoryChargerCredentials(int iterations) {
    this.iterations = iterations;
    byte[] noise = new byte[20];
    random.nextBytes(noise);
    this.dummy = PasswordHash.of(Password.presented(noise), iterations, random);
  }

  /** This store with {@code identity}'s password set. */
  public InMemoryChargerCredentials with(String identity, Password password) {
    set(identity, password);
    return this;
  }

  @Override
  public Check check(String identity, Password presented, Instant now) {
    Entry e = entries.get(identity);
    if (e == null) {
      var unused = dummy.matches(presented);
      return Check.UNKNOWN_IDENTITY;
    }
    if (e.current().matches(presented)) {
      if (e.previous().isPresent()) {
        entries.replace(identity, e, new Entry(e.current(), Optional.empty(), Instant.MIN));
      }
      return Check.CURRENT;
    }
    if (e.previous().isPresent()
        && now.isBefore(e.until())
        && e.previous().get().matches(presented)) {
      return Check.PREVIOUS;
    }
    return Check.WRONG_PASSWORD;
  }

  @Override
  public void set(String identity, Password password) {
    entries.put(identity, new Entry(hash(password), Optional.empty(), Instant.MIN));
  }

  @Override
  public PasswordHash hash(Password password) {
    return PasswordHash.of(password, iterations, random);
  }

  @Override
  public void rotated(String identity, PasswordHash hash, Instant previousUntil) {
    entries.compute(
        identity,
        (id, old) ->
            old == null
                ? new Entry(hash, Optional.empty(), Instant.MIN)
                : new Entry(hash, Optional.of(old.current()), previousUntil));
  }

  @Override
  public boolean knows(String identity) {
    return entries.containsKey(identity);
  }

  @Override
  public void forget(String identity) {
    entries.remove(identity);
  }
}
