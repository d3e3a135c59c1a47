package org.openvpp.market.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openvpp.market.DayAward;
import org.openvpp.market.MarketRules;
import org.openvpp.units.EnergyPrice;
import org.openvpp.units.Money;
import org.openvpp.units.Power;

class DispatchInstructionsTest {
  private static final MarketRules.RealTime RT = MarketRules.CAISO_DAY_AHEAD.realTime();

  /**
   * Zero until 11:00, 1,000 kW from 11:00 to 13:00, zero after: the 20-minute ramps take the
   * intervals from 10:50 to 11:10 through 125, 375, 625 and 875 kW (the ramp at each midpoint), and
   * back down from 12:50 to 13:10.
   */
  @Test
  void hourlySchedulesRampOverTwentyMinutesCentredOnTheBoundary() {
    DispatchInstructions t = DispatchInstructions.of(award(11, 12), RT, 0, 0);

    assertThat(t.size()).isEqualTo(288);
    assertThat(t.perHour()).isEqualTo(12);
    assertThat(t.kw(129)).isZero(); // 10:45
    assertThat(t.kw(130)).isCloseTo(125, within(1e-9)); // 10:50
    assertThat(t.kw(131)).isCloseTo(375, within(1e-9));
    assertThat(t.kw(132)).isCloseTo(625, within(1e-9)); // 11:00
    assertThat(t.kw(133)).isCloseTo(875, within(1e-9));
    assertThat(t.kw(134)).isCloseTo(1_000, within(1e-9)); // 11:10
    assertThat(t.kw(153)).isCloseTo(1_000, within(1e-9)); // 12:45, between the two hours: flat
    assertThat(t.kw(154)).isCloseTo(875, within(1e-9)); // 12:50
    assertThat(t.kw(157)).isCloseTo(125, within(1e-9)); // 13:05
    assertThat(t.kw(158)).isZero();
    // the ramps move energy between the hours and make none: 1/24 h × 1,000 kW each side
    assertThat(t.hourKwh(10)).isCloseTo(1_000 / 24.0, within(1e-9));
    assertThat(t.hourKwh(11)).isCloseTo(1_000 - 1_000 / 24.0, within(1e-9));
    assertThat(t.hourKwh(12)).isCloseTo(1_000 - 1_000 / 24.0, within(1e-9));
    assertThat(t.hourKwh(13)).isCloseTo(1_000 / 24.0, within(1e-9));
    double day = 0;
    for (int h = 0; h < 24; h++) {
      day += t.hourKwh(h);
    }
    assertThat(day).isCloseTo(2_000, within(1e-9));
  }

  @Test
  void theDaysEdgesRampFromTheDayBeforeAndToTheDayAfter() {
    DispatchInstructions t = DispatchInstructions.of(award(0, 23), RT, -400, 200);
    // midnight at the start: from −400 to 1,000 over 00:00–00:10 (the half after the boundary)
    assertThat(t.kw(0)).isCloseTo(-400 + 1_400 * 0.625, within(1e-9));
    assertThat(t.kw(1)).isCloseTo(-400 + 1_400 * 0.875, within(1e-9));
    // and at the end: from 1,000 towards the next day's 200
    assertThat(t.kw(286)).isCloseTo(1_000 - 800 * 0.125, within(1e-9));
    assertThat(t.kw(287)).isCloseTo(1_000 - 800 * 0.375, within(1e-9));
  }

  @Test
  void stepsWhenTheMarketDoesNotRamp() {
    MarketRules.RealTime steps =
        new MarketRules.RealTime(
            Duration.ofMinutes(5), Duration.ZERO, Duration.ofMinutes(10), Duration.ofMinutes(90));
    DispatchInstructions t = DispatchInstructions.of(award(11, 11), steps, 0, 0);
    assertThat(t.kw(131)).isZero();
    assertThat(t.kw(132)).isEqualTo(1_000);
    assertThat(t.kw(143)).isEqualTo(1_000);
    assertThat(t.kw(144)).isZero();
  }

