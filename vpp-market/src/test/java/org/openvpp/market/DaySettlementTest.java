package org.openvpp.market;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openvpp.settle.Account;
import org.openvpp.settle.Ledger;
import org.openvpp.units.EnergyPrice;
import org.openvpp.units.Money;
import org.openvpp.units.Power;

class DaySettlementTest {
  private static final LocalDate DAY = LocalDate.of(2019, 7, 1);

  /**
   * By hand. Hour 12: bought 200 kW at $20/MWh, took 200 kW: −$4.00. Hour 19: sold 180 kW at
   * $60/MWh (+$10.80) but delivered 150 kW: 30 kWh bought back at $60 (−$1.80) and a penalty of 25
   * % of $60 on 30 kWh (−$0.45). Hour 20: sold 120 kW at −$10/MWh (a negative price: selling pays
   * −$1.20) and delivered 130 kW: 10 kWh more sold at −$10 (−$0.10) and the penalty on 10 kWh at
   * |−$10| (−$0.025). Awards $5.60; imbalance −$1.90; penalty −$0.475, −$0.48 at the cent
   * (half-even); net $3.22.
   */
  @Test
  void aDayOfAwardsSettlesAsWorkedByHand() {
    DayAward award =
        award(new double[][] {{12, -200, 20}, {19, 180, 60}, {20, 120, -10}}, new double[] {30});
    double[] delivered = new double[24];
    delivered[12] = -200;
    delivered[19] = 150;
    delivered[20] = 130;

    DaySettlement s = DaySettlement.of(award, delivered, MarketRules.CAISO_DAY_AHEAD);

    assertThat(s.awarded()).isEqualTo(Money.usd("5.60"));
    assertThat(s.imbalance()).isEqualTo(Money.usd("-1.90"));
    assertThat(s.penalty()).isEqualTo(Money.usd("-0.48"));
    assertThat(s.net()).isEqualTo(Money.usd("3.22"));
    assertThat(s.sold().kilowattHours()).isEqualTo(280);
    assertThat(s.bought().kilowattHours()).isEqualTo(200);
    assertThat(s.undelivered().kilowattHours()).isEqualTo(40);
  }

  @Test
  void theDayPostsToTheLedgerAndTheLedgerBalances() {
    DayAward award = award(new double[][] {{19, 180, 60}}, new double[] {30});
    double[] delivered = new double[24];
    delivered[19] = 150;
    DaySettlement s = DaySettlement.of(award, delivered, MarketRules.CAISO_DAY_AHEAD);
    Ledger ledger = Ledger.inMemory(Money.USD);

    ledger.post(s.transaction("arbitrage", Instant.parse("2019-07-02T08:00:00Z")).orElseThrow());

    assertThat(ledger.total()).isEqualTo(Money.zero(Money.USD));
    // 10.80 − 1.80 − 0.45 = 8.55 owed by the market, credited to the program's revenue
    assertThat(ledger.balance(Account.receivable("market"))).isEqualTo(Money.usd("8.55"));
    assertThat(ledger.balance(Account.revenue("arbitrage"))).isEqualTo(Money.usd("-8.55"));
  }

  @Test
  void aDayWithoutAwardsOrDeliveriesHasNoTransaction() {
    DaySettlement s =
        DaySettlement.of(
            award(new double[0][], new double[] {30}), new double[24], MarketRules.CAISO_DAY_AHEAD);

    assertThat(s.transaction("arbitrage", Instant.EPOCH)).isEmpty();
  }

  /** An award of {@code {hour, kW, $/MWh}} rows, every other hour none at {@code otherPrice}. */
  static DayAward award(double[][] rows, double[] otherPrice) {
    List<Power> net = new ArrayList<>(Collections.nCopies(24, Power.ZERO));
    List<EnergyPrice> prices = new ArrayList<>(Collections.nCopies(24, price(otherPrice[0])));
    for (double[] r : rows) {
      net.set((int) r[0], Power.ofKilowatts(r[1]));
      prices.set((int) r[0], price(r[2]));
    }
    return new DayAward(DAY, net, prices);
  }

  static EnergyPrice price(double usd) {
    return EnergyPrice.perMegawattHour(new Money(BigDecimal.valueOf(usd), Money.USD));
  }
}
