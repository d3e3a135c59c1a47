package org.openvpp.server.run;

import java.time.Duration;
import java.util.List;
import org.openvpp.event.GridEvent;
import org.openvpp.mv.EventPerformance;

/**
 * The outcome of a run.
 *
 * @param options what was run
 * @param event the utility's event as received
 * @param rows one per 15-minute interval
 * @param performance measured event performance
 * @param ignoringDevices batteries that ignored commands (known to the simulator only)
 * @param excludedDevices batteries the dispatcher found not following and left out (peak count)
 * @param commandsSent commands sent
 * @param telemetryAccepted telemetry messages accepted by the twins
 * @param telemetryRejected telemetry messages refused (out of order or unknown)
 * @param minReserveMarginKwh the lowest (stored - reserve) any battery reached
 * @param peakNetLoadEventKw highest 15-minute net load of the fleet during the event
 * @param peakHomeLoadEventKw the same for household load alone, as if no battery had run
 * @param wallTime how long the run took
 */
public record RunReport(
    RunOptions options,
    GridEvent event,
    List<IntervalRow> rows,
    EventPerformance performance,
    int ignoringDevices,
    int excludedDevices,
    long commandsSent,
    long telemetryAccepted,
    long telemetryRejected,
    double minReserveMarginKwh,
    double peakNetLoadEventKw,
    double peakHomeLoadEventKw,
    Duration wallTime) {

  public RunReport {
    rows = List.copyOf(rows);
  }
}
