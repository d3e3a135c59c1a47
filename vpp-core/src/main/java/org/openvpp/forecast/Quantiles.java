package org.openvpp.forecast;

import java.util.Arrays;

/** Empirical quantiles, linearly interpolated between order statistics (Hyndman-Fan type 7). */
final class Quantiles {
  private Quantiles() {}

  /** The {@code p}-quantile of {@code values} (copied and sorted); {@code values} not empty. */
  static double of(double[] values, double p) {
    double[] v = values.clone();
    Arrays.sort(v);
    return ofSorted(v, p);
  }

  static double ofSorted(double[] sorted, double p) {
    if (sorted.length == 0) {
      throw new IllegalArgumentException("no values to take a quantile of");
    }
    double pos = p * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }
}
