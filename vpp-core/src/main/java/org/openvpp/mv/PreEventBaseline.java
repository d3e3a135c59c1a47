package org.openvpp.mv;

import org.openvpp.time.Horizon;

/**
 * Event performance against a pre-event average baseline, for devices metered on their own (a
 * sub-meter on a battery or a charger).
 *
 * <p>Baseline: the average metered power over the {@code lookback} intervals that end where the
 * event starts. For storage that sits idle or follows a steady autonomous mode before an event this
 * is what it would have kept doing; for whole-site load it is not (site load has a daily shape),
 * and the site baselines (10-in-10, high-4-of-5, weather regression) are for that.
 *
 * <p>Input: metered energy per interval of a horizon (kWh, load convention), and per interval the
 * committed reduction (kW, positive); intervals with no commitment are not part of the event.
 */
public final class PreEventBaseline {

  private final int lookback;

  public PreEventBaseline(int lookback) {
    if (lookback < 1) {
      throw new IllegalArgumentException("lookback must be at least one interval, was " + lookback);
    }
    this.lookback = lookback;
  }

  /**
   * Measures an event.
   *
   * @param horizon the metering intervals
   * @param meteredKwh energy per interval
   * @param committedKw committed reduction per interval; positive inside the event, zero outside
   * @throws IllegalArgumentException when lengths differ or fewer than {@code lookback} intervals
   *     precede the event
   */
  public EventPerformance measure(Horizon horizon, double[] meteredKwh, double[] committedKw) {
    return measure(horizon, meteredKwh, committedKw, -1);
  }

  /**
   * Measures an event whose baseline window ends at interval {@code baselineEnd} (exclusive) rather
   * than at the event's start: for an event whose preparation (pre-charging, pre-cooling) began at
   * its notice, the baseline must end at the notice, before the preparation changed anything. A
   * negative {@code baselineEnd} means the event's first interval.
   */
  public EventPerformance measure(
      Horizon horizon, double[] meteredKwh, double[] committedKw, int baselineEnd) {
    int n = horizon.count();
    if (meteredKwh.length != n || committedKw.length != n) {
      throw new IllegalArgumentException(
          "need "
              + n
              + " metered and committed values, got "
              + meteredKwh.length
              + " and "
              + committedKw.length);
    }
    int first = EventPerformance.firstCommitted(committedKw);
    if (first < 0) {
      return EventPerformance.against(horizon, new double[n], meteredKwh, committedKw);
    }
    int until = baselineEnd < 0 ? first : Math.min(baselineEnd, first);
    if (until < lookback) {
      throw new IllegalArgumentException(
          "the baseline ends at interval " + until + "; it needs " + lookback + " before it");
    }
    double sum = 0;
    for (int i = until - lookback; i < until; i++) {
      sum += meteredKwh[i];
    }
    double[] baseline = new double[n];
    java.util.Arrays.fill(baseline, sum / lookback);
    return EventPerformance.against(horizon, baseline, meteredKwh, committedKw);
  }
}
