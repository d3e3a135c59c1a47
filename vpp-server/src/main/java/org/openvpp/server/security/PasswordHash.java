package org.openvpp.server.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Passwords and client secrets kept as Argon2id hashes in the PHC string format ({@code
 * $argon2id$v=19$m=19456,t=2,p=1$salt$hash}), with the cost OWASP recommends for Argon2id (19 MiB,
 * two passes, one lane). A hash names its own parameters, so stronger settings later still verify
 * the old ones. Verification compares in constant time.
 */
public final class PasswordHash {
  private static final int MEMORY_KIB = 19_456;
  private static final int PASSES = 2;
  private static final int LANES = 1;
  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getDecoder();

  private PasswordHash() {}

  /** A new hash of {@code password}, with a fresh random salt. */
  public static String hash(String password) {
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    byte[] h = argon2(password, salt, MEMORY_KIB, PASSES, LANES, HASH_BYTES);
    return "$argon2id$v=19$m="
        + MEMORY_KIB
        + ",t="
        + PASSES
        + ",p="
        + LANES
        + "$"
        + B64.encodeToString(salt)
        + "$"
        + B64.encodeToString(h);
  }

  /**
   * Whether {@code password} matches {@code encoded}; false (never an exception) for a hash that is
   * not of this format.
   */
  public static boolean verify(String password, String encoded) {
    String[] parts = encoded.split("\\$", -1);
    // "", "argon2id", "v=19", "m=..,t=..,p=..", salt, hash
    if (parts.length != 6 || !parts[1].equals("argon2id") || !parts[2].equals("v=19")) {
      return false;
    }
    try {
      int m = 0;
      int t = 0;
      int p = 0;
      for (String kv : parts[3].split(",", -1)) {
        String[] pair = kv.split("=", 2);
        int v = Integer.parseInt(pair[1]);
        switch (pair[0]) {
          case "m" -> m = v;
          case "t" -> t = v;
          case "p" -> p = v;
          default -> {
            return false;
          }
        }
      }
      if (m < 8 || m > 1 << 22 || t < 1 || t > 20 || p < 1 || p > 16) {
        return false;
      }
      byte[] salt = B64D.decode(parts[4]);
      byte[] expected = B64D.decode(parts[5]);
      if (expected.length < 16 || expected.length > 64) {
        return false;
      }
      byte[] actual = argon2(password, salt, m, t, p, expected.length);
      return MessageDigest.isEqual(actual, expected);
    } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
      return false;
    }
  }

  private static byte[] argon2(String password, byte[] salt, int m, int t, int p, int length) {
    Argon2BytesGenerator g = new Argon2BytesGenerator();
    g.init(
        new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withSalt(salt)
            .withMemoryAsKB(m)
            .withIterations(t)
            .withParallelism(p)
            .build());
    byte[] out = new byte[length];
    byte[] pw = password.getBytes(StandardCharsets.UTF_8);
    g.generateBytes(pw, out);
    Arrays.fill(pw, (byte) 0);
    return out;
  }
}
