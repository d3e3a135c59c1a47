package org.openvpp.sim.weather;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class PvWattsReferenceTest {
  static final PvWattsReference REF = PvWattsReference.load();

  @Test
  void theHeaderDescribesTheSystem() {
    assertThat(REF.site().latitudeDeg()).isEqualTo(39.73);
    assertThat(REF.site().longitudeDeg()).isEqualTo(-105.18);
    assertThat(REF.dcSystemKw()).isEqualTo(4);
    assertThat(REF.tiltDeg()).isEqualTo(20);
    assertThat(REF.azimuthDeg()).isEqualTo(180);
    assertThat(REF.systemLossesPercent()).isEqualTo(14.08);
    assertThat(REF.inverterEfficiencyPercent()).isEqualTo(96);
    assertThat(REF.dcToAcRatio()).isEqualTo(1.2);
    assertThat(REF.arrayType()).isEqualTo("Fixed (open rack)");
  }

  @Test
  void theWeatherStartsAtMidnightMountainStandardTime() {
    WeatherSeries w = REF.weather(2019);
    assertThat(w.hours()).isEqualTo(8_760);
    assertThat(w.start()).isEqualTo(Instant.parse("2019-01-01T07:00:00Z"));
    assertThat(REF.month(0)).isEqualTo(1);
    assertThat(REF.hour(0)).isZero();
    assertThat(REF.hour(8_759)).isEqualTo(23);
    // 21 March, 09:00-10:00: beam 831, diffuse 162 W/m², -1 °C, 2 m/s.
    HourlyWeather h = w.hour((31 + 28 + 20) * 24 + 9);
    assertThat(h.dni()).isEqualTo(831);
    assertThat(h.dhi()).isEqualTo(162);
    assertThat(h.temperatureC()).isEqualTo(-1);
    assertThat(h.windSpeed()).isEqualTo(2);
    assertThat(h.ghi()).isBetween(h.dhi() + 0.4 * h.dni(), h.dhi() + 0.8 * h.dni());
    for (int i = 0; i < w.hours(); i++) {
      assertThat(w.hour(i).ghi()).isGreaterThanOrEqualTo(w.hour(i).dhi());
    }
  }

  @Test
  void aLeapYearIsRejectedNamingIt() {
    assertThatThrownBy(() -> REF.weather(2020))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2020");
  }
}
