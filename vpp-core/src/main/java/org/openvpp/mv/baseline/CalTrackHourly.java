package org.openvpp.mv.baseline;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.openvpp.time.Interval;

/**
 * A weather regression in the style of the CalTRACK 2.0 hourly methods (CalTRACK technical
 * documentation, section 3 "Hourly methods"; the model is LBNL's time-of-week-and-temperature
 * model, Mathieu et al., "Quantifying changes in building electricity use, with application to
 * demand response", IEEE Trans. Smart Grid 2(3), 2011), fitted by ordinary least squares on a
 * baseline period and used to predict the event intervals.
 *
 * <p><b>Design note: what is implemented.</b> Per meter interval {@code i} with outdoor temperature
 * {@code T} (°F) and local time of week {@code w} (168 hours, Monday 00:00 = 0):
 *
 * <pre>
 *   kWh_i = α_w + Σ_j β_{o(w), j} · f_j(T)
 * </pre>
 *
 * <ul>
 *   <li>{@code α_w}: one coefficient per hour of the week (intervals shorter than an hour share
 *       their hour's coefficient).
 *   <li>{@code f_j}: CalTRACK's piecewise-linear temperature features on the bin endpoints 30, 45,
 *       55, 65, 75 and 90 °F: {@code f_0 = min(T, b_1)}, {@code f_j = clamp(T − b_j, 0, b_{j+1} −
 *       b_j)}, {@code f_last = max(0, T − b_last)}, so that the fitted response is continuous and
 *       linear within each bin. A bin with fewer than 20 hours of training data is merged into its
 *       neighbour by removing an endpoint (its upper one; the top bin's lower one), repeated until
 *       every bin has 20 hours or one bin is left.
 *   <li>Occupancy {@code o(w)}: as in CalTRACK, a first regression of load on HDD(50 °F) and CDD(65
 *       °F) with an intercept; an hour of the week is "occupied" when more than 65 % of its
 *       residuals are positive. Occupied and unoccupied hours have separate temperature
 *       coefficients {@code β}.
 * </ul>
 *
 * <p><b>Simplified against CalTRACK:</b> one model over the whole baseline period (CalTRACK fits
 * twelve month-by-month segments, each weighting its neighbouring months by one half); no data
 * sufficiency test beyond 90 days of training data (CalTRACK asks for 12 months with 90 %
 * coverage); intervals without temperature are left out of the fit rather than interpolated.
 *
 * <p>As a baseline for an event on day {@code D}: trained on the 365 days before {@code D} (all of
 * them that have data, leaving out event days), then evaluated at the event intervals with their
 * observed temperature. Holidays are not treated specially. Thread-safe (stateless); a fitted
 * {@link Model} is immutable.
 */
public final class CalTrackHourly implements Baseline {

  public static final String NAME = "caltrack-hourly";

