package org.openvpp.finance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openvpp.units.Money;

/** NPV, IRR and payback on cash flows small enough to check by hand. */
class FinanceReturnsTest {

  private static List<Money> flows(String... amounts) {
    return Arrays.stream(amounts).map(Money::usd).toList();
  }

  @Test
  void npvDiscountsEachYearFromYearZeroAndRoundsOnceToTheCent() {
    // −1,000 + 500 / 1.05 + 600 / 1.1025 = −1,000 + 476.1905 + 544.2177 = 20.4082 → 20.41
    assertThat(Returns.npv(flows("-1000", "500", "600"), new BigDecimal("0.05")))
        .isEqualTo(Money.usd("20.41"));
    assertThat(Returns.npv(flows("-1000", "500", "600"), BigDecimal.ZERO))
        .isEqualTo(Money.usd("100"));
  }

  @Test
  void aBondLikeCashFlowHasItsCouponAsIrr() {
    assertThat(Returns.irr(flows("-1000", "100", "100", "1100")).rate())
        .hasValueSatisfying(r -> assertThat(r).isEqualByComparingTo("0.100000"));
  }

  @Test
  void aLossMakingProjectHasANegativeIrr() {
    // −1,000 + 900 / (1 + r) = 0 at r = −10 %
    assertThat(Returns.irr(flows("-1000", "900")).rate())
        .hasValueSatisfying(r -> assertThat(r).isEqualByComparingTo("-0.100000"));
  }

  @Test
  void cashFlowsThatNeverTurnPositiveHaveNoIrrAndSaySo() {
    assertThat(Returns.irr(flows("-1000", "-10", "0")))
        .isEqualTo(new Irr.None("no IRR: cash flows never turn positive"));
    assertThat(Returns.irr(flows("0", "10")))
        .isEqualTo(new Irr.None("no IRR: cash flows are never negative (nothing is invested)"));
  }

  @Test
  void cashFlowsWithTwoIrrsAreReportedAsNoSingleIrr() {
    // −100 + 230 / (1 + r) − 132 / (1 + r)² is zero at 10 % and at 20 %
    Irr irr = Returns.irr(flows("-100", "230", "-132"));
    assertThat(irr).isInstanceOf(Irr.None.class);
    assertThat(((Irr.None) irr).reason()).contains("10.00 %", "20.00 %", "judge by NPV");
  }

  @Test
  void paybackIsFractionalAndEmptyWhenNeverReached() {
    // −1,000, then 400 a year: −600, −200, +200 in year 3, half-way through it
    assertThat(Returns.payback(flows("-1000", "400", "400", "400")))
        .contains(new BigDecimal("2.50"));
    assertThat(Returns.payback(flows("-1000", "400", "400"))).isEmpty();
  }

  @Test
  void aRateOfMinusOneHundredPercentOrLessIsRefused() {
    assertThatThrownBy(() -> Returns.npv(flows("-1"), new BigDecimal("-1")))
        .hasMessageContaining("more than -1");
  }
}
