package org.openvpp.market.regulation;

/**
 * A performance score and its three parts, each in [0, 1].
 *
 * @param accuracy how alike the response is to the signal (Pearson's correlation at the best shift)
 * @param delay how soon after the signal the response follows (1 within the latency allowance, 0 at
 *     5 minutes)
 * @param precision how close the response is to the signal, relative to the signal's mean size
 * @param composite the mean of the three
 */
public record Score(double accuracy, double delay, double precision, double composite) {

  public Score {
    unit("accuracy", accuracy);
    unit("delay", delay);
    unit("precision", precision);
    unit("composite", composite);
  }

  /** A score of these parts, the composite their mean. */
  public static Score of(double accuracy, double delay, double precision) {
    return new Score(accuracy, delay, precision, (accuracy + delay + precision) / 3);
  }

  private static void unit(String field, double v) {
    if (!(v >= 0 && v <= 1)) {
      throw new IllegalArgumentException(field + " must be within [0, 1], was " + v);
    }
  }
}
