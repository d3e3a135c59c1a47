package org.openvpp.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.openvpp.forecast.DayAheadModel;
import org.openvpp.forecast.ForecastAccuracy;
import org.openvpp.forecast.ForecastAccuracy.Accuracy;
import org.openvpp.forecast.HourlyWeather;
import org.openvpp.forecast.LoadRegression;
import org.openvpp.forecast.PvRatio;
import org.openvpp.forecast.QuantileForecast;
import org.openvpp.forecast.QuantileForecaster;
import org.openvpp.forecast.RecentMedian;
import org.openvpp.forecast.SameHourBefore;
import org.openvpp.sim.data.FontanaHistory;
import org.openvpp.sim.weather.FontanaWeather;

/**
 * Day-ahead load and PV forecasts of the twelve measured Fontana homes and of their sum, on days
 * held back: each day of July (the last month of the data) is forecast from the days before it
 * only, as at midnight before it, with P10/P50/P90 bands. Compared in the same run with naive
 * forecasts (load: the same hour a week before, and yesterday; PV: yesterday). MAPE counts hours of
 * at least 0.1 kW of load, 0.2 kW of PV.
 *
 * <p>Weather: the data set's own "predictions" are the observations shifted (an oracle), so the
 * main figures use weather known the evening before (temperature as yesterday's); the oracle
 * figures are printed beside them as what a perfect weather forecast would add. PV is forecast from
 * its own recent days ({@link RecentMedian}): the weather file's day-to-day cloudiness does not
 * match the homes' PV, so scaling by its irradiance ({@link PvRatio}, shown with the oracle) does
 * worse.
 */
final class ForecastBenchmark implements Benchmark {

  static final int FIRST_TEST_DAY = 334; // 1 July; day 0 is 1 August
  static final double LOAD_MAPE_FLOOR_KW = 0.1;
  static final double PV_MAPE_FLOOR_KW = 0.2;

  @Override
  public String name() {
    return "forecast";
  }

  @Override
  public String description() {
    return "day-ahead load and PV of 12 Fontana homes and their sum on held-back July, P10-P90, vs naive";
  }

  /** Figures of one series on the test days. */
  record Scores(Accuracy load, Accuracy loadYesterday, Accuracy pv) {}

