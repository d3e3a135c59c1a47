package org.openvpp.ocpp.credentials;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A charger's HTTP Basic password: the octets it presents at the WebSocket upgrade.
 *
 * <p>2.0.1's {@code BasicAuthPassword} is a passwordString of 16 to 40 of {@code a-z A-Z 0-9 * - _
 * = : + | @ .}, and its octets are its characters. 1.6's {@code AuthorizationKey} (security
 * whitepaper) is written as 32 to 40 hexadecimal digits, and the password is the 16 to 20 octets
 * they stand for, which need not be text. {@link #toString} hides the value, and no message of this
 * class repeats it. Equal only to itself. Immutable.
 */
public final class Password {
  private static final Pattern PASSWORD_STRING = Pattern.compile("[A-Za-z0-9*\\-_=:+|@.]{16,40}");
  private static final Pattern AUTHORIZATION_KEY = Pattern.compile("(?:[0-9A-Fa-f]{2}){16,20}");

  /** The most octets read from an upgrade; more are refused before any hashing. */
  public static final int MAX_PRESENTED = 256;

  private final byte[] octets;

  private Password(byte[] octets) {
    this.octets = octets;
  }

  /**
   * A 2.0.1 {@code BasicAuthPassword}.
   *
   * @throws IllegalArgumentException when it is not 16 to 40 of the characters above (the message
   *     gives its length, never the value)
   */
  public static Password of(String passwordString) {
    if (!PASSWORD_STRING.matcher(passwordString).matches()) {
      throw new IllegalArgumentException(
          "a password is 16 to 40 of A-Z a-z 0-9 *-_=:+|@. (the value given has "
              + passwordString.length()
              + " characters; it is not repeated here)");
    }
    return new Password(passwordString.getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * A 1.6 {@code AuthorizationKey}: the octets its hexadecimal digits stand for.
   *
   * @throws IllegalArgumentException when it is not 32 to 40 hexadecimal digits, an even number
   */
  public static Password ofAuthorizationKey(String hexDigits) {
    if (!AUTHORIZATION_KEY.matcher(hexDigits).matches()) {
      throw new IllegalArgumentException(
          "an AuthorizationKey is 32 to 40 hexadecimal digits, an even number (the value given has "
              + hexDigits.length()
              + " characters; it is not repeated here)");
    }
    return new Password(HexFormat.of().parseHex(hexDigits));
  }

  /**
   * The octets a charger presented, whatever they are.
   *
   * @throws IllegalArgumentException when there are none or more than {@value #MAX_PRESENTED}
   */
  public static Password presented(byte[] octets) {
    if (octets.length == 0 || octets.length > MAX_PRESENTED) {
      throw new IllegalArgumentException(
          "a password presented is 1 to " + MAX_PRESENTED + " octets, not " + octets.length);
    }
    return new Password(octets.clone());
  }

  /** The octets, as PBKDF2 takes them: one char per octet (0 to 255), for the caller to clear. */
  char[] chars() {
    char[] c = new char[octets.length];
    for (int i = 0; i < octets.length; i++) {
      c[i] = (char) (octets[i] & 0xff);
    }
    return c;
  }

  /**
   * The octets these stand for when they are a 1.6 AuthorizationKey's hexadecimal digits as text:
   * some 1.6 chargers present the key as it was written rather than the octets it stands for.
   */
  Optional<Password> asAuthorizationKeyText() {
    String text = new String(octets, StandardCharsets.ISO_8859_1);
    return AUTHORIZATION_KEY.matcher(text).matches()
        ? Optional.of(new Password(HexFormat.of().parseHex(text)))
        : Optional.empty();
  }

  /** How many octets. */
  public int length() {
    return octets.length;
  }

  /** Hides the value. */
  @Override
  public String toString() {
    return "Password(hidden, " + octets.length + " octets)";
  }
}
