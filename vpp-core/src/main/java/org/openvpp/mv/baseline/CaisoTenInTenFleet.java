package org.openvpp.mv.baseline;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.IntStream;
import org.openvpp.time.Interval;

/**
 * The CAISO 10-in-10 baseline with its capped day-of adjustment ({@link CaisoTenInTen}, whose
 * definition this follows to the letter), and the delivered energy, for a whole fleet of sites at
 * once over primitive arrays.
 *
 * <p><b>Why this way.</b> At a million sites the per-site path (a {@link MeterData} and a {@link
 * BaselineEstimate} per site, reference days found per site) costs far more in objects and look-ups
 * than in arithmetic. Here every site shares one calendar (holidays, event days) and one grid of
 * local days, so the reference days are found once, and the per-site work is a few dozen additions
 * over one site's row of a {@code float[]}, in parallel chunks.
 *
 * <p><b>Data.</b> {@code kwh} is site-major: site {@code s}, local day {@code d} (counted from
 * {@code firstDay}), interval {@code i} of the day is at {@code (s × days + d) × perDay + i}. Every
 * day must have the same number of intervals (no daylight-saving change inside the span). {@code
 * float} holds metered kWh to about seven significant digits, more than meters report.
 *
 * <p>Thread-safe (stateless); uses the common fork-join pool.
 */
public final class CaisoTenInTenFleet {
  private CaisoTenInTenFleet() {}

  /**
   * Per site, over the event: the baseline, the metered energy and the delivered energy (baseline −
   * metered), kWh.
   */
  public static final class Result {
    private final double[] baselineKwh;
    private final double[] meteredKwh;
    private final List<LocalDate> referenceDays;

    Result(double[] baselineKwh, double[] meteredKwh, List<LocalDate> referenceDays) {
      this.baselineKwh = baselineKwh;
      this.meteredKwh = meteredKwh;
      this.referenceDays = List.copyOf(referenceDays);
    }

    public int sites() {
      return baselineKwh.length;
    }

    public double baselineKwh(int site) {
      return baselineKwh[site];
    }

    public double meteredKwh(int site) {
      return meteredKwh[site];
    }

    public double deliveredKwh(int site) {
      return baselineKwh[site] - meteredKwh[site];
    }

    /** Delivered energy of every site, a new array. */
    public double[] deliveredKwh() {
      double[] out = new double[baselineKwh.length];
      for (int i = 0; i < out.length; i++) {
        out[i] = baselineKwh[i] - meteredKwh[i];
      }
      return out;
    }

    /** The reference days every site's baseline was made from, most recent first. */
    public List<LocalDate> referenceDays() {
      return referenceDays;
    }
  }

