package org.openvpp.sim.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvpp.forecast.DayAheadModel;
import org.openvpp.forecast.ForecastAccuracy;
import org.openvpp.forecast.HourlyWeather;
import org.openvpp.forecast.LoadRegression;
import org.openvpp.forecast.QuantileForecast;
import org.openvpp.forecast.QuantileForecaster;
import org.openvpp.forecast.RecentMedian;
import org.openvpp.forecast.SameHourBefore;
import org.openvpp.sim.weather.FontanaWeather;

/**
 * The forecasts on the real Fontana homes, June held back (the bench scores July): each day from
 * the days before it, against the naive forecasts.
 */
class FontanaForecastTest {
  static final int FIRST = 304; // 1 June; day 0 is 1 August
  static final int END = 334;

  static FontanaHistory history = FontanaHistory.load();
  static HourlyWeather weather = HourlyWeather.perfectForesight(new double[24], new double[24]);

  @BeforeAll
  static void load() {
    FontanaWeather fw = FontanaWeather.load();
    weather = HourlyWeather.persistence(fw.temperatureSeriesC(), fw.ghiSeriesWm2(), 7);
  }

  static ForecastAccuracy.Accuracy score(
      double[] series, QuantileForecaster f, DayAheadModel naive) {
    ForecastAccuracy acc = new ForecastAccuracy(0.1);
    for (int d = FIRST; d < END; d++) {
      QuantileForecast q = f.forecast(series, d);
      double[] n = naive.forecastDay(series, d);
      for (int h = 0; h < 24; h++) {
        acc.add(series[d * 24 + h], q.p10(h), q.p50(h), q.p90(h), n[h]);
      }
    }
    return acc.result();
  }

  @Test
  void loadForecastBeatsTheSameHourLastWeekForEveryHomeAndTheGroup() {
    QuantileForecaster f =
        new QuantileForecaster(LoadRegression.withDefaults(weather, history.offDays()), 28, 1, 0);
    double[] group = new double[FontanaHistory.HOURS];
    for (int home = 0; home < FontanaHistory.HOMES; home++) {
      double[] load = history.loadKw(home);
      for (int t = 0; t < group.length; t++) {
        group[t] += load[t];
      }
      assertThat(score(load, f, new SameHourBefore(7)).ratioToNaive())
          .as("home %d", home + 1)
          .isLessThan(1);
    }
    ForecastAccuracy.Accuracy g = score(group, f, new SameHourBefore(7));
    assertThat(g.ratioToNaive()).isLessThan(0.9);
    assertThat(score(group, f, new SameHourBefore(1)).ratioToNaive()).isLessThan(1);
    assertThat(g.coverage()).isBetween(0.65, 0.92);
  }

  @Test
  void pvForecastBeatsYesterdayForTheGroup() {
    double[] group = new double[FontanaHistory.HOURS];
    for (int home = 0; home < FontanaHistory.HOMES; home++) {
      double[] pv = history.pvKw(home);
      for (int t = 0; t < group.length; t++) {
        group[t] += pv[t];
      }
    }
    QuantileForecaster f = new QuantileForecaster(new RecentMedian(7), 28, 1, 0);
    assertThat(score(group, f, new SameHourBefore(1)).ratioToNaive()).isLessThan(1);
  }

  @Test
  void historyLinesUpWithTheWeather() {
    // PV of home 1 peaks within an hour of the irradiance on a clear June day (day 320).
    double[] pv = history.pvKw(0);
    double[] ghi = FontanaWeather.load().ghiSeriesWm2();
    int day = 320;
    assertThat(Math.abs(argmax(pv, day) - argmax(ghi, day))).isLessThanOrEqualTo(1);
    assertThat(history.offDays()).hasSize(365);
  }

  static int argmax(double[] v, int day) {
    int best = 0;
    for (int h = 1; h < 24; h++) {
      if (v[day * 24 + h] > v[day * 24 + best]) {
        best = h;
      }
    }
    return best;
  }
}
