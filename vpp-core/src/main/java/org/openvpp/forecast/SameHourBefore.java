package org.openvpp.forecast;

import org.openvpp.units.Checks;

/**
 * The naive forecast: each hour as the same hour {@code lagDays} before (1: yesterday, 7: the same
 * day last week). The baseline every model must beat.
 *
 * @param lagDays how many days back to copy, at least 1
 */
public record SameHourBefore(int lagDays) implements DayAheadModel {

  public SameHourBefore {
    Checks.between("lagDays", lagDays, 1, 366);
  }

  @Override
  public int firstDay() {
    return lagDays;
  }

  @Override
  public double[] forecastDay(double[] history, int day) {
    Hours.checkDay("SameHourBefore", day, lagDays, Integer.MAX_VALUE);
    double[] out = new double[Hours.PER_DAY];
    System.arraycopy(history, (day - lagDays) * Hours.PER_DAY, out, 0, Hours.PER_DAY);
    return out;
  }
}
