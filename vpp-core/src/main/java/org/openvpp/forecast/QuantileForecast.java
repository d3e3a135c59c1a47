package org.openvpp.forecast;

/**
 * A forecast of one day, hour by hour, as P10, P50 and P90: the values the actual is expected to
 * fall below with probability 10 %, 50 % and 90 %.
 *
 * <p>Immutable; arrays are copied in and out.
 */
public final class QuantileForecast {
  private final double[] p10;
  private final double[] p50;
  private final double[] p90;

  public QuantileForecast(double[] p10, double[] p50, double[] p90) {
    if (p10.length != p50.length || p90.length != p50.length) {
      throw new IllegalArgumentException("quantile arrays differ in length");
    }
    for (int i = 0; i < p50.length; i++) {
      if (!(p10[i] <= p50[i] && p50[i] <= p90[i])) {
        throw new IllegalArgumentException(
            "hour "
                + i
                + ": quantiles must be ordered, were "
                + p10[i]
                + ", "
                + p50[i]
                + ", "
                + p90[i]);
      }
    }
    this.p10 = p10.clone();
    this.p50 = p50.clone();
    this.p90 = p90.clone();
  }

  public int hours() {
    return p50.length;
  }

  public double p10(int hour) {
    return p10[hour];
  }

  public double p50(int hour) {
    return p50[hour];
  }

  public double p90(int hour) {
    return p90[hour];
  }

  public double[] p10() {
    return p10.clone();
  }

  public double[] p50() {
    return p50.clone();
  }

  public double[] p90() {
    return p90.clone();
  }
}
