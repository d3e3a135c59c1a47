package org.openvpp.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.openvpp.forecast.RecentMedian;
import org.openvpp.plan.BatteryFleet;
import org.openvpp.units.EnergyPrice;
import org.openvpp.units.Money;

class ArbitrageBidderTest {
  private static final MarketRules CAISO = MarketRules.CAISO_DAY_AHEAD;
  private static final LocalDate FIRST = LocalDate.of(2019, 1, 1);
  private static final ArbitrageBidder.Settings SETTINGS =
      new ArbitrageBidder.Settings(
          new RecentMedian(3), 14, EnergyPrice.perMegawattHour(Money.usd("10")), 0.9, 0, 0, false);

  @Test
  void theShareHonourableAtP90IsTheBinomialsLowerDecile() {
    // 0.97 − 1.281552 × √(0.97 × 0.03 / 1000) = 0.97 − 1.281552 × 0.0053944 = 0.963087
    assertThat(ArbitrageBidder.honourableShare(1_000, 0.97, 0.9)).isCloseTo(0.963087, within(1e-6));
    assertThat(ArbitrageBidder.honourableShare(10, 1.0, 0.9)).isEqualTo(1.0);
    assertThat(ArbitrageBidder.normalQuantile(0.975)).isCloseTo(1.959964, within(1e-6));
  }

  /**
   * Property, 200 seeded cases: whatever the prices and the fleet, every hour of the bid fits the
   * fleet's power at its P90 share, and the bid taken whole — every step cleared — keeps the P90
   * share of the fleet's energy, seen as one battery, within its floor and capacity hour by hour.
   */
  @Test
  void noBidAsksMoreThanTheFleetCanHonourAtItsP90() {
    for (long seed = 1; seed <= 200; seed++) {
      SplittableRandom r = new SplittableRandom(seed);
      int n = 20 + r.nextInt(400);
      double online = 0.85 + r.nextDouble() * 0.15;
      HourlyPrices prices = prices(r, 20);
      LocalDate day = FIRST.plusDays(19);
      BatteryFleet fleet = new BatteryFleet(n);
      double power = 0;
      double above = 0;
      double room = 0;
      double eta = Math.sqrt(0.9);
      for (int i = 0; i < n; i++) {
        double capacity = 5 + r.nextDouble() * 10;
        double floor = capacity * r.nextDouble() * 0.3;
        double kw = 2 + r.nextDouble() * 6;
        double initial = floor + (capacity - floor) * r.nextDouble();
        fleet.set(i, capacity, floor, kw, kw, eta, eta, initial, floor);
        power += kw;
        above += initial - floor;
        room += capacity - initial;
      }
      DayBid bid =
          new ArbitrageBidder(CAISO, SETTINGS)
              .bid(day, CAISO.deadline(day), prices.knownAt(CAISO.deadline(day)), fleet, online);
      double share = ArbitrageBidder.honourableShare(n, online, 0.9);
      double stored = 0;
      for (int h = 0; h < 24; h++) {
        IntervalBid b = bid.hours().get(h);
        double sold = b.mostSold().kilowatts();
        double bought = b.mostBought().kilowatts();
        assertThat(sold + bought)
            .as("seed %d hour %d", seed, h)
            .isLessThanOrEqualTo(share * power + 1e-6);
        stored += bought * eta - sold / eta;
        assertThat(stored)
            .as("seed %d hour %d energy", seed, h)
            .isBetween(-share * above - 1e-6, share * room + 1e-6);
      }
    }
  }

  /**
   * As storage, the bid declares the fleet at its P90 share: its energy at that share, and power no
   * more than each battery can hold through 1.2 times the fleet's mean duration (here 7 kWh usable
   * at 90 % over 7 kW is 0.9 h, so 1.08 h: min(7, 6.3 / 1.08) = 5.83 kW a battery).
   */
  @Test
  void aStorageBidDeclaresTheFleetAtItsP90Share() {
    HourlyPrices prices = prices(new SplittableRandom(3), 20);
    LocalDate day = FIRST.plusDays(19);
    BatteryFleet fleet = new BatteryFleet(100);
    for (int i = 0; i < 100; i++) {
      fleet.set(i, 10, 3, 7, 7, 0.9, 0.9, 5, 3);
    }
    ArbitrageBidder.Settings asStorage =
        new ArbitrageBidder.Settings(SETTINGS.model(), 14, SETTINGS.wear(), 0.9, 0, 0, true);

    DayBid bid =
        new ArbitrageBidder(CAISO, asStorage)
            .bid(day, CAISO.deadline(day), prices.knownAt(CAISO.deadline(day)), fleet, 0.95);

    double share = ArbitrageBidder.honourableShare(100, 0.95, 0.9);
    StorageBid storage = bid.storage().orElseThrow();
    assertThat(storage.initial().kilowattHours()).isCloseTo(share * 500, within(1e-6));
    assertThat(storage.floor().kilowattHours()).isCloseTo(share * 300, within(1e-6));
    assertThat(storage.capacity().kilowattHours()).isCloseTo(share * 1000, within(1e-6));
    for (IntervalBid b : bid.hours()) {
      assertThat(b.mostSold().kilowatts()).isCloseTo(share * 100 * 6.3 / 1.08, within(1e-6));
      assertThat(b.sell().getFirst().limit()).isEqualTo(SETTINGS.wear());
    }
  }

  @Test
  void aForecastNeedsThePricesUpToTheDayBeforeAndNoMore() {
    HourlyPrices prices = prices(new SplittableRandom(7), 20);
    ArbitrageBidder bidder = new ArbitrageBidder(CAISO, SETTINGS);
    LocalDate day = FIRST.plusDays(18);

    // the prices published by 13:00 the day before include the day itself: not a bid's view
    assertThatThrownBy(() -> bidder.forecast(day, prices.knownAt(CAISO.published(day))))
        .hasMessage(
            "a forecast for 2019-01-19 needs the prices up to the day before; known are up to"
                + " 2019-01-19");
    assertThat(bidder.forecast(day, prices.knownAt(CAISO.deadline(day))).hours()).isEqualTo(24);
  }

  /** Days of a duck-shaped price with a random level and noise. */
  private static HourlyPrices prices(SplittableRandom r, int days) {
    List<BigDecimal> p = new ArrayList<>();
    for (int d = 0; d < days; d++) {
      double level = 20 + r.nextDouble() * 30;
      for (int h = 0; h < 24; h++) {
        double shape = h >= 10 && h <= 15 ? -0.6 : h >= 17 && h <= 21 ? 0.8 : 0;
        double v = level * (1 + shape) + r.nextGaussian() * 5;
        p.add(BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_EVEN));
      }
    }
    return HourlyPrices.of(CAISO, FIRST, p);
  }
}
