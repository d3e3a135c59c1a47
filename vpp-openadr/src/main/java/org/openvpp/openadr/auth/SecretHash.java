package org.openvpp.openadr.auth;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/** A salted PBKDF2 (HMAC-SHA256) hash of a client secret. */
final class SecretHash {

  private final byte[] salt;
  private final int iterations;
  private final byte[] hash;

  private SecretHash(byte[] salt, int iterations, byte[] hash) {
    this.salt = salt;
    this.iterations = iterations;
    this.hash = hash;
  }

  /** A hash read back from a clients file. */
  static SecretHash restore(byte[] salt, int iterations, byte[] hash) {
    if (salt.length < 8 || iterations < 1 || hash.length != 32) {
      throw new IllegalArgumentException("not a PBKDF2-HMAC-SHA256 secret hash");
    }
    return new SecretHash(salt.clone(), iterations, hash.clone());
  }

  byte[] salt() {
    return salt.clone();
  }

  int iterations() {
    return iterations;
  }

  byte[] hash() {
    return hash.clone();
  }

  static SecretHash of(String secret, SecureRandom random, int iterations) {
    byte[] salt = new byte[16];
    random.nextBytes(salt);
    return new SecretHash(salt, iterations, derive(secret, salt, iterations));
  }

  boolean matches(String secret) {
    return MessageDigest.isEqual(hash, derive(secret, salt, iterations));
  }

  private static byte[] derive(String secret, byte[] salt, int iterations) {
    PBEKeySpec spec = new PBEKeySpec(secret.toCharArray(), salt, iterations, 256);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
    } finally {
      spec.clearPassword();
    }
  }
}
