package org.openvpp.service.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.IntPredicate;

/**
 * How often a battery program loses batteries it counted on (one goes offline, its customer opts
 * out, the dispatcher catches it not following commands), learnt from what the service sees, and so
 * how many of those counted on now it can still count on at an event's end, at the P90.
 *
 * <p><b>Why.</b> A promise is sized from the batteries the VPP may command when the notice comes;
 * any of them lost before the event ends leaves the plan short, and the plan then holds less than
 * was promised. Each battery is taken to stay with probability {@code exp(−λ·t)} over {@code t}
 * hours, independently, so the number that stay is binomial; the promise is sized on its 10th
 * percentile.
 *
 * <p><b>How.</b> Every control step counts each battery that was counted on at the step before and
 * is not now (a loss), and the battery-hours counted on; both decay with a time constant of {@link
 * #MEMORY}, so the rate follows the fleet as it changes. {@code λ} is losses over battery-hours,
 * with a prior of one loss in twenty battery-days, weighted as ten battery-days, so that a new
 * fleet is neither trusted blindly nor written off by its first offline spell. {@link #write} and
 * {@link #read} keep the two sums across a restart.
 *
 * <p>Threads: the control loop's.
 */
final class BatteryLosses {
  static final Duration MEMORY = Duration.ofDays(7);
  private static final double PRIOR_PER_HOUR = 1.0 / (20 * 24);
  private static final double PRIOR_HOURS = 10 * 24;
  private static final double Z10 = 1.2815515655446004;

  private boolean[] counted = new boolean[0];
  private double losses;
  private double hours;

  /** One control step of {@code step}: which of the program's batteries are counted on now. */
  void observe(Duration step, int[] batteries, IntPredicate countedOn) {
    double decay = Math.exp(-step.toSeconds() / (double) MEMORY.toSeconds());
    losses *= decay;
    hours *= decay;
    int n = 0;
    for (int d : batteries) {
      if (d >= counted.length) {
        counted = Arrays.copyOf(counted, Math.max(d + 1, 2 * counted.length));
      }
      boolean now = countedOn.test(d);
      if (counted[d] && !now) {
        losses++;
      }
      counted[d] = now;
      n += now ? 1 : 0;
    }
    hours += n * step.toSeconds() / 3600.0;
  }

  /** The sums as JSON: {@code {"losses": 1.5, "hours": 320.0}}. */
  String write() {
    return String.format(Locale.ROOT, "{\"losses\":%s,\"hours\":%s}", losses, hours);
  }

  /**
   * Takes back the sums {@link #write} gave.
   *
   * @throws IllegalArgumentException when the text holds no such sums
   */
  void read(String json) {
    JsonNode n;
    try {
      n = new ObjectMapper().readTree(json);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("battery losses that are not JSON: " + e.getMessage(), e);
    }
    double l = n.path("losses").asDouble(Double.NaN);
    double h = n.path("hours").asDouble(Double.NaN);
    if (!(l >= 0) || !(h >= 0)) {
      throw new IllegalArgumentException("battery losses without their sums: " + json);
    }
    losses = l;
    hours = h;
  }

  /** The rate a battery counted on is lost, per hour. */
  double perHour() {
    return (losses + PRIOR_PER_HOUR * PRIOR_HOURS) / (hours + PRIOR_HOURS);
  }

  /**
   * The share of {@code n} batteries counted on now that are still there after {@code span}, at the
   * 10th percentile (1 for none).
   */
  double p10Share(int n, Duration span) {
    if (n == 0) {
      return 1;
    }
    double p = Math.exp(-perHour() * Math.max(0, span.toSeconds()) / 3600.0);
    return tenthPercentile(n, p) / (double) n;
  }

  /** The largest {@code k} with {@code P(X ≥ k) ≥ 0.9}, {@code X ~ Binomial(n, p)}. */
  static int tenthPercentile(int n, double p) {
    if (p >= 1) {
      return n;
    }
    if (p <= 0) {
      return 0;
    }
    double logTop = n * Math.log(p);
    if (logTop < -700) {
      // p^n underflows: the normal approximation, fine at such a size
      double k = n * p - Z10 * Math.sqrt(n * p * (1 - p));
      return (int) Math.max(0, Math.floor(k));
    }
    // From k = n down: pmf(k − 1) = pmf(k) · k / (n − k + 1) · (1 − p) / p.
    double pmf = Math.exp(logTop);
    double tail = pmf;
    int k = n;
    double odds = (1 - p) / p;
    while (tail < 0.9 && k > 0) {
      pmf = pmf * k / (n - k + 1) * odds;
      k--;
      tail += pmf;
    }
    return k;
  }
}
