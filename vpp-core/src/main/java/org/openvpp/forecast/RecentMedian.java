package org.openvpp.forecast;

import org.openvpp.units.Checks;

/**
 * Each hour as the median of the same hour over the {@code days} days before: a robust recent
 * profile. For PV without a usable irradiance forecast it is the recent days' typical output, which
 * one cloudy day does not drag down the way yesterday's persistence does.
 *
 * @param days how many days back, at least 1
 */
public record RecentMedian(int days) implements DayAheadModel {

  public RecentMedian {
    Checks.between("days", days, 1, 366);
  }

  @Override
  public int firstDay() {
    return days;
  }

  @Override
  public double[] forecastDay(double[] history, int day) {
    Hours.checkDay("RecentMedian", day, days, Integer.MAX_VALUE);
    double[] out = new double[Hours.PER_DAY];
    double[] sample = new double[days];
    for (int h = 0; h < Hours.PER_DAY; h++) {
      for (int j = 0; j < days; j++) {
        sample[j] = history[(day - days + j) * Hours.PER_DAY + h];
      }
      out[h] = Quantiles.of(sample, 0.5);
    }
    return out;
  }
}
