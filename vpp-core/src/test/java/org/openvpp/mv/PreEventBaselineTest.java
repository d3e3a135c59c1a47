package org.openvpp.mv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.openvpp.time.Horizon;

class PreEventBaselineTest {
  static final Horizon H =
      new Horizon(Instant.parse("2019-08-16T00:00:00Z"), Duration.ofMinutes(15), 8);

  @Test
  void deliveredIsBaselineMinusActualPerInterval() {
    // Before the event the battery charges gently at 0.4 kW (0.1 kWh per quarter hour); during
    // intervals 4..6 it discharges at 4, 4 and 2 kW against a committed 3 kW.
    double[] metered = {0.1, 0.1, 0.1, 0.1, -1.0, -1.0, -0.5, 0};
    double[] committed = {0, 0, 0, 0, 3, 3, 3, 0};
    EventPerformance p = new PreEventBaseline(4).measure(H, metered, committed);
    assertThat(p.intervals()).hasSize(3);
    IntervalPerformance first = p.intervals().get(0);
    assertThat(first.baseline().kilowatts()).isCloseTo(0.4, within(1e-9));
    assertThat(first.delivered().kilowatts()).isCloseTo(4.4, within(1e-9));
    assertThat(first.shortfall().kilowatts()).isZero();
    IntervalPerformance last = p.intervals().get(2);
    assertThat(last.delivered().kilowatts()).isCloseTo(2.4, within(1e-9));
    assertThat(last.shortfall().kilowatts()).isCloseTo(0.6, within(1e-9));
    assertThat(p.committed().kilowattHours()).isCloseTo(2.25, within(1e-9));
    assertThat(p.delivered().kilowattHours()).isCloseTo((4.4 + 4.4 + 2.4) / 4, within(1e-9));
    assertThat(p.worstShortfall().kilowatts()).isCloseTo(0.6, within(1e-9));
  }

  @Test
  void noCommitmentMeansNoEvent() {
    EventPerformance p = new PreEventBaseline(4).measure(H, new double[8], new double[8]);
    assertThat(p.intervals()).isEmpty();
    assertThat(p.deliveredRatio()).isZero();
  }

  @Test
  void refusesAnEventWithoutEnoughHistoryBeforeIt() {
    double[] committed = {0, 0, 3, 0, 0, 0, 0, 0};
    assertThatThrownBy(() -> new PreEventBaseline(4).measure(H, new double[8], committed))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs 4 before it");
  }

  @Test
  void theBaselineCanEndAtTheNoticeBeforePreparationBegan() {
    // Idle until interval 2, then pre-charging at 2 kW from the notice, discharging 4 kW in 6..7.
    Horizon h = new Horizon(H.start(), Duration.ofMinutes(15), 8);
    double[] metered = {0, 0, 0.5, 0.5, 0.5, 0.5, -1, -1};
    double[] committed = {0, 0, 0, 0, 0, 0, 4, 4};
    EventPerformance p = new PreEventBaseline(2).measure(h, metered, committed, 2);
    assertThat(p.intervals().get(0).baseline().kilowatts()).isZero();
    assertThat(p.deliveredRatio()).isCloseTo(1, within(1e-9));
  }
}
