package org.openvpp.openadr.auth;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The clients of a VTN, each with a role and a secret kept only as a salted PBKDF2 hash. Clients
 * are created out of band (the definition leaves provisioning to the VTN): {@link #create} returns
 * the id and the secret, which is not kept. Thread-safe.
 */
public final class Clients {

  /** PBKDF2 iterations for a secret: OWASP's 2023 figure for PBKDF2-HMAC-SHA256. */
  public static final int DEFAULT_ITERATIONS = 600_000;

  private final SecureRandom random;
  private final int iterations;
  private final Map<String, Entry> clients = new ConcurrentHashMap<>();

  private record Entry(Client client, SecretHash secret) {}

  /**
   * An empty registry whose secrets are hashed with {@code iterations} PBKDF2 rounds (tests may use
   * fewer than {@link #DEFAULT_ITERATIONS}).
   */
  public Clients(SecureRandom random, int iterations) {
    if (iterations < 1) {
      throw new IllegalArgumentException("iterations must be at least 1, was " + iterations);
    }
    this.random = random;
    this.iterations = iterations;
  }

  public Clients() {
    this(new SecureRandom(), DEFAULT_ITERATIONS);
  }

  /** Creates a client of {@code role} and returns its id and its secret (shown only here). */
  public ClientCredentials create(Role role, String description) {
    String id = role.name().toLowerCase(java.util.Locale.ROOT) + "-" + token(12);
    String secret = token(32);
    Client client = new Client(id, role, description);
    clients.put(id, new Entry(client, SecretHash.of(secret, random, iterations)));
    return new ClientCredentials(client, secret);
  }

  /** The client {@code clientId} if it exists and {@code secret} is its secret. */
  public Optional<Client> authenticate(String clientId, String secret) {
    Entry e = clients.get(clientId);
    if (e == null || !e.secret().matches(secret)) {
      return Optional.empty();
    }
    return Optional.of(e.client());
  }

  /** The client {@code clientId}, if it exists. */
  public Optional<Client> find(String clientId) {
    return Optional.ofNullable(clients.get(clientId)).map(Entry::client);
  }

  /** Every client, by id. */
  public java.util.List<Client> all() {
    return clients.values().stream()
        .map(Entry::client)
        .sorted(java.util.Comparator.comparing(Client::clientId))
        .toList();
  }

  /** The client whose description is {@code description}, if one has it. */
  public Optional<Client> named(String description) {
    return clients.values().stream()
        .map(Entry::client)
        .filter(c -> c.description().equals(description))
        .findFirst();
  }

  /** Adds a client with its secret already hashed (read from a {@link ClientsFile}). */
  void restore(Client client, SecretHash secret) {
    clients.put(client.clientId(), new Entry(client, secret));
  }

  /** The hash of a client's secret, for a {@link ClientsFile}. */
  Optional<SecretHash> secretOf(String clientId) {
    return Optional.ofNullable(clients.get(clientId)).map(Entry::secret);
  }

  /** Removes a client: its tokens stop working at once. */
  public boolean remove(String clientId) {
    return clients.remove(clientId) != null;
  }

  private String token(int bytes) {
    byte[] b = new byte[bytes];
    random.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
