package org.openvpp.market.regulation;

import java.time.Duration;
import java.util.Objects;

/**
 * The constants of a performance score: how often it samples, over what it correlates, how far it
 * looks for the response, and over what it averages. {@link #pjm()} gives PJM Manual 12's; others
 * are for tests that want to compute a score by hand on a few samples.
 *
 * @param sample the scoring sample: signal and response are averaged over each (10 s)
 * @param window the span over which the signal is correlated with the response (5 minutes)
 * @param maxShift how far the response is shifted after the signal, in steps of one sample, and the
 *     span over which the delay score falls from 1 to 0 (5 minutes)
 * @param latencyAllowance a shift this short is not counted as delay (10 s, PJM's allowance for the
 *     signal's propagation); shorter than {@code maxShift}
 * @param period the span each score is given for (an hour)
 * @param flatThreshold a signal window whose standard deviation is below this (in capability) is
 *     scored by slopes, not by Pearson's correlation (0.01; the Manual names a threshold but no
 *     value)
 */
public record ScoringRules(
    Duration sample,
    Duration window,
    Duration maxShift,
    Duration latencyAllowance,
    Duration period,
    double flatThreshold) {

  public ScoringRules {
    Objects.requireNonNull(sample, "sample");
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(maxShift, "maxShift");
    Objects.requireNonNull(latencyAllowance, "latencyAllowance");
    Objects.requireNonNull(period, "period");
    if (sample.isNegative()
        || sample.isZero()
        || sample.toMillis() * 1_000_000L != sample.toNanos()) {
      throw new IllegalArgumentException(
          "sample must be a positive whole number of milliseconds, was " + sample);
    }
    wholeSamples("window", window, sample, 2);
    wholeSamples("maxShift", maxShift, sample, 1);
    wholeSamples("latencyAllowance", latencyAllowance, sample, 0);
    wholeSamples("period", period, sample, 1);
    if (latencyAllowance.compareTo(maxShift) >= 0) {
      throw new IllegalArgumentException(
          "latencyAllowance " + latencyAllowance + " must be shorter than maxShift " + maxShift);
    }
    if (!(flatThreshold >= 0) || !Double.isFinite(flatThreshold)) {
      throw new IllegalArgumentException(
          "flatThreshold must be >= 0 and finite, was " + flatThreshold);
    }
  }

  /**
   * PJM Manual 12's: 10-second samples, 5-minute windows, shifts up to 5 minutes, 10 s of latency
   * allowed, hourly scores; a flat window below 0.01 of the capability (our choice).
   */
  public static ScoringRules pjm() {
    return new ScoringRules(
        Duration.ofSeconds(10),
        Duration.ofMinutes(5),
        Duration.ofMinutes(5),
        Duration.ofSeconds(10),
        Duration.ofHours(1),
        0.01);
  }

  private static void wholeSamples(String field, Duration d, Duration sample, int least) {
    if (d.isNegative()
        || d.toNanos() % sample.toNanos() != 0
        || d.toNanos() / sample.toNanos() < least) {
      throw new IllegalArgumentException(
          field
              + " "
              + d
              + " must be a whole number of samples of "
              + sample
              + ", at least "
              + least);
    }
  }

  int windowSamples() {
    return (int) (window.toNanos() / sample.toNanos());
  }

  int maxShiftSamples() {
    return (int) (maxShift.toNanos() / sample.toNanos());
  }

  int allowanceSamples() {
    return (int) (latencyAllowance.toNanos() / sample.toNanos());
  }

  int periodSamples() {
    return (int) (period.toNanos() / sample.toNanos());
  }

  /**
   * The delay score of a response found {@code shift} samples after the signal: {@code |(δ − 5 min)
   * / 5 min|}, δ the shift less the latency allowance (not below zero).
   */
  double delayScore(int shift) {
    int late = Math.max(0, shift - allowanceSamples());
    return Math.abs((double) (late - maxShiftSamples()) / maxShiftSamples());
  }
}
