package org.openvpp.sim.solar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvpp.sim.weather.HourlyWeather;
import org.openvpp.sim.weather.PvWattsReference;
import org.openvpp.sim.weather.WeatherSample;
import org.openvpp.sim.weather.WeatherSeries;
import org.openvpp.units.Power;

/**
 * Our PV model on PVWatts' own inputs (its beam, diffuse, air temperature and wind for Golden, CO,
 * and the array of its header) against PVWatts' results in the same file. Every figure is computed
 * here from the file; the measured values are printed so they can be quoted.
 */
class PvWattsValidationTest {

  /** PVWatts version 5's coefficient for "standard" modules, which this file was made with. */
  static final double PVWATTS_V5_STANDARD_GAMMA = -0.0047;

  static PvWattsReference ref;
  static WeatherSeries weather;

  @BeforeAll
  static void load() {
    ref = PvWattsReference.load();
    weather = ref.weather(2019);
  }

  static PvArraySpec specFromHeader(double gamma) {
    assertThat(ref.arrayType()).containsIgnoringCase("open rack");
    Power dc = Power.ofKilowatts(ref.dcSystemKw());
    return new PvArraySpec(
        dc,
        ref.tiltDeg(),
        ref.azimuthDeg(),
        ref.systemLossesPercent() / 100,
        ref.inverterEfficiencyPercent() / 100,
        dc.times(1 / ref.dcToAcRatio()),
        gamma,
        Mounting.OPEN_RACK);
  }

  /** Per hour: POA, cell temperature, DC W, AC W; the sun at the hour's start plus offset (s). */
  static double[][] run(PvArraySpec spec, SkyModel model, long sunOffsetSeconds) {
    PvArray array = PvArray.of(spec);
    SolarPosition sun =
        new SolarPosition(weather.site().latitudeDeg(), weather.site().longitudeDeg());
    SkyConditions sky = new SkyConditions(model, SkyConditions.DEFAULT_ALBEDO);
    double[][] out = new double[4][PvWattsReference.HOURS];
    for (int i = 0; i < PvWattsReference.HOURS; i++) {
      HourlyWeather h = weather.hour(i);
      sun.update(h.start().getEpochSecond() + sunOffsetSeconds);
      sky.update(sun, h.dni(), h.dhi(), h.ghi(), h.temperatureC(), h.windSpeed());
      out[0][i] = array.planeOfArrayWm2(sky);
      out[1][i] = sky.isDaylight() ? array.cellTemperatureC(sky) : h.temperatureC();
      out[2][i] = array.dcOutputKw(sky) * 1_000;
      out[3][i] = array.acOutputKw(sky) * 1_000;
    }
    return out;
  }

  static double[] reference(java.util.function.IntToDoubleFunction column) {
    double[] v = new double[PvWattsReference.HOURS];
    for (int i = 0; i < v.length; i++) {
      v[i] = column.applyAsDouble(i);
    }
    return v;
  }

  @Test
  void referenceRowsAddUpToTheFilesOwnTotals() {
    assertThat(Stats.sum(reference(ref::acOutputW))).isCloseTo(ref.totalAcWh(), within(1.0));
    assertThat(Stats.sum(reference(ref::poaWm2))).isCloseTo(ref.totalPoaWhPerM2(), within(1.0));
  }

  @Test
  void annualHourlyAndMonthlyAcMatchPvWatts() {
    double[][] ours = run(specFromHeader(PVWATTS_V5_STANDARD_GAMMA), SkyModel.PEREZ, 1_800);
    double[] refAc = reference(ref::acOutputW);
    double oursKwh = Stats.sum(ours[3]) / 1_000;
    double refKwh = Stats.sum(refAc) / 1_000;
    double ratio = oursKwh / refKwh;
    double correlation = Stats.correlation(ours[3], refAc);
    double dcRatio = Stats.sum(ours[2]) / Stats.sum(reference(ref::dcOutputW));
    System.out.printf(
        Locale.ROOT,
        "PVWatts Golden CO, gamma -0.47%%/C: annual AC ours %.1f kWh, PVWatts %.1f kWh, ratio %.4f,"
            + " hourly correlation %.5f; DC ratio %.4f%n",
        oursKwh,
        refKwh,
        ratio,
        correlation,
        dcRatio);
    assertThat(ratio).isBetween(0.98, 1.02);
    assertThat(correlation).isGreaterThan(0.99);

    double[] oursMonth = new double[13];
    double[] refMonth = new double[13];
    for (int i = 0; i < PvWattsReference.HOURS; i++) {
      oursMonth[ref.month(i)] += ours[3][i];
      refMonth[ref.month(i)] += refAc[i];
    }
    StringBuilder line = new StringBuilder("monthly AC ratio ours/PVWatts:");
    for (int m = 1; m <= 12; m++) {
      double r = oursMonth[m] / refMonth[m];
      line.append(String.format(Locale.ROOT, " %d:%.3f", m, r));
      assertThat(r).as("month %d", m).isBetween(0.97, 1.03);
    }
    System.out.println(line);
  }

