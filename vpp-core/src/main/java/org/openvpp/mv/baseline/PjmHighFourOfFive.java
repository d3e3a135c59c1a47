package org.openvpp.mv.baseline;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.openvpp.time.Interval;

/**
 * PJM's economic load response Customer Baseline Load (CBL): "high 4 of 5" with the symmetric
 * additive adjustment (SAA), as defined in PJM Manual 11 (Energy & Ancillary Services Market
 * Operations), section 10 "Demand Resource (Economic Load Response)", subsection on the Customer
 * Baseline Load.
 *
 * <p><b>Definition implemented.</b>
 *
 * <ol>
 *   <li>Day types: weekdays (Monday–Friday, not a NERC holiday), Saturdays (not holidays), and
 *       Sundays with holidays.
 *   <li>CBL basis window: the most recent days of the event day's type, searching back at most 45
 *       calendar days from the day before the event, leaving out event days: 5 days for a weekday
 *       event, 3 for a Saturday or a Sunday/holiday event. Fewer than that: {@code
 *       NOT_ENOUGH_HISTORY}.
 *   <li>Low-usage rule (weekdays): a basis day whose average load over the event hours is below 25
 *       % of the average of the five days' event-hour averages is replaced by the next most recent
 *       eligible weekday (one pass; when no replacement is left the low day stays).
 *   <li>Selection: of the basis days, the 4 (weekday) or 2 (weekend/holiday) with the highest
 *       average load over the event hours ("high 4 of 5", "high 2 of 3"); on a tie the more recent
 *       day wins.
 *   <li>CBL: per event interval, the average of the selected days' load at the same clock time.
 *   <li>Symmetric additive adjustment: the average actual load on the event day over the three
 *       hours that start four hours before the event (hours −4 to −2, i.e. ending one hour before
 *       the start) minus the CBL's average over the same hours; added to every CBL interval,
 *       whatever its sign. An adjusted value below zero is set to zero.
 * </ol>
 *
 * <p>Not modelled: PJM's alternative CBLs (approved by PJM per site), the exclusion of days with
 * outages, and settlement-specific rounding. Thread-safe (stateless).
 */
public final class PjmHighFourOfFive implements Baseline {

  public static final String NAME = "pjm-high4of5";

  static final int LOOKBACK_DAYS = 45;
  private static final Duration GAP = Duration.ofHours(1);
  private static final Duration WINDOW = Duration.ofHours(3);

  /** PJM's CBL day types. */
  enum PjmDayType {
    WEEKDAY,
    SATURDAY,
    SUNDAY_OR_HOLIDAY
  }

  static PjmDayType dayType(LocalDate d, DayCalendar calendar) {
    if (calendar.isHoliday(d) || d.getDayOfWeek() == DayOfWeek.SUNDAY) {
      return PjmDayType.SUNDAY_OR_HOLIDAY;
    }
    return d.getDayOfWeek() == DayOfWeek.SATURDAY ? PjmDayType.SATURDAY : PjmDayType.WEEKDAY;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public BaselineEstimate estimate(MeterData meter, Interval event, DayCalendar calendar) {
    EventDay ev = EventDay.of(meter, event);
    List<EventDay.Slot> adjust = ev.adjustmentWindow(NAME, GAP, WINDOW, event);
    PjmDayType type = dayType(ev.day, calendar);
    boolean weekday = type == PjmDayType.WEEKDAY;
    int basis = weekday ? 5 : 3;
    int keep = weekday ? 4 : 2;
    List<LocalDate> pool =
        ev.candidates(
            LOOKBACK_DAYS,
            d -> dayType(d, calendar) == type,
            calendar,
            EventDay.concat(ev.eventSlots, adjust));
    if (pool.size() < basis) {
      throw new BaselineException(
          BaselineException.Reason.NOT_ENOUGH_HISTORY,
          String.format(
              Locale.ROOT,
              "%s needs %d non-event %s days with data in the %d days before %s, found %d",
              NAME,
              basis,
              type.name().toLowerCase(Locale.ROOT).replace('_', ' '),
              LOOKBACK_DAYS,
              ev.day,
              pool.size()));
    }
    List<LocalDate> window = new ArrayList<>(pool.subList(0, basis));
    if (weekday) {
      window = replaceLowUsage(ev, window, pool.subList(basis, pool.size()));
    }
    List<LocalDate> ranked = new ArrayList<>(window);
    // Stable sort: among equal usage, the more recent (earlier in the list) stays first.
    ranked.sort(Comparator.comparingDouble((LocalDate d) -> ev.mean(d, ev.eventSlots)).reversed());
    List<LocalDate> selected = ranked.subList(0, keep);
    double[] cbl = ev.profile(selected);
    double saa = ev.mean(ev.day, adjust) - ev.mean(selected, adjust);
    double[] adjusted = new double[cbl.length];
    for (int i = 0; i < cbl.length; i++) {
      adjusted[i] = Math.max(0, cbl[i] + saa);
    }
    return new BaselineEstimate(
        NAME,
        ev.horizon,
        adjusted,
        cbl,
        selected,
        String.format(
            Locale.ROOT,
            "high %d of %d, symmetric additive adjustment %+.4f kWh per interval",
            keep,
            basis,
            saa));
  }

  /** PJM's 25 % low-usage rule: one pass, replacements taken in order from {@code spare}. */
  private static List<LocalDate> replaceLowUsage(
      EventDay ev, List<LocalDate> window, List<LocalDate> spare) {
    double mean = 0;
    for (LocalDate d : window) {
      mean += ev.mean(d, ev.eventSlots);
    }
    mean /= window.size();
    double threshold = 0.25 * mean;
    List<LocalDate> out = new ArrayList<>();
    List<LocalDate> low = new ArrayList<>();
    for (LocalDate d : window) {
      if (ev.mean(d, ev.eventSlots) < threshold) {
        low.add(d);
      } else {
        out.add(d);
      }
    }
    int next = 0;
    while (out.size() < window.size() && next < spare.size()) {
      out.add(spare.get(next++));
    }
    for (int i = 0; out.size() < window.size(); i++) {
      out.add(low.get(i));
    }
    out.sort(Comparator.reverseOrder());
    return out;
  }
}
