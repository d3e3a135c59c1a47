package org.openvpp.market;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.openvpp.units.EnergyPrice;
import org.openvpp.units.Power;

/**
 * What the market awarded an aggregation for a day: per hour the net sale (positive: the
 * aggregation must deliver, negative: it must take) at the clearing price. Awards are firm: the
 * plan must honour them.
 *
 * @param day the operating day
 * @param net the net sale of hours 0–23
 * @param prices the clearing prices of hours 0–23
 */
public record DayAward(LocalDate day, List<Power> net, List<EnergyPrice> prices) {
  public DayAward {
    Objects.requireNonNull(day, "day");
    net = List.copyOf(net);
    prices = List.copyOf(prices);
    if (net.size() != HourlyPrices.PER_DAY || prices.size() != HourlyPrices.PER_DAY) {
      throw new IllegalArgumentException(
          "an award has 24 hours; was given " + net.size() + " and " + prices.size() + " prices");
    }
  }

  /** The net sale of {@code hour} in kW (delivery positive). */
  public double netKw(int hour) {
    return net.get(hour).kilowatts();
  }
}