  @Test
  void aCallAddsItsPowerForItsIntervalsAndStopsAtMidnight() {
    DispatchInstructions t = DispatchInstructions.of(award(11, 12), RT, 0, 0);
    DispatchInstructions called = t.deploy(135, 6, 300).deploy(285, 6, 100);

    assertThat(called.kw(134)).isEqualTo(t.kw(134));
    assertThat(called.kw(135)).isCloseTo(1_300, within(1e-9));
    assertThat(called.kw(140)).isCloseTo(1_300, within(1e-9));
    assertThat(called.kw(141)).isCloseTo(1_000, within(1e-9));
    assertThat(called.kw(287)).isCloseTo(100, within(1e-9));
    assertThat(t.kw(135)).as("the targets it came from are unchanged").isEqualTo(1_000);
    assertThatThrownBy(() -> t.deploy(288, 1, 10))
        .hasMessage("a call starts in intervals 0..287 and lasts at least one, was 288 for 1");
    assertThatThrownBy(() -> t.deploy(10, 1, -1))
        .hasMessage("a call's power must be >= 0 and finite, was -1.0");
  }

  @Test
  void realTimeRulesThatCannotRunADayAreRefusedSayingWhy() {
    Duration five = Duration.ofMinutes(5);
    Duration ten = Duration.ofMinutes(10);
    assertThatThrownBy(() -> new MarketRules.RealTime(Duration.ofMinutes(7), ten, ten, ten))
        .hasMessage("the real-time interval must divide an hour into whole seconds, was PT7M");
    assertThatThrownBy(() -> new MarketRules.RealTime(five, Duration.ofMinutes(15), ten, ten))
        .hasMessage(
            "the hourly ramp must be an even number of intervals of PT5M, at most an hour, was"
                + " PT15M");
    assertThatThrownBy(() -> new MarketRules.RealTime(ten, Duration.ZERO, five, ten))
        .hasMessage(
            "reserve response (PT5M) and restoration (PT10M) must each be at least one interval of"
                + " PT10M");
    assertThat(MarketRules.RealTime.FIVE_MINUTES.intervals(Duration.ofMinutes(90))).isEqualTo(18);
    assertThat(MarketRules.RealTime.FIVE_MINUTES.intervals(Duration.ofMinutes(7))).isEqualTo(2);
  }

  @Test
  void aCallKeepsItsCapacityPaymentInProportionUnlessItWasLate() {
    ReserveCall call = new ReserveCall(120, 6, 100);
    double hours = 5 / 60.0;
    assertThat(call.askedKwh(hours)).isCloseTo(50, within(1e-9));
    assertThat(call.kept(2.0, 50, true, hours)).isCloseTo(2.0, within(1e-9));
    assertThat(call.kept(2.0, 20, true, hours)).isCloseTo(0.8, within(1e-9));
    assertThat(call.kept(2.0, 50, false, hours)).isZero();
    assertThat(call.covers(125)).isTrue();
    assertThat(call.covers(126)).isFalse();
    assertThatThrownBy(() -> new ReserveCall(1, 0, 10))
        .hasMessage(
            "a call starts at an interval >= 0, lasts at least one and asks for a positive power;"
                + " was 1, 0, 10.0");
  }

  @Test
  void trackingCountsTheDeviationEitherWayAndTheIntervalsOffTarget() {
    Tracking t = new Tracking();
    t.add(100, 100, 0.5, 3);
    t.add(100, 96, 0.5, 3);
    t.add(-50, -48, 0.5, 3);
    Tracking.Figures f = t.figures();
    assertThat(f.intervals()).isEqualTo(3);
    assertThat(f.off()).isEqualTo(1);
    assertThat(f.instructedKwh()).isCloseTo(125, within(1e-9));
    assertThat(f.deviationKwh()).isCloseTo(3, within(1e-9));
    assertThat(f.error()).isCloseTo(0.024, within(1e-9));
    assertThat(f.worstKw()).isCloseTo(4, within(1e-9));
    assertThat(f.plus(f).intervals()).isEqualTo(6);
  }

  /** 1,000 kW delivered in hours {@code from}..{@code to}, nothing else. */
  private static DayAward award(int from, int to) {
    List<Power> net = new ArrayList<>(Collections.nCopies(24, Power.ofKilowatts(0)));
    for (int h = from; h <= to; h++) {
      net.set(h, Power.ofKilowatts(1_000));
    }
    return new DayAward(
        LocalDate.of(2019, 7, 1),
        net,
        Collections.nCopies(24, EnergyPrice.perMegawattHour(Money.usd("30"))));
  }
}
