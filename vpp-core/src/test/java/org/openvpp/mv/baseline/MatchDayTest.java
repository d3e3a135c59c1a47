package org.openvpp.mv.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Hand-worked cases. Event: Wednesday 19 July 2017, 16:00–19:00, at 95 °F all day. Each day's load
 * is its day of the month (kWh per hour), so the chosen day can be read off the baseline.
 */
class MatchDayTest {
  private static final LocalDate EVENT = LocalDate.of(2017, 7, 19);
  private final MatchDay match = new MatchDay();

  private static MeterData july(Map<Integer, Double> temps) {
    return Meters.hourly(
        LocalDate.of(2017, 6, 1),
        EVENT,
        (d, h) -> d.getDayOfMonth(),
        (d, h) -> {
          if (d.equals(EVENT)) {
            return 95;
          }
          Double t = d.getMonthValue() == 7 ? temps.get(d.getDayOfMonth()) : null;
          return t == null ? 60 : t;
        });
  }

  @Test
  void picksTheNonEventWeekdayWithTheClosestEventHourTemperature() {
    // 13 July matches exactly (95). 15 July (Saturday) and 12 July (an event day) also do, but
    // are not eligible.
    MeterData m = july(Map.of(18, 80.0, 17, 94.0, 14, 96.0, 13, 95.0, 15, 95.0, 12, 95.0));
    BaselineEstimate b =
        match.estimate(m, Meters.event(EVENT, 16, 19), DayCalendar.usNerc(Set.of(day(12))));
    assertThat(b.referenceDays()).containsExactly(day(13));
    assertThat(b.kwh(0)).isCloseTo(13, within(1e-9));
  }

  @Test
  void onATieTheMostRecentDayWins() {
    // 17 July (94) and 14 July (96) are both 1 °F away: 17 July is more recent.
    MeterData m = july(Map.of(18, 80.0, 17, 94.0, 14, 96.0));
    BaselineEstimate b =
        match.estimate(m, Meters.event(EVENT, 16, 19), DayCalendar.usNerc(Set.of()));
    assertThat(b.referenceDays()).containsExactly(day(17));
    assertThat(b.kwh(2)).isCloseTo(17, within(1e-9));
  }

  @Test
  void withoutTemperatureItSaysSo() {
    MeterData m = Meters.hourly(LocalDate.of(2017, 6, 1), EVENT, (d, h) -> 1.0);
    assertThatThrownBy(
            () -> match.estimate(m, Meters.event(EVENT, 16, 19), DayCalendar.usNerc(Set.of())))
        .isInstanceOfSatisfying(
            BaselineException.class,
            e -> assertThat(e.reason()).isEqualTo(BaselineException.Reason.NEEDS_TEMPERATURE));
  }

  private static LocalDate day(int july) {
    return LocalDate.of(2017, 7, july);
  }
}
