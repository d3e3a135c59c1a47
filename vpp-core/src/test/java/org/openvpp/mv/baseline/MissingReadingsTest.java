package org.openvpp.mv.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openvpp.time.Interval;

/** A site's history with holes in it, and the day-of mean that needs only the event day. */
class MissingReadingsTest {
  private static final LocalDate EVENT = LocalDate.of(2017, 7, 19);
  private static final DayCalendar CALENDAR = DayCalendar.usNerc(Set.of());

  /** Weekdays of July 2017 load 2.0 every hour; {@code holes} days have no readings at all. */
  private static MeterData july(Set<LocalDate> holes) {
    ZonedDateTime start = LocalDate.of(2017, 6, 1).atStartOfDay(Meters.LA);
    int n = (int) Duration.between(start, EVENT.plusDays(1).atStartOfDay(Meters.LA)).toHours();
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      ZonedDateTime z = start.plusHours(i);
      DayOfWeek w = z.getDayOfWeek();
      boolean weekend = w == DayOfWeek.SATURDAY || w == DayOfWeek.SUNDAY;
      v[i] = holes.contains(z.toLocalDate()) ? Double.NaN : weekend ? 100 : 2.0;
      if (z.toLocalDate().equals(EVENT) && !holes.contains(EVENT)) {
        v[i] = z.getHour() >= 12 && z.getHour() < 15 ? 3.0 : 1.0;
      }
    }
    return MeterData.withMissing(Meters.LA, start.toInstant(), Duration.ofHours(1), v);
  }

  @Test
  void aDayWithoutItsReadingsIsNeverAReferenceDay() {
    Set<LocalDate> holes = Set.of(LocalDate.of(2017, 7, 18), LocalDate.of(2017, 7, 17));
    BaselineEstimate b = new CaisoTenInTen().estimate(july(holes), event(), CALENDAR);
    assertThat(b.referenceDays()).doesNotContainAnyElementsOf(holes).hasSize(10);
    assertThat(b.referenceDays().get(0)).isEqualTo(LocalDate.of(2017, 7, 14));
  }

  @Test
  void tooFewDaysWithReadingsAreNotEnoughHistory() {
    Set<LocalDate> holes = new java.util.HashSet<>();
    for (LocalDate d = LocalDate.of(2017, 6, 1); d.isBefore(EVENT); d = d.plusDays(1)) {
      if (d.isBefore(LocalDate.of(2017, 7, 14))) {
        holes.add(d);
      }
    }
    assertThatThrownBy(() -> new CaisoTenInTen().estimate(july(holes), event(), CALENDAR))
        .isInstanceOf(BaselineException.class)
        .extracting(e -> ((BaselineException) e).reason())
        .isEqualTo(BaselineException.Reason.NOT_ENOUGH_HISTORY);
  }

  @Test
  void theDayOfMeanHoldsTheAfternoonFlatThroughTheEvent() {
    // the event day loads 3.0 from 12:00 to 15:00, the window that ends an hour before 16:00
    BaselineEstimate b = new DayOfMean().estimate(july(Set.of()), event(), CALENDAR);
    assertThat(b.method()).isEqualTo("day-of-mean");
    assertThat(b.count()).isEqualTo(2);
    assertThat(b.kwh(0)).isCloseTo(3.0, within(1e-12));
    assertThat(b.kwh(1)).isCloseTo(3.0, within(1e-12));
    assertThat(b.referenceDays()).containsExactly(EVENT);
  }

  @Test
  void theDayOfMeanNeedsTheEventDaysAfternoon() {
    assertThatThrownBy(() -> new DayOfMean().estimate(july(Set.of(EVENT)), event(), CALENDAR))
        .isInstanceOf(BaselineException.class)
        .hasMessageContaining("day-of-mean needs meter data");
  }

  @Test
  void aMissingReadingHasNoEnergy() {
    MeterData m = july(Set.of(LocalDate.of(2017, 7, 18)));
    int i = m.indexOf(ZonedDateTime.of(2017, 7, 18, 5, 0, 0, 0, Meters.LA).toInstant());
    assertThat(m.hasReading(i)).isFalse();
    assertThatThrownBy(() -> m.energy(i)).hasMessageContaining("has no reading");
  }

  private static Interval event() {
    return Meters.event(EVENT, 16, 18);
  }
}
