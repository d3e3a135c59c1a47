package org.openvpp.mv.baseline;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Set;

/**
 * What the look-back windows need to know about days: which are holidays and which had events
 * (event days are never reference days).
 *
 * @param holidays the holiday calendar
 * @param eventDays the local dates on which the site had an event
 */
public record DayCalendar(Holidays holidays, Set<LocalDate> eventDays) {

  /** The CAISO day types: non-holiday weekdays, and weekends with holidays. */
  public enum DayType {
    WEEKDAY,
    WEEKEND_OR_HOLIDAY
  }

  public DayCalendar {
    Objects.requireNonNull(holidays, "holidays");
    eventDays = Set.copyOf(eventDays);
  }

  /** NERC holidays and the given event days. */
  public static DayCalendar usNerc(Set<LocalDate> eventDays) {
    return new DayCalendar(Holidays.usNerc(), eventDays);
  }

  public boolean isEventDay(LocalDate date) {
    return eventDays.contains(date);
  }

  public boolean isHoliday(LocalDate date) {
    return holidays.isHoliday(date);
  }

  public DayType dayType(LocalDate date) {
    DayOfWeek w = date.getDayOfWeek();
    boolean weekend = w == DayOfWeek.SATURDAY || w == DayOfWeek.SUNDAY;
    return weekend || isHoliday(date) ? DayType.WEEKEND_OR_HOLIDAY : DayType.WEEKDAY;
  }
}
