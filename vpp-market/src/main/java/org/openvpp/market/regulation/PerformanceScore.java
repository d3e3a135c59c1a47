package org.openvpp.market.regulation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.openvpp.units.Power;

/**
 * PJM's regulation performance score of a response to a regulation signal: accuracy, delay and
 * precision, and their mean, per hour and overall.
 *
 * <p>Design note. What is implemented, and where it comes from. The source is PJM Manual 12,
 * Balancing Operations, section 4.5 (Regulation), the performance score subsection (cited as 4.5.6
 * and as 4.4.6, by revision). The Manual itself was not in the material we could read; its
 * definitions are taken from it as quoted in the comments of two public implementations (the
 * University of Michigan's ARPA-E co-simulation testbed for compressor-based loads, {@code
 * pjmScoringPassFailv5.m}, 2023; GMLC-1-4-2/battery_interface, {@code
 * src/services/reg_service/reg_service.py}), and cross-checked between them. The readings where
 * those two differ, or where the Manual leaves a choice, are ours and are marked <i>(ours)</i>.
 *
 * <ol>
 *   <li><b>Samples.</b> Signal and response are scored at 10-second samples. A series at another
 *       step (2 s, 4 s) is turned into 10-second samples by averaging it over each 10 s, each value
 *       held until the next <i>(ours: PJM's telemetry is at 2 s; whether the Manual's 10-second
 *       values are point samples or averages we could not confirm; averaging also serves a 4-second
 *       step, which does not divide 10 s)</i>.
 *   <li><b>Accuracy and delay</b>, for each 10-second sample {@code t} of the hour: the signal over
 *       the 5 minutes from {@code t} is correlated (Pearson) with the response over 5 minutes from
 *       {@code t + δ}, for δ = 0, 10 s, …, 5 min. The delay score of a shift is {@code |(δ − 5 min)
 *       / 5 min|}, with the first 10 s of δ not counted (the Manual "allows a 10 second latency for
 *       signal propagation delay"; how it is applied is ours: δ is reduced by 10 s, not below zero,
 *       so a response 10 s late loses nothing). The shift taken is the one with the highest sum of
 *       correlation and delay score ("the 10 second interval with the highest coincident
 *       Correlation and Delay score"); {@code t}'s accuracy is the correlation there and its delay
 *       score that shift's. The hour's accuracy and delay are the means over its samples.
 *   <li><b>A flat signal.</b> Where the signal's standard deviation over the window is below a
 *       threshold the correlation is {@code 1 − |slope of the signal − slope of the response|},
 *       slopes by least squares (the Manual; the threshold, 0.01 of the capability, and the unit of
 *       the slopes, capability per 10-second sample, are ours: the Manual gives neither).
 *   <li><b>Precision</b> for the hour: {@code 1 − (1/n) Σ |response − signal| / (hourly average
 *       regulation signal)} over its n samples, the average taken of the signal's absolute value
 *       <i>(ours, as GMLC's: a signed average of an energy-neutral signal is near zero)</i>.
 *   <li><b>Composite</b>: the mean of accuracy, delay and precision, each clipped to [0, 1] <i>(the
 *       clipping: ours, as both implementations)</i>. The overall score is the mean of the hours'.
 * </ol>
 *
 * <p>Further readings of ours. A response that does not correlate positively with the signal at any
 * shift (one that does not move, for example) scores 0 for delay as well as accuracy, as in GMLC's:
 * the rule "highest sum" alone would give it a delay score of 1 at shift 0, a third of a perfect
 * score for doing nothing. A window that would need data past the end of the series is not scored
 * (PJM scores an hour with the minutes after it); so the last hour of a series that ends with it is
 * scored on its first 50 minutes for accuracy and delay (all 60 for precision). Samples after the
 * last whole hour are not scored themselves but serve as those minutes. An hour whose signal is
 * zero throughout has no precision (it divides by zero) and is refused.
 *
 * <p>Cost: per hour, 360 samples × 31 shifts × a 30-sample correlation, about 0.3 M multiply-adds.
 *
 * <p>Threads: immutable; {@link #score} may be called from any thread.
 */
public final class PerformanceScore {

  private final ScoringRules rules;

  public PerformanceScore(ScoringRules rules) {
    this.rules = Objects.requireNonNull(rules, "rules");
  }

  /** The score by {@link ScoringRules#pjm()}. */
  public static PerformanceScore pjm() {
    return new PerformanceScore(ScoringRules.pjm());
  }

  public ScoringRules rules() {
    return rules;
  }

