package org.openvpp.sim.solar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.lang.management.ManagementFactory;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.openvpp.check.DoubleRange;
import org.openvpp.check.ForAll;
import org.openvpp.check.LongRange;
import org.openvpp.check.Property;
import org.openvpp.units.Power;

class PvArrayTest {
  static final double LAT = 34.09;
  static final double LON = -117.43;
  static final long JUNE_NOON =
      SolarPositionTest.solarNoonSecond(LocalDate.of(2019, 6, 21), LAT, LON);

  static final PvArray SOUTH = PvArray.of(PvArraySpec.rooftop(Power.ofKilowatts(6), 20, 180));

  static SkyConditions sky(long epochSecond, double dni, double dhi, double tempC, double wind) {
    SolarPosition sun = new SolarPosition(LAT, LON);
    sun.update(epochSecond);
    SkyConditions sky = new SkyConditions();
    double ghi = dni * Math.max(0, sun.cosZenith()) + dhi;
    sky.update(sun, dni, dhi, ghi, tempC, wind);
    return sky;
  }

  @Test
  void atNightOutputIsZeroWhateverTheIrradianceSays() {
    // Hourly data interpolated across sunrise can carry irradiance while the sun is down.
    SkyConditions night = sky(JUNE_NOON + 12 * 3_600, 500, 100, 20, 2);
    assertThat(night.isDaylight()).isFalse();
    assertThat(SOUTH.planeOfArrayWm2(night)).isZero();
    assertThat(SOUTH.acOutputKw(night)).isZero();
  }

  @Test
  void clearNoonInJuneGivesNearlyTheAcRating() {
    SkyConditions clear = sky(JUNE_NOON, 900, 100, 30, 2);
    double ac = SOUTH.acOutputKw(clear);
    assertThat(ac).isBetween(0.75 * SOUTH.acRatingKw(), SOUTH.acRatingKw());
  }

  @Test
  void aBrightColdArrayClipsAtTheInverterRating() {
    PvArray oversized =
        PvArray.of(
            new PvArraySpec(
                Power.ofKilowatts(8),
                20,
                180,
                0.05,
                0.97,
                Power.ofKilowatts(5),
                -0.0037,
                Mounting.OPEN_RACK));
    SkyConditions coldClear = sky(JUNE_NOON, 1_000, 120, -5, 8);
    assertThat(oversized.dcOutputKw(coldClear)).isGreaterThan(5);
    assertThat(oversized.acOutputKw(coldClear)).isEqualTo(5);
  }

