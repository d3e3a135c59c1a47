package org.openvpp.market;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * An aggregation's day-ahead bid: one {@link IntervalBid} per hour of {@code day}.
 *
 * @param day the operating day
 * @param submitted when the bidder submitted it
 * @param hours the bids of hours 0–23
 */
public record DayBid(LocalDate day, Instant submitted, List<IntervalBid> hours) {
  public DayBid {
    Objects.requireNonNull(day, "day");
    Objects.requireNonNull(submitted, "submitted");
    hours = List.copyOf(hours);
    if (hours.size() != HourlyPrices.PER_DAY) {
      throw new IllegalArgumentException(
          "a day-ahead bid has 24 hourly bids, was given " + hours.size());
    }
  }
}
