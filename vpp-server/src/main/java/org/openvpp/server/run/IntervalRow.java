package org.openvpp.server.run;

import java.util.Optional;
import org.openvpp.time.Interval;

/**
 * One 15-minute interval of a run, as printed.
 *
 * @param interval the interval
 * @param availableKw discharge power the fleet offered at its start (from the aggregation tree)
 * @param availableKwh energy the fleet could give before reserves, at its start
 * @param targetKw the reduction asked of the fleet (positive), 0 outside the event
 * @param batteryKw metered average battery power (load convention)
 * @param netLoadKw metered average net load of all sites
 * @param deliveredKw reduction measured against the baseline, inside the event only
 * @param shortfallKw target minus delivered where positive, inside the event only
 */
public record IntervalRow(
    Interval interval,
    double availableKw,
    double availableKwh,
    double targetKw,
    double batteryKw,
    double netLoadKw,
    Optional<Double> deliveredKw,
    Optional<Double> shortfallKw) {}
