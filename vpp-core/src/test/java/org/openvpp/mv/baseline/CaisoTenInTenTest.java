package org.openvpp.mv.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Hand-worked cases. July 2017: the event is on Wednesday 19 July, 16:00–18:00 (PDT); its day-of
 * window is 12:00–15:00. Tuesday 4 July is a holiday; Wednesday 12 July had an event.
 */
class CaisoTenInTenTest {
  private static final LocalDate EVENT = LocalDate.of(2017, 7, 19);
  private static final DayCalendar CALENDAR = DayCalendar.usNerc(Set.of(LocalDate.of(2017, 7, 12)));
  private final CaisoTenInTen caiso = new CaisoTenInTen();

  /**
   * Weekdays load 2.0 kWh every hour, except 18 July (4.0); weekends, the holiday and the earlier
   * event day load 100 (they must not be used). On the event day the day-of window loads {@code
   * window}, other hours 1.0.
   */
  private static MeterData july(LocalDate from, double window) {
    return Meters.hourly(
        from,
        EVENT,
        (d, h) -> {
          if (d.equals(EVENT)) {
            return h >= 12 && h < 15 ? window : 1.0;
          }
          DayOfWeek w = d.getDayOfWeek();
          if (w == DayOfWeek.SATURDAY
              || w == DayOfWeek.SUNDAY
              || d.equals(LocalDate.of(2017, 7, 4))
              || d.equals(LocalDate.of(2017, 7, 12))) {
            return 100;
          }
          return d.equals(LocalDate.of(2017, 7, 18)) ? 4.0 : 2.0;
        });
  }

  @Test
  void averagesTheTenMostRecentNonEventWeekdaysAndScalesByTheDayOfRatio() {
    // Reference days: 18, 17, 14, 13, 11, 10, 7, 6, 5, 3 July (12 July had an event, 4 July is a
    // holiday). Unadjusted: (4.0 + 9 × 2.0) / 10 = 2.2. Day-of: 2.42 / 2.2 = 1.1 → 2.42.
    BaselineEstimate b = caiso.estimate(july(LocalDate.of(2017, 6, 1), 2.42), event(), CALENDAR);
    assertThat(b.referenceDays())
        .containsExactly(
            day(18), day(17), day(14), day(13), day(11), day(10), day(7), day(6), day(5), day(3));
    assertThat(b.count()).isEqualTo(2);
    for (int i = 0; i < 2; i++) {
      assertThat(b.unadjustedKwh(i)).isCloseTo(2.2, within(1e-9));
      assertThat(b.kwh(i)).isCloseTo(2.42, within(1e-9));
    }
  }

  @Test
  void theDayOfFactorIsCappedAtPlusTwentyPercent() {
    // 3.3 / 2.2 = 1.5, capped to 1.2: 2.2 × 1.2 = 2.64.
    BaselineEstimate b = caiso.estimate(july(LocalDate.of(2017, 6, 1), 3.3), event(), CALENDAR);
    assertThat(b.kwh(0)).isCloseTo(2.64, within(1e-9));
  }

  @Test
  void theDayOfFactorIsCappedAtMinusTwentyPercent() {
    // 1.0 / 2.2 = 0.45, capped to 0.8: 2.2 × 0.8 = 1.76.
    BaselineEstimate b = caiso.estimate(july(LocalDate.of(2017, 6, 1), 1.0), event(), CALENDAR);
    assertThat(b.kwh(1)).isCloseTo(1.76, within(1e-9));
  }

  @Test
  void usesFewerThanTenDaysWhenAtLeastFiveAreAvailable() {
    // Data from 10 July: 18, 17, 14, 13, 11, 10 July → (4 + 5 × 2) / 6 = 2.3333.
    BaselineEstimate b =
        caiso.estimate(july(LocalDate.of(2017, 7, 10), 7.0 / 3), event(), CALENDAR);
    assertThat(b.referenceDays()).hasSize(6);
    assertThat(b.unadjustedKwh(0)).isCloseTo(7.0 / 3, within(1e-9));
    assertThat(b.kwh(0)).isCloseTo(7.0 / 3, within(1e-9));
  }

  @Test
  void fewerThanFiveWeekdaysIsNotEnoughHistory() {
    MeterData m = july(LocalDate.of(2017, 7, 14), 2.0); // 18, 17, 14 July only
    assertThatThrownBy(() -> caiso.estimate(m, event(), CALENDAR))
        .isInstanceOfSatisfying(
            BaselineException.class,
            e -> assertThat(e.reason()).isEqualTo(BaselineException.Reason.NOT_ENOUGH_HISTORY))
        .hasMessageContaining("at least 5 non-event weekday days")
        .hasMessageContaining("found 3");
  }

