package org.openvpp.mv.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Hand-worked cases. The event is on Wednesday 19 July 2017, 14:00–16:00 (PDT); the adjustment
 * window is 10:00–13:00. Each reference day loads the same every hour, so a day's event-hour
 * average is its level.
 */
class PjmHighFourOfFiveTest {
  private static final LocalDate EVENT = LocalDate.of(2017, 7, 19);
  private static final DayCalendar CALENDAR = DayCalendar.usNerc(Set.of());
  private final PjmHighFourOfFive pjm = new PjmHighFourOfFive();

  private static MeterData july(Map<Integer, Double> levels, double eventDayWindow) {
    return Meters.hourly(
        LocalDate.of(2017, 6, 1),
        EVENT.plusDays(3),
        (d, h) -> {
          if (d.equals(EVENT)) {
            return h >= 10 && h < 13 ? eventDayWindow : 0.5;
          }
          if (d.getMonthValue() == 7 && levels.containsKey(d.getDayOfMonth())) {
            return levels.get(d.getDayOfMonth());
          }
          DayOfWeek w = d.getDayOfWeek();
          return w == DayOfWeek.SATURDAY || w == DayOfWeek.SUNDAY ? 100 : 2.0;
        });
  }

  @Test
  void keepsTheHighestFourOfTheFiveMostRecentWeekdaysAndAddsTheAdjustment() {
    // Basis: 18 (3), 17 (5), 14 (4), 13 (1), 12 (2) July. Mean 3, low-usage threshold 0.75: none.
    // High 4: 17, 14, 18, 12 → CBL (5 + 4 + 3 + 2) / 4 = 3.5. SAA: 4.0 − 3.5 = +0.5 → 4.0.
    MeterData m = july(Map.of(18, 3.0, 17, 5.0, 14, 4.0, 13, 1.0, 12, 2.0, 11, 6.0), 4.0);
    BaselineEstimate b = pjm.estimate(m, Meters.event(EVENT, 14, 16), CALENDAR);
    assertThat(b.referenceDays()).containsExactly(day(17), day(14), day(18), day(12));
    assertThat(b.unadjustedKwh(0)).isCloseTo(3.5, within(1e-9));
    assertThat(b.kwh(0)).isCloseTo(4.0, within(1e-9));
    assertThat(b.kwh(1)).isCloseTo(4.0, within(1e-9));
  }

  @Test
  void aLowUsageDayIsReplacedByTheNextMostRecentWeekday() {
    // 13 July at 0.1 is below 25 % of the basis mean (3 + 5 + 4 + 0.1 + 2) / 5 = 2.82 → 0.705, so
    // 11 July (6) replaces it. High 4 of 18, 17, 14, 12, 11: 6, 5, 4, 3 → CBL 4.5.
    // SAA: 3.0 − 4.5 = −1.5 → 3.0.
    MeterData m = july(Map.of(18, 3.0, 17, 5.0, 14, 4.0, 13, 0.1, 12, 2.0, 11, 6.0), 3.0);
    BaselineEstimate b = pjm.estimate(m, Meters.event(EVENT, 14, 16), CALENDAR);
    assertThat(b.referenceDays()).containsExactly(day(11), day(17), day(14), day(18));
    assertThat(b.unadjustedKwh(0)).isCloseTo(4.5, within(1e-9));
    assertThat(b.kwh(0)).isCloseTo(3.0, within(1e-9));
  }

  @Test
  void theAdjustedBaselineIsNeverNegative() {
    // CBL 3.5 as in the first case; the window loads 0 → SAA −3.5 → 0, not below.
    MeterData m = july(Map.of(18, 3.0, 17, 5.0, 14, 4.0, 13, 1.0, 12, 2.0), 0.0);
    BaselineEstimate b = pjm.estimate(m, Meters.event(EVENT, 14, 16), CALENDAR);
    assertThat(b.kwh(0)).isZero();
  }

  @Test
  void aSaturdayEventKeepsTheHighTwoOfTheThreeMostRecentSaturdays() {
    // Saturday 22 July: Saturdays 15 (6), 8 (2), 1 (4) July → high 2: 6 and 4 → 5.
    // 4 July is a holiday (Sunday/holiday type), not a Saturday. 22 July loads 5.0 in the window:
    // SAA 5 − 5 = 0.
    LocalDate sat = LocalDate.of(2017, 7, 22);
    MeterData m =
        Meters.hourly(
            LocalDate.of(2017, 6, 1),
            sat,
            (d, h) -> {
              if (d.equals(sat)) {
                return 5.0;
              }
              if (d.getMonthValue() == 7) {
                Double level = Map.of(15, 6.0, 8, 2.0, 1, 4.0).get(d.getDayOfMonth());
                if (level != null) {
                  return level;
                }
              }
              return 50;
            });
    BaselineEstimate b = pjm.estimate(m, Meters.event(sat, 14, 16), CALENDAR);
    assertThat(b.referenceDays()).containsExactly(day(15), day(1));
    assertThat(b.kwh(0)).isCloseTo(5.0, within(1e-9));
  }

  private static LocalDate day(int july) {
    return LocalDate.of(2017, 7, july);
  }
}
