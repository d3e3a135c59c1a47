package org.openvpp.sim.weather;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.openvpp.sim.solar.Mounting;
import org.openvpp.sim.solar.PvArray;
import org.openvpp.sim.solar.PvArraySpec;
import org.openvpp.sim.solar.SkyConditions;
import org.openvpp.sim.solar.SolarPosition;
import org.openvpp.sim.solar.Stats;
import org.openvpp.units.Power;

class FontanaWeatherTest {
  static final FontanaWeather DATA = FontanaWeather.load();

  @Test
  void theYearHas8760PlausibleHours() {
    WeatherSeries year = DATA.dataYear(2018);
    assertThat(year.hours()).isEqualTo(8_760);
    assertThat(year.start()).isEqualTo(Instant.parse("2018-08-01T08:00:00Z"));
    double ghi = 0;
    double dni = 0;
    double dhi = 0;
    double august = 0;
    double january = 0;
    for (int i = 0; i < year.hours(); i++) {
      HourlyWeather h = year.hour(i);
      assertThat(h.temperatureC()).isBetween(-10.0, 50.0);
      assertThat(h.ghi()).isBetween(0.0, 1_100.0);
      assertThat(h.dni()).isBetween(0.0, 1_100.0);
      assertThat(h.dhi()).isBetween(0.0, 700.0).isLessThanOrEqualTo(h.ghi());
      ghi += h.ghi();
      dni += h.dni();
      dhi += h.dhi();
      if (i < 31 * 24) {
        august += h.temperatureC() / (31 * 24);
      } else if (i >= 153 * 24 && i < 184 * 24) {
        january += h.temperatureC() / (31 * 24);
      }
    }
    System.out.printf(
        Locale.ROOT,
        "Fontana year: GHI %.0f, DNI %.0f, DHI %.0f kWh/m2; mean temperature August %.1f C,"
            + " January %.1f C%n",
        ghi / 1_000,
        dni / 1_000,
        dhi / 1_000,
        august,
        january);
    assertThat(ghi / 1_000).isBetween(1_600.0, 2_300.0);
    assertThat(august).isGreaterThan(january + 5);
  }

  @Test
  void nightsAreDarkAndDiffuseClosesTheComponents() {
    WeatherSeries year = DATA.dataYear(2018);
    SolarPosition sun = new SolarPosition(FontanaWeather.SITE.latitudeDeg(), -117.43);
    for (int i = 0; i < year.hours(); i++) {
      HourlyWeather h = year.hour(i);
      sun.update(h.start().getEpochSecond() + 1_800);
      if (sun.zenithDeg() > 100) { // deep night: the sun is down for the whole hour
        assertThat(h.ghi()).as("GHI at %s", h.start()).isZero();
      }
      double beam = h.dni() * Math.max(0, sun.cosZenith());
      if (h.dhi() > 0) { // derived at the same hours of a reference year: the sun differs a little
        assertThat(beam + h.dhi()).isCloseTo(h.ghi(), within(0.5));
      }
    }
  }

  @Test
  void aDayComesWithItsNeighboursInStandardTime() {
    WeatherSeries day = DATA.day(LocalDate.of(2019, 8, 1));
    assertThat(day.hours()).isEqualTo(72);
    assertThat(day.start()).isEqualTo(Instant.parse("2019-07-31T08:00:00Z"));
    // weather.csv, 1 August: hour-ending 1 is 20.1 °C; hour-ending 12 has 964 W/m² in the
    // 'diffuse' column (global) and 815 W/m² direct normal.
    assertThat(day.hour(24).temperatureC()).isEqualTo(20.1);
    assertThat(day.hour(24 + 11).ghi()).isEqualTo(964);
    assertThat(day.hour(24 + 11).dni()).isEqualTo(815);
    // The file's first row is hour 24 of 31 July (20.0 °C): the last hour of the data year.
    assertThat(DATA.dataYear(2018).hour(8_759).temperatureC()).isEqualTo(20.0);
  }

  @Test
  void daysAfterThe28thMapLikeFontanaHomes() {
    WeatherSeries the28th = DATA.day(LocalDate.of(2019, 8, 28));
    WeatherSeries the30th = DATA.day(LocalDate.of(2019, 8, 30));
    for (int i = 24; i < 48; i++) {
      assertThat(the30th.hour(i).ghi()).isEqualTo(the28th.hour(i).ghi());
    }
    assertThat(FontanaWeather.firstHourOf(LocalDate.of(2020, 2, 29)))
        .isEqualTo(FontanaWeather.firstHourOf(LocalDate.of(2019, 2, 28)));
    assertThat(FontanaWeather.firstHourOf(LocalDate.of(2019, 8, 1))).isZero();
    assertThat(FontanaWeather.firstHourOf(LocalDate.of(2020, 7, 28))).isEqualTo(361 * 24);
  }