  @Test
  void planeOfArrayIrradianceMatchesPvWatts() {
    double[] refPoa = reference(ref::poaWm2);
    double refTotal = Stats.sum(refPoa);
    double perezError = 0;
    double isotropicError = 0;
    for (SkyModel model : SkyModel.values()) {
      double[] poa = run(specFromHeader(PVWATTS_V5_STANDARD_GAMMA), model, 1_800)[0];
      double ratio = Stats.sum(poa) / refTotal;
      double correlation = Stats.correlation(poa, refPoa);
      System.out.printf(
          Locale.ROOT,
          "POA %-10s ours %.1f kWh/m2, PVWatts %.1f kWh/m2, ratio %.4f, hourly correlation %.5f%n",
          model,
          Stats.sum(poa) / 1_000,
          refTotal / 1_000,
          ratio,
          correlation);
      assertThat(ratio).isBetween(0.95, 1.05);
      assertThat(correlation).isGreaterThan(0.99);
      if (model == SkyModel.PEREZ) {
        perezError = Math.abs(ratio - 1);
        assertThat(ratio).isBetween(0.99, 1.01);
      } else if (model == SkyModel.ISOTROPIC) {
        isotropicError = Math.abs(ratio - 1);
      }
    }
    assertThat(perezError).isLessThan(isotropicError);
  }

  @Test
  void fileHoursStartOnTheHourInStandardTime() {
    // The file's POA is matched best with the sun at the middle of each row's hour, not at its
    // start or its end: rows are hours starting at Hour, in standard time.
    double[] refPoa = reference(ref::poaWm2);
    PvArraySpec spec = specFromHeader(PVWATTS_V5_STANDARD_GAMMA);
    double atStart = Stats.correlation(run(spec, SkyModel.PEREZ, 0)[0], refPoa);
    double atMiddle = Stats.correlation(run(spec, SkyModel.PEREZ, 1_800)[0], refPoa);
    double atEnd = Stats.correlation(run(spec, SkyModel.PEREZ, 3_600)[0], refPoa);
    System.out.printf(
        Locale.ROOT,
        "POA correlation with the sun at the hour's start %.5f, middle %.5f, end %.5f%n",
        atStart,
        atMiddle,
        atEnd);
    assertThat(atMiddle).isGreaterThan(atStart).isGreaterThan(atEnd);
  }

  @Test
  void cellTemperatureIsCloseToPvWattsInDaylight() {
    double[][] ours = run(specFromHeader(PVWATTS_V5_STANDARD_GAMMA), SkyModel.PEREZ, 1_800);
    double bias = 0;
    double absolute = 0;
    int n = 0;
    for (int i = 0; i < PvWattsReference.HOURS; i++) {
      if (ref.poaWm2(i) > 200) {
        double d = ours[1][i] - ref.cellTemperatureC(i);
        bias += d;
        absolute += Math.abs(d);
        n++;
      }
    }
    System.out.printf(
        Locale.ROOT,
        "cell temperature (Sandia open rack vs PVWatts), hours with POA > 200 W/m2: mean"
            + " difference %.2f C, mean absolute difference %.2f C over %d hours%n",
        bias / n,
        absolute / n,
        n);
    assertThat(Math.abs(bias / n)).isLessThan(1.5);
    assertThat(absolute / n).isLessThan(3.0);
  }

  @Test
  void todaysStandardModuleCoefficientStaysWithinFivePercent() {
    double[][] ours =
        run(specFromHeader(PvArraySpec.STANDARD_TEMPERATURE_COEFFICIENT), SkyModel.PEREZ, 1_800);
    double ratio = Stats.sum(ours[3]) / Stats.sum(reference(ref::acOutputW));
    System.out.printf(
        Locale.ROOT, "with gamma -0.37%%/C (PVWatts 6+ standard): annual AC ratio %.4f%n", ratio);
    assertThat(ratio).isBetween(0.95, 1.05);
  }

  @Test
  void perMinuteSimulationOfTheYearMatchesPvWattsAnnualEnergy() {
    // The simulator's path: weather interpolated to each minute, the sun at each minute.
    PvArray array = PvArray.of(specFromHeader(PVWATTS_V5_STANDARD_GAMMA));
    SolarPosition sun =
        new SolarPosition(weather.site().latitudeDeg(), weather.site().longitudeDeg());
    SkyConditions sky = new SkyConditions();
    WeatherSample w = new WeatherSample();
    long first = weather.start().getEpochSecond() / 60;
    long minutes = PvWattsReference.HOURS * 60L;
    double kwMinutes = 0;
    for (long m = first; m < first + minutes; m++) {
      weather.sample(m, w);
      sun.update(m * 60 + 30);
      sky.update(sun, w.dni(), w.dhi(), w.ghi(), w.temperatureC(), w.windSpeed());
      kwMinutes += array.acOutputKw(sky);
    }
    double oursKwh = kwMinutes / 60;
    double refKwh = Stats.sum(reference(ref::acOutputW)) / 1_000;
    System.out.printf(
        Locale.ROOT,
        "per-minute year: AC ours %.1f kWh, PVWatts %.1f kWh, ratio %.4f%n",
        oursKwh,
        refKwh,
        oursKwh / refKwh);
    assertThat(oursKwh / refKwh).isBetween(0.95, 1.05);
  }
}
