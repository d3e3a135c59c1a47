package org.openvpp.time;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A grid of {@code count} equal, back-to-back intervals of length {@code step} starting at {@code
 * start}: the time axis of envelopes, plans and meter data (for example 96 × 15 min for a day).
 *
 * @param start the start of interval 0
 * @param step the length of each interval; positive
 * @param count the number of intervals; positive
 */
public record Horizon(Instant start, Duration step, int count) {

  public Horizon {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(step, "step");
    if (step.isNegative() || step.isZero()) {
      throw new IllegalArgumentException("horizon step must be positive, was " + step);
    }
    if (count <= 0) {
      throw new IllegalArgumentException("horizon must have at least one interval, was " + count);
    }
  }

  /** The horizon of whole steps covering {@code span}, which must be a multiple of {@code step}. */
  public static Horizon covering(Interval span, Duration step) {
    long nanos = span.length().toNanos();
    long stepNanos = step.toNanos();
    if (stepNanos <= 0 || nanos % stepNanos != 0) {
      throw new IllegalArgumentException(
          "span " + span + " is not a whole number of " + step + " steps");
    }
    return new Horizon(span.start(), step, Math.toIntExact(nanos / stepNanos));
  }

  public Instant end() {
    return start.plus(step.multipliedBy(count));
  }

  public Interval span() {
    return new Interval(start, end());
  }

  public Interval interval(int index) {
    if (index < 0 || index >= count) {
      throw new IndexOutOfBoundsException("interval " + index + " outside horizon of " + count);
    }
    Instant s = start.plus(step.multipliedBy(index));
    return new Interval(s, s.plus(step));
  }

  /** The step length in hours, the factor from power (kW) to energy (kWh) per interval. */
  public double stepHours() {
    return org.openvpp.units.Durations.hours(step);
  }

  /** The index of the interval holding {@code instant}, or -1 when it lies outside. */
  public int indexOf(Instant instant) {
    if (instant.isBefore(start) || !instant.isBefore(end())) {
      return -1;
    }
    return Math.toIntExact(Duration.between(start, instant).toNanos() / step.toNanos());
  }
}
