package org.openvpp.market;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.openvpp.units.Money;
import org.openvpp.units.Power;

/**
 * Capacity an aggregation offers to hold through each hour of a day: its headroom to give, to one
 * of the up reserves, and its headroom to take, to regulation down. Offered at no price (a price
 * taker: a clearing price is never negative), so all of it is awarded and paid its hour's clearing
 * price for each MW held.
 *
 * @param day the operating day
 * @param upReserve the up reserve each hour's up capacity goes to
 * @param up the up capacity of each hour
 * @param down the regulation down capacity of each hour
 */
public record ReserveBid(LocalDate day, List<Reserve> upReserve, List<Power> up, List<Power> down) {
  public ReserveBid {
    Objects.requireNonNull(day, "day");
    upReserve = List.copyOf(upReserve);
    up = List.copyOf(up);
    down = List.copyOf(down);
    if (upReserve.size() != HourlyPrices.PER_DAY
        || up.size() != HourlyPrices.PER_DAY
        || down.size() != HourlyPrices.PER_DAY) {
      throw new IllegalArgumentException("a reserve bid has 24 hours");
    }
    for (Reserve r : upReserve) {
      if (!r.up()) {
        throw new IllegalArgumentException(r + " is not an up reserve");
      }
    }
  }

  /** What holding the capacity earns at the day's clearing prices, by reserve, to the cent. */
  public Map<Reserve, Money> payment(ReservePrices prices) {
    Map<Reserve, Money> paid = new EnumMap<>(Reserve.class);
    for (Reserve r : Reserve.values()) {
      paid.put(r, Money.zero(Money.USD));
    }
    for (int h = 0; h < HourlyPrices.PER_DAY; h++) {
      add(
          paid,
          upReserve.get(h),
          up.get(h),
          prices.of(upReserve.get(h)).price(day, h).perMegawattHour());
      add(
          paid,
          Reserve.REGULATION_DOWN,
          down.get(h),
          prices.of(Reserve.REGULATION_DOWN).price(day, h).perMegawattHour());
    }
    paid.replaceAll((r, m) -> m.rounded());
    return paid;
  }

  private static void add(Map<Reserve, Money> paid, Reserve r, Power held, Money perMwHour) {
    if (held.watts() > 0) {
      paid.merge(r, perMwHour.times(BigDecimal.valueOf(held.kilowatts() / 1_000)), Money::plus);
    }
  }
}
