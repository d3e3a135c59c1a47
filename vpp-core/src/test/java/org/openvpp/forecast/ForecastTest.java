package org.openvpp.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ForecastTest {
  static final int DAYS = 160;

  /** A pure daily pattern, 1 + 0.8·sin, kW. */
  static double pattern(int h) {
    return 1 + 0.8 * Math.sin(2 * Math.PI * h / 24);
  }

  static HourlyWeather mild(int days) {
    double[] t = new double[days * 24];
    java.util.Arrays.fill(t, 17);
    return HourlyWeather.perfectForesight(t, new double[days * 24]);
  }

  @Test
  void bandOfADailyPatternWithGaussianNoiseCoversAbout80Percent() {
    // Noise N(0, 0.3²): the true P10/P90 are the pattern ∓ 1.2816·0.3 = ∓ 0.384 kW.
    double sigma = 0.3;
    SplittableRandom r = new SplittableRandom(7);
    double[] y = new double[DAYS * 24];
    for (int t = 0; t < y.length; t++) {
      y[t] = pattern(t % 24) + sigma * gaussian(r);
    }
    QuantileForecaster f =
        new QuantileForecaster(
            LoadRegression.withDefaults(mild(DAYS), new boolean[DAYS]), 28, 1, -100);
    ForecastAccuracy acc = new ForecastAccuracy(0.1);
    double p90Error = 0;
    double p10Error = 0;
    int n = 0;
    for (int d = f.firstDay(); d < DAYS; d++) {
      QuantileForecast q = f.forecast(y, d);
      for (int h = 0; h < 24; h++) {
        acc.add(y[d * 24 + h], q.p10(h), q.p50(h), q.p90(h), y[(d - 7) * 24 + h]);
        p90Error += q.p90(h) - (pattern(h) + 1.2816 * sigma);
        p10Error += q.p10(h) - (pattern(h) - 1.2816 * sigma);
        n++;
      }
    }
    ForecastAccuracy.Accuracy a = acc.result();
    assertThat(a.hours()).isEqualTo((DAYS - 57) * 24);
    assertThat(a.coverage()).isBetween(0.75, 0.85);
    assertThat(a.aboveP90()).isBetween(0.06, 0.14);
    assertThat(p90Error / n).isCloseTo(0, within(0.06));
    assertThat(p10Error / n).isCloseTo(0, within(0.06));
    // The point forecast's error is about the noise's mean absolute value, σ·√(2/π) = 0.239,
    // much less than the naive copy of a week ago, whose error is the difference of two noises.
    assertThat(a.ratioToNaive()).isLessThan(0.8);
  }

  @Test
  void regressionRecoversAKnownTemperatureAndDayTypeEffect() {
    // load = 1 + 0.5 on off days + 0.2 per °C above 20 + 0.1 per °C below 15, exactly.
    int days = 60;
    double[] t = new double[days * 24];
    double[] y = new double[days * 24];
    boolean[] off = new boolean[days];
    SplittableRandom r = new SplittableRandom(3);
    for (int d = 0; d < days; d++) {
      off[d] = d % 7 >= 5;
    }
    for (int i = 0; i < t.length; i++) {
      t[i] = 5 + 30 * r.nextDouble();
      y[i] = truth(off[i / 24], t[i]);
    }
    double[] forecastT = t.clone();
    forecastT[59 * 24 + 3] = 25; // the forecast says 25 °C at 03:00 of day 59
    HourlyWeather w = new HourlyWeather(t, forecastT, new double[t.length], new double[t.length]);
    LoadRegression m = new LoadRegression(w, off, 28, 14, 1e-9, 20, 15);
    double[] f = m.forecastDay(y, 59);
    assertThat(off[59]).isFalse();
    assertThat(f[3]).isCloseTo(2.0, within(1e-6)); // 1 + 0.2 · 5
    for (int h = 0; h < 24; h++) {
      if (h != 3) {
        assertThat(f[h]).isCloseTo(truth(false, t[59 * 24 + h]), within(1e-6));
      }
    }
  }

  static double truth(boolean off, double temp) {
    return 1 + (off ? 0.5 : 0) + 0.2 * Math.max(0, temp - 20) + 0.1 * Math.max(0, 15 - temp);
  }

  @Test
  void forecastsReadNothingFromTheDayForecastOrLater() {
    SplittableRandom r = new SplittableRandom(11);
    double[] y = new double[DAYS * 24];
    for (int t = 0; t < y.length; t++) {
      y[t] = r.nextDouble();
    }
    double[] changed = y.clone();
    for (int t = 100 * 24; t < changed.length; t++) {
      changed[t] += 5;
    }
    QuantileForecaster f =
        new QuantileForecaster(
            LoadRegression.withDefaults(mild(DAYS), new boolean[DAYS]), 28, 1, 0);
    assertThat(f.forecast(changed, 100).p90()).containsExactly(f.forecast(y, 100).p90());
    assertThat(new RecentMedian(7).forecastDay(changed, 100))
        .containsExactly(new RecentMedian(7).forecastDay(y, 100));
    assertThat(f.forecast(changed, 101).p90()).isNotEqualTo(f.forecast(y, 101).p90());
  }

  @Test
  void naiveModelsCopyAndTakeMedians() {
    double[] y = new double[8 * 24];
    for (int d = 0; d < 8; d++) {
      y[d * 24 + 5] = d; // hour 5 of day d holds d
    }
    assertThat(new SameHourBefore(1).forecastDay(y, 7)[5]).isEqualTo(6);
    assertThat(new SameHourBefore(7).forecastDay(y, 7)[5]).isEqualTo(0);
    assertThat(new RecentMedian(4).forecastDay(y, 7)[5]).isEqualTo(4.5); // median of 3, 4, 5, 6
    assertThatThrownBy(() -> new SameHourBefore(7).forecastDay(y, 6))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("day 6");
  }

  @Test
  void quantilesInterpolateBetweenOrderStatistics() {
    double[] v = {4, 1, 3, 2};
    assertThat(Quantiles.of(v, 0.1)).isCloseTo(1.3, within(1e-12)); // position 0.3
    assertThat(Quantiles.of(v, 0.5)).isEqualTo(2.5);
    assertThat(Quantiles.of(v, 0.9)).isCloseTo(3.7, within(1e-12));
  }

  @Test
  void accuracyFiguresFromAHandWorkedTable() {
    // actual, p10, p50, p90, naive
    double[][] rows = {
      {2.0, 1.0, 2.5, 3.0, 1.0}, // inside; |e| 0.5, naive 1.0, ape 0.25
      {1.0, 0.5, 1.0, 1.5, 2.0}, // inside; 0, naive 1.0, ape 0
      {4.0, 1.0, 2.0, 3.0, 4.0}, // above P90; 2, naive 0, ape 0.5
      {0.05, 0.1, 0.2, 0.3, 0.0}, // below P10; 0.15, naive 0.05, under the MAPE floor
    };
    ForecastAccuracy acc = new ForecastAccuracy(0.1);
    for (double[] row : rows) {
      acc.add(row[0], row[1], row[2], row[3], row[4]);
    }
    ForecastAccuracy.Accuracy a = acc.result();
    assertThat(a.wape()).isCloseTo(2.65 / 7.05, within(1e-12));
    assertThat(a.naiveWape()).isCloseTo(2.05 / 7.05, within(1e-12));
    assertThat(a.mape()).isCloseTo(0.75 / 3, within(1e-12));
    assertThat(a.coverage()).isEqualTo(0.5);
    assertThat(a.aboveP90()).isEqualTo(0.25);
    assertThat(a.belowP10()).isEqualTo(0.25);
  }

  static double gaussian(SplittableRandom r) {
    double u = r.nextDouble();
    double v = r.nextDouble();
    return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
  }
}
