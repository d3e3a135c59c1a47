package org.openvpp.sim.waterheater;

/**
 * The shared part of the hot-water draw model: the daily profile, the kinds of draw events and a
 * stateless random source (see {@link DrawProfile}).
 *
 * <p>Randomness is the SplitMix64 finaliser (Steele, Lea and Flood, OOPSLA 2014) applied to the
 * home's seed and the minute, so any minute of any home can be drawn in any order on any thread.
 */
final class DrawModel {
  private DrawModel() {}

  /** Relative use by local hour; normalised below. Peaks at 6-9 h and 18-21 h. */
  private static final double[] PROFILE = {
    1.0, 0.5, 0.4, 0.4, 0.6, 2.0, 6.0, 9.0, 8.0, 6.0, 4.5, 4.0, 4.0, 3.5, 3.0, 3.0, 3.5, 4.5, 6.5,
    7.5, 7.0, 5.5, 3.5, 2.0
  };

  /** Share of a day's use in each local hour; sums to 1. */
  static final double[] HOURLY_SHARE = normalised(PROFILE);

  /** Event kinds: litres at 40 °C, and litres per minute. */
  static final double[] EVENT_LITRES = {3, 12, 56};

  static final double[] EVENT_LPM = {3, 4, 8};

  /** Cumulative probability of each kind. */
  static final double[] EVENT_CUMULATIVE = {0.60, 0.85, 1.0};

  /** Mean litres per event. */
  static final double MEAN_EVENT_LITRES = 0.60 * 3 + 0.25 * 12 + 0.15 * 56;

  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  private static double[] normalised(double[] v) {
    double sum = 0;
    for (double x : v) {
      sum += x;
    }
    double[] out = new double[v.length];
    for (int k = 0; k < v.length; k++) {
      out[k] = v[k] / sum;
    }
    return out;
  }

  /** A uniform double in [0, 1) for home {@code seed}, minute {@code minute}, stream {@code k}. */
  static double uniform(long seed, long minute, int k) {
    long z = seed + minute * GOLDEN + k * 0xD1B54A32D192ED03L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z ^= z >>> 31;
    return (z >>> 11) * 0x1.0p-53;
  }
}