  @Override
  public Map<String, Object> run(boolean quick) {
    FontanaHistory history = FontanaHistory.load();
    FontanaWeather fw = FontanaWeather.load();
    double[] temp = fw.temperatureSeriesC();
    double[] ghi = fw.ghiSeriesWm2();
    HourlyWeather known = HourlyWeather.persistence(temp, ghi, 7);
    HourlyWeather oracle = HourlyWeather.perfectForesight(temp, ghi);
    boolean[] off = history.offDays();
    int lastDay = quick ? FIRST_TEST_DAY + 7 : FontanaHistory.DAYS;

    double[][] load = new double[FontanaHistory.HOMES + 1][];
    double[][] pv = new double[FontanaHistory.HOMES + 1][];
    load[FontanaHistory.HOMES] = new double[FontanaHistory.HOURS];
    pv[FontanaHistory.HOMES] = new double[FontanaHistory.HOURS];
    for (int h = 0; h < FontanaHistory.HOMES; h++) {
      load[h] = history.loadKw(h);
      pv[h] = history.pvKw(h);
      for (int t = 0; t < FontanaHistory.HOURS; t++) {
        load[FontanaHistory.HOMES][t] += load[h][t];
        pv[FontanaHistory.HOMES][t] += pv[h][t];
      }
    }

    System.out.printf(
        Locale.ROOT,
        "Held-back days %d..%d (July), forecast each from the days before it.%n"
            + "WAPE = Σ|a−P50|/Σ|a|; ratio = WAPE / naive WAPE (below 1 beats naive); cover ="
            + " share in P10..P90 (ideal 80 %%); >P90 ideal 10 %%. PV scored on hours with sun.%n%n",
        FIRST_TEST_DAY,
        lastDay - 1);
    System.out.printf(
        Locale.ROOT,
        "%-7s | %6s %6s %6s %6s %6s %6s %6s | %6s %6s %6s %6s %6s%n",
        "series",
        "WAPE",
        "week",
        "ratio",
        "yday",
        "MAPE",
        "cover",
        ">P90",
        "PV",
        "yday",
        "ratio",
        "cover",
        ">P90");
    Scores[] scores = new Scores[FontanaHistory.HOMES + 1];
    double[] homeMean = new double[10];
    for (int s = 0; s <= FontanaHistory.HOMES; s++) {
      scores[s] = score(load[s], pv[s], known, off, ghi, lastDay, pvForecaster(known));
      Scores c = scores[s];
      String label = s == FontanaHistory.HOMES ? "group" : "home " + (s + 1);
      print(label, c);
      if (s < FontanaHistory.HOMES) {
        double[] v = values(c);
        for (int k = 0; k < v.length; k++) {
          homeMean[k] += v[k] / FontanaHistory.HOMES;
        }
      }
    }
    System.out.printf(
        Locale.ROOT,
        "%-7s | %6.3f %6.3f %6.3f %6.3f %6.3f %6.3f %6.3f | %6.3f %6.3f %6.3f %6.3f %6.3f%n",
        "homes μ",
        homeMean[0],
        homeMean[1],
        homeMean[0] / homeMean[1],
        homeMean[2],
        homeMean[3],
        homeMean[4],
        homeMean[5],
        homeMean[6],
        homeMean[7],
        homeMean[6] / homeMean[7],
        homeMean[8],
        homeMean[9]);

    // The group's band from the sum of the homes' P10 and P90, for contrast.
    Accuracy summed = summedBands(load, known, off, lastDay);
    Scores group = scores[FontanaHistory.HOMES];
    Scores groupOracle =
        score(
            load[FontanaHistory.HOMES],
            pv[FontanaHistory.HOMES],
            oracle,
            off,
            ghi,
            lastDay,
            pvIrradianceForecaster(oracle));
    System.out.printf(
        Locale.ROOT,
        "%ngroup load band from the sum of the homes' P10/P90: cover %.3f, >P90 %.3f (too wide;"
            + " the group's own errors give %.3f)%n",
        summed.coverage(),
        summed.aboveP90(),
        group.load().coverage());
    System.out.printf(
        Locale.ROOT,
        "with perfect weather (oracle): group load WAPE %.3f (ratio %.3f); PV scaled from the"
            + " irradiance, WAPE %.3f (ratio %.3f): the file's sky is not the homes' sky%n",
        groupOracle.load().wape(),
        groupOracle.load().ratioToNaive(),
        groupOracle.pv().wape(),
        groupOracle.pv().ratioToNaive());

    // Other months, the group only, the same way: how typical July is.
    String[] months = {"oct", "jan", "apr", "jun"};
    int[] starts = {61, 153, 243, 304};
    int[] lengths = {31, 31, 30, 30};
    Scores[] other = new Scores[months.length];
    System.out.printf(Locale.ROOT, "%nthe group in other months (quick runs skip them):%n");
    for (int m = 0; m < (quick ? 0 : months.length); m++) {
      other[m] =
          score(
              load[FontanaHistory.HOMES],
              pv[FontanaHistory.HOMES],
              known,
              off,
              ghi,
              starts[m],
              starts[m] + lengths[m],
              pvForecaster(known));
      Scores c = other[m];
      System.out.printf(
          Locale.ROOT,
          "%-7s | load WAPE %.3f ratio week %.3f yesterday %.3f cover %.3f >P90 %.3f | PV WAPE %.3f"
              + " ratio %.3f cover %.3f >P90 %.3f%n",
          months[m],
          c.load().wape(),
          c.load().ratioToNaive(),
          c.loadYesterday().ratioToNaive(),
          c.load().coverage(),
          c.load().aboveP90(),
          c.pv().wape(),
          c.pv().ratioToNaive(),
          c.pv().coverage(),
          c.pv().aboveP90());
    }

    Map<String, Object> f = new LinkedHashMap<>();
    f.put("test_days", lastDay - FIRST_TEST_DAY);
    f.put("group_load_wape", BenchMain.round3(group.load().wape()));
    f.put("group_load_naive_week_wape", BenchMain.round3(group.load().naiveWape()));
    f.put("group_load_ratio_week", BenchMain.round3(group.load().ratioToNaive()));
    f.put("group_load_ratio_yesterday", BenchMain.round3(group.loadYesterday().ratioToNaive()));
    f.put("group_load_mape", BenchMain.round3(group.load().mape()));
    f.put("group_load_coverage", BenchMain.round3(group.load().coverage()));
    f.put("group_load_above_p90", BenchMain.round3(group.load().aboveP90()));
    f.put("group_load_coverage_summed_home_bands", BenchMain.round3(summed.coverage()));
    f.put("homes_load_wape", BenchMain.round3(homeMean[0]));
    f.put("homes_load_ratio_week", BenchMain.round3(homeMean[0] / homeMean[1]));
    f.put("homes_load_ratio_yesterday", BenchMain.round3(homeMean[0] / homeMean[2]));
    f.put("homes_load_mape", BenchMain.round3(homeMean[3]));
    f.put("homes_load_coverage", BenchMain.round3(homeMean[4]));
    f.put("homes_load_above_p90", BenchMain.round3(homeMean[5]));
    f.put("group_pv_wape", BenchMain.round3(group.pv().wape()));
    f.put("group_pv_ratio_yesterday", BenchMain.round3(group.pv().ratioToNaive()));
    f.put("group_pv_coverage", BenchMain.round3(group.pv().coverage()));
    f.put("group_pv_above_p90", BenchMain.round3(group.pv().aboveP90()));
    f.put("homes_pv_wape", BenchMain.round3(homeMean[6]));
    f.put("homes_pv_ratio_yesterday", BenchMain.round3(homeMean[6] / homeMean[7]));
    f.put("homes_pv_coverage", BenchMain.round3(homeMean[8]));
    f.put("homes_pv_above_p90", BenchMain.round3(homeMean[9]));
    f.put("oracle_group_load_wape", BenchMain.round3(groupOracle.load().wape()));
    f.put("oracle_group_pv_wape", BenchMain.round3(groupOracle.pv().wape()));
    for (int m = 0; m < months.length; m++) {
      Scores c = other[m];
      if (c != null) {
        f.put(months[m] + "_group_load_wape", BenchMain.round3(c.load().wape()));
        f.put(months[m] + "_group_load_ratio_week", BenchMain.round3(c.load().ratioToNaive()));
        f.put(
            months[m] + "_group_load_ratio_yesterday",
            BenchMain.round3(c.loadYesterday().ratioToNaive()));
        f.put(months[m] + "_group_load_coverage", BenchMain.round3(c.load().coverage()));
        f.put(months[m] + "_group_pv_wape", BenchMain.round3(c.pv().wape()));
        f.put(months[m] + "_group_pv_ratio_yesterday", BenchMain.round3(c.pv().ratioToNaive()));
        f.put(months[m] + "_group_pv_coverage", BenchMain.round3(c.pv().coverage()));
      }
    }
    return f;
  }

