package org.openvpp.world.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openvpp.market.HourlyPrices;
import org.openvpp.market.MarketRules;
import org.openvpp.market.ProgramEvent;
import org.openvpp.market.Reserve;
import org.openvpp.market.ReserveBid;
import org.openvpp.market.ReservePrices;
import org.openvpp.market.realtime.ReserveCall;
import org.openvpp.units.Energy;
import org.openvpp.units.EnergyPrice;
import org.openvpp.units.Money;
import org.openvpp.units.Power;

/**
 * A day of real time worked by hand: energy at $40/MWh, spinning at $10/MW-h and regulation at $12
 * (up) and $8 (down) per MW-h; 100 kW of spinning held in hour 10 and called from 10:00 for 30
 * minutes (six intervals).
 */
class RealTimeBookTest {
  private static final MarketRules SPP = MarketRules.SPP_DAY_AHEAD;
  private static final LocalDate FIRST = LocalDate.of(2022, 2, 1);
  private static final LocalDate DAY = FIRST.plusDays(1);
  private static final HourlyPrices ENERGY = flat(40);
  private static final ReservePrices RESERVES =
      ReservePrices.of(
          new EnumMap<>(
              Map.of(
                  Reserve.REGULATION_UP, flat(12),
                  Reserve.REGULATION_DOWN, flat(8),
                  Reserve.SPINNING, flat(10),
                  Reserve.SUPPLEMENTAL, flat(1))));

  @Test
  void aCallServedInFullIsPaidItsEnergyAndTheEnergyIsBoughtBackOverNinetyMinutes() {
    ReserveCall call = new ReserveCall(120, 6, 100);
    RealTimeBook book = book(List.of(call), new double[0]);
    for (int k = 0; k < 288; k++) {
      // the fleet meets every target exactly: the award is zero all day
      double target = book.calledKw(k) - book.restoringKw(k);
      book.interval(k, target, 0, target);
    }
    Backtest.Deployment d = book.deployment(kwh -> cost(kwh));

    // 100 kW for half an hour: 50 kWh at $40/MWh
    assertThat(d.askedKwh()).isCloseTo(50, within(1e-9));
    assertThat(d.servedKwh()).isCloseTo(50, within(1e-9));
    assertThat(d.paid()).isEqualTo(Money.usd("2.00"));
    assertThat(d.forfeited().isZero()).isTrue();
    assertThat(d.calls()).isEqualTo(1);
    assertThat(d.late()).isZero();
    // bought back from 10:30 to 12:00: 50 / 0.9 kWh over 18 intervals, 37.04 kW each
    assertThat(book.restoringKw(125)).isZero();
    assertThat(book.restoringKw(126)).isCloseTo(50 / 0.9 / 1.5, within(1e-9));
    assertThat(book.restoringKw(143)).isCloseTo(50 / 0.9 / 1.5, within(1e-9));
    assertThat(book.restoringKw(144)).isZero();
    // at $40/MWh: 55.56 kWh costs 2.22
    assertThat(d.instructed()).isEqualTo(Money.usd("-2.22"));
    assertThat(d.tracking().intervals()).isEqualTo(288);
    assertThat(d.tracking().off()).isZero();
    assertThat(book.carry()).containsOnly(0.0);
    // nothing uninstructed: the day-ahead settlement sees the award (zero)
    assertThat(book.delivered()).containsOnly(0.0);
  }

  @Test
  void aCallNotReachedInTenMinutesLosesItsCapacityPaymentAndWhatWasNotGivenIsADeviation() {
    RealTimeBook book = book(List.of(new ReserveCall(120, 6, 100)), new double[0]);
    for (int k = 0; k < 288; k++) {
      double target = book.calledKw(k) - book.restoringKw(k);
      // half the call's power, then nothing bought back but what is restored
      double metered = book.calledKw(k) > 0 ? 50 : target;
      book.interval(k, target, 0, metered);
    }
    Backtest.Deployment d = book.deployment(kwh -> cost(kwh));

    assertThat(d.servedKwh()).isCloseTo(25, within(1e-9));
    assertThat(d.late()).isEqualTo(1);
    // the hour's pay for 100 kW of spinning at $10/MW-h, lost whole
    assertThat(d.forfeited()).isEqualTo(Money.usd("-1.00"));
    // the call's shortfall is not an uninstructed deviation: it is the call's to forfeit
    assertThat(book.delivered()).containsOnly(0.0);
    assertThat(d.tracking().off()).isEqualTo(6);
    assertThat(d.tracking().worstKw()).isCloseTo(50, within(1e-9));
  }

  @Test
  void restoringPastMidnightIsCarriedIntoTheNextDay() {
    // a call in the day's last half hour: its buying back runs 90 minutes into the next day
    RealTimeBook book = book(List.of(new ReserveCall(282, 6, 100)), new double[0]);
    for (int k = 0; k < 288; k++) {
      double target = book.calledKw(k) - book.restoringKw(k);
      book.interval(k, target, 0, target);
    }
    double[] carry = book.carry();
    assertThat(carry).hasSize(18);
    for (double kw : carry) {
      assertThat(kw).isCloseTo(50 / 0.9 / 1.5, within(1e-9));
    }

    RealTimeBook next = book(List.of(), carry);
    assertThat(next.restoringKw(0)).isCloseTo(50 / 0.9 / 1.5, within(1e-9));
    assertThat(next.restoringKw(18)).isZero();
  }

