package org.openvpp.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SecurityTest {
  static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

  @Test
  void passwordsAreKeptAsArgon2idHashesWithTheirOwnSaltAndVerifiedExactly() {
    String h = PasswordHash.hash("correct horse battery");
    assertThat(h).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").doesNotContain("correct");
    assertThat(PasswordHash.hash("correct horse battery")).isNotEqualTo(h);
    assertThat(PasswordHash.verify("correct horse battery", h)).isTrue();
    assertThat(PasswordHash.verify("correct horse batterz", h)).isFalse();
    assertThat(PasswordHash.verify("", h)).isFalse();
    for (String bad :
        new String[] {
          "",
          "$argon2i$v=19$m=8,t=1,p=1$AAAA$AAAA",
          "$argon2id$v=19$m=x,t=1,p=1$AA$AA",
          "$argon2id$v=19$m=99999999,t=1,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
          "plain text"
        }) {
      assertThat(PasswordHash.verify("x", bad)).as(bad).isFalse();
    }
  }

  @Test
  void accountsLogPeopleInAndMachinesByTheirSecretAndNeverMixThem() {
    Accounts a = new Accounts();
    a.addUser("alice", "a long password", Role.PARTICIPANT, Optional.of("customer-3"));
    String secret = a.addClient("utility-1", Role.UTILITY_PARTNER);
    assertThat(a.login("alice", "a long password"))
        .contains(new Principal("alice", Role.PARTICIPANT, Optional.of("customer-3")));
    assertThat(a.login("alice", "a long passwore")).isEmpty();
    assertThat(a.login("bob", "a long password")).isEmpty();
    assertThat(a.client("utility-1", secret))
        .contains(new Principal("utility-1", Role.UTILITY_PARTNER, Optional.empty()));
    assertThat(a.login("utility-1", secret)).as("a client is not a person").isEmpty();
    assertThat(a.client("alice", "a long password")).as("a person is not a client").isEmpty();
    assertThatThrownBy(
            () -> a.addUser("alice", "another long one", Role.OPERATOR_VIEWER, Optional.empty()))
        .hasMessageContaining("'alice' is taken");
    assertThatThrownBy(() -> a.addUser("carol", "short", Role.OPERATOR_VIEWER, Optional.empty()))
        .hasMessageContaining("at least 12 characters");
    assertThatThrownBy(
            () -> a.addUser("d a v e", "a long password", Role.OPERATOR_VIEWER, Optional.empty()))
        .hasMessageContaining("1-64 letters");
    assertThatThrownBy(
            () -> a.addUser("erin", "a long password", Role.PARTICIPANT, Optional.empty()))
        .hasMessageContaining("a participant names its customer");
    assertThatThrownBy(() -> a.addClient("meter-app", Role.PARTICIPANT))
        .hasMessageContaining("participants log in as people");
  }

  @Test
  void tokensCarryTheirPrincipalUntilTheyExpireAndOnlyTheServerThatSignedThemTrustsThem() {
    Tokens t = new Tokens();
    Principal p = new Principal("alice", Role.PARTICIPANT, Optional.of("customer-3"));
    String token = t.issue(p, NOW, Duration.ofHours(1));
    assertThat(t.verify(token, NOW.plusSeconds(3599))).contains(p);
    assertThat(t.verify(token, NOW.plusSeconds(3600))).as("expired").isEmpty();
    assertThat(new Tokens().verify(token, NOW)).as("another server's key").isEmpty();
    String[] parts = token.split("\\.", -1);
    String forged =
        parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + "AA." + parts[2];
    assertThat(t.verify(forged, NOW)).isEmpty();
    assertThat(t.verify("not a token", NOW)).isEmpty();
    assertThat(t.verify(parts[0] + "." + parts[1] + ".", NOW)).as("unsigned").isEmpty();
  }

  @Test
  void theThrottleHoldsANameOffForTheRestOfItsWindowAndForgetsOnSuccess() {
    LoginThrottle t = new LoginThrottle(3, java.time.Duration.ofMinutes(10));
    java.time.Instant t0 = java.time.Instant.parse("2026-12-01T10:00:00Z");
    t.failed("a", t0);
    t.failed("a", t0.plusSeconds(60));
    assertThat(t.wait("a", t0.plusSeconds(61))).isEmpty();
    t.failed("a", t0.plusSeconds(120));
    assertThat(t.wait("a", t0.plusSeconds(121)))
        .contains(java.time.Duration.ofSeconds(479)); // until the first failure is 10 min old
    assertThat(t.wait("b", t0.plusSeconds(121))).as("another name").isEmpty();
    assertThat(t.wait("a", t0.plusSeconds(600))).as("the first one has aged out").isEmpty();
    t.failed("a", t0.plusSeconds(601));
    assertThat(t.wait("a", t0.plusSeconds(602))).isPresent();
    t.succeeded("a");
    assertThat(t.wait("a", t0.plusSeconds(603))).isEmpty();
  }
}
