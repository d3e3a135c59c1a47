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
   * 100 batteries of 10 kWh (floor 2), 5 kW, 90 % each way, holding 6 kWh; flat energy prices do
   * not pay the wear, so the fleet holds its charge and offers all its headroom: it can give min(5,
   * 4 × 0.9) = 3.6 kW a battery through the hour and take min(5, 4 / 0.9) = 4.44 kW, to the up
   * reserve forecast dearest (spinning, $12) and to regulation down.
   */
  @Test
  void anIdleFleetOffersItsHeadroomToTheDearestReserve() {
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

    PlannedBid plan =
        bidder.plan(
            DAY,
            SPP.deadline(DAY),
            energy.knownAt(SPP.deadline(DAY)),
            prices.knownAt(SPP.deadline(DAY)),
            fleet,
            1.0);

    ReserveBid bid = plan.reserves().orElseThrow();
    assertThat(plan.bid().hours().getFirst().mostBought().kilowatts())
        .isCloseTo(156 / 0.9, within(1e-6));
    assertThat(plan.bid().hours().subList(1, 24)).containsOnly(IntervalBid.NONE);
    for (int h = 1; h < 24; h++) {
      assertThat(bid.upReserve().get(h)).isEqualTo(Reserve.SPINNING);
      assertThat(bid.up().get(h).kilowatts()).isCloseTo(500, within(1e-6));
      assertThat(bid.down().get(h).kilowatts()).isCloseTo(244 / 0.9, within(1e-6));
    }
  }

  /**
   * By hand, two hours, 1,000 kWh of room from empty, 500 kW each way, lossless, no wear. Hour 0:
   * energy $20, regulation down $30; hour 1: energy $100. Charging {@code x} kWh in hour 0 costs
   * 0.02·x and leaves 500 − x kW to hold for regulation down (0.03·(500 − x)); selling it in hour 1
   * earns 0.1·x: 15 + 0.05·x, best at x = 500: $40, all charged, none held.
   */
  @Test
  void energyDisplacesAReserveWhenItPaysMore() {
    CoOptimiser.Plan plan =
        CoOptimiser.plan(
            new CoOptimiser.Fleet(0, 0, 1000, 0, 500, 500, 1, 1),
            new double[] {20, 100},
            new double[] {0, 0},
            new double[] {30, 0},
            0);

    assertThat(plan.value()).isCloseTo(40, within(1e-6));
    assertThat(plan.saleKw(0)).isCloseTo(-500, within(1e-6));
    assertThat(plan.downKw(0)).isCloseTo(0, within(1e-6));
    assertThat(plan.saleKw(1)).isCloseTo(500, within(1e-6));
  }

  /**
   * The same, with regulation up at $120 in hour 1: holding the 500 kWh as 500 kW of up capacity
   * earns $60, more than selling it ($50): charge, then hold: −10 + 60 = $50.
   */
  @Test
  void aReserveDisplacesEnergyWhenItPaysMore() {
    CoOptimiser.Plan plan =
        CoOptimiser.plan(
            new CoOptimiser.Fleet(0, 0, 1000, 0, 500, 500, 1, 1),
            new double[] {20, 100},
            new double[] {0, 120},
            new double[] {30, 0},
            0);

    assertThat(plan.value()).isCloseTo(50, within(1e-6));
    assertThat(plan.saleKw(1)).isCloseTo(0, within(1e-6));
    assertThat(plan.upKw(1)).isCloseTo(500, within(1e-6));
  }

  /**
   * Property, 100 seeded days of random prices, fleets and program events: whatever is held could
   * be delivered on top of the planned move (the market's sale and the events' delivery) for the
   * whole hour — power within the fleet's limits, energy within its floor and capacity — no event
   * gets more than it asked, and the day ends at or above its final minimum.
   */
  @Test
  void nothingHeldIsMoreThanTheFleetCouldDeliverThroughTheHour() {
    for (long seed = 1; seed <= 100; seed++) {
      java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
      double floor = r.nextDouble() * 300;
      double capacity = floor + 200 + r.nextDouble() * 3000;
      double initial = floor + r.nextDouble() * (capacity - floor);
      double end = floor + r.nextDouble() * (initial - floor);
      double power = 100 + r.nextDouble() * 1500;
      double eta = 0.85 + r.nextDouble() * 0.15;
      double[] energy = new double[24];
      double[] up = new double[24];
      double[] down = new double[24];
      double[] committed = new double[24];
      double[] pays = new double[24];
      for (int h = 0; h < 24; h++) {
        energy[h] = -20 + r.nextDouble() * 150;
        up[h] = r.nextDouble() * 40;
        down[h] = r.nextDouble() * 30;
        if (r.nextDouble() < 0.15) {
          committed[h] = r.nextDouble() * power * 0.8;
          pays[h] = r.nextDouble() * 500;
        }
      }

      CoOptimiser.Plan plan =
          CoOptimiser.plan(
              new CoOptimiser.Fleet(initial, floor, capacity, end, power, power, eta, eta),
              energy,
              up,
              down,
              r.nextDouble() * 20,
              committed,
              pays);

      double e = initial;
      for (int h = 0; h < 24; h++) {
        assertThat(plan.eventKw(h)).isBetween(0.0, committed[h] + 1e-9);
        double sale = plan.saleKw(h) + plan.eventKw(h);
        double after = sale > 0 ? e - sale / eta : e - sale * eta;
        String at = "seed " + seed + " hour " + h;
        assertThat(Math.max(sale, 0) + plan.upKw(h))
            .as(at)
            .isLessThanOrEqualTo(power - Math.min(sale, 0) + 1e-6);
        assertThat(Math.min(e, after) - plan.upKw(h) / eta)
            .as(at)
            .isGreaterThanOrEqualTo(floor - 1e-6);
        assertThat(Math.max(e, after) + plan.downKw(h) * eta)
            .as(at)
            .isLessThanOrEqualTo(capacity + 1e-6);
        e = after;
      }
      assertThat(e).as("seed %d end", seed).isGreaterThanOrEqualTo(end - 1e-6);
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