  /**
   * Two events: 200 kW from 17:00 to 19:00 at $2/kWh, notified the day before, and 100 kW from
   * 17:00 to 18:00 at $1/kWh notified at 17:30 (answered from then). The fleet gives 250 kW beyond
   * its (zero) award from 17:00 to 19:00. From 17:30 to 18:00 the events ask 300 kW and get 250,
   * shared in proportion: 125 kWh at the blended $1.667/kWh ($208.33); the rest of the two hours
   * the first event gets its 200 kW (300 kWh, $600), and the 50 kW beyond it is uninstructed. A
   * shortfall is the events', not an uninstructed deviation.
   */
  @Test
  void programEventsArePaidWhatTheFleetGaveThemFromTheirNotice() {
    java.time.ZoneId zone = SPP.zone();
    ProgramEvent planned =
        new ProgramEvent(
            "peak",
            DAY,
            17,
            19,
            Power.ofKilowatts(200),
            EnergyPrice.perMegawattHour(Money.usd("2000")),
            DAY.minusDays(1).atTime(8, 0).atZone(zone).toInstant());
    ProgramEvent late =
        new ProgramEvent(
            "flex",
            DAY,
            17,
            18,
            Power.ofKilowatts(100),
            EnergyPrice.perMegawattHour(Money.usd("1000")),
            DAY.atTime(17, 30).atZone(zone).toInstant());
    RealTimeBook book =
        book(held(Reserve.SPINNING, 0, 0), List.of(), List.of(planned, late), new double[0]);
    assertThat(book.eventKw(12 * 17 + 5)).isEqualTo(200);
    assertThat(book.eventKw(12 * 17 + 6)).isEqualTo(300);
    for (int k = 0; k < 288; k++) {
      double target = book.eventKw(k);
      book.interval(k, target, 0, k >= 12 * 17 && k < 12 * 19 ? 250 : target);
    }
    Backtest.Deployment d = book.deployment(kwh -> cost(kwh));

    assertThat(d.eventAskedKwh()).isCloseTo(400 + 50, within(1e-9));
    assertThat(d.eventServedKwh()).isCloseTo(300 + 125, within(1e-9));
    assertThat(d.eventPaid()).isEqualTo(Money.usd("808.33"));
    assertThat(book.delivered()[17])
        .as("50 kW beyond what the events asked from 17:00 to 17:30 is uninstructed")
        .isCloseTo(25, within(1e-9));
    assertThat(book.delivered()[18]).isCloseTo(50, within(1e-9));
  }

  @Test
  void regulationPayIsAdjustedByTheHoursPerformanceScore() {
    RealTimeBook book = book(held(Reserve.REGULATION_UP, 400, 400), List.of(), new double[0]);
    // 400 kW of regulation up and down held in hour 10; a fleet of 100 kWh, half full
    book.regulation(10, 7, 50, 20, 100, Math.sqrt(0.9));
    Backtest.Deployment d = book.deployment(kwh -> cost(kwh));

    double score = RegulationHour.score(7, 400, 400, 50, 20, 100, Math.sqrt(0.9));
    assertThat(score).isBetween(0.75, 1.0);
    // pay: 0.4 MW × $12 + 0.4 MW × $8 = $8.00 for the hour
    assertThat(d.performance().amount().doubleValue()).isCloseTo(8.0 * (score - 1), within(0.005));
    assertThat(d.regulationKwh()).isEqualTo(800);
    assertThat(d.scoredKwh()).isCloseTo(800 * score, within(1e-9));
  }

  /**
   * Regulation up alone only gives: 400 kW through an hour of the signal's positive half takes
   * about a third of 400 kWh, so a fleet with 40 kWh above its floor runs dry within the hour and
   * one at its floor gives nothing.
   */
  @Test
  void aFleetWithoutTheEnergyForItsRegulationUpScoresFarWorseThanOneWithRoom() {
    double eta = Math.sqrt(0.9);
    double room = RegulationHour.score(11, 400, 0, 600, 20, 1_000, eta);
    double dry = RegulationHour.score(11, 400, 0, 60, 20, 100, eta);
    double empty = RegulationHour.score(11, 400, 0, 20, 20, 100, eta);
    assertThat(room).isGreaterThan(0.9);
    assertThat(dry).isLessThan(room - 0.3);
    assertThat(empty).isLessThan(0.05);
  }

  private static RealTimeBook book(List<ReserveCall> calls, double[] carried) {
    return book(held(Reserve.SPINNING, 100, 0), calls, carried);
  }

  private static RealTimeBook book(ReserveBid held, List<ReserveCall> calls, double[] carried) {
    return book(held, calls, List.of(), carried);
  }

  private static RealTimeBook book(
      ReserveBid held, List<ReserveCall> calls, List<ProgramEvent> events, double[] carried) {
    return new RealTimeBook(
        DAY,
        ENERGY,
        Optional.of(held),
        Optional.of(RESERVES),
        SPP.realTime(),
        calls,
        events,
        carried);
  }

  /** {@code upKw} of {@code up} and {@code downKw} of regulation down held in hour 10. */
  private static ReserveBid held(Reserve up, double upKw, double downKw) {
    List<Power> ups = new ArrayList<>(Collections.nCopies(24, Power.ofKilowatts(0)));
    List<Power> downs = new ArrayList<>(Collections.nCopies(24, Power.ofKilowatts(0)));
    ups.set(10, Power.ofKilowatts(upKw));
    downs.set(10, Power.ofKilowatts(downKw));
    return new ReserveBid(DAY, Collections.nCopies(24, up), ups, downs);
  }

  private static Money cost(double kwh) {
    return EnergyPrice.perMegawattHour(Money.usd("10")).costOf(Energy.ofKilowattHours(kwh));
  }

  private static HourlyPrices flat(double price) {
    return HourlyPrices.of(SPP, FIRST, Collections.nCopies(3 * 24, BigDecimal.valueOf(price)));
  }
}
