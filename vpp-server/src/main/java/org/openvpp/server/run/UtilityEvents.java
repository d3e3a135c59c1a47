package org.openvpp.server.run;

import java.time.Instant;
import java.util.Optional;
import org.openvpp.event.GridEvent;

/**
 * Where a run's utility event comes from: asked by {@link FleetRun} at every control step, on the
 * run's thread, with the step's simulated time. {@link ScheduledUtility} announces the scenario's
 * event in process (tests, benchmarks, a run given no source); {@code ./vpp up} follows a utility's
 * OpenADR VTN through OpenVPP's VEN ({@code org.openvpp.server.openadr.UtilityVen}).
 */
public interface UtilityEvents {

  /**
   * The utility's event, once, at the first step at or after it is received; empty before and
   * after. A source may block the step (to make sure it has seen what the utility published up to
   * {@code now}) and throws {@link IllegalStateException} when it cannot say.
   */
  Optional<GridEvent> poll(Instant now);
}
