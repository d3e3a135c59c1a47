package org.openvpp.mqtt.broker;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The broker's users and their passwords, kept only as salted PBKDF2-HMAC-SHA256 hashes, compared
 * in constant time. Users can be added while the broker runs (a device enrolled later).
 *
 * <p>Threads: safe for concurrent use.
 */
public final class Credentials {

  private static final int ITERATIONS = 10_000;
  private static final int SALT_BYTES = 16;
  private static final int HASH_BITS = 256;
  private static final SecureRandom RANDOM = new SecureRandom();

  private static final class Hashed {
    final byte[] salt;
    final byte[] hash;

    Hashed(byte[] salt, byte[] hash) {
      this.salt = salt;
      this.hash = hash;
    }
  }

  private final Map<String, Hashed> users = new ConcurrentHashMap<>();

  private Credentials() {}

  /** Credentials for these users (user name to password). */
  public static Credentials of(Map<String, String> passwords) {
    Credentials c = new Credentials();
    passwords.forEach(c::put);
    return c;
  }

  /** Adds a user or changes their password. */
  public void put(String user, String password) {
    Objects.requireNonNull(user, "user");
    if (user.isEmpty() || password.isEmpty()) {
      throw new IllegalArgumentException("user name and password must not be empty");
    }
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    users.put(user, new Hashed(salt, hash(password.getBytes(StandardCharsets.UTF_8), salt)));
  }

  /** Whether {@code user} exists and {@code password} is theirs. */
  public boolean check(String user, byte[] password) {
    Hashed h = users.get(user);
    if (h == null || password.length == 0) {
      return false;
    }
    return MessageDigest.isEqual(h.hash, hash(password, h.salt));
  }

  private static byte[] hash(byte[] password, byte[] salt) {
    char[] chars = new String(password, StandardCharsets.UTF_8).toCharArray();
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
          .generateSecret(new PBEKeySpec(chars, salt, ITERATIONS, HASH_BITS))
          .getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every JDK", e);
    }
  }
}
