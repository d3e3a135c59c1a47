package org.openvpp.service.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openvpp.device.Battery;
import org.openvpp.device.DeviceId;
import org.openvpp.mv.baseline.DayCalendar;
import org.openvpp.time.Interval;
import org.openvpp.twin.Telemetry;
import org.openvpp.twin.TwinStore;
import org.openvpp.units.Energy;
import org.openvpp.units.Power;

/** The batteries' usual discharge, worked by hand on a few weeks of made-up days. */
class BatteryRecordTest {
  private static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");
  private static final Duration STEP = Duration.ofMinutes(1);
  private static final LocalDate EVENT_DAY = LocalDate.of(2026, 8, 20); // a Thursday

  private final TwinStore twins = new TwinStore(Duration.ofMinutes(10));
  private final int[] batteries = new int[2];
  private final BatteryRecord record = new BatteryRecord(Duration.ofMinutes(15), ZONE);
  private long sequence;

  BatteryRecordTest() {
    for (int i = 0; i < batteries.length; i++) {
      batteries[i] =
          twins.register(
              new Battery(
                  DeviceId.of("b" + i),
                  Energy.ofKilowattHours(13.5),
                  Power.ofKilowatts(5),
                  Power.ofKilowatts(5),
                  0.9,
                  Energy.ofKilowattHours(2)));
    }
  }

  /**
   * Each battery discharging {@code kw} (the first) and {@code kw / 2} (the second) from 17:00 to
   * 20:00 local time on {@code day}, a step a minute; with {@code gapAt} a quarter hour unseen.
   */
  private void evening(LocalDate day, double kw, Optional<LocalTime> gapAt) {
    for (LocalTime t = LocalTime.of(17, 0); t.isBefore(LocalTime.of(20, 0)); t = t.plus(STEP)) {
      if (gapAt.isPresent()
          && !t.isBefore(gapAt.get())
          && t.isBefore(gapAt.get().plusMinutes(15))) {
        continue;
      }
      Instant now = day.atTime(t).atZone(ZONE).toInstant();
      sequence++;
      for (int i = 0; i < batteries.length; i++) {
        twins.apply(
            new Telemetry(
                twins.device(batteries[i]).id(),
                now,
                sequence,
                Power.ofKilowatts(i == 0 ? -kw : -kw / 2),
                Energy.ofKilowattHours(8),
                Optional.empty(),
                Optional.empty()));
      }
      record.observe(now, STEP, twins, batteries);
    }
  }

  @Test
  void averagesTheTenLatestWeekdaysThatWereNoEventDaysAndAreWhole() {
    LocalDate eventDayBefore = EVENT_DAY.minusDays(1); // Wednesday 19th: an event day
    LocalDate gapDay = EVENT_DAY.minusDays(2); // Tuesday 18th: a quarter hour unseen
    for (LocalDate d = EVENT_DAY.minusDays(30); d.isBefore(EVENT_DAY); d = d.plusDays(1)) {
      boolean weekend =
          d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
      double kw;
      if (weekend || d.equals(eventDayBefore) || d.equals(gapDay)) {
        kw = 4; // never used
      } else if (d.isBefore(EVENT_DAY.minusDays(16))) {
        kw = 3; // weekdays beyond the ten latest: never used
      } else {
        kw = 1; // the weekdays in use: 1 kW and 0.5 kW, 1.5 kW in all
      }
      evening(d, kw, d.equals(gapDay) ? Optional.of(LocalTime.of(18, 15)) : Optional.empty());
    }
    DayCalendar calendar = DayCalendar.usNerc(Set.of(eventDayBefore));
    Interval window =
        Interval.of(EVENT_DAY.atTime(18, 0).atZone(ZONE).toInstant(), Duration.ofHours(2));

    BatteryRecord.Usual usual = record.usual(window, calendar, STEP).orElseThrow();

    // Weekdays before the 20th, newest first, without the 19th (event) and the 18th (gap): 17, 14,
    // 13, 12, 11, 10, 7, 6, 5, 4.
    assertThat(usual.days())
        .containsExactly(
            EVENT_DAY.minusDays(3),
            EVENT_DAY.minusDays(6),
            EVENT_DAY.minusDays(7),
            EVENT_DAY.minusDays(8),
            EVENT_DAY.minusDays(9),
            EVENT_DAY.minusDays(10),
            EVENT_DAY.minusDays(13),
            EVENT_DAY.minusDays(14),
            EVENT_DAY.minusDays(15),
            EVENT_DAY.minusDays(16));
    assertThat(usual.kw()).hasSize(8);
    for (double kw : usual.kw()) {
      assertThat(kw).isCloseTo(1.5, within(1e-9));
    }
    assertThat(usual.peakKw()).isCloseTo(1.5, within(1e-9));
  }

  @Test
  void aRecordWrittenAndReadBackGivesTheSameUsualDischarge() {
    for (LocalDate d = EVENT_DAY.minusDays(12); d.isBefore(EVENT_DAY); d = d.plusDays(1)) {
      evening(d, 1 + d.getDayOfMonth() % 3, Optional.empty());
    }
    Interval window =
        Interval.of(EVENT_DAY.atTime(18, 0).atZone(ZONE).toInstant(), Duration.ofHours(2));
    DayCalendar calendar = DayCalendar.usNerc(Set.of());
    BatteryRecord back = new BatteryRecord(Duration.ofMinutes(15), ZONE);
    back.read(record.write());
    assertThat(back.usual(window, calendar, STEP)).isEqualTo(record.usual(window, calendar, STEP));
    assertThat(back.write()).isEqualTo(record.write());
  }

  @Test
  void aRecordThatIsNotOneIsRefused() {
    BatteryRecord r = new BatteryRecord(Duration.ofMinutes(15), ZONE);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> r.read("{\"nope\":1}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a battery record without its days");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> r.read("{"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("a battery record that is not JSON");
  }

  @Test
  void aWindowTheRecordDoesNotCoverHasNoUsualDischarge() {
    evening(EVENT_DAY.minusDays(1), 1, Optional.empty());
    Interval morning =
        Interval.of(EVENT_DAY.atTime(7, 0).atZone(ZONE).toInstant(), Duration.ofHours(2));
    assertThat(record.usual(morning, DayCalendar.usNerc(Set.of()), STEP)).isEmpty();
  }

  @Test
  void anOfflineBatteryGivesNothingToTheRecord() {
    LocalDate day = EVENT_DAY.minusDays(1);
    LocalDate before = day.minusDays(1);
    // the 18th: the first battery has not reported yet, only the second counts
    for (LocalTime t = LocalTime.of(17, 0); t.isBefore(LocalTime.of(20, 0)); t = t.plus(STEP)) {
      Instant now = before.atTime(t).atZone(ZONE).toInstant();
      sequence++;
      twins.apply(
          new Telemetry(
              twins.device(batteries[1]).id(),
              now,
              sequence,
              Power.ofKilowatts(-1),
              Energy.ofKilowattHours(8),
              Optional.empty(),
              Optional.empty()));
      record.observe(now, STEP, twins, batteries);
    }
    evening(day, 2, Optional.empty());
    Interval window =
        Interval.of(EVENT_DAY.atTime(18, 0).atZone(ZONE).toInstant(), Duration.ofHours(1));
    BatteryRecord.Usual usual =
        record.usual(window, DayCalendar.usNerc(Set.of()), STEP).orElseThrow();
    // the 19th: 2 + 1 kW; the 18th: the second battery's 1 kW alone
    assertThat(usual.days()).containsExactly(day, before);
    assertThat(usual.peakKw()).isCloseTo((3 + 1) / 2.0, within(1e-9));
  }
}
