package org.openvpp.mv.baseline;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.openvpp.time.Interval;

/**
 * How well a baseline method predicts a site's load on days without events: each pseudo-event
 * window is estimated as if it were an event (the other pseudo-event days stay ordinary days) and
 * compared with what the meter read.
 *
 * <p>Over all intervals {@code i} of all pseudo-events that the method could estimate, with
 * baseline {@code b_i} and actual {@code a_i}:
 *
 * <ul>
 *   <li>bias (%) = 100 · Σ(b_i − a_i) / Σ a_i (positive: the baseline is too high, which would pay
 *       for reductions that did not happen);
 *   <li>CV(RMSE) (%) = 100 · √(Σ(b_i − a_i)² / n) / (Σ a_i / n).
 * </ul>
 *
 * <p>Pseudo-events the method cannot estimate (a {@link BaselineException}) are counted as skipped.
 */
public final class BaselineAccuracy {
  private BaselineAccuracy() {}

  /**
   * The figures of one method on one site.
   *
   * @param method the method's name
   * @param events pseudo-events estimated
   * @param skipped pseudo-events the method could not estimate
   * @param intervals meter intervals compared
   * @param biasPercent mean error over mean actual, %
   * @param cvRmsePercent root mean square error over mean actual, %
   */
  public record Result(
      String method,
      int events,
      int skipped,
      int intervals,
      double biasPercent,
      double cvRmsePercent) {

    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "%s: bias %+.1f %%, CV(RMSE) %.1f %% over %d events (%d skipped)",
          method,
          biasPercent,
          cvRmsePercent,
          events,
          skipped);
    }
  }

  /** Measures {@code method} on {@code meter} over {@code pseudoEvents}. */
  public static Result evaluate(
      Baseline method, MeterData meter, List<Interval> pseudoEvents, DayCalendar calendar) {
    double sumError = 0;
    double sumSquared = 0;
    double sumActual = 0;
    int n = 0;
    int events = 0;
    int skipped = 0;
    for (Interval e : pseudoEvents) {
      BaselineEstimate b;
      try {
        b = method.estimate(meter, e, calendar);
      } catch (BaselineException ex) {
        skipped++;
        continue;
      }
      int first = meter.indexOf(e.start());
      for (int i = 0; i < b.count(); i++) {
        double actual = meter.kwh(first + i);
        double err = b.kwh(i) - actual;
        sumError += err;
        sumSquared += err * err;
        sumActual += actual;
        n++;
      }
      events++;
    }
    if (n == 0 || sumActual <= 0) {
      return new Result(method.name(), events, skipped, n, Double.NaN, Double.NaN);
    }
    double meanActual = sumActual / n;
    return new Result(
        method.name(),
        events,
        skipped,
        n,
        100 * sumError / sumActual,
        100 * Math.sqrt(sumSquared / n) / meanActual);
  }

  /**
   * The pseudo-event windows {@code [from, to)} local time on every non-holiday weekday of {@code
   * [firstDay, lastDay]} that the meter data covers.
   */
  public static List<Interval> weekdayWindows(
      MeterData meter,
      LocalDate firstDay,
      LocalDate lastDay,
      LocalTime from,
      LocalTime to,
      Holidays holidays) {
    List<Interval> out = new ArrayList<>();
    for (LocalDate d = firstDay; !d.isAfter(lastDay); d = d.plusDays(1)) {
      DayOfWeek w = d.getDayOfWeek();
      if (w == DayOfWeek.SATURDAY || w == DayOfWeek.SUNDAY || holidays.isHoliday(d)) {
        continue;
      }
      Interval window =
          new Interval(
              ZonedDateTime.of(d, from, meter.zone()).toInstant(),
              ZonedDateTime.of(d, to, meter.zone()).toInstant());
      if (!window.start().isBefore(meter.start()) && !window.end().isAfter(meter.end())) {
        out.add(window);
      }
    }
    return out;
  }
}