  static final double[] BIN_ENDPOINTS_F = {30, 45, 55, 65, 75, 90};
  static final int MIN_HOURS_PER_BIN = 20;
  static final double OCCUPIED_SHARE = 0.65;
  static final int TRAINING_DAYS = 365;
  static final int MIN_TRAINING_DAYS = 90;
  private static final int HOURS_OF_WEEK = 168;

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
    Model model = fit(meter, ev.day.minusDays(TRAINING_DAYS), ev.day, calendar);
    double[] kwh = new double[ev.count()];
    for (int i = 0; i < kwh.length; i++) {
      int m = ev.firstIndex + i;
      if (Double.isNaN(meter.temperatureF(m))) {
        throw new BaselineException(
            BaselineException.Reason.NEEDS_TEMPERATURE,
            NAME
                + " needs the outdoor temperature at "
                + meter.local(meter.startOf(m))
                + "; it is missing");
      }
      kwh[i] = model.predictKwh(meter, m);
    }
    return new BaselineEstimate(
        NAME,
        ev.horizon,
        kwh,
        kwh,
        List.of(),
        String.format(
            Locale.ROOT,
            "fitted on %d intervals of %d days before %s; bins %s °F; %d of 168 hours occupied",
            model.trainingIntervals,
            model.trainingDays,
            ev.day,
            Arrays.toString(model.endpoints),
            model.occupiedHours()));
  }

  /**
   * Fits the model on the meter data of local days {@code [from, to)}, leaving out the calendar's
   * event days and intervals without temperature.
   *
   * @throws BaselineException when there is no temperature or fewer than 90 days of training data
   */
  public static Model fit(MeterData meter, LocalDate from, LocalDate to, DayCalendar calendar) {
    meter.requireTemperature(NAME);
    int n = meter.count();
    int[] rows = new int[n];
    int[] tow = new int[n];
    int count = 0;
    int days = 0;
    LocalDate lastDay = null;
    for (int i = 0; i < n; i++) {
      ZonedDateTime t = meter.startOf(i).atZone(meter.zone());
      LocalDate d = t.toLocalDate();
      if (d.isBefore(from) || !d.isBefore(to) || calendar.isEventDay(d)) {
        continue;
      }
      if (Double.isNaN(meter.temperatureF(i)) || !meter.hasReading(i)) {
        continue;
      }
      rows[count] = i;
      tow[count] = (t.getDayOfWeek().getValue() - 1) * 24 + t.getHour();
      count++;
      if (!d.equals(lastDay)) {
        days++;
        lastDay = d;
      }
    }
    if (days < MIN_TRAINING_DAYS) {
      throw new BaselineException(
          BaselineException.Reason.NOT_ENOUGH_HISTORY,
          String.format(
              Locale.ROOT,
              "%s needs at least %d days of meter data with temperature between %s and %s, found"
                  + " %d",
              NAME,
              MIN_TRAINING_DAYS,
              from,
              to.minusDays(1),
              days));
    }
    boolean[] occupied = occupancy(meter, rows, tow, count);
    double[] ends = endpoints(meter, rows, count);
    int bins = ends.length + 1;
    int p = HOURS_OF_WEEK + 2 * bins;
    LeastSquares ls = new LeastSquares(p);
    int[] cols = new int[1 + bins];
    double[] vals = new double[1 + bins];
    double[] f = new double[bins];
    for (int r = 0; r < count; r++) {
      int i = rows[r];
      features(meter.temperatureF(i), ends, f);
      cols[0] = tow[r];
      vals[0] = 1;
      int base = HOURS_OF_WEEK + (occupied[tow[r]] ? 0 : bins);
      for (int j = 0; j < bins; j++) {
        cols[1 + j] = base + j;
        vals[1 + j] = f[j];
      }
      ls.add(cols, vals, 1 + bins, meter.kwh(i));
    }
    double[] beta = ls.solve();
    return new Model(beta, ends, occupied, count, days);
  }

  /** CalTRACK's occupancy: share of positive residuals of an HDD50/CDD65 regression per hour. */
  private static boolean[] occupancy(MeterData meter, int[] rows, int[] tow, int count) {
    LeastSquares ls = new LeastSquares(3);
    int[] cols = {0, 1, 2};
    double[] vals = new double[3];
    for (int r = 0; r < count; r++) {
      degreeDays(meter.temperatureF(rows[r]), vals);
      ls.add(cols, vals, 3, meter.kwh(rows[r]));
    }
    double[] b = ls.solve();
    int[] positive = new int[HOURS_OF_WEEK];
    int[] total = new int[HOURS_OF_WEEK];
    for (int r = 0; r < count; r++) {
      degreeDays(meter.temperatureF(rows[r]), vals);
      double fitted = b[0] * vals[0] + b[1] * vals[1] + b[2] * vals[2];
      total[tow[r]]++;
      if (meter.kwh(rows[r]) - fitted > 0) {
        positive[tow[r]]++;
      }
    }
    boolean[] occupied = new boolean[HOURS_OF_WEEK];
    for (int w = 0; w < HOURS_OF_WEEK; w++) {
      occupied[w] = total[w] > 0 && positive[w] > OCCUPIED_SHARE * total[w];
    }
    return occupied;
  }

  private static void degreeDays(double t, double[] out) {
    out[0] = 1;
    out[1] = Math.max(0, 50 - t);
    out[2] = Math.max(0, t - 65);
  }

  /** The bin endpoints left after merging bins with fewer than 20 hours of training data. */
  static double[] endpoints(MeterData meter, int[] rows, int count) {
    List<Double> ends = new ArrayList<>();
    for (double e : BIN_ENDPOINTS_F) {
      ends.add(e);
    }
    int minRows = MIN_HOURS_PER_BIN * meter.intervalsPerHour();
    while (!ends.isEmpty()) {
      int[] counts = new int[ends.size() + 1];
      for (int r = 0; r < count; r++) {
        double t = meter.temperatureF(rows[r]);
        int bin = 0;
        while (bin < ends.size() && t >= ends.get(bin)) {
          bin++;
        }
        counts[bin]++;
      }
      int sparse = -1;
      for (int b = 0; b < counts.length; b++) {
        if (counts[b] < minRows) {
          sparse = b;
          break;
        }
      }
      if (sparse < 0) {
        break;
      }
      ends.remove(sparse < ends.size() ? sparse : ends.size() - 1);
    }
    return ends.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** The piecewise-linear temperature features on {@code ends}; {@code out} has one per bin. */
  static void features(double t, double[] ends, double[] out) {
    int k = ends.length;
    if (k == 0) {
      out[0] = t;
      return;
    }
    out[0] = Math.min(t, ends[0]);
    for (int j = 1; j < k; j++) {
      out[j] = Math.max(0, Math.min(t, ends[j]) - ends[j - 1]);
    }
    out[k] = Math.max(0, t - ends[k - 1]);
  }

  /** A fitted model; immutable. */
  public static final class Model {
    private final double[] beta;
    private final double[] endpoints;
    private final boolean[] occupied;
    private final int trainingIntervals;
    private final int trainingDays;

    Model(double[] beta, double[] endpoints, boolean[] occupied, int intervals, int days) {
      this.beta = beta;
      this.endpoints = endpoints;
      this.occupied = occupied;
      this.trainingIntervals = intervals;
      this.trainingDays = days;
    }

    /**
     * The model's kWh for interval {@code i} of {@code meter} (its local time of week and its
     * temperature, which must be present).
     */
    public double predictKwh(MeterData meter, int i) {
      double t = meter.temperatureF(i);
      if (Double.isNaN(t)) {
        throw new BaselineException(
            BaselineException.Reason.NEEDS_TEMPERATURE,
            "no outdoor temperature at " + meter.local(meter.startOf(i)));
      }
      ZonedDateTime z = meter.startOf(i).atZone(meter.zone());
      int w = (z.getDayOfWeek().getValue() - 1) * 24 + z.getHour();
      int bins = endpoints.length + 1;
      double[] f = new double[bins];
      features(t, endpoints, f);
      int base = HOURS_OF_WEEK + (occupied[w] ? 0 : bins);
      double y = beta[w];
      for (int j = 0; j < bins; j++) {
        y += beta[base + j] * f[j];
      }
      return y;
    }

    /** The bin endpoints (°F) after merging sparse bins. */
    public double[] endpoints() {
      return endpoints.clone();
    }

    public int occupiedHours() {
      int n = 0;
      for (boolean o : occupied) {
        n += o ? 1 : 0;
      }
      return n;
    }

    public int trainingIntervals() {
      return trainingIntervals;
    }

    public int trainingDays() {
      return trainingDays;
    }
  }
}
