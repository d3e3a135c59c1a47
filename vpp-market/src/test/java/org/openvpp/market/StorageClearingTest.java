package org.openvpp.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.openvpp.units.Energy;
import org.openvpp.units.EnergyPrice;
import org.openvpp.units.Money;
import org.openvpp.units.Power;

class StorageClearingTest {
  private static final LocalDate DAY = LocalDate.of(2019, 7, 1);
  private static final MarketRules CAISO = MarketRules.CAISO_DAY_AHEAD;

  /**
   * By hand: 1,000 kWh of room, 500 kW each way at no cost, lossless, empty at midnight. The day is
   * $20/MWh but for $10 at 03:00, $5 at 04:00, $90 at 18:00 and $80 at 19:00: the best day buys 50
   * kWh in each of the two cheap hours and sells them in the two dear ones, earning 500 × (90 + 80
   * − 10 − 5) / 1000 = $77.50.
   */
  @Test
  void theMarketPicksTheDaysBestHoursWithinTheStateOfCharge() {
    double[] prices = flat(20);
    prices[3] = 10;
    prices[4] = 5;
    prices[18] = 90;
    prices[19] = 80;
    StorageBid storage = storage(0, 0, 1000, 1, 0);

    DayAward award = new DayAheadMarket(CAISO).clear(bid(500, 0, 500, 0, storage), series(prices));

    double[] expected = new double[24];
    expected[3] = -500;
    expected[4] = -500;
    expected[18] = 500;
    expected[19] = 500;
    for (int h = 0; h < 24; h++) {
      assertThat(award.netKw(h)).as("hour %d", h).isCloseTo(expected[h], within());
    }
  }

  /**
   * The same day with curves at ±$40 (a round trip must earn $80 a MWh): buying at $5 and selling
   * at $90 earns 85, and is cleared; buying at $10 and selling at $80 earns 70, and is not (nor is
   * 10 → 90, which earns exactly 80: a tie does less).
   */
  @Test
  void aCycleIsClearedOnlyWhereItsSpreadPaysTheLimits() {
    double[] prices = flat(20);
    prices[3] = 10;
    prices[4] = 5;
    prices[18] = 90;
    prices[19] = 80;
    StorageBid storage = storage(0, 0, 1000, 1, 0);

    DayAward award =
        new DayAheadMarket(CAISO).clear(bid(500, 40, 500, -40, storage), series(prices));

    for (int h = 0; h < 24; h++) {
      double expected = h == 4 ? -500 : h == 18 ? 500 : 0;
      assertThat(award.netKw(h)).as("hour %d", h).isCloseTo(expected, within());
    }
  }

  /** Property, 100 seeded days: the award never takes the storage past its floor or capacity. */
  @Test
  void theAwardKeepsTheStateOfChargeWithinItsLimits() {
    for (long seed = 1; seed <= 100; seed++) {
      SplittableRandom r = new SplittableRandom(seed);
      double[] prices = new double[24];
      for (int h = 0; h < 24; h++) {
        prices[h] = -20 + r.nextDouble() * 120;
      }
      double floor = r.nextDouble() * 200;
      double capacity = floor + 200 + r.nextDouble() * 2000;
      double initial = floor + r.nextDouble() * (capacity - floor);
      double eta = 0.85 + r.nextDouble() * 0.15;
      double end = floor + r.nextDouble() * (initial - floor);
      StorageBid storage = storage(initial, floor, capacity, eta, end);
      double power = 100 + r.nextDouble() * 800;

      DayAward award =
          new DayAheadMarket(CAISO).clear(bid(power, 5, power, -5, storage), series(prices));

      double held = initial;
      for (int h = 0; h < 24; h++) {
        double kw = award.netKw(h);
        held += kw > 0 ? -kw / eta : -kw * eta;
        assertThat(held).as("seed %d hour %d", seed, h).isBetween(floor - 1e-6, capacity + 1e-6);
        assertThat(Math.abs(kw)).isLessThanOrEqualTo(power + 1e-6);
      }
      assertThat(held).as("seed %d end", seed).isGreaterThanOrEqualTo(end - 1e-6);
    }
  }

  @Test
  void aMarketThatClearsHoursAloneRefusesAStorageBid() {
    DayBid bid = bid(500, 10, 500, -10, storage(0, 0, 1000, 0.95, 0));
    DayBid spp =
        new DayBid(bid.day(), MarketRules.SPP_DAY_AHEAD.deadline(DAY), bid.hours(), bid.storage());

    assertThatThrownBy(() -> new DayAheadMarket(MarketRules.SPP_DAY_AHEAD).check(spp))
        .isInstanceOf(DayAheadMarket.BidRefused.class)
        .hasMessageStartingWith("SPP day-ahead clears each hour alone");
  }

  private static StorageBid storage(
      double initial, double floor, double capacity, double eta, double end) {
    return new StorageBid(
        Energy.ofKilowattHours(initial),
        Energy.ofKilowattHours(floor),
        Energy.ofKilowattHours(capacity),
        eta,
        eta,
        Energy.ofKilowattHours(end));
  }

  private static DayBid bid(
      double sellKw, double sellAt, double buyKw, double buyAt, StorageBid storage) {
    List<IntervalBid> hours = new ArrayList<>();
    for (int h = 0; h < 24; h++) {
      hours.add(
          new IntervalBid(
              List.of(new PriceStep(Power.ofKilowatts(sellKw), price(sellAt))),
              List.of(new PriceStep(Power.ofKilowatts(buyKw), price(buyAt)))));
    }
    return new DayBid(DAY, CAISO.deadline(DAY), hours, Optional.of(storage));
  }

  private static HourlyPrices series(double[] perMwh) {
    List<BigDecimal> p = new ArrayList<>(Collections.nCopies(24, BigDecimal.ZERO));
    for (int h = 0; h < 24; h++) {
      p.set(h, BigDecimal.valueOf(perMwh[h]).setScale(4, RoundingMode.HALF_EVEN));
    }
    return HourlyPrices.of(CAISO, DAY, p);
  }

  private static double[] flat(double v) {
    double[] p = new double[24];
    java.util.Arrays.fill(p, v);
    return p;
  }

  private static EnergyPrice price(double usd) {
    return EnergyPrice.perMegawattHour(new Money(BigDecimal.valueOf(usd), Money.USD));
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-6);
  }
}
