package org.openvpp.mv.baseline;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;
import java.util.Set;

/**
 * Which local dates are holidays for the baseline methods (holidays are grouped with weekends).
 *
 * <p>{@link #usNerc()} is the NERC holiday calendar that CAISO and PJM use for demand response
 * baselines: New Year's Day, Memorial Day (last Monday of May), Independence Day, Labor Day (first
 * Monday of September), Thanksgiving (fourth Thursday of November) and Christmas Day; a fixed-date
 * holiday that falls on a Sunday is observed on the Monday after, one that falls on a Saturday is
 * not moved.
 */
@FunctionalInterface
public interface Holidays {

  boolean isHoliday(LocalDate date);

  /** No holidays: only weekends differ from weekdays. */
  static Holidays none() {
    return date -> false;
  }

  /** Exactly the given dates. */
  static Holidays of(Set<LocalDate> dates) {
    Set<LocalDate> copy = Set.copyOf(dates);
    return copy::contains;
  }

  /** The NERC holidays (see the type's description). */
  static Holidays usNerc() {
    return Holidays::isNercHoliday;
  }

  private static boolean isNercHoliday(LocalDate d) {
    int y = d.getYear();
    return d.equals(observed(LocalDate.of(y, Month.JANUARY, 1)))
        || d.equals(observed(LocalDate.of(y, Month.JULY, 4)))
        || d.equals(observed(LocalDate.of(y, Month.DECEMBER, 25)))
        || d.equals(
            LocalDate.of(y, Month.MAY, 1).with(TemporalAdjusters.lastInMonth(DayOfWeek.MONDAY)))
        || d.equals(
            LocalDate.of(y, Month.SEPTEMBER, 1)
                .with(TemporalAdjusters.firstInMonth(DayOfWeek.MONDAY)))
        || d.equals(
            LocalDate.of(y, Month.NOVEMBER, 1)
                .with(TemporalAdjusters.dayOfWeekInMonth(4, DayOfWeek.THURSDAY)));
  }

  private static LocalDate observed(LocalDate fixed) {
    return fixed.getDayOfWeek() == DayOfWeek.SUNDAY ? fixed.plusDays(1) : fixed;
  }
}
