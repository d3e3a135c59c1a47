package org.openvpp.market;

import java.util.List;
import org.openvpp.units.EnergyPrice;
import org.openvpp.units.Power;

/**
 * The aggregation's bid for one interval: a supply curve (steps offered to sell, by discharging)
 * and a demand curve (steps bid to buy, by charging). The market awards each step its price
 * reaches, so the award is a non-decreasing function of the price.
 *
 * @param sell steps offered to sell
 * @param buy steps bid to buy
 */
public record IntervalBid(List<PriceStep> sell, List<PriceStep> buy) {
  public static final IntervalBid NONE = new IntervalBid(List.of(), List.of());

  public IntervalBid {
    sell = List.copyOf(sell);
    buy = List.copyOf(buy);
  }

  /** A bid to sell {@code quantity} at {@code limit} or more. */
  public static IntervalBid selling(Power quantity, EnergyPrice limit) {
    return new IntervalBid(List.of(new PriceStep(quantity, limit)), List.of());
  }

  /** A bid to buy {@code quantity} at {@code limit} or less. */
  public static IntervalBid buying(Power quantity, EnergyPrice limit) {
    return new IntervalBid(List.of(), List.of(new PriceStep(quantity, limit)));
  }

  /** The most this bid can sell. */
  public Power mostSold() {
    return sum(sell);
  }

  /** The most this bid can buy. */
  public Power mostBought() {
    return sum(buy);
  }

  /** The net sale awarded at {@code price}: sold minus bought. */
  public Power award(EnergyPrice price) {
    Power net = Power.ZERO;
    for (PriceStep s : sell) {
      if (s.limit().perMegawattHour().compareTo(price.perMegawattHour()) <= 0) {
        net = net.plus(s.quantity());
      }
    }
    for (PriceStep s : buy) {
      if (s.limit().perMegawattHour().compareTo(price.perMegawattHour()) >= 0) {
        net = net.minus(s.quantity());
      }
    }
    return net;
  }

  private static Power sum(List<PriceStep> steps) {
    Power p = Power.ZERO;
    for (PriceStep s : steps) {
      p = p.plus(s.quantity());
    }
    return p;
  }
}
