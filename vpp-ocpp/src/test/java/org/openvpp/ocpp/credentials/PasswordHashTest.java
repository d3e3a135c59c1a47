package org.openvpp.ocpp.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openvpp.ocpp.server.NoSecretsInLogs;

@ExtendWith(NoSecretsInLogs.class)
class PasswordHashTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String TEXT = NoSecretsInLogs.remember("Sixteen-chars:ok|@.+=*_");
  private static final String KEY =
      NoSecretsInLogs.remember("00ff10e0a1b2c3d4e5f60718293a4b5c6d7e8f90");

  @Test
  void aHashMatchesItsPasswordAndNoOther() {
    PasswordHash h = PasswordHash.of(Password.of(TEXT), 1_000, RANDOM);
    assertThat(h.matches(Password.of(TEXT))).isTrue();
    assertThat(h.matches(Password.of(TEXT.replace('k', 'K')))).isFalse();
    assertThat(h.matches(Password.presented(TEXT.substring(1).getBytes(StandardCharsets.US_ASCII))))
        .isFalse();
  }

  @Test
  void theSamePasswordHashesDifferentlyEachTime() {
    PasswordHash a = PasswordHash.of(Password.of(TEXT), 1_000, RANDOM);
    PasswordHash b = PasswordHash.of(Password.of(TEXT), 1_000, RANDOM);
    assertThat(a.encoded()).isNotEqualTo(b.encoded());
    assertThat(b.matches(Password.of(TEXT))).isTrue();
  }

  @Test
  void anAuthorizationKeyIsItsOctetsAndItsHexTextIsTakenToo() {
    PasswordHash h = PasswordHash.of(Password.ofAuthorizationKey(KEY), 1_000, RANDOM);
    assertThat(Password.ofAuthorizationKey(KEY).length()).isEqualTo(20);
    // a charger presenting the 20 octets (as the 1.6 security whitepaper says) ...
    assertThat(h.matches(Password.presented(HexFormat.of().parseHex(KEY)))).isTrue();
    // ... or the 40 digits as text, in either case
    assertThat(h.matches(Password.presented(KEY.getBytes(StandardCharsets.US_ASCII)))).isTrue();
    assertThat(
            h.matches(
                Password.presented(
                    KEY.toUpperCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII))))
        .isTrue();
    assertThat(h.matches(Password.presented(HexFormat.of().parseHex(KEY.replace('0', '1')))))
        .isFalse();
  }

  @Test
  void anEncodedHashReadsBackAndStillMatches() {
    PasswordHash h = PasswordHash.of(Password.of(TEXT), 1_000, RANDOM);
    String encoded = h.encoded();
    assertThat(encoded).startsWith("pbkdf2-sha256$1000$").doesNotContain(TEXT);
    PasswordHash back = PasswordHash.parse(encoded);
    assertThat(back.matches(Password.of(TEXT))).isTrue();
    assertThat(back.iterations()).isEqualTo(1_000);
    assertThatThrownBy(() -> PasswordHash.parse("md5$1$abc$def"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PasswordHash.parse("pbkdf2-sha256$10$AAAA$AAAA"))
        .hasMessageContaining("1000");
  }

  @Test
  void theDefaultWorkFactorHashesAndMatches() {
    PasswordHash h = PasswordHash.of(Password.of(TEXT), PasswordHash.DEFAULT_ITERATIONS, RANDOM);
    assertThat(h.matches(Password.of(TEXT))).isTrue();
    assertThat(h.iterations()).isEqualTo(PasswordHash.DEFAULT_ITERATIONS);
  }

  @Test
  void noPasswordShowsInTextOrInARefusal() {
    assertThat(Password.of(TEXT).toString()).doesNotContain(TEXT).contains("hidden");
    assertThat(PasswordHash.of(Password.of(TEXT), 1_000, RANDOM).toString()).doesNotContain(TEXT);
    String tooShort = NoSecretsInLogs.remember("short:secret");
    assertThatThrownBy(() -> Password.of(tooShort))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining(tooShort)
        .hasMessageContaining("16 to 40");
    String badChar = NoSecretsInLogs.remember("has a space in it, 26 long");
    assertThatThrownBy(() -> Password.of(badChar)).hasMessageNotContaining(badChar);
    String oddKey = NoSecretsInLogs.remember(KEY.substring(1));
    assertThatThrownBy(() -> Password.ofAuthorizationKey(oddKey))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining(oddKey);
    assertThatThrownBy(() -> Password.presented(new byte[Password.MAX_PRESENTED + 1]))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
