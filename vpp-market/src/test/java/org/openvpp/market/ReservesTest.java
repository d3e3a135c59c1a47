package org.openvpp.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openvpp.forecast.RecentMedian;
import org.openvpp.plan.BatteryFleet;
import org.openvpp.units.EnergyPrice;
import org.openvpp.units.Money;
import org.openvpp.units.Power;

class ReservesTest {
  private static final MarketRules SPP = MarketRules.SPP_DAY_AHEAD;
  private static final LocalDate FIRST = LocalDate.of(2022, 3, 1);
  private static final LocalDate DAY = FIRST.plusDays(4);

  /**
   * By hand: 500 kW of regulation up held through one hour at $14/MW-h is 0.5 × 14 = $7.00; 300 kW
   * of regulation down at $7 is $2.10; 200 kW of spinning reserve in another hour at $8.55 is
   * $1.71.
   */
  @Test
  void heldCapacityIsPaidItsHoursClearingPrice() {
    ReservePrices prices =
        prices(
            Map.of(
                Reserve.REGULATION_UP,
                14.0,
                Reserve.REGULATION_DOWN,
                7.0,
                Reserve.SPINNING,
                8.55,
                Reserve.SUPPLEMENTAL,
                0.6));
    List<Reserve> which = new java.util.ArrayList<>(Collections.nCopies(24, Reserve.REGULATION_UP));
    which.set(5, Reserve.SPINNING);
    List<Power> up = new java.util.ArrayList<>(Collections.nCopies(24, Power.ZERO));
    up.set(4, Power.ofKilowatts(500));
    up.set(5, Power.ofKilowatts(200));
    List<Power> down = new java.util.ArrayList<>(Collections.nCopies(24, Power.ZERO));
    down.set(4, Power.ofKilowatts(300));

    Map<Reserve, Money> paid = new ReserveBid(DAY, which, up, down).payment(prices);

    assertThat(paid.get(Reserve.REGULATION_UP)).isEqualTo(Money.usd("7.00"));
    assertThat(paid.get(Reserve.REGULATION_DOWN)).isEqualTo(Money.usd("2.10"));
    assertThat(paid.get(Reserve.SPINNING)).isEqualTo(Money.usd("1.71"));
    assertThat(paid.get(Reserve.SUPPLEMENTAL)).isEqualTo(Money.zero(Money.USD));
  }

  /**
   * 100 batteries of 10 kWh (floor 2), 5 kW, 90 % each way, holding 6 kWh and planned idle (flat
   * prices do not pay the wear): each can give min(5, 4 × 0.9) = 3.6 kW for the hour and take
   * min(5, 4 / 0.9) = 4.44 kW, all of it to the up reserve forecast dearest (spinning, $12).
   */
  @Test
  void theHeadroomTheEnergyPlanLeavesIsOfferedToTheDearestReserve() {
    BatteryFleet fleet = new BatteryFleet(100);
    for (int i = 0; i < 100; i++) {
      fleet.set(i, 10, 2, 5, 5, 0.9, 0.9, 6, 2);
    }
    ArbitrageBidder bidder =
        new ArbitrageBidder(
            SPP,
            new ArbitrageBidder.Settings(
                new RecentMedian(3),
                1,
                EnergyPrice.perMegawattHour(Money.usd("10")),
                0.9,
                0,
                0,
                false));
    HourlyPrices energy = HourlyPrices.of(SPP, FIRST, Collections.nCopies(24 * 6, BigDecimal.TEN));
    PlannedBid plan =
        bidder.plan(DAY, SPP.deadline(DAY), energy.knownAt(SPP.deadline(DAY)), fleet, 1.0);
    ReservePrices prices =
        prices(
            Map.of(
                Reserve.REGULATION_UP,
                10.0,
                Reserve.REGULATION_DOWN,
                5.0,
                Reserve.SPINNING,
                12.0,
                Reserve.SUPPLEMENTAL,
                1.0));

    ReserveBid bid =
        bidder.reserves(DAY, prices.knownAt(SPP.deadline(DAY)), fleet, plan.plan(), 1.0);

    for (int h = 0; h < 24; h++) {
      assertThat(bid.upReserve().get(h)).isEqualTo(Reserve.SPINNING);
      assertThat(bid.up().get(h).kilowatts()).isCloseTo(360, within(1e-6));
      assertThat(bid.down().get(h).kilowatts()).isCloseTo(400 / 0.9, within(1e-6));
    }
  }

  private static ReservePrices prices(Map<Reserve, Double> flat) {
    Map<Reserve, HourlyPrices> all = new EnumMap<>(Reserve.class);
    flat.forEach(
        (r, p) ->
            all.put(
                r,
                HourlyPrices.of(SPP, FIRST, Collections.nCopies(24 * 6, BigDecimal.valueOf(p)))));
    return ReservePrices.of(all);
  }
}
