package org.openvpp.forecast;

import java.util.Objects;
import org.openvpp.units.Checks;

/**
 * P10/P50/P90 around a point model from the empirical quantiles of the model's own out-of-sample
 * errors on the days just before.
 *
 * <p>Design: to forecast day {@code d}, the model forecasts each of the {@code residualDays} days
 * {@code d−M..d−1} as it would have then (from the history before each), and the errors {@code
 * actual − forecast} of hour {@code h} and its {@code poolHours} neighbours either side (wrapping
 * round midnight) form that hour's sample. P{@code q} is the point forecast plus the sample's
 * q-quantile (type 7), so P50 also corrects the model's recent median bias; all three are kept at
 * or above {@code floor} (0 for load and PV). For a group, give the group's summed history: the
 * quantiles then come from the errors of the sum, which are smaller than the sum of the homes'
 * quantiles when homes' errors partly cancel.
 *
 * <p>Immutable; safe to share between threads if the model is.
 */
public final class QuantileForecaster {
  private final DayAheadModel model;
  private final int residualDays;
  private final int poolHours;
  private final double floor;

  public QuantileForecaster(DayAheadModel model, int residualDays, int poolHours, double floor) {
    this.model = Objects.requireNonNull(model, "model");
    this.residualDays = Checks.between("residualDays", residualDays, 1, 366);
    this.poolHours = Checks.between("poolHours", poolHours, 0, 11);
    this.floor = floor;
  }

  /** The first day with enough history for the model and its error window. */
  public int firstDay() {
    return model.firstDay() + residualDays;
  }

  public DayAheadModel model() {
    return model;
  }

  /** The banded forecast of day {@code day}, reading only {@code history[0, 24·day)}. */
  public QuantileForecast forecast(double[] history, int day) {
    if (day < firstDay()) {
      throw new IllegalArgumentException(
          "needs " + firstDay() + " days of history, was asked for day " + day);
    }
    double[][] errors = new double[residualDays][];
    for (int m = 0; m < residualDays; m++) {
      int past = day - residualDays + m;
      double[] f = model.forecastDay(history, past);
      errors[m] = new double[Hours.PER_DAY];
      for (int h = 0; h < Hours.PER_DAY; h++) {
        errors[m][h] = history[past * Hours.PER_DAY + h] - f[h];
      }
    }
    double[] point = model.forecastDay(history, day);
    double[] p10 = new double[Hours.PER_DAY];
    double[] p50 = new double[Hours.PER_DAY];
    double[] p90 = new double[Hours.PER_DAY];
    int width = 2 * poolHours + 1;
    double[] sample = new double[residualDays * width];
    for (int h = 0; h < Hours.PER_DAY; h++) {
      int k = 0;
      for (int m = 0; m < residualDays; m++) {
        for (int o = -poolHours; o <= poolHours; o++) {
          sample[k++] = errors[m][Math.floorMod(h + o, Hours.PER_DAY)];
        }
      }
      java.util.Arrays.sort(sample);
      p10[h] = Math.max(floor, point[h] + Quantiles.ofSorted(sample, 0.1));
      p50[h] = Math.max(p10[h], point[h] + Quantiles.ofSorted(sample, 0.5));
      p90[h] = Math.max(p50[h], point[h] + Quantiles.ofSorted(sample, 0.9));
    }
    return new QuantileForecast(p10, p50, p90);
  }
}
