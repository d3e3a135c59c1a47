package org.openvpp.forecast;

/**
 * Hourly weather of a site, observed and as forecast a day ahead, aligned hour by hour: {@code
 * forecast…[t]} is what was forecast for hour {@code t} at least a day before it. Models fit on the
 * observations of past days and forecast with the forecast values of the target day.
 *
 * <p>Immutable; arrays are copied in.
 */
public final class HourlyWeather {
  private final double[] temperatureC;
  private final double[] temperatureForecastC;
  private final double[] irradianceWm2;
  private final double[] irradianceForecastWm2;

  public HourlyWeather(
      double[] temperatureC,
      double[] temperatureForecastC,
      double[] irradianceWm2,
      double[] irradianceForecastWm2) {
    Hours.checkWhole("temperatureC", temperatureC);
    int n = temperatureC.length;
    for (double[] a : new double[][] {temperatureForecastC, irradianceWm2, irradianceForecastWm2}) {
      Hours.checkWhole("weather series", a);
      if (a.length != n) {
        throw new IllegalArgumentException(
            "weather series differ in length: " + a.length + " and " + n + " hours");
      }
    }
    this.temperatureC = temperatureC.clone();
    this.temperatureForecastC = temperatureForecastC.clone();
    this.irradianceWm2 = irradianceWm2.clone();
    this.irradianceForecastWm2 = irradianceForecastWm2.clone();
  }

  /** Weather whose forecasts are the observations themselves: an oracle, for upper bounds. */
  public static HourlyWeather perfectForesight(double[] temperatureC, double[] irradianceWm2) {
    return new HourlyWeather(temperatureC, temperatureC, irradianceWm2, irradianceWm2);
  }

  /**
   * Weather forecast without a forecast: temperature as the same hour the day before (persistence),
   * irradiance as the median of the same hour over the {@code days} days before. Day 0 has no past,
   * so its forecast is its observation: do not score day 0.
   */
  public static HourlyWeather persistence(double[] temperatureC, double[] irradianceWm2, int days) {
    Hours.checkWhole("temperatureC", temperatureC);
    if (days < 1) {
      throw new IllegalArgumentException("days must be at least 1, was " + days);
    }
    int n = temperatureC.length;
    if (irradianceWm2.length != n) {
      throw new IllegalArgumentException(
          "irradiance has " + irradianceWm2.length + " hours, temperature " + n);
    }
    double[] t = new double[n];
    double[] g = new double[n];
    for (int i = 0; i < n; i++) {
      int d = i / Hours.PER_DAY;
      int h = i % Hours.PER_DAY;
      t[i] = d == 0 ? temperatureC[i] : temperatureC[i - Hours.PER_DAY];
      int from = Math.max(0, d - days);
      if (d == 0) {
        g[i] = irradianceWm2[i];
      } else {
        double[] past = new double[d - from];
        for (int j = from; j < d; j++) {
          past[j - from] = irradianceWm2[j * Hours.PER_DAY + h];
        }
        g[i] = Quantiles.of(past, 0.5);
      }
    }
    return new HourlyWeather(temperatureC, t, irradianceWm2, g);
  }

  public int hours() {
    return temperatureC.length;
  }

  public int days() {
    return temperatureC.length / Hours.PER_DAY;
  }

  public double temperatureC(int hour) {
    return temperatureC[hour];
  }

  public double temperatureForecastC(int hour) {
    return temperatureForecastC[hour];
  }

  public double irradianceWm2(int hour) {
    return irradianceWm2[hour];
  }

  public double irradianceForecastWm2(int hour) {
    return irradianceForecastWm2[hour];
  }
}
