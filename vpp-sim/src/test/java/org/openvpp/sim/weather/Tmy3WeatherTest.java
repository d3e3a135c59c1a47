package org.openvpp.sim.weather;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.openvpp.sim.solar.SolarPosition;

class Tmy3WeatherTest {
  static final Tmy3Weather GREENSBORO = Tmy3Weather.greensboro();

  @Test
  void theStationHeaderIsRead() {
    Site site = GREENSBORO.site();
    assertThat(site.name()).isEqualTo("GREENSBORO PIEDMONT TRIAD INT, NC");
    assertThat(site.latitudeDeg()).isEqualTo(36.1);
    assertThat(site.longitudeDeg()).isEqualTo(-79.95);
    assertThat(site.zone()).isEqualTo(ZoneOffset.ofHours(-5));
  }

  @Test
  void hourEndingRowsBecomeHoursStartingAnHourEarlier() {
    WeatherSeries year = GREENSBORO.year(2019);
    assertThat(year.hours()).isEqualTo(8_760);
    assertThat(year.start()).isEqualTo(Instant.parse("2019-01-01T05:00:00Z"));
    // First row, 01/01 01:00: 10.0 °C, wind 6.2 m/s.
    assertThat(year.hour(0).temperatureC()).isEqualTo(10.0);
    assertThat(year.hour(0).windSpeed()).isEqualTo(6.2);
  }

  @Test
  void componentsCloseWithTheSunAtTheMiddleOfEachHour() {
    // GHI = DNI·cos Z + DHI holds in TMY3 data when Z is taken at the middle of the hour; taken
    // an hour off it would not. This checks that the series' hours are placed right.
    WeatherSeries year = GREENSBORO.year(2019);
    SolarPosition sun = new SolarPosition(36.1, -79.95);
    double[] error = new double[3];
    double ghi = 0;
    for (int i = 0; i < year.hours(); i++) {
      HourlyWeather h = year.hour(i);
      for (int k = 0; k < 3; k++) {
        sun.update(h.start().getEpochSecond() + 1_800 + (k - 1) * 3_600L);
        error[k] += Math.abs(h.dni() * Math.max(0, sun.cosZenith()) + h.dhi() - h.ghi());
      }
      ghi += h.ghi();
    }
    System.out.printf(
        Locale.ROOT,
        "TMY3 Greensboro: closure error an hour early %.1f %%, at the middle %.1f %%, an hour late"
            + " %.1f %% of GHI%n",
        100 * error[0] / ghi,
        100 * error[1] / ghi,
        100 * error[2] / ghi);
    assertThat(error[1] / ghi).isLessThan(0.05).isLessThan(error[0] / ghi / 3);
    assertThat(error[1]).isLessThan(error[2] / 3);
  }
}
