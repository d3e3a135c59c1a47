package org.openvpp.server.run;

import org.openvpp.twin.TwinStore;

/**
 * Told of every report the run's twins accept, on the run's thread, as it is accepted: the platform
 * keeps them as telemetry history.
 */
@FunctionalInterface
public interface TelemetrySink {

  /** The twin of {@code ordinal} in {@code twins} has just taken a report. */
  void accepted(TwinStore twins, int ordinal);

  /** Keeps nothing. */
  TelemetrySink NONE = (twins, ordinal) -> {};
}