  @Test
  void aDataYearWithA29thOfFebruaryIsRejected() {
    assertThatThrownBy(() -> DATA.dataYear(2019))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2019");
  }

  @Test
  void aCivilDayInLosAngelesCanBeSampledEveryMinute() {
    WeatherSeries day = DATA.day(LocalDate.of(2019, 8, 15));
    long from = LocalDate.of(2019, 8, 15).atStartOfDay(FontanaWeather.SITE.zone()).toEpochSecond();
    WeatherSample s = new WeatherSample();
    double previous = Double.NaN;
    for (long m = from / 60; m < from / 60 + 1_440; m++) {
      day.sample(m, s);
      if (!Double.isNaN(previous)) {
        assertThat(Math.abs(s.temperatureC() - previous)).isLessThan(0.2);
      }
      previous = s.temperatureC();
    }
  }

  /**
   * The homes' measured PV output (W per kW, mean of the twelve Building files, rows aligned with
   * weather.csv) against our model on this weather, read as we read it and as the column names say.
   * Our reading must fit the measurements better.
   */
  @Test
  void theColumnReadingFitsTheHomesMeasuredPvBetterThanTheNames() throws IOException {
    double[] measured = new double[FontanaWeather.HOURS];
    for (int b = 1; b <= 12; b++) {
      List<String> lines = resourceLines("/org/openvpp/data/fontana/Building_" + b + ".csv");
      int col = Arrays.asList(lines.get(0).split(",", -1)).indexOf("solar_generation");
      for (int row = 0; row < FontanaWeather.HOURS; row++) {
        int k = row == 0 ? FontanaWeather.HOURS - 1 : row - 1;
        measured[k] += Double.parseDouble(lines.get(row + 1).split(",", -1)[col]) / 12;
      }
    }
    WeatherSeries year = DATA.dataYear(2018);
    PvArray array =
        PvArray.of(
            PvArraySpec.rooftop(Power.ofKilowatts(1), 20, 180).withMounting(Mounting.CLOSE_ROOF));
    SolarPosition sun = new SolarPosition(FontanaWeather.SITE.latitudeDeg(), -117.43);
    SkyConditions sky = new SkyConditions();
    double[] ours = new double[FontanaWeather.HOURS];
    double[] literal = new double[FontanaWeather.HOURS];
    for (int i = 0; i < year.hours(); i++) {
      HourlyWeather h = year.hour(i);
      sun.update(h.start().getEpochSecond() + 1_800);
      sky.update(sun, h.dni(), h.dhi(), h.ghi(), h.temperatureC(), h.windSpeed());
      ours[i] = array.dcOutputKw(sky) * 1_000;
      // As named: 'diffuse' column = DHI, GHI = DNI·cos Z + DHI.
      double literalGhi = h.dni() * Math.max(0, sun.cosZenith()) + h.ghi();
      sky.update(sun, h.dni(), h.ghi(), literalGhi, h.temperatureC(), h.windSpeed());
      literal[i] = array.dcOutputKw(sky) * 1_000;
    }
    double rOurs = Stats.correlation(ours, measured);
    double rLiteral = Stats.correlation(literal, measured);
    System.out.printf(
        Locale.ROOT,
        "Fontana homes' measured PV vs model (1 kW DC, 20 deg south): correlation %.3f as read"
            + " (GHI, DNI), %.3f as named (DHI, DNI); annual kWh/kWp measured %.0f, model as read"
            + " %.0f, as named %.0f%n",
        rOurs,
        rLiteral,
        Stats.sum(measured) / 1_000,
        Stats.sum(ours) / 1_000,
        Stats.sum(literal) / 1_000);
    assertThat(rOurs).isGreaterThan(0.85).isGreaterThan(rLiteral);
    double yieldAsRead = Stats.sum(ours) / Stats.sum(measured);
    double yieldAsNamed = Stats.sum(literal) / Stats.sum(measured);
    assertThat(yieldAsRead).isBetween(0.9, 1.1);
    assertThat(yieldAsNamed).isGreaterThan(1.3);
  }

  static List<String> resourceLines(String name) throws IOException {
    try (InputStream in = FontanaWeatherTest.class.getResourceAsStream(name)) {
      Objects.requireNonNull(in, name);
      return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList();
    }
  }
}
