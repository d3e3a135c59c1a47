package org.openvpp.sim.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openvpp.units.EnergyPrice;
import org.openvpp.units.Money;

class DayAheadPricesTest {
  private static final DayAheadPrices PRICES = DayAheadPrices.caiso2019();

  @Test
  void theFirstHoursOfTheYearAreTheFilesFirstRowsExactly() {
    List<EnergyPrice> day = PRICES.day(LocalDate.of(2019, 1, 1));
    assertThat(day).hasSize(24);
    assertThat(day.get(0).perMegawattHour()).isEqualTo(Money.usd("41.26324"));
    assertThat(day.get(1).perMegawattHour()).isEqualTo(Money.usd("41.18362"));
  }

  @Test
  void aSummerEveningCostsMoreThanItsNight() {
    List<EnergyPrice> day = PRICES.day(LocalDate.of(2019, 8, 15));
    assertThat(day.get(19).perMegawattHour()).isGreaterThan(day.get(3).perMegawattHour());
  }

  @Test
  void otherYearsAreRefused() {
    assertThatThrownBy(() -> PRICES.day(LocalDate.of(2018, 8, 15)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2019 only");
  }
}
