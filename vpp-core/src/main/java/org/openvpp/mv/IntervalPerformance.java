package org.openvpp.mv;

import org.openvpp.time.Interval;
import org.openvpp.units.Power;

/**
 * How a group did in one metered interval of an event. Reductions are positive magnitudes.
 *
 * @param interval the metered interval
 * @param baseline estimated power without the event, load convention
 * @param actual metered average power, load convention
 * @param committed the reduction the group was asked for
 * @param delivered {@code baseline - actual}
 * @param shortfall {@code max(0, committed - delivered)}
 */
public record IntervalPerformance(
    Interval interval,
    Power baseline,
    Power actual,
    Power committed,
    Power delivered,
    Power shortfall) {}
