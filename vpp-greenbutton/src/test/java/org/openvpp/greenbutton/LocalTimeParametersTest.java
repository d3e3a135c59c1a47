package org.openvpp.greenbutton;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openvpp.check.ForAll;
import org.openvpp.check.Gen;
import org.openvpp.check.IntRange;
import org.openvpp.check.LongRange;
import org.openvpp.check.Property;
import org.openvpp.check.Provide;

class LocalTimeParametersTest {
  static final List<String> ZONES =
      List.of(
          "America/New_York",
          "America/Chicago",
          "America/Los_Angeles",
          "America/Phoenix",
          "Europe/Berlin",
          "Europe/London",
          "Australia/Sydney",
          "America/Santiago",
          "Asia/Kolkata",
          "UTC");

  private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

  @Provide
  Gen<String> zones() {
    return Gen.of(ZONES);
  }

  @Test
  void newYorksRulesAreTheNorthAmericanOnesOfTheSample() {
    assertThat(LocalTimeParameters.of(ZoneId.of("America/New_York"), AT))
        .isEqualTo(
            new LocalTimeParameters(
                ZoneOffset.ofHours(-5), Duration.ofHours(1), 0x360E2000, 0xB40E2000));
  }

  @Test
  void aZoneWithoutDaylightSavingHasNoRules() {
    LocalTimeParameters phoenix = LocalTimeParameters.of(ZoneId.of("America/Phoenix"), AT);

    assertThat(phoenix.observesDst()).isFalse();
    assertThat(phoenix.dstStartRule()).isEqualTo(LocalTimeParameters.NO_RULE);
    assertThat(phoenix.offsetAt(Instant.parse("2026-07-01T00:00:00Z")))
        .isEqualTo(ZoneOffset.ofHours(-7));
  }

  @Test
  void aRuleOfAThirteenthMonthIsRefused() {
    assertThatThrownBy(
            () ->
                new LocalTimeParameters(
                    ZoneOffset.UTC, Duration.ofHours(1), 0xD60E2000, 0xB40E2000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dstStartRule D60E2000")
        .hasMessageContaining("month 13");
  }

  @Property(tries = 300)
  void theOffsetByTheEncodedRulesIsTheZones(
      @ForAll("zones") String name, @ForAll @LongRange(min = 0, max = 15 * 366 * 86_400L) long s) {
    ZoneId zone = ZoneId.of(name);
    Instant t = AT.plusSeconds(s);

    assertThat(LocalTimeParameters.of(zone, AT).offsetAt(t))
        .isEqualTo(zone.getRules().getOffset(t));
  }

  @Property(tries = 300)
  void theOffsetAroundEachChangeIsTheZones(
      @ForAll("zones") String name,
      @ForAll @IntRange(min = 0, max = 30) int changes,
      @ForAll @IntRange(min = -2, max = 1) int seconds) {
    ZoneId zone = ZoneId.of(name);
    Instant t = AT;
    for (int i = 0; i <= changes; i++) {
      ZoneOffsetTransition next = zone.getRules().nextTransition(t);
      if (next == null) {
        return;
      }
      t = next.getInstant();
    }
    Instant near = t.plusSeconds(seconds);

    assertThat(LocalTimeParameters.of(zone, AT).offsetAt(near))
        .isEqualTo(zone.getRules().getOffset(near));
  }
}
