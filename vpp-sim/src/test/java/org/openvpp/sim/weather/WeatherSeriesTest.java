package org.openvpp.sim.weather;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.openvpp.check.ForAll;
import org.openvpp.check.IntRange;
import org.openvpp.check.Property;

class WeatherSeriesTest {
  static final Site SITE = new Site("test", 40, -105, ZoneOffset.ofHours(-7));
  static final Instant START = Instant.parse("2019-06-01T07:00:00Z");
  static final long M0 = START.getEpochSecond() / 60;
  static final WeatherSeries FONTANA_YEAR = FontanaWeather.load().dataYear(2018);

  static WeatherSeries series() {
    return WeatherSeries.hourly(
        SITE,
        START,
        new double[] {10, 20, 16},
        new double[] {0, 300, 600},
        new double[] {0, 500, 700},
        new double[] {0, 100, 120},
        new double[] {1, 3, 2});
  }

  @Test
  void atTheMiddleOfAnHourTheValueIsTheHoursAverage() {
    WeatherSeries w = series();
    assertThat(w.temperatureC(M0 + 30)).isEqualTo(10);
    assertThat(w.temperatureC(M0 + 90)).isEqualTo(20);
    assertThat(w.ghi(M0 + 150)).isEqualTo(600);
  }

  @Test
  void betweenMiddlesTheValueIsInterpolatedLinearly() {
    WeatherSeries w = series();
    assertThat(w.temperatureC(M0 + 60)).isCloseTo(15, within(1e-12)); // on the hour: halfway
    assertThat(w.dni(M0 + 45)).isCloseTo(125, within(1e-12)); // a quarter of the way
    assertThat(w.windSpeed(M0 + 120)).isCloseTo(2.5, within(1e-12));
  }

  @Test
  void theFirstAndLastHalfHoursAreHeldFlat() {
    WeatherSeries w = series();
    assertThat(w.temperatureC(M0)).isEqualTo(10);
    assertThat(w.temperatureC(M0 + 180)).isEqualTo(16);
    assertThat(w.end()).isEqualTo(START.plusSeconds(3 * 3_600));
  }

  @Test
  void sampleFillsEveryValueOfTheMinute() {
    WeatherSeries w = series();
    WeatherSample s = new WeatherSample();
    w.sample(M0 + 100, s);
    assertThat(s.epochMinute()).isEqualTo(M0 + 100);
    assertThat(s.temperatureC()).isEqualTo(w.temperatureC(M0 + 100));
    assertThat(s.ghi()).isEqualTo(w.ghi(M0 + 100));
    assertThat(s.dni()).isEqualTo(w.dni(M0 + 100));
    assertThat(s.dhi()).isEqualTo(w.dhi(M0 + 100));
    assertThat(s.windSpeed()).isEqualTo(w.windSpeed(M0 + 100));
    assertThat(w.temperature(START.plusSeconds(100 * 60 + 59)).celsius())
        .isEqualTo(w.temperatureC(M0 + 100));
  }

  @Test
  void aMinuteOutsideTheSeriesIsRejectedNamingIt() {
    WeatherSeries w = series();
    assertThatThrownBy(() -> w.ghi(M0 - 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2019-06-01T06:59:00Z")
        .hasMessageContaining("outside");
    assertThatThrownBy(() -> w.ghi(M0 + 181)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void badHourlyValuesAreRejectedNamingTheHour() {
    assertThatThrownBy(
            () ->
                WeatherSeries.hourly(
                    SITE,
                    START,
                    new double[] {10, 11},
                    new double[] {0, -5},
                    new double[] {0, 0},
                    new double[] {0, 0},
                    new double[] {1, 1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ghi[1]")
        .hasMessageContaining("-5.0");
    assertThatThrownBy(
            () ->
                WeatherSeries.hourly(
                    SITE,
                    START,
                    new double[] {10, 11},
                    new double[] {0},
                    new double[] {0, 0},
                    new double[] {0, 0},
                    new double[] {1, 1}))
        .hasMessageContaining("same length");
  }

  @Test
  void theSeriesCopiesItsInput() {
    double[] t = {10, 20};
    WeatherSeries w =
        WeatherSeries.hourly(
            SITE, START, t, new double[2], new double[2], new double[2], new double[2]);
    t[0] = 99;
    assertThat(w.hour(0).temperatureC()).isEqualTo(10);
  }

  @Property
  void perMinuteValuesAreContinuous(@ForAll @IntRange(min = 0, max = 8_759 * 60) int minute) {
    // A minute step never moves a value by more than a sixtieth of the largest hourly step.
    WeatherSeries w = FONTANA_YEAR;
    long m = w.start().getEpochSecond() / 60 + minute;
    assertThat(Math.abs(w.ghi(m + 1) - w.ghi(m))).isLessThanOrEqualTo(1_100.0 / 60 + 1e-9);
    assertThat(Math.abs(w.temperatureC(m + 1) - w.temperatureC(m)))
        .isLessThanOrEqualTo(15.0 / 60 + 1e-9);
    int hour = (minute + 30) / 60;
    if (hour >= 1 && hour < w.hours()) {
      double step = Math.abs(w.hour(hour).ghi() - w.hour(hour - 1).ghi());
      assertThat(Math.abs(w.ghi(m + 1) - w.ghi(m))).isLessThanOrEqualTo(step / 60 + 1e-9);
    }
  }
}
