package org.openvpp.market.regulation;

import java.time.Duration;
import java.util.Objects;

/**
 * What a normalised regulation signal looks like to a controller: how alike one sample is to the
 * next, how fast it moves, and how often it sits at full regulation.
 *
 * @param lag1Autocorrelation the Pearson correlation of each sample with the next
 * @param meanAbsRampPerSecond the mean of |x[i] − x[i−1]| / step, in capability per second
 * @param maxAbsRampPerSecond the largest of |x[i] − x[i−1]| / step
 * @param shareNearLimits the share of samples with |x| ≥ 0.95
 * @param meanAbsValue the mean of |x|, which PJM's precision score divides by
 */
public record SignalStatistics(
    double lag1Autocorrelation,
    double meanAbsRampPerSecond,
    double maxAbsRampPerSecond,
    double shareNearLimits,
    double meanAbsValue) {

  /** A sample this close to ±1, or closer, counts as at full regulation. */
  public static final double NEAR_LIMIT = 0.95;

  /**
   * The statistics of {@code x}, sampled every {@code step}.
   *
   * @throws IllegalArgumentException with fewer than three samples, or a non-positive step
   */
  public static SignalStatistics of(double[] x, Duration step) {
    Objects.requireNonNull(x, "x");
    Objects.requireNonNull(step, "step");
    if (x.length < 3) {
      throw new IllegalArgumentException("statistics need at least 3 samples, got " + x.length);
    }
    if (step.isNegative() || step.isZero()) {
      throw new IllegalArgumentException("step must be positive, was " + step);
    }
    double seconds = step.toNanos() / 1e9;
    int n = x.length;
    double rampSum = 0;
    double rampMax = 0;
    int near = 0;
    double absSum = 0;
    for (int i = 0; i < n; i++) {
      absSum += Math.abs(x[i]);
      if (Math.abs(x[i]) >= NEAR_LIMIT) {
        near++;
      }
      if (i > 0) {
        double r = Math.abs(x[i] - x[i - 1]);
        rampSum += r;
        rampMax = Math.max(rampMax, r);
      }
    }
    return new SignalStatistics(
        Windows.pearson(x, 0, x, 1, n - 1),
        rampSum / (n - 1) / seconds,
        rampMax / seconds,
        (double) near / n,
        absSum / n);
  }
}