  static QuantileForecaster loadForecaster(HourlyWeather w, boolean[] off) {
    return new QuantileForecaster(LoadRegression.withDefaults(w, off), 28, 1, 0);
  }

  /** PV from its own recent days: the file's irradiance does not match the homes' PV (see docs). */
  static QuantileForecaster pvForecaster(HourlyWeather w) {
    return new QuantileForecaster(new RecentMedian(7), 28, 1, 0);
  }

  /** PV scaled from the irradiance forecast, shown with the oracle weather only. */
  static QuantileForecaster pvIrradianceForecaster(HourlyWeather w) {
    return new QuantileForecaster(new PvRatio(w, 14), 28, 1, 0);
  }

  static Scores score(
      double[] load,
      double[] pv,
      HourlyWeather w,
      boolean[] off,
      double[] ghi,
      int lastDay,
      QuantileForecaster pf) {
    return score(load, pv, w, off, ghi, FIRST_TEST_DAY, lastDay, pf);
  }

  static Scores score(
      double[] load,
      double[] pv,
      HourlyWeather w,
      boolean[] off,
      double[] ghi,
      int firstDay,
      int lastDay,
      QuantileForecaster pf) {
    QuantileForecaster lf = loadForecaster(w, off);
    DayAheadModel week = new SameHourBefore(7);
    DayAheadModel yesterday = new SameHourBefore(1);
    ForecastAccuracy la = new ForecastAccuracy(LOAD_MAPE_FLOOR_KW);
    ForecastAccuracy ly = new ForecastAccuracy(LOAD_MAPE_FLOOR_KW);
    ForecastAccuracy pa = new ForecastAccuracy(PV_MAPE_FLOOR_KW);
    for (int d = firstDay; d < lastDay; d++) {
      QuantileForecast l = lf.forecast(load, d);
      QuantileForecast p = pf.forecast(pv, d);
      double[] lw = week.forecastDay(load, d);
      double[] lyd = yesterday.forecastDay(load, d);
      double[] pyd = yesterday.forecastDay(pv, d);
      for (int h = 0; h < 24; h++) {
        int t = d * 24 + h;
        la.add(load[t], l.p10(h), l.p50(h), l.p90(h), lw[h]);
        ly.add(load[t], l.p10(h), l.p50(h), l.p90(h), lyd[h]);
        if (ghi[t] > 0) {
          pa.add(pv[t], p.p10(h), p.p50(h), p.p90(h), pyd[h]);
        }
      }
    }
    return new Scores(la.result(), ly.result(), pa.result());
  }

