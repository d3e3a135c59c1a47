package org.openvpp.mv.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CalTrackHourlyTest {
  private static final LocalDate EVENT = LocalDate.of(2017, 7, 19);

  /** Temperature swinging between 50 and 90 °F with the hour, drifting from day to day. */
  private static double temp(LocalDate d, int h) {
    return 70 + 20 * Math.sin(2 * Math.PI * h / 24 + d.getDayOfYear() * 0.37);
  }

  /**
   * A load the model can represent exactly: a time-of-week shape (1.0, +0.5 from 17:00 to 21:00,
   * +0.2 at weekends) plus 0.1 kWh per °F above 65 °F.
   */
  private static double load(LocalDate d, int h, double t) {
    boolean weekend =
        d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
    return 1.0 + (h >= 17 && h < 21 ? 0.5 : 0) + (weekend ? 0.2 : 0) + 0.1 * Math.max(0, t - 65);
  }

  @Test
  void recoversALoadItCanRepresentExactly() {
    // Event day 19 July at 85 °F from 16:00 to 20:00. Expected per hour: 1.0 (+0.5 from 17:00)
    // + 0.1 × (85 − 65) = 2.0 → 3.0, 3.5, 3.5, 3.5.
    MeterData m =
        Meters.hourly(
            LocalDate.of(2017, 1, 1),
            EVENT,
            (d, h) -> d.equals(EVENT) ? 0.0 : load(d, h, temp(d, h)),
            (d, h) -> d.equals(EVENT) ? 85 : temp(d, h));
    BaselineEstimate b =
        new CalTrackHourly()
            .estimate(m, Meters.event(EVENT, 16, 20), DayCalendar.usNerc(Set.of(EVENT)));
    assertThat(b.kwhArray()).containsExactly(new double[] {3.0, 3.5, 3.5, 3.5}, within(1e-6));
  }

  @Test
  void mergesBinsWithFewerThanTwentyHours() {
    // Temperatures from 50 to 90 °F: the bins below 30 and 30–45 are empty and merge upwards; the
    // top bin (≥ 90) holds almost nothing and merges downwards.
    MeterData m =
        Meters.hourly(LocalDate.of(2017, 1, 1), EVENT, (d, h) -> 1.0, CalTrackHourlyTest::temp);
    CalTrackHourly.Model model =
        CalTrackHourly.fit(m, LocalDate.of(2017, 1, 1), EVENT, DayCalendar.usNerc(Set.of()));
    assertThat(model.endpoints()).containsExactly(55, 65, 75);
  }

  @Test
  void piecewiseFeaturesAddUpToTheTemperature() {
    double[] f = new double[4];
    CalTrackHourly.features(70, new double[] {55, 65, 75}, f);
    // min(70, 55) = 55; 65 − 55 = 10; 70 − 65 = 5; 0 above 75.
    assertThat(f).containsExactly(55, 10, 5, 0);
  }

  @Test
  void needsNinetyDaysOfHistory() {
    MeterData m =
        Meters.hourly(LocalDate.of(2017, 5, 1), EVENT, (d, h) -> 1.0, CalTrackHourlyTest::temp);
    assertThatThrownBy(
            () ->
                new CalTrackHourly()
                    .estimate(m, Meters.event(EVENT, 16, 20), DayCalendar.usNerc(Set.of())))
        .isInstanceOfSatisfying(
            BaselineException.class,
            e -> assertThat(e.reason()).isEqualTo(BaselineException.Reason.NOT_ENOUGH_HISTORY))
        .hasMessageContaining("at least 90 days");
  }
}
