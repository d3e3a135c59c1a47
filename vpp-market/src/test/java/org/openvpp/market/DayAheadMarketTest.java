package org.openvpp.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openvpp.units.EnergyPrice;
import org.openvpp.units.Money;
import org.openvpp.units.Power;

class DayAheadMarketTest {
  private static final MarketRules CAISO = MarketRules.CAISO_DAY_AHEAD;
  private static final LocalDate DAY = LocalDate.of(2019, 3, 10);
  private static final DayAheadMarket MARKET = new DayAheadMarket(CAISO);

  @Test
  void bidsCloseAtTenAndPricesArePublishedAtOneTheDayBeforeInPacificTime() {
    assertThat(CAISO.deadline(DAY)).isEqualTo(Instant.parse("2019-03-09T18:00:00Z"));
    assertThat(CAISO.published(DAY)).isEqualTo(Instant.parse("2019-03-09T21:00:00Z"));
  }

  @Test
  void aStepIsAwardedWhenThePriceReachesItsLimitAndNotBelow() {
    IntervalBid bid =
        new IntervalBid(
            List.of(step(300, 40), step(200, 80)), List.of(step(500, 10), step(100, -5)));

    assertThat(bid.award(price(80)).kilowatts()).isEqualTo(500);
    assertThat(bid.award(price(79.99)).kilowatts()).isEqualTo(300);
    assertThat(bid.award(price(10)).kilowatts()).isEqualTo(-500);
    assertThat(bid.award(price(-5)).kilowatts()).isEqualTo(-600);
    assertThat(bid.award(price(20)).kilowatts()).isZero();
  }

  @Test
  void clearingReadsEachHoursCurveAtItsPrice() {
    List<BigDecimal> day = new ArrayList<>(Collections.nCopies(24, BigDecimal.valueOf(30)));
    day.set(19, BigDecimal.valueOf(95));
    HourlyPrices prices = HourlyPrices.of(CAISO, DAY, day);
    List<IntervalBid> hours = new ArrayList<>(Collections.nCopies(24, IntervalBid.NONE));
    hours.set(19, IntervalBid.selling(Power.ofKilowatts(400), price(50)));
    hours.set(20, IntervalBid.selling(Power.ofKilowatts(400), price(50)));

    DayAward award = MARKET.clear(new DayBid(DAY, CAISO.deadline(DAY), hours), prices);

    assertThat(award.netKw(19)).isEqualTo(400);
    assertThat(award.netKw(20)).isZero();
    assertThat(award.prices().get(19)).isEqualTo(price(95));
  }

  @Test
  void aBidAfterTheDeadlineIsRefused() {
    DayBid late = new DayBid(DAY, CAISO.deadline(DAY).plusSeconds(1), none());

    assertThatThrownBy(() -> MARKET.check(late))
        .isInstanceOf(DayAheadMarket.BidRefused.class)
        .hasMessageContaining("after CAISO day-ahead's deadline 2019-03-09T18:00:00Z");
  }

  @Test
  void aBidBelowTheMinimumSizeIsRefusedNamingTheHour() {
    List<IntervalBid> hours = none();
    hours.set(7, IntervalBid.buying(Power.ofKilowatts(60), price(20)));

    assertThatThrownBy(() -> MARKET.check(new DayBid(DAY, CAISO.deadline(DAY), hours)))
        .isInstanceOf(DayAheadMarket.BidRefused.class)
        .hasMessage(
            "2019-03-10 hour 7: a buy bid of 60.0 kW is below CAISO day-ahead's minimum of"
                + " 100.0 kW");
  }

  @Test
  void aLimitBeyondTheCapIsRefused() {
    List<IntervalBid> hours = none();
    hours.set(18, IntervalBid.selling(Power.ofKilowatts(500), price(1500)));

    assertThatThrownBy(() -> MARKET.check(new DayBid(DAY, CAISO.deadline(DAY), hours)))
        .isInstanceOf(DayAheadMarket.BidRefused.class)
        .hasMessageContaining("hour 18: a sell limit of 1500")
        .hasMessageContaining("per MWh is outside CAISO day-ahead's range, -150.00 USD to 1000.00");
  }

  private static List<IntervalBid> none() {
    return new ArrayList<>(Collections.nCopies(24, IntervalBid.NONE));
  }

  private static PriceStep step(double kw, double usd) {
    return new PriceStep(Power.ofKilowatts(kw), price(usd));
  }

  private static EnergyPrice price(double usd) {
    return EnergyPrice.perMegawattHour(new Money(BigDecimal.valueOf(usd), Money.USD));
  }
}
