package org.openvpp.service.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The P90 of the batteries still there at an event's end, worked by hand. */
class BatteryLossesTest {

  /** Against sums of binomial terms (Python's math.comb). */
  @Test
  void theTenthPercentileOfTheBatteriesThatStay() {
    assertThat(BatteryLosses.tenthPercentile(16, 0.97)).isEqualTo(15);
    assertThat(BatteryLosses.tenthPercentile(200, 0.97)).isEqualTo(191);
    assertThat(BatteryLosses.tenthPercentile(1, 0.95)).isEqualTo(1);
    assertThat(BatteryLosses.tenthPercentile(10, 0.5)).isEqualTo(3);
    assertThat(BatteryLosses.tenthPercentile(16, 0.9)).isEqualTo(13);
    assertThat(BatteryLosses.tenthPercentile(5, 1)).isEqualTo(5);
    // p^n underflows: the normal approximation, 1,000,000 · 0.999 − 1.28 · √999 = 998,959.5
    assertThat(BatteryLosses.tenthPercentile(1_000_000, 0.999)).isEqualTo(998_959);
  }

  @Test
  void aNewFleetTakesThePriorOfOneLossInTwentyBatteryDays() {
    BatteryLosses l = new BatteryLosses();
    assertThat(l.perHour()).isCloseTo(1.0 / 480, within(1e-12));
    // 16 batteries, 5 hours to the event's end: each stays with exp(-5/480) = 0.98963
    assertThat(l.p10Share(16, Duration.ofHours(5))).isCloseTo(15 / 16.0, within(1e-12));
    assertThat(l.p10Share(0, Duration.ofHours(5))).isEqualTo(1);
  }

  @Test
  void theSumsSurviveARestart() {
    BatteryLosses l = new BatteryLosses();
    int[] batteries = {0, 1};
    l.observe(Duration.ofMinutes(1), batteries, d -> true);
    l.observe(Duration.ofMinutes(1), batteries, d -> d == 0);
    BatteryLosses back = new BatteryLosses();
    back.read(l.write());
    assertThat(back.perHour()).isEqualTo(l.perHour());
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> back.read("{\"losses\":-1}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("battery losses without their sums");
  }

  @Test
  void learnsTheRateFromLossesOverBatteryHours() {
    BatteryLosses l = new BatteryLosses();
    int[] batteries = {0, 1, 2, 3};
    Duration step = Duration.ofMinutes(1);
    double decay = Math.exp(-60.0 / BatteryLosses.MEMORY.toSeconds());
    // an hour with all four counted on, then battery 3 is lost
    double hours = 0;
    for (int m = 0; m < 60; m++) {
      l.observe(step, batteries, d -> true);
      hours = hours * decay + 4 / 60.0;
    }
    l.observe(step, batteries, d -> d != 3);
    hours = hours * decay + 3 / 60.0;
    assertThat(l.perHour()).isCloseTo((1 + 240 / 480.0) / (hours + 240), within(1e-12));
    // it comes back (no loss) and is lost again: a second loss
    double once = l.perHour();
    l.observe(step, batteries, d -> true);
    l.observe(step, batteries, d -> d != 3);
    assertThat(l.perHour()).isGreaterThan(once);
  }
}
