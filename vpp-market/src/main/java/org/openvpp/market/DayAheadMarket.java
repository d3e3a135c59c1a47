package org.openvpp.market;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.openvpp.units.EnergyPrice;
import org.openvpp.units.Power;

/**
 * A day-ahead energy market seen by a price-taking aggregation: it checks a bid against the
 * market's {@link MarketRules} and clears it at the published prices. The aggregation is too small
 * to move a price, so each hour's award is its bid curve read at that hour's clearing price; the
 * market does not model the aggregation's state of charge, so a bid must be one the fleet can
 * honour whatever set of its steps clears.
 *
 * <p>Immutable; safe to share.
 */
public final class DayAheadMarket {
  private final MarketRules rules;

  public DayAheadMarket(MarketRules rules) {
    this.rules = Objects.requireNonNull(rules, "rules");
  }

  public MarketRules rules() {
    return rules;
  }

  /**
   * Refuses a bid the market would refuse: submitted after its deadline, a side of an hour below
   * the minimum size, or a limit outside the price floor and cap.
   *
   * @throws BidRefused saying what was wrong
   */
  public void check(DayBid bid) {
    if (bid.submitted().isAfter(rules.deadline(bid.day()))) {
      throw new BidRefused(
          "the bid for "
              + bid.day()
              + " was submitted at "
              + bid.submitted()
              + ", after "
              + rules.name()
              + "'s deadline "
              + rules.deadline(bid.day()));
    }
    if (bid.storage().isPresent() && !rules.clearsStorage()) {
      throw new BidRefused(
          rules.name()
              + " clears each hour alone, not storage with its state of charge: bid the hours"
              + " without a storage part");
    }
    for (int h = 0; h < bid.hours().size(); h++) {
      IntervalBid b = bid.hours().get(h);
      checkSide(bid, h, "sell", b.mostSold(), b.sell());
      checkSide(bid, h, "buy", b.mostBought(), b.buy());
    }
  }

  private void checkSide(DayBid bid, int hour, String side, Power total, List<PriceStep> steps) {
    if (total.watts() > 0 && total.compareTo(rules.minimumBid()) < 0) {
      throw new BidRefused(
          String.format(
              Locale.ROOT,
              "%s hour %d: a %s bid of %.1f kW is below %s's minimum of %.1f kW",
              bid.day(),
              hour,
              side,
              total.kilowatts(),
              rules.name(),
              rules.minimumBid().kilowatts()));
    }
    for (PriceStep s : steps) {
      if (s.limit().perMegawattHour().compareTo(rules.priceFloor().perMegawattHour()) < 0
          || s.limit().perMegawattHour().compareTo(rules.priceCap().perMegawattHour()) > 0) {
        throw new BidRefused(
            bid.day()
                + " hour "
                + hour
                + ": a "
                + side
                + " limit of "
                + s.limit().perMegawattHour()
                + " per MWh is outside "
                + rules.name()
                + "'s range, "
                + rules.priceFloor().perMegawattHour()
                + " to "
                + rules.priceCap().perMegawattHour());
      }
    }
  }

  /**
   * Clears a checked bid at the day's clearing prices.
   *
   * @throws BidRefused as {@link #check}
   * @throws IllegalArgumentException if {@code prices} lack the day
   */
  public DayAward clear(DayBid bid, HourlyPrices prices) {
    check(bid);
    List<Power> net = new ArrayList<>(HourlyPrices.PER_DAY);
    List<EnergyPrice> clearing = new ArrayList<>(HourlyPrices.PER_DAY);
    double[] perMwh = new double[HourlyPrices.PER_DAY];
    for (int h = 0; h < HourlyPrices.PER_DAY; h++) {
      clearing.add(prices.price(bid.day(), h));
      perMwh[h] = prices.perMwh(bid.day(), h);
    }
    // a storage bid's hours are chosen together; a bid of hours alone, each at its price
    double[] storageKw =
        bid.storage().map(s -> StorageClearing.clear(bid, s, perMwh)).orElse(new double[0]);
    for (int h = 0; h < HourlyPrices.PER_DAY; h++) {
      net.add(
          bid.storage().isPresent()
              ? Power.ofKilowatts(storageKw[h])
              : bid.hours().get(h).award(clearing.get(h)));
    }
    return new DayAward(bid.day(), net, clearing);
  }

  /** A bid the market refuses, with the reason. */
  public static final class BidRefused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BidRefused(String message) {
      super(message);
    }
  }
}