  @Test
  void curtailmentCapsTheAcOutput() {
    SkyConditions clear = sky(JUNE_NOON, 900, 100, 25, 2);
    double free = SOUTH.acOutputKw(clear);
    assertThat(free).isGreaterThan(3);
    assertThat(SOUTH.acOutputKw(clear, 1.5)).isEqualTo(1.5);
    assertThat(SOUTH.acOutputKw(clear, 0)).isZero();
    assertThat(SOUTH.acOutputKw(clear, 100)).isEqualTo(free);
    assertThat(SOUTH.meterPower(clear, Power.ofKilowatts(2)).kilowatts()).isEqualTo(-2);
    assertThatThrownBy(() -> SOUTH.acOutputKw(clear, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-1.0");
  }

  @Test
  void hotCellsMakeLessPowerThanCoolOnes() {
    SkyConditions cool = sky(JUNE_NOON, 850, 100, 10, 2);
    SkyConditions hot = sky(JUNE_NOON, 850, 100, 40, 2);
    double coolCell = SOUTH.cellTemperatureC(cool);
    double hotCell = SOUTH.cellTemperatureC(hot);
    assertThat(hotCell - coolCell).isCloseTo(30, within(1e-9));
    assertThat(coolCell).isGreaterThan(10 + 15); // the sun heats close-mounted cells well above air
    double gamma = PvArraySpec.STANDARD_TEMPERATURE_COEFFICIENT;
    assertThat(SOUTH.dcOutputKw(hot) / SOUTH.dcOutputKw(cool))
        .isCloseTo((1 + gamma * (hotCell - 25)) / (1 + gamma * (coolCell - 25)), within(1e-12));
  }

  @Test
  void orientationMatters() {
    SkyConditions noon = sky(JUNE_NOON, 850, 100, 25, 2);
    PvArray north = PvArray.of(PvArraySpec.rooftop(Power.ofKilowatts(6), 30, 0));
    assertThat(SOUTH.acOutputKw(noon)).isGreaterThan(north.acOutputKw(noon));
    SkyConditions morning = sky(JUNE_NOON - 4 * 3_600, 700, 100, 20, 2);
    PvArray east = PvArray.of(PvArraySpec.rooftop(Power.ofKilowatts(6), 30, 90));
    PvArray west = PvArray.of(PvArraySpec.rooftop(Power.ofKilowatts(6), 30, 270));
    assertThat(east.acOutputKw(morning)).isGreaterThan(2 * west.acOutputKw(morning));
  }

  @Test
  void aHorizontalArrayUnderAnIsotropicSkySeesGlobalHorizontal() {
    SolarPosition sun = new SolarPosition(LAT, LON);
    sun.update(JUNE_NOON - 2 * 3_600);
    SkyConditions sky = new SkyConditions(SkyModel.ISOTROPIC, 0.2);
    double ghi = 800 * sun.cosZenith() + 120;
    sky.update(sun, 800, 120, ghi, 25, 2);
    PvArray flat = PvArray.of(PvArraySpec.rooftop(Power.ofKilowatts(5), 0, 180));
    assertThat(flat.planeOfArrayWm2(sky)).isCloseTo(ghi, within(1e-9));
  }

  @Test
  void incidenceAngleTableFollowsTheFresnelFormula() {
    assertThat(IncidenceAngleModifier.exact(0)).isCloseTo(1, within(1e-12));
    assertThat(IncidenceAngleModifier.exact(90)).isZero();
    double previous = 1;
    for (double aoi = 0; aoi < 90; aoi += 0.25) {
      double exact = IncidenceAngleModifier.exact(aoi);
      assertThat(exact).isLessThanOrEqualTo(previous + 1e-12);
      assertThat(IncidenceAngleModifier.ofCos(Math.cos(Math.toRadians(aoi))))
          .as("at %s°", aoi)
          .isCloseTo(exact, within(0.002));
      previous = exact;
    }
    // Glass loses about 2 % of the beam at 50° and most of it near grazing incidence.
    assertThat(IncidenceAngleModifier.exact(50)).isBetween(0.97, 0.99);
    assertThat(IncidenceAngleModifier.exact(80)).isLessThan(0.75);
  }

  @Test
  void specRejectsBadValuesNamingThem() {
    Power kw = Power.ofKilowatts(5);
    assertThatThrownBy(() -> PvArraySpec.rooftop(kw, 95, 180))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tilt")
        .hasMessageContaining("95");
    assertThatThrownBy(() -> PvArraySpec.rooftop(kw, 20, 360))
        .hasMessageContaining("azimuth")
        .hasMessageContaining("360");
    assertThatThrownBy(() -> PvArraySpec.rooftop(Power.ZERO, 20, 180))
        .hasMessageContaining("dcRating");
    assertThatThrownBy(() -> PvArraySpec.rooftop(kw, 20, 180).withTemperatureCoefficient(0.004))
        .hasMessageContaining("0.004");
  }

  @Test
  void theHotPathAllocatesNothing() {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    SolarPosition sun = new SolarPosition(LAT, LON);
    SkyConditions sky = new SkyConditions();
    double sink = 0;
    for (int i = 0; i < 1_000; i++) { // class initialisation and first calls
      sun.update(JUNE_NOON + i * 60L);
      sky.update(sun, 800, 100, 900, 25, 2);
      sink += SOUTH.acOutputKw(sky, 3);
    }
    long before = threads.getCurrentThreadAllocatedBytes();
    for (int i = 0; i < 100_000; i++) {
      sun.update(JUNE_NOON + i * 60L);
      sky.update(sun, 800, 100, 900, 25, 2);
      sink += SOUTH.acOutputKw(sky, 3);
    }
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    assertThat(sink).isPositive();
    assertThat(allocated).as("bytes allocated by 100,000 minutes").isLessThan(10_000);
  }

  @Property
  void outputIsNeverNegativeNorAboveTheRatingOrTheCap(
      @ForAll @LongRange(min = 946_684_800L, max = 4_102_444_800L) long epochSecond,
      @ForAll @DoubleRange(min = -60, max = 60) double lat,
      @ForAll @DoubleRange(min = -180, max = 180) double lon,
      @ForAll @DoubleRange(min = 0.5, max = 20) double dcKw,
      @ForAll @DoubleRange(min = 0.8, max = 2.0) double dcToAc,
      @ForAll @DoubleRange(min = 0, max = 90) double tilt,
      @ForAll @DoubleRange(min = 0, max = 359.9) double azimuth,
      @ForAll @DoubleRange(min = 0, max = 1_100) double dni,
      @ForAll @DoubleRange(min = 0, max = 600) double dhi,
      @ForAll @DoubleRange(min = -30, max = 50) double tempC,
      @ForAll @DoubleRange(min = 0, max = 20) double wind,
      @ForAll @DoubleRange(min = 0, max = 30) double capKw) {
    PvArray array =
        PvArray.of(
            new PvArraySpec(
                Power.ofKilowatts(dcKw),
                tilt,
                azimuth,
                0.14,
                0.96,
                Power.ofKilowatts(dcKw / dcToAc),
                -0.0037,
                Mounting.CLOSE_ROOF));
    SolarPosition sun = new SolarPosition(lat, lon);
    sun.update(epochSecond);
    SkyConditions sky = new SkyConditions();
    sky.update(sun, dni, dhi, dni * Math.max(0, sun.cosZenith()) + dhi, tempC, wind);
    double ac = array.acOutputKw(sky, capKw);
    assertThat(ac).isGreaterThanOrEqualTo(0);
    assertThat(ac).isLessThanOrEqualTo(Math.min(array.acRatingKw(), capKw));
    if (!sun.isUp()) {
      assertThat(ac).isZero();
    }
  }
}