  /**
   * Scores a response in watts against a signal in watts (both the change from the base point, in
   * the same sign convention), normalised by the regulation capability first. The score itself is
   * scale-free; the capability matters to the flat-signal threshold.
   *
   * @throws IllegalArgumentException as {@link #score(double[], double[], Duration)} does, and when
   *     the capability is not positive
   */
  public Scorecard score(
      double[] signalWatts, double[] responseWatts, Power capability, Duration step) {
    Objects.requireNonNull(capability, "capability");
    if (!(capability.watts() > 0)) {
      throw new IllegalArgumentException("capability must be positive, was " + capability);
    }
    double w = capability.watts();
    double[] s = new double[signalWatts.length];
    double[] r = new double[responseWatts.length];
    for (int i = 0; i < s.length; i++) {
      s[i] = signalWatts[i] / w;
    }
    for (int i = 0; i < r.length; i++) {
      r[i] = responseWatts[i] / w;
    }
    return score(s, r, step);
  }

  /**
   * Scores a response against a signal, both normalised to the regulation capability, sampled at
   * the same instants every {@code step} from the start of an hour.
   *
   * @param signal the regulation signal, in [−1, 1] for a signal that stays within the award
   * @param response what the resource did, as a change from its base point, same scale
   * @param step the time between samples: at most the scoring sample (10 s); the series must span a
   *     whole number of scoring samples and at least one period
   * @throws IllegalArgumentException when the series differ in length, hold a value that is not
   *     finite, are shorter than an hour, or when the signal is zero throughout an hour
   */
  public Scorecard score(double[] signal, double[] response, Duration step) {
    Objects.requireNonNull(signal, "signal");
    Objects.requireNonNull(response, "response");
    Objects.requireNonNull(step, "step");
    if (signal.length != response.length) {
      throw new IllegalArgumentException(
          "signal has "
              + signal.length
              + " samples and response "
              + response.length
              + ": they must be the same length, sampled at the same instants");
    }
    finite("signal", signal);
    finite("response", response);
    double[] s = Resample.toSamples(signal, step, rules.sample());
    double[] r = Resample.toSamples(response, step, rules.sample());
    int period = rules.periodSamples();
    int hours = s.length / period;
    if (hours == 0) {
      throw new IllegalArgumentException(
          "a score needs at least one whole period of "
              + rules.period()
              + " ("
              + period
              + " samples of "
              + rules.sample()
              + "); the series spans "
              + step.multipliedBy(signal.length));
    }
    List<Score> scores = new ArrayList<>(hours);
    for (int h = 0; h < hours; h++) {
      scores.add(hour(s, r, h));
    }
    return Scorecard.of(scores);
  }

  private Score hour(double[] s, double[] r, int h) {
    int period = rules.periodSamples();
    int w = rules.windowSamples();
    int maxShift = rules.maxShiftSamples();
    int from = h * period;
    int to = from + period;
    int lastStart = Math.min(to - 1, s.length - w - maxShift);
    if (lastStart < from) {
      throw new IllegalArgumentException(
          "hour "
              + h
              + " has no complete window: a window needs "
              + rules.window().plus(rules.maxShift())
              + " of data from its start, and the series ends "
              + rules.sample().multipliedBy(s.length - from)
              + " after the hour's start");
    }
    double accuracy = 0;
    double delay = 0;
    for (int t = from; t <= lastStart; t++) {
      boolean flat = Windows.std(s, t, w) < rules.flatThreshold();
      double signalSlope = flat ? Windows.slope(s, t, w) : 0;
      double bestSum = Double.NEGATIVE_INFINITY;
      double bestCorrelation = 0;
      double bestDelay = 0;
      double mostCorrelation = Double.NEGATIVE_INFINITY;
      for (int shift = 0; shift <= maxShift; shift++) {
        double c =
            flat
                ? Math.max(0, 1 - Math.abs(signalSlope - Windows.slope(r, t + shift, w)))
                : Windows.pearson(s, t, r, t + shift, w);
        double d = rules.delayScore(shift);
        mostCorrelation = Math.max(mostCorrelation, c);
        if (c + d > bestSum) {
          bestSum = c + d;
          bestCorrelation = c;
          bestDelay = d;
        }
      }
      if (mostCorrelation > 0) {
        accuracy += Math.max(0, bestCorrelation);
        delay += bestDelay;
      }
    }
    int windows = lastStart - from + 1;
    double meanAbs = 0;
    double error = 0;
    for (int i = from; i < to; i++) {
      meanAbs += Math.abs(s[i]);
      error += Math.abs(r[i] - s[i]);
    }
    if (meanAbs == 0) {
      throw new IllegalArgumentException(
          "the signal is zero throughout hour "
              + h
              + " (samples "
              + from
              + " to "
              + (to - 1)
              + " of "
              + rules.sample()
              + "): the precision score divides by the hour's average signal and is undefined;"
              + " score only hours in which the resource was regulating");
    }
    double precision = Math.max(0, 1 - error / meanAbs);
    return Score.of(
        Math.min(1, accuracy / windows), Math.min(1, delay / windows), Math.min(1, precision));
  }

  private static void finite(String name, double[] x) {
    for (int i = 0; i < x.length; i++) {
      if (!Double.isFinite(x[i])) {
        throw new IllegalArgumentException(
            name + "[" + i + "] is " + x[i] + ": every sample must be finite");
      }
    }
  }
}
