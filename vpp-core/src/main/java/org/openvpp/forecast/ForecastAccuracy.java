package org.openvpp.forecast;

/**
 * Accumulates how a banded forecast did against what happened, hour by hour.
 *
 * <p>Measures: WAPE {@code = Σ|a − P50| / Σ|a|} (the mean absolute error normalised by the mean
 * actual; well defined when single hours are near zero, as household load at night and PV at dawn
 * are); MAPE {@code = mean(|a − P50| / |a|)} over hours with {@code |a|} at least {@code
 * mapeFloor}, which is what MAPE means when it is quoted, and explodes on small actuals; P10-P90
 * coverage (share of hours with {@code P10 ≤ a ≤ P90}, ideally 80 %); P90 exceedance (share with
 * {@code a > P90}, ideally 10 %); and the naive model's WAPE on the same hours, for the ratio.
 *
 * <p>Mutable; confine to one thread.
 */
public final class ForecastAccuracy {
  private final double mapeFloor;
  private double absError;
  private double absNaiveError;
  private double absActual;
  private double ape;
  private int apeHours;
  private int hours;
  private int inside;
  private int above;
  private int below;

  public ForecastAccuracy(double mapeFloor) {
    this.mapeFloor = mapeFloor;
  }

  /** Records one hour: the actual, the banded forecast's hour, and the naive forecast. */
  public void add(double actual, double p10, double p50, double p90, double naive) {
    hours++;
    absError += Math.abs(actual - p50);
    absNaiveError += Math.abs(actual - naive);
    absActual += Math.abs(actual);
    if (Math.abs(actual) >= mapeFloor && Math.abs(actual) > 0) {
      ape += Math.abs(actual - p50) / Math.abs(actual);
      apeHours++;
    }
    if (actual > p90) {
      above++;
    } else if (actual < p10) {
      below++;
    } else {
      inside++;
    }
  }

  /** What was recorded, as figures. */
  public Accuracy result() {
    return new Accuracy(
        hours,
        absActual == 0 ? Double.NaN : absError / absActual,
        absActual == 0 ? Double.NaN : absNaiveError / absActual,
        apeHours == 0 ? Double.NaN : ape / apeHours,
        hours == 0 ? Double.NaN : (double) inside / hours,
        hours == 0 ? Double.NaN : (double) above / hours,
        hours == 0 ? Double.NaN : (double) below / hours);
  }

  /**
   * Accuracy figures (shares, not percent).
   *
   * @param hours hours scored
   * @param wape WAPE of P50
   * @param naiveWape WAPE of the naive forecast on the same hours
   * @param mape MAPE of P50 over hours at or above the floor
   * @param coverage share of hours within P10..P90
   * @param aboveP90 share of hours above P90
   * @param belowP10 share of hours below P10
   */
  public record Accuracy(
      int hours,
      double wape,
      double naiveWape,
      double mape,
      double coverage,
      double aboveP90,
      double belowP10) {

    /** WAPE over the naive WAPE: below 1 when the forecast beats the naive one. */
    public double ratioToNaive() {
      return wape / naiveWape;
    }
  }
}
