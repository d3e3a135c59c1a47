package org.openvpp.forecast;

/** Preconditions shared by the models. */
final class Hours {
  static final int PER_DAY = 24;

  private Hours() {}

  static void checkDay(String model, int day, int firstDay, int days) {
    if (day < firstDay || day >= days) {
      throw new IllegalArgumentException(
          model + " forecasts days " + firstDay + ".." + (days - 1) + ", was asked for day " + day);
    }
  }

  static void checkWhole(String name, double[] hourly) {
    if (hourly.length == 0 || hourly.length % PER_DAY != 0) {
      throw new IllegalArgumentException(
          name + " must hold whole days of hourly values, has " + hourly.length);
    }
    for (int i = 0; i < hourly.length; i++) {
      if (!Double.isFinite(hourly[i])) {
        throw new IllegalArgumentException(name + "[" + i + "] is not finite: " + hourly[i]);
      }
    }
  }
}
