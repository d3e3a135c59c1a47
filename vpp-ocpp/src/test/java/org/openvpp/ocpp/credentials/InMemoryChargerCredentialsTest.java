package org.openvpp.ocpp.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openvpp.ocpp.credentials.ChargerCredentials.Check;
import org.openvpp.ocpp.server.NoSecretsInLogs;

@ExtendWith(NoSecretsInLogs.class)
class InMemoryChargerCredentialsTest {
  private static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");
  private static final Password OLD = Password.of(NoSecretsInLogs.remember("old-password-0123456"));
  private static final Password NEW = Password.of(NoSecretsInLogs.remember("new-password-6543210"));
  private static final Password OTHER =
      Password.of(NoSecretsInLogs.remember("some-other-password-1"));

  private final InMemoryChargerCredentials store =
      new InMemoryChargerCredentials(1_000).with("CP1", OLD);

  @Test
  void theCurrentPasswordIsAcceptedAndOthersAreNot() {
    assertThat(store.check("CP1", OLD, T0)).isEqualTo(Check.CURRENT);
    assertThat(store.check("CP1", OTHER, T0)).isEqualTo(Check.WRONG_PASSWORD);
    assertThat(store.check("CP2", OLD, T0)).isEqualTo(Check.UNKNOWN_IDENTITY);
    assertThat(Check.PREVIOUS.accepted()).isTrue();
    assertThat(Check.WRONG_PASSWORD.accepted()).isFalse();
  }

  @Test
  void afterARotationThePreviousOneHoldsUntilTheNewOneIsUsed() {
    store.rotated("CP1", store.hash(NEW), T0.plus(Duration.ofHours(1)));
    assertThat(store.check("CP1", OLD, T0)).isEqualTo(Check.PREVIOUS);
    assertThat(store.check("CP1", OLD, T0)).isEqualTo(Check.PREVIOUS);
    assertThat(store.check("CP1", NEW, T0)).isEqualTo(Check.CURRENT);
    assertThat(store.check("CP1", OLD, T0)).isEqualTo(Check.WRONG_PASSWORD);
  }

  @Test
  void afterARotationThePreviousOneHoldsUntilItsTime() {
    Instant until = T0.plus(Duration.ofHours(1));
    store.rotated("CP1", store.hash(NEW), until);
    assertThat(store.check("CP1", OLD, until.minusMillis(1))).isEqualTo(Check.PREVIOUS);
    assertThat(store.check("CP1", OLD, until)).isEqualTo(Check.WRONG_PASSWORD);
    assertThat(store.check("CP1", NEW, until)).isEqualTo(Check.CURRENT);
  }

  @Test
  void aSecondRotationDropsTheFirstPassword() {
    Instant until = T0.plus(Duration.ofHours(1));
    store.rotated("CP1", store.hash(NEW), until);
    store.rotated("CP1", store.hash(OTHER), until);
    assertThat(store.check("CP1", OLD, T0)).isEqualTo(Check.WRONG_PASSWORD);
    assertThat(store.check("CP1", NEW, T0)).isEqualTo(Check.PREVIOUS);
    assertThat(store.check("CP1", OTHER, T0)).isEqualTo(Check.CURRENT);
  }

  @Test
  void settingAPasswordLeavesNoPreviousOneAndForgettingLeavesNone() {
    store.rotated("CP1", store.hash(NEW), T0.plus(Duration.ofHours(1)));
    store.set("CP1", OTHER);
    assertThat(store.check("CP1", NEW, T0)).isEqualTo(Check.WRONG_PASSWORD);
    assertThat(store.check("CP1", OTHER, T0)).isEqualTo(Check.CURRENT);
    assertThat(store.knows("CP1")).isTrue();
    store.forget("CP1");
    assertThat(store.knows("CP1")).isFalse();
    assertThat(store.check("CP1", OTHER, T0)).isEqualTo(Check.UNKNOWN_IDENTITY);
  }

  @Test
  void aRotationForAnIdentityWithoutAPasswordGivesItOne() {
    store.rotated("CP9", store.hash(NEW), T0.plus(Duration.ofHours(1)));
    assertThat(store.check("CP9", NEW, T0)).isEqualTo(Check.CURRENT);
  }
}
