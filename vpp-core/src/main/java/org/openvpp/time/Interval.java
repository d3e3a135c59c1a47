package org.openvpp.time;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A half-open span of time {@code [start, end)}.
 *
 * @param start the first instant inside
 * @param end the first instant after; strictly after {@code start}
 */
public record Interval(Instant start, Instant end) {

  public Interval {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException(
          "interval end must be after its start, was [" + start + ", " + end + ")");
    }
  }

  public static Interval of(Instant start, Duration length) {
    return new Interval(start, start.plus(length));
  }

  public Duration length() {
    return Duration.between(start, end);
  }

  public boolean contains(Instant instant) {
    return !instant.isBefore(start) && instant.isBefore(end);
  }

  public boolean overlaps(Interval other) {
    return start.isBefore(other.end) && other.start.isBefore(end);
  }

  @Override
  public String toString() {
    return "[" + start + ", " + end + ")";
  }
}
