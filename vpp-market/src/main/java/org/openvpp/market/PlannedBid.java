package org.openvpp.market;

import java.util.Objects;
import java.util.Optional;
import org.openvpp.plan.FleetSchedule;

/**
 * A bid with the fleet plan behind it: what the bidder sends to the market, and what each battery
 * was planned to do, which the dispatch follows in the shape of the award.
 *
 * @param bid the day's energy bid
 * @param plan each battery's planned power per hour of the day
 * @param reserves the capacity offered for reserves beside it, if any
 */
public record PlannedBid(DayBid bid, FleetSchedule plan, Optional<ReserveBid> reserves) {
  public PlannedBid {
    Objects.requireNonNull(bid, "bid");
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(reserves, "reserves");
  }

  /** An energy bid alone. */
  public PlannedBid(DayBid bid, FleetSchedule plan) {
    this(bid, plan, Optional.empty());
  }
}
