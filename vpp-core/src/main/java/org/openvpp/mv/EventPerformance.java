package org.openvpp.mv;

import java.util.ArrayList;
import java.util.List;
import org.openvpp.time.Horizon;
import org.openvpp.time.Interval;
import org.openvpp.units.Energy;
import org.openvpp.units.Power;

/**
 * How a group did over a whole event.
 *
 * @param intervals per metered interval, in time order
 * @param committed energy the group was asked to reduce
 * @param delivered energy it reduced (may exceed committed)
 * @param shortfall energy it fell short, summed over intervals
 * @param worstShortfall the largest shortfall of any interval
 */
public record EventPerformance(
    List<IntervalPerformance> intervals,
    Energy committed,
    Energy delivered,
    Energy shortfall,
    Power worstShortfall) {

  public EventPerformance {
    intervals = List.copyOf(intervals);
  }

  /**
   * Measures an event against a baseline: per interval of {@code horizon} with a commitment ({@code
   * committedKw > 0}), delivered is baseline minus metered, and shortfall what it lacks of the
   * commitment.
   *
   * @param baselineKwh energy per interval without the event (by a baseline method, or the
   *     counterfactual where a simulation knows it), kWh, load convention
   * @param meteredKwh metered energy per interval, kWh, load convention
   * @param committedKw committed reduction per interval, kW (positive inside the event)
   */
  public static EventPerformance against(
      Horizon horizon, double[] baselineKwh, double[] meteredKwh, double[] committedKw) {
    int n = horizon.count();
    if (baselineKwh.length != n || meteredKwh.length != n || committedKw.length != n) {
      throw new IllegalArgumentException(
          "need "
              + n
              + " baseline, metered and committed values, got "
              + baselineKwh.length
              + ", "
              + meteredKwh.length
              + " and "
              + committedKw.length);
    }
    double hours = horizon.stepHours();
    List<IntervalPerformance> rows = new ArrayList<>();
    double committed = 0;
    double delivered = 0;
    double shortfall = 0;
    double worst = 0;
    for (int i = 0; i < n; i++) {
      if (committedKw[i] <= 0) {
        continue;
      }
      Interval iv = horizon.interval(i);
      double baselineKw = baselineKwh[i] / hours;
      double actualKw = meteredKwh[i] / hours;
      double deliveredKw = baselineKw - actualKw;
      double shortKw = Math.max(0, committedKw[i] - deliveredKw);
      committed += committedKw[i] * hours;
      delivered += deliveredKw * hours;
      shortfall += shortKw * hours;
      worst = Math.max(worst, shortKw);
      rows.add(
          new IntervalPerformance(
              iv,
              Power.ofKilowatts(baselineKw),
              Power.ofKilowatts(actualKw),
              Power.ofKilowatts(committedKw[i]),
              Power.ofKilowatts(deliveredKw),
              Power.ofKilowatts(shortKw)));
    }
    return new EventPerformance(
        rows,
        Energy.ofKilowattHours(committed),
        Energy.ofKilowattHours(delivered),
        Energy.ofKilowattHours(shortfall),
        Power.ofKilowatts(worst));
  }

  /** The first interval with a commitment, or -1. */
  static int firstCommitted(double[] committedKw) {
    for (int i = 0; i < committedKw.length; i++) {
      if (committedKw[i] > 0) {
        return i;
      }
    }
    return -1;
  }

  /** Delivered over committed, 0 when nothing was committed. */
  public double deliveredRatio() {
    return committed.wattHours() <= 0 ? 0 : delivered.wattHours() / committed.wattHours();
  }
}
