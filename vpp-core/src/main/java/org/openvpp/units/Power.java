package org.openvpp.units;

import java.time.Duration;

/**
 * Electric power in watts, in the load convention (positive = taken from the grid).
 *
 * @param watts the power in watts; finite
 */
public record Power(double watts) implements Comparable<Power> {

  public static final Power ZERO = new Power(0);

  public Power {
    if (!Double.isFinite(watts)) {
      throw new IllegalArgumentException("power must be finite, was " + watts + " W");
    }
  }

  public static Power ofWatts(double watts) {
    return new Power(watts);
  }

  public static Power ofKilowatts(double kilowatts) {
    return new Power(kilowatts * 1_000);
  }

  public double kilowatts() {
    return watts / 1_000;
  }

  public Power plus(Power other) {
    return new Power(watts + other.watts);
  }

  public Power minus(Power other) {
    return new Power(watts - other.watts);
  }

  public Power negate() {
    return new Power(-watts);
  }

  public Power times(double factor) {
    return new Power(watts * factor);
  }

  /** The energy this power delivers when held for {@code duration}. */
  public Energy over(Duration duration) {
    return Energy.ofWattHours(watts * Durations.hours(duration));
  }

  public Power abs() {
    return watts < 0 ? negate() : this;
  }

  public boolean isNegative() {
    return watts < 0;
  }

  public static Power min(Power a, Power b) {
    return a.watts <= b.watts ? a : b;
  }

  public static Power max(Power a, Power b) {
    return a.watts >= b.watts ? a : b;
  }

  @Override
  public int compareTo(Power other) {
    return Double.compare(watts, other.watts);
  }

  @Override
  public String toString() {
    return String.format(java.util.Locale.ROOT, "%.3f kW", kilowatts());
  }
}
