package org.openvpp.market.regulation;

import java.time.Duration;
import java.util.Objects;
import java.util.Random;

/**
 * A synthetic fast regulation signal for control tests: seeded and reproducible, normalised to [−1,
 * 1] of the regulation capability (+1 full regulation up), at a fixed step, ramp-limited, and
 * energy-neutral over each block (15 minutes by default) from its start. It is ours, made to look
 * like a fast (RegD-style) signal in the ways that matter to a controller; it is <b>not</b> PJM's
 * signal, and revenues computed by following it are illustrative.
 *
 * <p>Design note. Each sample is made in four moves:
 *
 * <ol>
 *   <li><b>Random process</b>: white Gaussian noise through two first-order lags of time constant
 *       {@code timeConstant} in cascade (a critically damped second-order filter), scaled to unit
 *       variance. Two lags rather than one so that the process is smooth at the step (a single
 *       Ornstein–Uhlenbeck process moves like a random walk from one step to the next and the ramp
 *       limit would bind on almost every step).
 *   <li><b>Target</b>: {@code gain ×} the process, plus the average value the rest of the block
 *       needs to bring the block's sum back to zero (the sum so far over the samples left, with its
 *       sign turned), clipped to [−1, 1]. The clipping is what makes the signal sit at ±1 for a
 *       while, as a fast signal does; the second term steers towards neutrality softly, more so as
 *       the block runs out.
 *   <li><b>Ramp</b>: the signal moves towards the target by at most {@code maxRampPerSecond ×
 *       step}.
 *   <li><b>Neutrality, exactly</b>: the move is then clamped to the values from which the rest of
 *       the block can still bring the sum to zero within the bounds and the ramp limit. From value
 *       {@code v} with {@code m} samples left the reachable sums form an interval (the constraints
 *       are linear, so the feasible sequences form a convex set), whose ends are the paths that run
 *       at full ramp to +1 or −1 and stay there, summed in closed form; both ends grow with {@code
 *       v}, so the admissible values of the next sample form an interval too, found by bisection
 *       when the ramp-limited move falls outside it. The last sample of a block is then forced to
 *       the value that makes the sum zero, and it is always within the bounds and the ramp by that
 *       invariant. A block can always be made neutral from any starting value, because {@link
 *       Shape} requires the ramp to allow the full travel from +1 to −1 within half a block.
 * </ol>
 *
 * <p>So every whole block sums to zero to within floating-point rounding (about 1e-13 of a sample
 * at 15 minutes), every sample is within [−1, 1], and no two consecutive samples differ by more
 * than the ramp limit (to within rounding), across block boundaries too. The signal starts from 0.
 *
 * <p>Reproducible: the noise comes from {@link Random} seeded with {@code seed} (its Gaussian
 * algorithm is specified, so the same seed gives the same signal on any Java); a series is made of
 * whole blocks and cut to the length asked, so a shorter series is a prefix of a longer one of the
 * same seed and shape.
 *
 * <p>Statistics of the default shape ({@link Shape#fast}), measured over 100 seeded hours ({@link
 * SignalStatistics}; the test {@code theDefaultShapeHasTheDocumentedStatistics} holds them to these
 * figures): at 2 s, lag-1 autocorrelation 0.9986, mean absolute ramp 0.0133 of the capability per
 * second (the limit, 0.025 /s, reached), 21.6 % of the time within 0.05 of ±1, mean |x| 0.537; at 4
 * s, 0.9942, 0.0133 /s, 20.7 %, 0.531. The soft steering makes the last tenth of a block busier
 * (mean |x| 0.64 against 0.50 elsewhere), as a signal with conditional neutrality is.
 *
 * <p>Threads: immutable; {@link #over} may be called from any thread.
 *
 * @param shape how the signal moves
 * @param seed the seed of its noise
 */
public record SyntheticRegulationSignal(Shape shape, long seed) {

  public SyntheticRegulationSignal {
    Objects.requireNonNull(shape, "shape");
  }

