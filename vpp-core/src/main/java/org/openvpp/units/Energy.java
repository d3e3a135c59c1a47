package org.openvpp.units;

import java.time.Duration;

/**
 * Electric energy in watt-hours, in the load convention (positive = taken from the grid, or
 * stored).
 *
 * @param wattHours the energy in watt-hours; finite
 */
public record Energy(double wattHours) implements Comparable<Energy> {

  public static final Energy ZERO = new Energy(0);

  public Energy {
    if (!Double.isFinite(wattHours)) {
      throw new IllegalArgumentException("energy must be finite, was " + wattHours + " Wh");
    }
  }

  public static Energy ofWattHours(double wattHours) {
    return new Energy(wattHours);
  }

  public static Energy ofKilowattHours(double kilowattHours) {
    return new Energy(kilowattHours * 1_000);
  }

  public double kilowattHours() {
    return wattHours / 1_000;
  }

  public Energy plus(Energy other) {
    return new Energy(wattHours + other.wattHours);
  }

  public Energy minus(Energy other) {
    return new Energy(wattHours - other.wattHours);
  }

  public Energy negate() {
    return new Energy(-wattHours);
  }

  public Energy times(double factor) {
    return new Energy(wattHours * factor);
  }

  /** The constant power that delivers this energy over {@code duration}. */
  public Power per(Duration duration) {
    double hours = Durations.hours(duration);
    if (hours <= 0) {
      throw new IllegalArgumentException("duration must be positive, was " + duration);
    }
    return Power.ofWatts(wattHours / hours);
  }

  public static Energy min(Energy a, Energy b) {
    return a.wattHours <= b.wattHours ? a : b;
  }

  public static Energy max(Energy a, Energy b) {
    return a.wattHours >= b.wattHours ? a : b;
  }

  @Override
  public int compareTo(Energy other) {
    return Double.compare(wattHours, other.wattHours);
  }

  @Override
  public String toString() {
    return String.format(java.util.Locale.ROOT, "%.3f kWh", kilowattHours());
  }
}
