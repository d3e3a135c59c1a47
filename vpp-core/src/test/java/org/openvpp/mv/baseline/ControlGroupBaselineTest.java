package org.openvpp.mv.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Hand-worked case. Event Wednesday 19 July 2017, 16:00–18:00. Control sites load 2.0 and 4.0 every
 * hour (mean 3.0); treated sites load 3.0 and 3.6 before the event day (mean 3.3) and 1.0 on it.
 */
class ControlGroupBaselineTest {
  private static final LocalDate EVENT = LocalDate.of(2017, 7, 19);

  private static MeterData site(double level) {
    return Meters.hourly(LocalDate.of(2017, 6, 1), EVENT, (d, h) -> level);
  }

  private static MeterData treated(double level) {
    return Meters.hourly(LocalDate.of(2017, 6, 1), EVENT, (d, h) -> d.equals(EVENT) ? 1.0 : level);
  }

  @Test
  void differenceInMeansTakesTheControlMean() {
    BaselineEstimate b =
        new ControlGroupBaseline(ControlGroupBaseline.Estimator.DIFFERENCE_IN_MEANS)
            .estimate(
                List.of(treated(3.0), treated(3.6)),
                List.of(site(2.0), site(4.0)),
                Meters.event(EVENT, 16, 18),
                DayCalendar.usNerc(Set.of()));
    assertThat(b.kwhArray()).containsExactly(new double[] {3.0, 3.0}, within(1e-9));
  }

  @Test
  void prePeriodRatioScalesTheControlMean() {
    // Pre-period ratio 3.3 / 3.0 = 1.1 → 3.0 × 1.1 = 3.3.
    BaselineEstimate b =
        new ControlGroupBaseline(ControlGroupBaseline.Estimator.PRE_PERIOD_RATIO)
            .estimate(
                List.of(treated(3.0), treated(3.6)),
                List.of(site(2.0), site(4.0)),
                Meters.event(EVENT, 16, 18),
                DayCalendar.usNerc(Set.of()));
    assertThat(b.referenceDays()).hasSize(10);
    assertThat(b.kwhArray()).containsExactly(new double[] {3.3, 3.3}, within(1e-9));
  }
}
