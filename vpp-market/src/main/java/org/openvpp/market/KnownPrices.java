package org.openvpp.market;

import java.time.LocalDate;

/**
 * The prices a bidder may read: whole days from {@code first}, hourly in $/MWh, up to the last day
 * published at the moment it was cut ({@link HourlyPrices#knownAt}). Holds a copy: nothing the
 * bidder does reaches the series it came from, and nothing later is in it.
 */
public final class KnownPrices {
  private final LocalDate first;
  private final double[] hourly;

  KnownPrices(LocalDate first, double[] hourly) {
    this.first = first;
    this.hourly = hourly;
  }

  public LocalDate first() {
    return first;
  }

  /** How many whole days are known. */
  public int days() {
    return hourly.length / HourlyPrices.PER_DAY;
  }

  /** The day after the last known one (the first day when none is). */
  public LocalDate end() {
    return first.plusDays(days());
  }

  /** A copy of the known prices, hour by hour from the first day's midnight. */
  public double[] hourly() {
    return hourly.clone();
  }
}
