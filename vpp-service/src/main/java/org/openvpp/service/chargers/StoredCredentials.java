package org.openvpp.service.chargers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.openvpp.ocpp.credentials.ChargerCredentials;
import org.openvpp.ocpp.credentials.Password;
import org.openvpp.ocpp.credentials.PasswordHash;
import org.openvpp.service.state.ServiceState;

/**
 * Chargers' HTTP Basic passwords as salted hashes in the service's documents ({@link ServiceState}:
 * the database of {@code ./vpp up} and {@code ./vpp serve}, or memory), so that a restart keeps
 * them. Never a password: only {@link PasswordHash#encoded} text.
 *
 * <p>Design note. The documents are read once at construction into a map, and every change is
 * written through (kind {@value #KIND}, key the charge point's identity, body {@code
 * {"current":…,"previous":…,"until":…}}; a forgotten identity is written as {@code {}}, since
 * documents are replaced, never deleted). A check hashes outside any lock (hashing is slow on
 * purpose) and drops the previous password, when the current one matched, only if the entry is
 * still the one it read. An unknown identity is hashed against a dummy, so the time of a refusal
 * does not tell which identities exist. Thread-safe: checks run on the server's threads, one per
 * upgrade.
 */
public final class StoredCredentials implements ChargerCredentials {
  static final String KIND = "ocpp-password";
  private static final ObjectMapper JSON = new ObjectMapper();

  private record Entry(PasswordHash current, Optional<PasswordHash> previous, Instant until) {}

  private final ServiceState state;
  private final InstantSource clock;
  private final int iterations;
  private final SecureRandom random = new SecureRandom();
  private final PasswordHash dummy;
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private final Map<String, String> bodies = new ConcurrentHashMap<>();

  /**
   * Reads the passwords kept in {@code state}.
   *
   * @param clock stamps the documents written
   * @param iterations PBKDF2's iteration count of new hashes, at least 1,000 ({@link
   *     PasswordHash#DEFAULT_ITERATIONS} unless a test wants speed)
   * @throws IllegalStateException when a kept document is not one this class wrote
   */
  public StoredCredentials(ServiceState state, InstantSource clock, int iterations) {
    this.state = state;
    this.clock = clock;
    this.iterations = iterations;
    byte[] noise = new byte[20];
    random.nextBytes(noise);
    this.dummy = PasswordHash.of(Password.presented(noise), iterations, random);
    state
        .all(KIND)
        .forEach(
            (identity, body) -> {
              bodies.put(identity, body);
              read(identity, body).ifPresent(e -> entries.put(identity, e));
            });
  }

  private static Optional<Entry> read(String identity, String body) {
    try {
      JsonNode n = JSON.readTree(body);
      if (!n.has("current")) {
        return Optional.empty();
      }
      Optional<PasswordHash> previous =
          n.path("previous").isTextual()
              ? Optional.of(PasswordHash.parse(n.path("previous").textValue()))
              : Optional.empty();
      return Optional.of(
          new Entry(
              PasswordHash.parse(n.path("current").asText()),
              previous,
              previous.isPresent() ? Instant.parse(n.path("until").asText()) : Instant.MIN));
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException(
          "the kept OCPP password of charger "
              + identity
              + " is not readable ("
              + e.getMessage()
              + "); set its password again",
          e);
    }
  }

  private void write(String identity, Optional<Entry> e) {
    ObjectNode n = JSON.createObjectNode();
    e.ifPresent(
        x -> {
          n.put("current", x.current().encoded());
          x.previous()
              .ifPresent(
                  p -> {
                    n.put("previous", p.encoded());
                    n.put("until", x.until().toString());
                  });
        });
    try {
      String body = JSON.writeValueAsString(n);
      state.put(
          KIND, identity, body, clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS));
      bodies.put(identity, body);
    } catch (IOException e2) {
      throw new UncheckedIOException(e2);
    }
  }

  @Override
  public Check check(String identity, Password presented, Instant now) {
    Check c = checkKnown(identity, presented, now);
    if (c == Check.UNKNOWN_IDENTITY || c == Check.WRONG_PASSWORD) {
      // another process (./vpp ocpp password) may have set it since: read its document again
      Optional<String> body = state.get(KIND, identity);
      if (body.isPresent() && !body.get().equals(bodies.get(identity))) {
        synchronized (this) {
          bodies.put(identity, body.get());
          read(identity, body.get())
              .ifPresentOrElse(e -> entries.put(identity, e), () -> entries.remove(identity));
        }
        return checkKnown(identity, presented, now);
      }
    }
    return c;
  }

  private Check checkKnown(String identity, Password presented, Instant now) {
    Entry e = entries.get(identity);
    if (e == null) {
      var unused = dummy.matches(presented);
      return Check.UNKNOWN_IDENTITY;
    }
    if (e.current().matches(presented)) {
      if (e.previous().isPresent()) {
        Entry alone = new Entry(e.current(), Optional.empty(), Instant.MIN);
        synchronized (this) {
          if (entries.replace(identity, e, alone)) {
            write(identity, Optional.of(alone));
          }
        }
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
    Entry e = new Entry(hash(password), Optional.empty(), Instant.MIN);
    synchronized (this) {
      entries.put(identity, e);
      write(identity, Optional.of(e));
    }
  }

  @Override
  public PasswordHash hash(Password password) {
    return PasswordHash.of(password, iterations, random);
  }

  @Override
  public synchronized void rotated(String identity, PasswordHash next, Instant previousUntil) {
    Entry e =
        entries.compute(
            identity,
            (id, old) ->
                old == null
                    ? new Entry(next, Optional.empty(), Instant.MIN)
                    : new Entry(next, Optional.of(old.current()), previousUntil));
    write(identity, Optional.of(e));
  }

  @Override
  public boolean knows(String identity) {
    return entries.containsKey(identity);
  }

  @Override
  public synchronized void forget(String identity) {
    if (entries.remove(identity) != null) {
      write(identity, Optional.empty());
    }
  }
}
