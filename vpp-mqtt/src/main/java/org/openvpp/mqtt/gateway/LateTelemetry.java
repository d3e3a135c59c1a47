package org.openvpp.mqtt.gateway;

import org.openvpp.twin.Telemetry;

/**
 * Where late telemetry goes: a well-formed report of a known device that came after a newer one (an
 * older sequence number), or measured longer ago than the twins take. Its twin does not see it (the
 * twin holds the newest state), but it is a true measurement, so the service keeps it in its
 * telemetry history, beside the reports the twins took.
 *
 * <p>Threads: called on the twins' thread, like {@link TelemetryIngest}; an implementation that
 * writes to a database hands the report to a writer of its own, as the recorder of accepted reports
 * does.
 */
@FunctionalInterface
public interface LateTelemetry {

  /** Takes one late report. */
  void late(Telemetry report);

  /** Keeps nothing (the reports are still counted as late). */
  LateTelemetry DISCARD = report -> {};
}
