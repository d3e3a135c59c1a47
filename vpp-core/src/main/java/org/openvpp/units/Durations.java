package org.openvpp.units;

import java.time.Duration;

/** Conversions of {@link Duration} to fractional units, exact to the nanosecond. */
public final class Durations {
  private static final double NANOS_PER_HOUR = 3_600_000_000_000.0;

  private Durations() {}

  /** The duration in hours, as a fraction. */
  public static double hours(Duration duration) {
    return (duration.getSeconds() * 1_000_000_000.0 + duration.getNano()) / NANOS_PER_HOUR;
  }
}