  /**
   * Measures an event for every site.
   *
   * @param zone the sites' time zone
   * @param firstDay the first local day of the data
   * @param days local days per site
   * @param perDay intervals per day (24 for hourly data, 96 for 15-minute)
   * @param kwh the meter data, site-major as above
   * @param event the event window, within one local day, on the interval grid
   * @param calendar holidays and the event days (shared by every site)
   * @throws BaselineException when the reference days are too few, or the event or its adjustment
   *     window is not in the data
   */
  public static Result measure(
      ZoneId zone,
      LocalDate firstDay,
      int days,
      int perDay,
      float[] kwh,
      Interval event,
      DayCalendar calendar) {
    Objects.requireNonNull(zone, "zone");
    if (days < 1 || perDay < 1 || perDay > 24 * 60 || (24 * 60) % perDay != 0) {
      throw new IllegalArgumentException(
          "need at least one day and a whole number of minutes per interval, got "
              + days
              + " days of "
              + perDay);
    }
    long perSite = (long) days * perDay;
    if (kwh.length % perSite != 0) {
      throw new IllegalArgumentException(
          "the data holds " + kwh.length + " values, not a whole number of sites of " + perSite);
    }
    int sites = (int) (kwh.length / perSite);
    for (int d = 0; d < days; d++) {
      LocalDate day = firstDay.plusDays(d);
      long minutes =
          Duration.between(day.atStartOfDay(zone), day.plusDays(1).atStartOfDay(zone)).toMinutes();
      if (minutes != 24 * 60) {
        throw new IllegalArgumentException(
            day
                + " has "
                + minutes
                + " minutes in "
                + zone
                + "; split the data at the clock change");
      }
    }
    Duration step = Duration.ofMinutes(24 * 60 / perDay);
    ZonedDateTime start = event.start().atZone(zone);
    LocalDate eventDay = start.toLocalDate();
    int e = (int) ChronoUnit.DAYS.between(firstDay, eventDay);
    int first =
        (int) (Duration.between(eventDay.atStartOfDay(zone), start).toNanos() / step.toNanos());
    int count = (int) (event.length().toNanos() / step.toNanos());
    int perHour = (int) (Duration.ofHours(1).toNanos() / step.toNanos());
    int adjustFrom = first - 4 * perHour;
    int adjustTo = first - perHour;
    boolean aligned =
        start.toLocalTime().toNanoOfDay() % step.toNanos() == 0
            && event.length().toNanos() % step.toNanos() == 0;
    if (e < 0 || e >= days || !aligned || first + count > perDay) {
      throw new BaselineException(
          BaselineException.Reason.EVENT_OUTSIDE_DATA,
          "event " + event + " is not within one local day of the data on its " + step + " grid");
    }
    if (adjustFrom < 0) {
      throw new BaselineException(
          BaselineException.Reason.EVENT_OUTSIDE_DATA,
          CaisoTenInTen.NAME
              + " adjusts on the 3 hours ending 1 hour before the event; for an event at "
              + start.toLocalTime()
              + " they begin before midnight, which this fleet form does not read");
    }
    boolean weekday = calendar.dayType(eventDay) == DayCalendar.DayType.WEEKDAY;
    int wanted = weekday ? 10 : 4;
    int minimum = weekday ? 5 : 2;
    List<LocalDate> refs = new ArrayList<>();
    int[] refIndex = new int[wanted];
    for (int back = 1;
        back <= CaisoTenInTen.LOOKBACK_DAYS && e - back >= 0 && refs.size() < wanted;
        back++) {
      LocalDate d = eventDay.minusDays(back);
      if (calendar.dayType(d) == calendar.dayType(eventDay) && !calendar.isEventDay(d)) {
        refIndex[refs.size()] = e - back;
        refs.add(d);
      }
    }
    if (refs.size() < minimum) {
      throw new BaselineException(
          BaselineException.Reason.NOT_ENOUGH_HISTORY,
          String.format(
              Locale.ROOT,
              "%s needs at least %d non-event %s days with data in the %d days before %s, found %d",
              CaisoTenInTen.NAME,
              minimum,
              weekday ? "weekday" : "weekend/holiday",
              CaisoTenInTen.LOOKBACK_DAYS,
              eventDay,
              refs.size()));
    }
    int nRefs = refs.size();
    double[] baseline = new double[sites];
    double[] metered = new double[sites];
    int chunk = 4096;
    IntStream.range(0, (sites + chunk - 1) / chunk)
        .parallel()
        .forEach(
            c -> {
              double[] profile = new double[count];
              int to = Math.min(sites, (c + 1) * chunk);
              for (int s = c * chunk; s < to; s++) {
                long row = (long) s * days;
                double baseWindow = 0;
                java.util.Arrays.fill(profile, 0);
                for (int r = 0; r < nRefs; r++) {
                  int off = (int) ((row + refIndex[r]) * perDay);
                  for (int i = adjustFrom; i < adjustTo; i++) {
                    baseWindow += kwh[off + i];
                  }
                  for (int i = 0; i < count; i++) {
                    profile[i] += kwh[off + first + i];
                  }
                }
                int day = (int) ((row + e) * perDay);
                double actualWindow = 0;
                for (int i = adjustFrom; i < adjustTo; i++) {
                  actualWindow += kwh[day + i];
                }
                int w = adjustTo - adjustFrom;
                double factor = CaisoTenInTen.dayOfFactor(actualWindow / w, baseWindow / nRefs / w);
                double b = 0;
                double m = 0;
                for (int i = 0; i < count; i++) {
                  b += profile[i] / nRefs * factor;
                  m += kwh[day + first + i];
                }
                baseline[s] = b;
                metered[s] = m;
              }
            });
    return new Result(baseline, metered, refs);
  }
}
