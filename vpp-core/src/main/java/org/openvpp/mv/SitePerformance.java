package org.openvpp.mv;

import java.util.Objects;
import org.openvpp.mv.baseline.BaselineEstimate;
import org.openvpp.mv.baseline.MeterData;
import org.openvpp.time.Interval;
import org.openvpp.units.Energy;
import org.openvpp.units.Power;

/**
 * How one site did in one event: its baseline and metered energy over the event window, what it
 * delivered (baseline − metered, load convention, so a reduction is positive) and what it had
 * committed.
 *
 * @param siteId the site
 * @param eventId the event
 * @param window the event window
 * @param baseline baseline energy over the window
 * @param metered metered energy over the window
 * @param committed committed reduction over the window (committed kW × hours)
 */
public record SitePerformance(
    String siteId,
    String eventId,
    Interval window,
    Energy baseline,
    Energy metered,
    Energy committed) {

  public SitePerformance {
    Objects.requireNonNull(siteId, "siteId");
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(baseline, "baseline");
    Objects.requireNonNull(metered, "metered");
    Objects.requireNonNull(committed, "committed");
  }

  /**
   * A site's performance from its baseline estimate and its meter data over the same intervals.
   *
   * @param committed the reduction the site committed to, held through the window
   * @throws IllegalArgumentException when the meter data does not cover the baseline's intervals
   */
  public static SitePerformance of(
      String siteId, String eventId, BaselineEstimate baseline, MeterData meter, Power committed) {
    int first = meter.indexOf(baseline.intervals().start());
    int n = baseline.count();
    if (first < 0
        || first + n > meter.count()
        || !meter.step().equals(baseline.intervals().step())) {
      throw new IllegalArgumentException(
          "meter data of site "
              + siteId
              + " "
              + meter
              + " does not cover the event intervals "
              + baseline.intervals().span()
              + " on its grid");
    }
    double metered = 0;
    for (int i = 0; i < n; i++) {
      metered += meter.kwh(first + i);
    }
    Interval window = baseline.intervals().span();
    return new SitePerformance(
        siteId,
        eventId,
        window,
        baseline.total(),
        Energy.ofKilowattHours(metered),
        committed.over(window.length()));
  }

  /** Energy delivered: baseline − metered (negative when the site used more than its baseline). */
  public Energy delivered() {
    return baseline.minus(metered);
  }

  /** Mean power delivered over the window. */
  public Power deliveredPower() {
    return delivered().per(window.length());
  }

  /** Delivered over baseline: the share of the baseline load taken away; 0 for a zero baseline. */
  public double reductionOfBaseline() {
    return baseline.wattHours() == 0 ? 0 : delivered().wattHours() / baseline.wattHours();
  }

  /** Delivered over committed; 0 when nothing was committed. */
  public double ofCommitment() {
    return committed.wattHours() <= 0 ? 0 : delivered().wattHours() / committed.wattHours();
  }

  /** The energy it fell short of its commitment, 0 when it delivered at least that. */
  public Energy shortfall() {
    return Energy.max(Energy.ZERO, committed.minus(delivered()));
  }
}
