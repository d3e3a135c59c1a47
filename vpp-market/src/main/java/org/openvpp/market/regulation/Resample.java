package org.openvpp.market.regulation;

import java.time.Duration;

/**
 * A series at one step as the averages over a longer, fixed sample: each value held until the next
 * (a setpoint or a meter reading does not move between samples), each sample the time-weighted mean
 * of the values over it. At a step that divides the sample that is the plain mean of the values in
 * it; at 4 s into 10 s, a sample straddles a value and takes half of it.
 */
final class Resample {
  private Resample() {}

  /**
   * {@code x}, one value every {@code step}, as averages over each {@code sample} from its start.
   *
   * @throws IllegalArgumentException when the step is not positive or longer than the sample, or
   *     when the series does not span a whole number of samples
   */
  static double[] toSamples(double[] x, Duration step, Duration sample) {
    if (step.isNegative() || step.isZero() || step.compareTo(sample) > 0) {
      throw new IllegalArgumentException(
          "step must be positive and at most the scoring sample of " + sample + ", was " + step);
    }
    long stepNs = step.toNanos();
    long sampleNs = sample.toNanos();
    long spanNs = Math.multiplyExact(stepNs, (long) x.length);
    if (spanNs % sampleNs != 0) {
      throw new IllegalArgumentException(
          "the series spans "
              + Duration.ofNanos(spanNs)
              + " ("
              + x.length
              + " samples of "
              + step
              + "), not a whole number of scoring samples of "
              + sample);
    }
    if (stepNs == sampleNs) {
      return x.clone();
    }
    int m = (int) (spanNs / sampleNs);
    double[] out = new double[m];
    int i = 0; // the input value under the cursor
    long at = 0; // the cursor, ns from the start
    for (int k = 0; k < m; k++) {
      long end = (k + 1) * sampleNs;
      double sum = 0;
      while (at < end) {
        long valueEnd = (i + 1) * stepNs;
        long until = Math.min(end, valueEnd);
        sum += x[i] * (until - at);
        at = until;
        if (at == valueEnd) {
          i++;
        }
      }
      out[k] = sum / sampleNs;
    }
    return out;
  }
}
