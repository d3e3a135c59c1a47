package org.openvpp.mv;

import java.util.List;
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

  /** Delivered over committed, 0 when nothing was committed. */
  public double deliveredRatio() {
    return committed.wattHours() <= 0 ? 0 : delivered.wattHours() / committed.wattHours();
  }
}