  static Accuracy summedBands(double[][] load, HourlyWeather w, boolean[] off, int lastDay) {
    QuantileForecaster lf = loadForecaster(w, off);
    DayAheadModel week = new SameHourBefore(7);
    int g = FontanaHistory.HOMES;
    ForecastAccuracy a = new ForecastAccuracy(LOAD_MAPE_FLOOR_KW);
    for (int d = FIRST_TEST_DAY; d < lastDay; d++) {
      double[] p10 = new double[24];
      double[] p50 = new double[24];
      double[] p90 = new double[24];
      for (int h = 0; h < g; h++) {
        QuantileForecast q = lf.forecast(load[h], d);
        for (int k = 0; k < 24; k++) {
          p10[k] += q.p10(k);
          p50[k] += q.p50(k);
          p90[k] += q.p90(k);
        }
      }
      double[] nw = week.forecastDay(load[g], d);
      for (int k = 0; k < 24; k++) {
        a.add(load[g][d * 24 + k], p10[k], p50[k], p90[k], nw[k]);
      }
    }
    return a.result();
  }

  private static double[] values(Scores c) {
    return new double[] {
      c.load().wape(),
      c.load().naiveWape(),
      c.loadYesterday().naiveWape(),
      c.load().mape(),
      c.load().coverage(),
      c.load().aboveP90(),
      c.pv().wape(),
      c.pv().naiveWape(),
      c.pv().coverage(),
      c.pv().aboveP90()
    };
  }

  private static void print(String label, Scores c) {
    System.out.printf(
        Locale.ROOT,
        "%-7s | %6.3f %6.3f %6.3f %6.3f %6.3f %6.3f %6.3f | %6.3f %6.3f %6.3f %6.3f %6.3f%n",
        label,
        c.load().wape(),
        c.load().naiveWape(),
        c.load().ratioToNaive(),
        c.loadYesterday().naiveWape(),
        c.load().mape(),
        c.load().coverage(),
        c.load().aboveP90(),
        c.pv().wape(),
        c.pv().naiveWape(),
        c.pv().ratioToNaive(),
        c.pv().coverage(),
        c.pv().aboveP90());
  }
}
