package org.openvpp.server.api;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.openvpp.mv.EventPerformance;
import org.openvpp.mv.IntervalPerformance;
import org.openvpp.server.run.RunReport;

/**
 * The run's battery event as measured (M&amp;V), for the API: made once, when the run has ended,
 * from the batteries' sub-meters against the counterfactual (the same fleet without the VPP);
 * immutable.
 *
 * @param eventId the event measured
 * @param programId its program
 * @param committedKwh energy the fleet was asked to reduce
 * @param deliveredKwh energy it reduced
 * @param shortfallKwh energy it fell short, summed over intervals
 * @param deliveredRatio delivered over committed
 * @param intervals every metered 15-minute interval of the event
 */
public record PerformanceView(
    String eventId,
    String programId,
    double committedKwh,
    double deliveredKwh,
    double shortfallKwh,
    double deliveredRatio,
    List<Interval> intervals) {

  public PerformanceView {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(programId, "programId");
    intervals = List.copyOf(intervals);
  }

  /**
   * One interval, kW (load convention for baseline and metered; reductions positive).
   *
   * @param start its start
   * @param end its end
   * @param baselineKw the counterfactual: what the batteries would have drawn without the event
   * @param meteredKw what they drew, metered
   * @param committedKw the reduction committed
   * @param deliveredKw {@code baseline − metered}
   * @param shortfallKw {@code max(0, committed − delivered)}
   */
  public record Interval(
      Instant start,
      Instant end,
      double baselineKw,
      double meteredKw,
      double committedKw,
      double deliveredKw,
      double shortfallKw) {}

  /** The view of a finished run's event performance. */
  public static PerformanceView of(String programId, RunReport r) {
    EventPerformance p = r.performance();
    return new PerformanceView(
        r.event().id(),
        programId,
        p.committed().kilowattHours(),
        p.delivered().kilowattHours(),
        p.shortfall().kilowattHours(),
        p.deliveredRatio(),
        p.intervals().stream().map(PerformanceView::interval).toList());
  }

  private static Interval interval(IntervalPerformance i) {
    return new Interval(
        i.interval().start(),
        i.interval().end(),
        i.baseline().kilowatts(),
        i.actual().kilowatts(),
        i.committed().kilowatts(),
        i.delivered().kilowatts(),
        i.shortfall().kilowatts());
  }
}