  /**
   * How a synthetic signal moves.
   *
   * @param step the time between samples; must divide the neutrality block
   * @param timeConstant the time constant of each of the two lags of the random process; at least
   *     the step
   * @param gain the process's scale before clipping to [−1, 1]; larger sits at ±1 more often
   * @param maxRampPerSecond the most the signal moves per second, in capability per second; at
   *     least 4 / (the block in seconds), so that it can travel from +1 to −1 within half a block
   * @param neutralityBlock the span over which the signal's integral is zero, counted from the
   *     start of the series
   */
  public record Shape(
      Duration step,
      Duration timeConstant,
      double gain,
      double maxRampPerSecond,
      Duration neutralityBlock) {

    public Shape {
      Objects.requireNonNull(step, "step");
      Objects.requireNonNull(timeConstant, "timeConstant");
      Objects.requireNonNull(neutralityBlock, "neutralityBlock");
      if (step.isNegative() || step.isZero() || step.toMillis() * 1_000_000L != step.toNanos()) {
        throw new IllegalArgumentException(
            "step must be a positive whole number of milliseconds, was " + step);
      }
      if (neutralityBlock.isNegative()
          || neutralityBlock.isZero()
          || neutralityBlock.toMillis() % step.toMillis() != 0) {
        throw new IllegalArgumentException(
            "neutralityBlock "
                + neutralityBlock
                + " must be a positive whole number of steps of "
                + step);
      }
      if (timeConstant.compareTo(step) < 0) {
        throw new IllegalArgumentException(
            "timeConstant " + timeConstant + " must be at least the step " + step);
      }
      if (!(gain > 0) || !Double.isFinite(gain)) {
        throw new IllegalArgumentException("gain must be positive and finite, was " + gain);
      }
      double least = 4.0 / (neutralityBlock.toMillis() / 1000.0);
      if (!(maxRampPerSecond >= least) || !Double.isFinite(maxRampPerSecond)) {
        throw new IllegalArgumentException(
            "maxRampPerSecond "
                + maxRampPerSecond
                + " cannot bring the signal from +1 back to neutral within a block of "
                + neutralityBlock
                + ": it must be at least "
                + least
                + " (full travel within half a block)");
      }
    }

    /**
     * A fast signal at {@code step} (2 s or 4 s, say): lags of 40 s, gain 0.8, at most 0.025 of the
     * capability per second (the full range in 80 s), neutral over each 15 minutes.
     */
    public static Shape fast(Duration step) {
      return new Shape(step, Duration.ofSeconds(40), 0.8, 0.025, Duration.ofMinutes(15));
    }

    int blockSamples() {
      return (int) (neutralityBlock.toMillis() / step.toMillis());
    }

    double stepSeconds() {
      return step.toMillis() / 1000.0;
    }
  }

  /**
   * The signal over {@code length} from its start: {@code length / step} samples, the first at the
   * start.
   *
   * @throws IllegalArgumentException when {@code length} is not a positive whole number of steps
   */
  public double[] over(Duration length) {
    Objects.requireNonNull(length, "length");
    long stepMs = shape.step().toMillis();
    if (length.isNegative()
        || length.isZero()
        || length.toNanos() % (stepMs * 1_000_000L) != 0
        || length.toMillis() / stepMs > Integer.MAX_VALUE - shape.blockSamples()) {
      throw new IllegalArgumentException(
          "length " + length + " must be a positive whole number of steps of " + shape.step());
    }
    int n = (int) (length.toMillis() / stepMs);
    int block = shape.blockSamples();
    int blocks = (n + block - 1) / block;
    double[] x = new double[blocks * block];
    Generator g = new Generator(shape, seed);
    for (int b = 0; b < blocks; b++) {
      g.block(x, b * block, block);
    }
    return n == x.length ? x : java.util.Arrays.copyOf(x, n);
  }

