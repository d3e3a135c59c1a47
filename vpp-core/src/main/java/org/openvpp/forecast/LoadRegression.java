package org.openvpp.forecast;

import java.util.Objects;
import org.openvpp.units.Checks;

/**
 * Day-ahead home load by a regression per hour of day on recent days, with day type and temperature
 * terms.
 *
 * <p>Design: for each hour {@code h} of the target day, a weighted ridge least-squares fit over the
 * same hour of the {@code trainingDays} days before it of
 *
 * <pre>
 *   load = b0 + b1·offDay + b2·max(0, T − T_cool) + b3·max(0, T_heat − T) + b4·load(same hour, day before)
 * </pre>
 *
 * with weights halving every {@code halfLifeDays} into the past (recent days count more) and ridge
 * {@code λ} on b1..b4 (so a term that never varies in the window, such as cooling in winter, stays
 * at 0). The fit uses observed temperatures; the forecast, the day-ahead temperature forecast of
 * the target hour. The last term (an ARX form) carries yesterday's level, which the day-type and
 * temperature terms alone miss; because of it a group's forecast made from its summed history is
 * not exactly the sum of its homes' forecasts.
 *
 * <p>Immutable; safe to share between threads.
 */
public final class LoadRegression implements DayAheadModel {
  private static final int P = 5;

  private final HourlyWeather weather;
  private final boolean[] offDay;
  private final int trainingDays;
  private final double halfLifeDays;
  private final double ridge;
  private final double coolingBaseC;
  private final double heatingBaseC;

  /**
   * @param weather the site's weather over the whole data
   * @param offDay per day, whether it is a weekend day or holiday
   * @param trainingDays days before the target day fitted on, at least 7
   * @param halfLifeDays weight halves every this many days back
   * @param ridge λ on the day-type and temperature coefficients, ≥ 0
   * @param coolingBaseC temperature above which load grows (cooling)
   * @param heatingBaseC temperature below which load grows (heating)
   */
  public LoadRegression(
      HourlyWeather weather,
      boolean[] offDay,
      int trainingDays,
      double halfLifeDays,
      double ridge,
      double coolingBaseC,
      double heatingBaseC) {
    this.weather = Objects.requireNonNull(weather, "weather");
    if (offDay.length != weather.days()) {
      throw new IllegalArgumentException(
          "offDay has " + offDay.length + " days, the weather " + weather.days());
    }
    this.offDay = offDay.clone();
    this.trainingDays = Checks.between("trainingDays", trainingDays, 7, 366);
    this.halfLifeDays = Checks.positive("halfLifeDays", halfLifeDays);
    this.ridge = Checks.nonNegative("ridge", ridge);
    this.coolingBaseC = coolingBaseC;
    this.heatingBaseC = heatingBaseC;
  }

  /** 28 training days, half-life 14 days, λ = 1, cooling above 20 °C, heating below 15 °C. */
  public static LoadRegression withDefaults(HourlyWeather weather, boolean[] offDay) {
    return new LoadRegression(weather, offDay, 28, 14, 1, 20, 15);
  }

  @Override
  public int firstDay() {
    return trainingDays + 1;
  }

  @Override
  public double[] forecastDay(double[] history, int day) {
    Hours.checkDay("LoadRegression", day, firstDay(), weather.days());
    if (history.length < day * Hours.PER_DAY) {
      throw new IllegalArgumentException(
          "history has " + history.length + " hours, day " + day + " needs those before it");
    }
    double[] out = new double[Hours.PER_DAY];
    double[] x = new double[P];
    for (int h = 0; h < Hours.PER_DAY; h++) {
      double[][] a = new double[P][P];
      double[] b = new double[P];
      for (int j = day - trainingDays; j < day; j++) {
        int t = j * Hours.PER_DAY + h;
        features(x, offDay[j], weather.temperatureC(t), history[t - Hours.PER_DAY]);
        double w = Math.pow(0.5, (day - 1 - j) / halfLifeDays);
        for (int r = 0; r < P; r++) {
          b[r] += w * x[r] * history[t];
          for (int c = 0; c < P; c++) {
            a[r][c] += w * x[r] * x[c];
          }
        }
      }
      for (int r = 1; r < P; r++) {
        a[r][r] += ridge;
      }
      double[] coef = solve(a, b);
      int target = day * Hours.PER_DAY + h;
      features(
          x, offDay[day], weather.temperatureForecastC(target), history[target - Hours.PER_DAY]);
      double y = 0;
      for (int r = 0; r < P; r++) {
        y += coef[r] * x[r];
      }
      out[h] = y;
    }
    return out;
  }

  private void features(double[] x, boolean off, double temperatureC, double yesterday) {
    x[0] = 1;
    x[1] = off ? 1 : 0;
    x[2] = Math.max(0, temperatureC - coolingBaseC);
    x[3] = Math.max(0, heatingBaseC - temperatureC);
    x[4] = yesterday;
  }

  /** Solves {@code a·x = b} by Gaussian elimination with partial pivoting; a is small and SPD. */
  static double[] solve(double[][] a, double[] b) {
    int n = b.length;
    double[][] m = new double[n][];
    double[] v = b.clone();
    for (int i = 0; i < n; i++) {
      m[i] = a[i].clone();
    }
    for (int col = 0; col < n; col++) {
      int pivot = col;
      for (int r = col + 1; r < n; r++) {
        if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) {
          pivot = r;
        }
      }
      double[] rowSwap = m[col];
      m[col] = m[pivot];
      m[pivot] = rowSwap;
      double vSwap = v[col];
      v[col] = v[pivot];
      v[pivot] = vSwap;
      if (Math.abs(m[col][col]) < 1e-12) {
        throw new IllegalStateException("singular system; give the ridge a positive λ");
      }
      for (int r = col + 1; r < n; r++) {
        double f = m[r][col] / m[col][col];
        for (int c = col; c < n; c++) {
          m[r][c] -= f * m[col][c];
        }
        v[r] -= f * v[col];
      }
    }
    double[] x = new double[n];
    for (int i = n - 1; i >= 0; i--) {
      double s = v[i];
      for (int c = i + 1; c < n; c++) {
        s -= m[i][c] * x[c];
      }
      x[i] = s / m[i][i];
    }
    return x;
  }
}
