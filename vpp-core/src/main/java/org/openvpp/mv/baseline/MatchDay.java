package org.openvpp.mv.baseline;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.openvpp.time.Interval;

/**
 * The matching-day baseline: the load of the one earlier non-event day whose weather during the
 * event hours was closest to the event day's.
 *
 * <p><b>Definition implemented</b> (OpenVPP's own, in the family of "matching day" baselines that
 * pick reference days by weather rather than by recency):
 *
 * <ol>
 *   <li>Candidates: the days of the event day's CAISO day type (non-holiday weekday, or
 *       weekend/holiday) within the 60 calendar days before it, that had no event and have meter
 *       data and a temperature at every interval of the event's clock window.
 *   <li>Weather of a day: the mean outdoor temperature over the intervals at the event's clock
 *       times (for an event 16:00–21:00, the mean of that day's 16:00–21:00 temperatures).
 *   <li>The matching day is the candidate whose weather differs least in absolute value from the
 *       event day's; on a tie, the most recent.
 *   <li>Baseline: the matching day's load at the same clock times, with no same-day adjustment.
 * </ol>
 *
 * <p>Needs temperature ({@code NEEDS_TEMPERATURE} when the data has none or the event day's is
 * missing); no candidate gives {@code NOT_ENOUGH_HISTORY}. Thread-safe (stateless).
 */
public final class MatchDay implements Baseline {

  public static final String NAME = "match-day";

  static final int LOOKBACK_DAYS = 60;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean needsTemperature() {
    return true;
  }

  @Override
  public BaselineEstimate estimate(MeterData meter, Interval event, DayCalendar calendar) {
    meter.requireTemperature(NAME);
    EventDay ev = EventDay.of(meter, event);
    double target = meanTemperature(ev, ev.day);
    if (Double.isNaN(target)) {
      throw new BaselineException(
          BaselineException.Reason.NEEDS_TEMPERATURE,
          NAME
              + " needs the outdoor temperature during the event "
              + meter.local(event)
              + "; it is missing");
    }
    List<LocalDate> candidates =
        ev.candidates(
            LOOKBACK_DAYS,
            d -> calendar.dayType(d) == calendar.dayType(ev.day),
            calendar,
            ev.eventSlots);
    LocalDate best = null;
    double bestDistance = Double.POSITIVE_INFINITY;
    double bestTemperature = Double.NaN;
    for (LocalDate d : candidates) {
      double t = meanTemperature(ev, d);
      double distance = Math.abs(t - target);
      if (distance < bestDistance) { // strict: on a tie the earlier found (more recent) stays
        best = d;
        bestDistance = distance;
        bestTemperature = t;
      }
    }
    if (best == null) {
      throw new BaselineException(
          BaselineException.Reason.NOT_ENOUGH_HISTORY,
          String.format(
              Locale.ROOT,
              "%s found no non-event day of the same type with load and temperature in the %d days"
                  + " before %s",
              NAME,
              LOOKBACK_DAYS,
              ev.day));
    }
    double[] kwh = ev.profile(List.of(best));
    return new BaselineEstimate(
        NAME,
        ev.horizon,
        kwh,
        kwh,
        List.of(best),
        String.format(
            Locale.ROOT,
            "matching day %s at %.1f °F against %.1f °F on the event day",
            best,
            bestTemperature,
            target));
  }

  /** Mean °F over the event's clock window on {@code day}; NaN when any is missing. */
  private static double meanTemperature(EventDay ev, LocalDate day) {
    double sum = 0;
    for (EventDay.Slot s : ev.eventSlots) {
      int i = ev.index(day, s);
      if (i < 0) {
        return Double.NaN;
      }
      sum += ev.meter.temperatureF(i); // NaN propagates
    }
    return sum / ev.eventSlots.size();
  }
}
