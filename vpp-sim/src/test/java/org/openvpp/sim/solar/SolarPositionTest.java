package org.openvpp.sim.solar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SolarPositionTest {

  static final double GOLDEN_LAT = 39.73;
  static final double GOLDEN_LON = -105.18;

  /** The minute of {@code date} (UTC) when the sun is highest at the site. */
  static long solarNoonSecond(LocalDate date, double lat, double lon) {
    SolarPosition sun = new SolarPosition(lat, lon);
    long from =
        date.atStartOfDay().toEpochSecond(ZoneOffset.UTC) + (long) ((12 - lon / 15) * 3_600);
    long best = from;
    double highest = -2;
    for (long s = from - 3 * 3_600; s <= from + 3 * 3_600; s += 60) {
      sun.update(s);
      if (sun.cosZenith() > highest) {
        highest = sun.cosZenith();
        best = s;
      }
    }
    return best;
  }

  @Test
  void atSolarNoonTheSunIsDueSouthInTheNorthernHemisphere() {
    SolarPosition sun = new SolarPosition(GOLDEN_LAT, GOLDEN_LON);
    for (LocalDate date :
        new LocalDate[] {
          LocalDate.of(2019, 1, 15), LocalDate.of(2019, 6, 21), LocalDate.of(2019, 10, 3)
        }) {
      sun.update(solarNoonSecond(date, GOLDEN_LAT, GOLDEN_LON));
      assertThat(sun.azimuthDeg()).as("azimuth at noon on %s", date).isCloseTo(180, within(0.5));
    }
  }

  @Test
  void atSolarNoonTheSunIsDueNorthInTheSouthernHemisphere() {
    SolarPosition sun = new SolarPosition(-33.87, 151.21); // Sydney
    sun.update(solarNoonSecond(LocalDate.of(2019, 12, 21), -33.87, 151.21));
    double az = sun.azimuthDeg();
    assertThat(Math.min(az, 360 - az)).isLessThan(0.5);
  }

  @Test
  void atNoonOnTheEquinoxTheZenithEqualsTheLatitude() {
    SolarPosition sun = new SolarPosition(GOLDEN_LAT, GOLDEN_LON);
    sun.update(solarNoonSecond(LocalDate.of(2019, 3, 20), GOLDEN_LAT, GOLDEN_LON));
    assertThat(sun.zenithDeg()).isCloseTo(GOLDEN_LAT, within(0.5));
  }

  @Test
  void atNoonOnTheJuneSolsticeTheZenithIsLatitudeMinusTheTilt() {
    SolarPosition sun = new SolarPosition(GOLDEN_LAT, GOLDEN_LON);
    sun.update(solarNoonSecond(LocalDate.of(2019, 6, 21), GOLDEN_LAT, GOLDEN_LON));
    assertThat(sun.zenithDeg()).isCloseTo(GOLDEN_LAT - 23.44, within(0.1));
  }

  @Test
  void matchesTheWorkedExampleOfNrelsSolarPositionAlgorithm() {
    // Reda and Andreas, NREL/TP-560-34302 (2004): 17 October 2003, 12:30:30 at UTC-7,
    // 39.742476 N, 105.1786 W gives topocentric zenith 50.11162° (with refraction, about
    // 0.016° at that height) and azimuth 194.34024°.
    SunAngles a = SunAngles.at(Instant.parse("2003-10-17T19:30:30Z"), 39.742476, -105.1786);
    assertThat(a.zenithDeg()).isCloseTo(50.11162 + 0.016, within(0.05));
    assertThat(a.azimuthDeg()).isCloseTo(194.34024, within(0.05));
  }

  @Test
  void morningSunIsInTheEastAndAfternoonSunInTheWest() {
    long noon = solarNoonSecond(LocalDate.of(2019, 6, 21), GOLDEN_LAT, GOLDEN_LON);
    SolarPosition sun = new SolarPosition(GOLDEN_LAT, GOLDEN_LON);
    sun.update(noon - 4 * 3_600);
    assertThat(sun.azimuthDeg()).isBetween(45.0, 135.0);
    assertThat(sun.sunEast()).isPositive();
    sun.update(noon + 4 * 3_600);
    assertThat(sun.azimuthDeg()).isBetween(225.0, 315.0);
    assertThat(sun.sunEast()).isNegative();
  }

  @Test
  void atMidnightTheSunIsDown() {
    long noon = solarNoonSecond(LocalDate.of(2019, 6, 21), GOLDEN_LAT, GOLDEN_LON);
    SunAngles night =
        SunAngles.at(Instant.ofEpochSecond(noon + 12 * 3_600), GOLDEN_LAT, GOLDEN_LON);
    assertThat(night.isUp()).isFalse();
    assertThat(night.elevationDeg()).isLessThan(-20);
  }

  @Test
  void theSunVectorHasUnitLength() {
    SolarPosition sun = new SolarPosition(51.5, -0.1);
    for (long s = 1_500_000_000L; s < 1_500_000_000L + 400 * 86_400L; s += 7_777) {
      sun.update(s);
      double n =
          sun.sunEast() * sun.sunEast()
              + sun.sunNorth() * sun.sunNorth()
              + sun.cosZenith() * sun.cosZenith();
      assertThat(n).isCloseTo(1, within(1e-9));
      assertThat(sun.azimuthDeg()).isGreaterThanOrEqualTo(0).isLessThan(360);
    }
  }

  @Test
  void extraterrestrialIrradianceFollowsTheEarthsOrbit() {
    SolarPosition sun = new SolarPosition(0, 0);
    sun.update(Instant.parse("2019-01-03T12:00:00Z").getEpochSecond()); // perihelion
    double january = sun.extraterrestrialWm2();
    sun.update(Instant.parse("2019-07-04T12:00:00Z").getEpochSecond()); // aphelion
    double july = sun.extraterrestrialWm2();
    assertThat(january).isCloseTo(1_367 * 1.0334, within(2.0));
    assertThat(july).isCloseTo(1_367 * 0.9666, within(2.0));
  }

  @Test
  void rejectsImpossibleCoordinatesNamingThem() {
    assertThatThrownBy(() -> new SolarPosition(91, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("91");
    assertThatThrownBy(() -> new SolarPosition(0, -200))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-200");
  }
}
