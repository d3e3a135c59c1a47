package org.openvpp.mv.baseline;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.openvpp.time.Interval;

/**
 * The CAISO "10-in-10" customer load baseline with the day-of (load point) adjustment capped at ±20
 * %, as defined for Proxy Demand Resources in the CAISO Business Practice Manual for Metering
 * (section "Customer Load Baseline Methodology"; the 10-in-10 method with day-of adjustment).
 *
 * <p><b>Definition implemented.</b>
 *
 * <ol>
 *   <li>Day type: a weekday is Monday–Friday and not a holiday; weekends and holidays form the
 *       other type ({@link DayCalendar.DayType}). Holidays are the NERC holidays unless the
 *       calendar says otherwise.
 *   <li>Reference days: the most recent days of the event day's type before it, within a look-back
 *       of 45 calendar days, that had no event: 10 for a weekday event, 4 for a weekend or holiday
 *       event ("4-in-4"). With fewer available, the baseline uses those there are if there are at
 *       least 5 (weekday) or 2 (weekend/holiday); with fewer still it cannot be computed ({@code
 *       NOT_ENOUGH_HISTORY}).
 *   <li>Unadjusted baseline: for each event interval, the simple average of the reference days'
 *       load in the interval at the same clock time.
 *   <li>Day-of adjustment: a multiplicative factor, the average actual load on the event day over
 *       the three hours that end one hour before the event starts (hours −4 to −2), divided by the
 *       unadjusted baseline's average over the same hours (computed from the same reference days),
 *       and capped to [0.8, 1.2]. When the baseline's average there is 0 the ratio is undefined and
 *       the factor is 1.
 *   <li>Baseline = unadjusted baseline × factor.
 * </ol>
 *
 * <p>Not modelled: CAISO's exclusion of outage days and of days with meter-data problems (give only
 * good data), and the CAISO control-group and regression alternatives. A day counts as an event day
 * whatever the time of its event. Two events on one day: the second's adjustment window may overlap
 * the first event; split such days by hand. Thread-safe (stateless).
 */
public final class CaisoTenInTen implements Baseline {

  public static final String NAME = "caiso-10in10";

  static final int LOOKBACK_DAYS = 45;
  static final double CAP = 0.20;
  private static final Duration GAP = Duration.ofHours(1);
  private static final Duration WINDOW = Duration.ofHours(3);

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public BaselineEstimate estimate(MeterData meter, Interval event, DayCalendar calendar) {
    EventDay ev = EventDay.of(meter, event);
    List<EventDay.Slot> adjust = ev.adjustmentWindow(NAME, GAP, WINDOW, event);
    boolean weekday = calendar.dayType(ev.day) == DayCalendar.DayType.WEEKDAY;
    int wanted = weekday ? 10 : 4;
    int minimum = weekday ? 5 : 2;
    List<LocalDate> days =
        ev.candidates(
            LOOKBACK_DAYS,
            d -> calendar.dayType(d) == calendar.dayType(ev.day),
            calendar,
            EventDay.concat(ev.eventSlots, adjust));
    if (days.size() < minimum) {
      throw new BaselineException(
          BaselineException.Reason.NOT_ENOUGH_HISTORY,
          String.format(
              Locale.ROOT,
              "%s needs at least %d non-event %s days with data in the %d days before %s, found %d",
              NAME,
              minimum,
              weekday ? "weekday" : "weekend/holiday",
              LOOKBACK_DAYS,
              ev.day,
              days.size()));
    }
    days = days.subList(0, Math.min(wanted, days.size()));
    double[] unadjusted = ev.profile(days);
    double baseWindow = ev.mean(days, adjust);
    double actualWindow = ev.mean(ev.day, adjust);
    double factor = dayOfFactor(actualWindow, baseWindow);
    double[] adjusted = new double[unadjusted.length];
    for (int i = 0; i < adjusted.length; i++) {
      adjusted[i] = unadjusted[i] * factor;
    }
    return new BaselineEstimate(
        NAME,
        ev.horizon,
        adjusted,
        unadjusted,
        days,
        String.format(
            Locale.ROOT,
            "%d reference days, day-of factor %.4f (uncapped %.4f)",
            days.size(),
            factor,
            baseWindow > 0 ? actualWindow / baseWindow : 1.0));
  }

  /** The day-of factor: actual over baseline in the adjustment window, within [0.8, 1.2]. */
  static double dayOfFactor(double actual, double baseline) {
    if (!(baseline > 0)) {
      return 1.0;
    }
    return Math.max(1 - CAP, Math.min(1 + CAP, actual / baseline));
  }
}