  /** The state of one series being made: the noise, the two lags and the last sample. */
  private static final class Generator {
    private final Random random;
    private final double phi;
    private final double drive;
    private final double scale;
    private final double gain;
    private final double ramp;
    private double lag1;
    private double lag2;
    private double last;

    Generator(Shape shape, long seed) {
      this.random = new Random(seed);
      this.phi = Math.exp(-shape.stepSeconds() / (shape.timeConstant().toMillis() / 1000.0));
      // x' = φx + √(1−φ²)·e has unit variance; y' = φy + c·x has variance c²(1+φ²)/(1−φ²)², one
      // when c = (1−φ²)/√(1+φ²).
      this.drive = Math.sqrt(1 - phi * phi);
      this.scale = (1 - phi * phi) / Math.sqrt(1 + phi * phi);
      this.gain = shape.gain();
      this.ramp = shape.maxRampPerSecond() * shape.stepSeconds();
      // Burn-in of ten time constants so the process starts from its stationary distribution.
      this.lag1 = random.nextGaussian();
      int burn = (int) Math.ceil(10 / (1 - phi));
      for (int i = 0; i < burn; i++) {
        noise();
      }
    }

    private double noise() {
      lag1 = phi * lag1 + drive * random.nextGaussian();
      lag2 = phi * lag2 + scale * lag1;
      return lag2;
    }

    /** Fills {@code x[from, from + n)} with one neutral block. */
    void block(double[] x, int from, int n) {
      double sum = 0;
      for (int k = 0; k < n; k++) {
        int left = n - k; // samples left, this one included
        double target = gain * noise() - sum / left;
        target = Math.max(-1, Math.min(1, target));
        double lo = Math.max(-1, last - ramp);
        double hi = Math.min(1, last + ramp);
        double v;
        if (left == 1) {
          v = Math.max(lo, Math.min(hi, -sum));
        } else {
          v = Math.max(lo, Math.min(hi, target));
          double need = -sum;
          if (leastTotal(v, left - 1) > need) {
            v = largestWithLeastTotalAtMost(lo, v, left - 1, need);
          } else if (mostTotal(v, left - 1) < need) {
            v = smallestWithMostTotalAtLeast(v, hi, left - 1, need);
          }
        }
        x[from + k] = v;
        sum += v;
        last = v;
      }
    }

    /** {@code v} plus the largest sum the next {@code m} samples can reach from {@code v}. */
    private double mostTotal(double v, int m) {
      return v + most(v, m);
    }

    /** {@code v} plus the smallest sum the next {@code m} samples can reach from {@code v}. */
    private double leastTotal(double v, int m) {
      return v - most(-v, m);
    }

    /**
     * The largest sum of {@code m} samples after one at {@code v}: up at full ramp to 1, then 1;
     * {@code Σ_{j=1..m} min(1, v + j·ramp)} in closed form.
     */
    private double most(double v, int m) {
      long p = Math.min(m, (long) Math.floor((1 - v) / ramp));
      p = Math.max(0, p);
      return p * v + ramp * p * (p + 1) / 2.0 + (m - p);
    }

    /** Bisection: the largest value in [lo, hi] whose least total is at most {@code need}. */
    private double largestWithLeastTotalAtMost(double lo, double hi, int m, double need) {
      for (int i = 0; i < 64 && lo < hi; i++) {
        double mid = 0.5 * (lo + hi);
        if (mid <= lo || mid >= hi) {
          break;
        }
        if (leastTotal(mid, m) <= need) {
          lo = mid;
        } else {
          hi = mid;
        }
      }
      return lo;
    }

    /** Bisection: the smallest value in [lo, hi] whose most total is at least {@code need}. */
    private double smallestWithMostTotalAtLeast(double lo, double hi, int m, double need) {
      for (int i = 0; i < 64 && lo < hi; i++) {
        double mid = 0.5 * (lo + hi);
        if (mid <= lo || mid >= hi) {
          break;
        }
        if (mostTotal(mid, m) >= need) {
          hi = mid;
        } else {
          lo = mid;
        }
      }
      return hi;
    }
  }
}
