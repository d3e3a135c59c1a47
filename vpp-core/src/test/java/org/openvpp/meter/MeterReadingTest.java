package org.openvpp.meter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MeterReadingTest {
  private static final Instant T = Instant.parse("2019-08-15T17:00:00Z");
  private static final Duration Q = Duration.ofMinutes(15);

  @Test
  void netIsImportedMinusExported() {
    MeterReading r = MeterReading.ofKwh("meter-1", T, Q, 0.25, 1.0);
    assertThat(r.net().kilowattHours()).isEqualTo(-0.75);
    assertThat(r.end()).isEqualTo(T.plus(Q));
  }

  @Test
  void aLengthOtherThanFiveFifteenThirtyOrSixtyMinutesIsRefused() {
    assertThatThrownBy(() -> MeterReading.ofKwh("m", T, Duration.ofMinutes(10), 1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("5, 15, 30 or 60 minutes");
  }

  @Test
  void aStartOffTheLengthsGridIsRefused() {
    assertThatThrownBy(() -> MeterReading.ofKwh("m", T.plusSeconds(60), Q, 1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("starts on a whole 15 minutes");
  }

  @Test
  void aNegativeEnergyIsRefused() {
    assertThatThrownBy(() -> MeterReading.ofKwh("m", T, Q, -0.1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("magnitudes");
  }

  @Test
  void aMeterIdWithASlashIsRefused() {
    assertThatThrownBy(() -> MeterReading.ofKwh("a/b", T, Q, 1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("meter id");
  }

  @Test
  void verdictKeysAreSnakeCase() {
    assertThat(ReadingVerdict.UNKNOWN_METER.key()).isEqualTo("unknown_meter");
  }
}
