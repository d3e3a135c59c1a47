package org.openvpp.market;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An aggregation's day-ahead bid: one {@link IntervalBid} per hour of {@code day}, and, for a
 * market that clears storage with its state of charge, the storage the curves belong to.
 *
 * @param day the operating day
 * @param submitted when the bidder submitted it
 * @param hours the bids of hours 0–23
 * @param storage the aggregation as one battery, for a market that clears storage; empty to have
 *     each hour cleared alone
 */
public record DayBid(
    LocalDate day, Instant submitted, List<IntervalBid> hours, Optional<StorageBid> storage) {

  /** A bid whose hours are cleared each alone. */
  public DayBid(LocalDate day, Instant submitted, List<IntervalBid> hours) {
    this(day, submitted, hours, Optional.empty());
  }

  public DayBid {
    Objects.requireNonNull(day, "day");
    Objects.requireNonNull(submitted, "submitted");
    Objects.requireNonNull(storage, "storage");
    hours = List.copyOf(hours);
    if (hours.size() != HourlyPrices.PER_DAY) {
      throw new IllegalArgumentException(
          "a day-ahead bid has 24 hourly bids, was given " + hours.size());
    }
  }
}