  @Test
  void aWeekendEventUsesTheFourMostRecentWeekendOrHolidayDays() {
    // Saturday 22 July. Like days: 16 (8.0), 15 (6.0), 9 (4.0), 8 (2.0) July; 4 July (holiday,
    // 50) and older weekends are beyond the four. (8 + 6 + 4 + 2) / 4 = 5; day-of 5 / 5 = 1.
    LocalDate sat = LocalDate.of(2017, 7, 22);
    MeterData m =
        Meters.hourly(
            LocalDate.of(2017, 6, 1),
            sat,
            (d, h) ->
                switch (d.getDayOfMonth()) {
                  case 16 -> d.getMonthValue() == 7 ? 8.0 : 50;
                  case 15 -> d.getMonthValue() == 7 ? 6.0 : 50;
                  case 9 -> d.getMonthValue() == 7 ? 4.0 : 50;
                  case 8 -> d.getMonthValue() == 7 ? 2.0 : 50;
                  case 22 -> 5.0;
                  default -> 50;
                });
    BaselineEstimate b = caiso.estimate(m, Meters.event(sat, 16, 18), CALENDAR);
    assertThat(b.referenceDays()).containsExactly(day(16), day(15), day(9), day(8));
    assertThat(b.kwh(0)).isCloseTo(5.0, within(1e-9));
  }

  @Test
  void anEventAcrossMidnightIsRefusedInTheSitesOwnClockTime() {
    MeterData m = july(LocalDate.of(2017, 6, 1), 2.0);
    var across =
        new org.openvpp.time.Interval(
            Meters.event(EVENT.minusDays(1), 22, 23).start(), Meters.event(EVENT, 1, 2).start());
    assertThatThrownBy(() -> caiso.estimate(m, across, CALENDAR))
        .isInstanceOfSatisfying(
            BaselineException.class,
            e -> assertThat(e.reason()).isEqualTo(BaselineException.Reason.EVENT_CROSSES_MIDNIGHT))
        .hasMessageContaining("event [2017-07-18T22:00:00-07:00, 2017-07-19T01:00:00-07:00)")
        .hasMessageNotContaining("Z,");
  }

  @Test
  void aMissingDayOfWindowIsNamedInTheSitesOwnClockTime() {
    // the data starts at midnight on 1 June: an event at 02:00 that day has its day-of window
    // (22:00–01:00) partly before the data
    MeterData m = july(LocalDate.of(2017, 6, 1), 2.0);
    var early = Meters.event(LocalDate.of(2017, 6, 1), 2, 3);
    assertThatThrownBy(() -> caiso.estimate(m, early, CALENDAR))
        .isInstanceOfSatisfying(
            BaselineException.class,
            e -> assertThat(e.reason()).isEqualTo(BaselineException.Reason.NOT_ENOUGH_HISTORY))
        .hasMessageContaining("before the event [2017-06-01T02:00:00-07:00,")
        .hasMessageNotContaining("Z,");
  }

  @Test
  void anEventAfterTheDataIsRefused() {
    MeterData m = july(LocalDate.of(2017, 6, 1), 2.0);
    assertThatThrownBy(() -> caiso.estimate(m, Meters.event(EVENT.plusDays(1), 16, 18), CALENDAR))
        .isInstanceOfSatisfying(
            BaselineException.class,
            e -> assertThat(e.reason()).isEqualTo(BaselineException.Reason.EVENT_OUTSIDE_DATA));
  }

  @Test
  void nercHolidaysAreTheSixObservedDays() {
    Holidays h = Holidays.usNerc();
    List<LocalDate> y2017 =
        List.of(
            LocalDate.of(2017, 1, 2), // 1 Jan was a Sunday: observed Monday
            LocalDate.of(2017, 5, 29),
            LocalDate.of(2017, 7, 4),
            LocalDate.of(2017, 9, 4),
            LocalDate.of(2017, 11, 23),
            LocalDate.of(2017, 12, 25));
    int count = 0;
    for (LocalDate d = LocalDate.of(2017, 1, 1); d.getYear() == 2017; d = d.plusDays(1)) {
      if (h.isHoliday(d)) {
        assertThat(y2017).contains(d);
        count++;
      }
    }
    assertThat(count).isEqualTo(6);
  }

  private static org.openvpp.time.Interval event() {
    return Meters.event(EVENT, 16, 18);
  }

  private static LocalDate day(int july) {
    return LocalDate.of(2017, 7, july);
  }
}
