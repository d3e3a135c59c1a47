package org.openvpp.units;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Currency;
import org.junit.jupiter.api.Test;
import org.openvpp.check.BigRange;
import org.openvpp.check.ForAll;
import org.openvpp.check.Property;

class MoneyTest {

  @Test
  void addsExactlyWhereDoublesWouldNot() {
    Money sum = Money.usd("0.1").plus(Money.usd("0.2"));
    assertThat(sum).isEqualTo(Money.usd("0.3"));
  }

  @Test
  void equalAmountsAreEqualWhateverTheirScale() {
    assertThat(Money.usd("1.50")).isEqualTo(Money.usd("1.5"));
    assertThat(Money.usd("1.50").hashCode()).isEqualTo(Money.usd("1.5").hashCode());
    assertThat(Money.usd("0.00")).isEqualTo(Money.zero(Money.USD));
  }

  @Test
  void printsAtLeastTheMinorDigits() {
    assertThat(Money.usd("219.3")).hasToString("219.30 USD");
    assertThat(Money.usd("0.55705374")).hasToString("0.55705374 USD");
    assertThat(Money.usd("-12")).hasToString("-12.00 USD");
  }

  @Test
  void roundsHalfEvenToCents() {
    assertThat(Money.usd("0.125").rounded()).isEqualTo(Money.usd("0.12"));
    assertThat(Money.usd("0.135").rounded()).isEqualTo(Money.usd("0.14"));
  }

  @Test
  void refusesToMixCurrencies() {
    Money eur = Money.of("1", Currency.getInstance("EUR"));
    assertThatThrownBy(() -> Money.usd("1").plus(eur))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("currencies differ");
  }

  @Test
  void rejectsTextThatIsNotAnAmount() {
    assertThatThrownBy(() -> Money.usd("12,50"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'12,50'");
  }

  @Test
  void pricesEnergyExactly() {
    EnergyPrice price = EnergyPrice.perMegawattHour(Money.usd("41.26324"));
    assertThat(price.costOf(Energy.ofKilowattHours(13.5))).isEqualTo(Money.usd("0.55705374"));
  }

  @Property
  void additionAndSubtractionCancel(
      @ForAll @BigRange(min = "-1000000", max = "1000000") BigDecimal a,
      @ForAll @BigRange(min = "-1000000", max = "1000000") BigDecimal b) {
    Money x = new Money(a, Money.USD);
    Money y = new Money(b, Money.USD);
    assertThat(x.plus(y).minus(y)).isEqualTo(x);
    assertThat(x.plus(y)).isEqualTo(y.plus(x));
  }
}
