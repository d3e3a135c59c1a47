package org.openvpp.market.regulation;

import java.util.List;
import java.util.Objects;

/**
 * The performance score of each period (hour) of a series, in order, and of the whole: each part
 * the mean of the hours' (every hour weighs the same, as in PJM's average of hourly scores).
 *
 * @param hours the score of each whole period, the first from the series' start; never empty
 * @param overall the mean of the hours' scores
 */
public record Scorecard(List<Score> hours, Score overall) {

  public Scorecard {
    hours = List.copyOf(hours);
    Objects.requireNonNull(overall, "overall");
    if (hours.isEmpty()) {
      throw new IllegalArgumentException("a scorecard has at least one hour");
    }
  }

  /** The scorecard of these hours, the overall score their mean. */
  static Scorecard of(List<Score> hours) {
    double a = 0;
    double d = 0;
    double p = 0;
    for (Score s : hours) {
      a += s.accuracy();
      d += s.delay();
      p += s.precision();
    }
    int n = hours.size();
    return new Scorecard(hours, Score.of(clamp(a / n), clamp(d / n), clamp(p / n)));
  }

  private static double clamp(double v) {
    return Math.max(0, Math.min(1, v));
  }
}
