package org.openvpp.market;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How a market that clears storage with its state of charge awards a storage bid: the day's sales
 * and purchases that earn the resource the most at the clearing prices, as its curves price them
 * ({@code Σ (p − limit)} over sales, {@code Σ (limit − p)} over purchases), with the energy held
 * kept within its floor and capacity and ending at or above its final minimum.
 *
 * <p>Method: {@link GridDp} over the energy held on a grid of {@value #LEVELS} steps between floor
 * and capacity, laid so that the initial energy is on it (a grid step's worth of energy at either
 * end may go unused); each hour's gain as a function of the change of energy is the curves filled
 * best first (purchases by falling limit, sales by rising limit), concave. Ties go to doing less.
 * The market's own solver: it shares nothing with the bidder's planner, so a test of one against
 * the other means something.
 */
final class StorageClearing {
  static final int LEVELS = 300;

  private StorageClearing() {}

  /** The net sale of each hour (kW, delivery positive). */
  static double[] clear(DayBid bid, StorageBid storage, double[] pricePerMwh) {
    int hours = bid.hours().size();
    double floor = storage.floor().kilowattHours();
    double capacity = storage.capacity().kilowattHours();
    double initial = storage.initial().kilowattHours();
    double etaC = storage.chargeEfficiency();
    double etaD = storage.dischargeEfficiency();
    double[] none = new double[hours];
    if (capacity - floor <= 1e-9) {
      return none;
    }
    double step = (capacity - floor) / LEVELS;
    int below = (int) Math.floor((initial - floor) / step + 1e-9);
    int above = (int) Math.floor((capacity - initial) / step + 1e-9);
    int size = below + above + 1;
    int start = below;
    // the least index at the end: energy at index j is initial + (j − start)·step
    int finalIndex =
        Math.max(
            0,
            start
                + (int)
                    Math.ceil((storage.finalMinimum().kilowattHours() - initial) / step - 1e-9));
    if (finalIndex >= size) {
      throw new IllegalArgumentException(
          "the storage cannot end the day at "
              + storage.finalMinimum()
              + " from "
              + storage.initial());
    }
    int[] most = new int[hours];
    int[] least = new int[hours];
    double[][] gain = new double[hours][];
    for (int h = 0; h < hours; h++) {
      IntervalBid b = bid.hours().get(h);
      double p = pricePerMwh[h];
      least[h] = -(int) Math.floor(b.mostSold().kilowatts() / etaD / step + 1e-9);
      most[h] = (int) Math.floor(b.mostBought().kilowatts() * etaC / step + 1e-9);
      gain[h] = new double[most[h] - least[h] + 1];
      List<PriceStep> sells = sorted(b.sell(), true);
      List<PriceStep> buys = sorted(b.buy(), false);
      for (int d = least[h]; d <= most[h]; d++) {
        double kwh = d > 0 ? d * step / etaC : -d * step * etaD;
        gain[h][d - least[h]] = d > 0 ? fill(buys, kwh, p, false) : fill(sells, kwh, p, true);
      }
    }
    int[] moves =
        GridDp.path(
            size,
            start,
            finalIndex,
            least,
            most,
            (h, j, d) -> gain[h][d - least[h]],
            new double[1]);
    double[] net = new double[hours];
    for (int h = 0; h < hours; h++) {
      int d = moves[h];
      net[h] = d > 0 ? -d * step / etaC : -d * step * etaD;
    }
    return net;
  }

  private static List<PriceStep> sorted(List<PriceStep> steps, boolean rising) {
    List<PriceStep> s = new ArrayList<>(steps);
    Comparator<PriceStep> byLimit = Comparator.comparing(x -> x.limit().perMegawattHour());
    s.sort(rising ? byLimit : byLimit.reversed());
    return s;
  }

  /** The gain ($) of selling (or buying) {@code kwh} through {@code steps}, best first. */
  private static double fill(List<PriceStep> steps, double kwh, double price, boolean selling) {
    double gain = 0;
    double left = kwh;
    for (PriceStep s : steps) {
      if (left <= 1e-12) {
        break;
      }
      double take = Math.min(left, s.quantity().kilowatts());
      double limit = s.limit().perMegawattHour().amount().doubleValue();
      gain += (selling ? price - limit : limit - price) * take / 1_000;
      left -= take;
    }
    return left > 1e-9 ? Double.NEGATIVE_INFINITY : gain;
  }
}
