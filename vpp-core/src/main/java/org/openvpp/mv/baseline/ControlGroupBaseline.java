package org.openvpp.mv.baseline;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.openvpp.time.Interval;

/**
 * The baseline of a treated group from a randomised control group, for programs (such as thermostat
 * events) where enrolled sites are split at random into a group that gets the event and one that
 * does not. The counterfactual of the treated group is what the control group did, the usual
 * estimator of a randomised controlled trial (see the DOE/LBNL SEE Action guide "Evaluation,
 * Measurement, and Verification of Residential Behavior-Based Energy Efficiency Programs", 2012,
 * chapter on randomised controlled trials, and the CPUC Load Impact Protocols, 2008).
 *
 * <p><b>Definition implemented.</b> The result is the baseline of the <em>average treated
 * site</em>, per event interval:
 *
 * <ul>
 *   <li>{@link Estimator#DIFFERENCE_IN_MEANS}: baseline = the mean load of the control sites in
 *       that interval. The impact is then the plain difference in means, control mean minus treated
 *       mean.
 *   <li>{@link Estimator#PRE_PERIOD_RATIO}: baseline = that control mean × (treated mean / control
 *       mean over the pre-period). The pre-period is the same clock window on the 10 most recent
 *       days of the event day's CAISO day type within the 45 days before the event that had no
 *       event and on which every site of both groups has data. It corrects a chance difference in
 *       size between two small groups; with large random groups the ratio is close to 1.
 * </ul>
 *
 * <p>Every site must have data at every event interval (matched by instant, so sites may have
 * different interval lengths only if the event lies on every grid). Thread-safe (immutable).
 */
public final class ControlGroupBaseline {

  /** How the control group's load becomes the treated group's baseline. */
  public enum Estimator {
    DIFFERENCE_IN_MEANS,
    PRE_PERIOD_RATIO
  }

  static final int PRE_DAYS = 10;
  static final int LOOKBACK_DAYS = 45;

  private final Estimator estimator;

  public ControlGroupBaseline(Estimator estimator) {
    this.estimator = Objects.requireNonNull(estimator, "estimator");
  }

  public Estimator estimator() {
    return estimator;
  }

  /**
   * The baseline of the average treated site during {@code event}.
   *
   * @throws IllegalArgumentException when either group is empty
   * @throws BaselineException when a site lacks data at the event, or (ratio) no pre-period day
   */
  public BaselineEstimate estimate(
      List<MeterData> treated, List<MeterData> control, Interval event, DayCalendar calendar) {
    if (treated.isEmpty() || control.isEmpty()) {
      throw new IllegalArgumentException(
          "need at least one treated and one control site, got "
              + treated.size()
              + " and "
              + control.size());
    }
    List<EventDay> controlDays = new ArrayList<>();
    for (MeterData m : control) {
      controlDays.add(EventDay.of(m, event));
    }
    List<EventDay> treatedDays = new ArrayList<>();
    for (MeterData m : treated) {
      treatedDays.add(EventDay.of(m, event));
    }
    EventDay first = controlDays.get(0);
    int n = first.count();
    double[] controlMean = new double[n];
    for (EventDay ev : controlDays) {
      if (ev.count() != n) {
        throw new IllegalArgumentException("all control sites need the same interval length");
      }
      for (int i = 0; i < n; i++) {
        controlMean[i] += ev.meter.kwh(ev.firstIndex + i) / controlDays.size();
      }
    }
    if (estimator == Estimator.DIFFERENCE_IN_MEANS) {
      return new BaselineEstimate(
          "control-group", first.horizon, controlMean, controlMean, List.of(), "control mean");
    }
    List<LocalDate> pre = new ArrayList<>();
    for (int back = 1; back <= LOOKBACK_DAYS && pre.size() < PRE_DAYS; back++) {
      LocalDate d = first.day.minusDays(back);
      if (calendar.dayType(d) != calendar.dayType(first.day) || calendar.isEventDay(d)) {
        continue;
      }
      if (coversAll(controlDays, d) && coversAll(treatedDays, d)) {
        pre.add(d);
      }
    }
    if (pre.isEmpty()) {
      throw new BaselineException(
          BaselineException.Reason.NOT_ENOUGH_HISTORY,
          "no pre-period day with data for every site in the "
              + LOOKBACK_DAYS
              + " days before "
              + first.day);
    }
    double preTreated = groupMean(treatedDays, pre);
    double preControl = groupMean(controlDays, pre);
    double ratio = preControl > 0 ? preTreated / preControl : 1.0;
    double[] baseline = new double[n];
    for (int i = 0; i < n; i++) {
      baseline[i] = controlMean[i] * ratio;
    }
    return new BaselineEstimate(
        "control-group",
        first.horizon,
        baseline,
        controlMean,
        pre,
        String.format(
            Locale.ROOT, "control mean × pre-period ratio %.4f over %d days", ratio, pre.size()));
  }

  private static boolean coversAll(List<EventDay> sites, LocalDate d) {
    for (EventDay ev : sites) {
      if (!ev.covers(d, ev.eventSlots)) {
        return false;
      }
    }
    return true;
  }

  private static double groupMean(List<EventDay> sites, List<LocalDate> days) {
    double sum = 0;
    for (EventDay ev : sites) {
      sum += ev.mean(days, ev.eventSlots);
    }
    return sum / sites.size();
  }
}
