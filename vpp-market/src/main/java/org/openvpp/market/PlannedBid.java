package org.openvpp.market;

import java.util.Objects;
import org.openvpp.plan.FleetSchedule;

/**
 * A bid with the fleet plan behind it: what the bidder sends to the market, and what each battery
 * was planned to do, which the dispatch follows in the shape of the award.
 *
 * @param bid the day's bid
 * @param plan each battery's planned power per hour of the day, as the bid assumed it
 */
public record PlannedBid(DayBid bid, FleetSchedule plan) {
  public PlannedBid {
    Objects.requireNonNull(bid, "bid");
    Objects.requireNonNull(plan, "plan");
  }
}
