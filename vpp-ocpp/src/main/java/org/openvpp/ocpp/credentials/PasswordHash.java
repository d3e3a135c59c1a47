package org.openvpp.ocpp.credentials;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A password kept as PBKDF2-HMAC-SHA256 of a random 16-octet salt: what a credential store holds
 * instead of the password.
 *
 * <p>Design note. PBKDF2WithHmacSHA256 is the JDK's own KDF; the JDK takes the password as chars,
 * so each octet goes in as the char of the same number (0 to 255), which keeps octets that are not
 * text (1.6 keys) apart. The passwords the central system makes have 160 random bits, for which any
 * work factor is enough; {@link #DEFAULT_ITERATIONS} is for passwords an operator chose, and is
 * kept low enough that every charger reconnecting at once after a restart costs seconds, not
 * minutes, of CPU. Each hash keeps its own iteration count, so the default can be raised later.
 * {@link #matches} compares in time independent of where the octets differ; it also takes a 1.6 key
 * presented as its hexadecimal text. Immutable and thread-safe.
 */
public final class PasswordHash {
  /** Iterations of a new hash unless told otherwise. */
  public static final int DEFAULT_ITERATIONS = 100_000;

  private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
  private static final String PREFIX = "pbkdf2-sha256";
  private static final int SALT_OCTETS = 16;
  private static final int HASH_BITS = 256;

  private final int iterations;
  private final byte[] salt;
  private final byte[] derived;

  private PasswordHash(int iterations, byte[] salt, byte[] derived) {
    this.iterations = iterations;
    this.salt = salt;
    this.derived = derived;
  }

  /**
   * The hash of {@code password} with a fresh salt from {@code random}.
   *
   * @param iterations PBKDF2's iteration count, at least 1,000
   */
  public static PasswordHash of(Password password, int iterations, SecureRandom random) {
    checkIterations(iterations);
    byte[] salt = new byte[SALT_OCTETS];
    random.nextBytes(salt);
    return new PasswordHash(iterations, salt, derive(password, salt, iterations));
  }

  private static void checkIterations(int iterations) {
    if (iterations < 1_000) {
      throw new IllegalArgumentException("iterations must be at least 1000, not " + iterations);
    }
  }

  private static byte[] derive(Password password, byte[] salt, int iterations) {
    char[] chars = password.chars();
    PBEKeySpec spec = new PBEKeySpec(chars, salt, iterations, HASH_BITS);
    try {
      return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      // Every JDK has it (it is one of the algorithms each Java platform must support).
      throw new IllegalStateException("this JDK has no " + ALGORITHM, e);
    } finally {
      spec.clearPassword();
      Arrays.fill(chars, '\0');
    }
  }

  /**
   * Whether {@code presented} is the password hashed here, or a 1.6 key's hexadecimal text whose
   * octets are.
   */
  public boolean matches(Password presented) {
    if (MessageDigest.isEqual(derive(presented, salt, iterations), derived)) {
      return true;
    }
    Optional<Password> key = presented.asAuthorizationKeyText();
    return key.isPresent() && MessageDigest.isEqual(derive(key.get(), salt, iterations), derived);
  }

  /** The iteration count. */
  public int iterations() {
    return iterations;
  }

  /** The hash as text, for a store: {@code pbkdf2-sha256$iterations$salt$hash}, both in base64. */
  public String encoded() {
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    return PREFIX
        + "$"
        + iterations
        + "$"
        + b64.encodeToString(salt)
        + "$"
        + b64.encodeToString(derived);
  }

  /**
   * Reads {@link #encoded} text.
   *
   * @throws IllegalArgumentException when it is not such text
   */
  public static PasswordHash parse(String encoded) {
    String[] parts = encoded.split("\\$", -1);
    if (parts.length != 4 || !parts[0].equals(PREFIX)) {
      throw new IllegalArgumentException(
          "a password hash reads " + PREFIX + "$iterations$salt$hash, in 4 parts");
    }
    try {
      int iterations = Integer.parseInt(parts[1]);
      checkIterations(iterations);
      byte[] salt = Base64.getDecoder().decode(parts[2]);
      byte[] derived = Base64.getDecoder().decode(parts[3]);
      if (salt.length != SALT_OCTETS || derived.length != HASH_BITS / 8) {
        throw new IllegalArgumentException(
            "a password hash has a 16-octet salt and a 32-octet hash, not "
                + salt.length
                + " and "
                + derived.length);
      }
      return new PasswordHash(iterations, salt, derived);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("a password hash's iteration count is a number", e);
    }
  }

  @Override
  public String toString() {
    return "PasswordHash(" + PREFIX + ", " + iterations + " iterations)";
  }
}
