package org.openvpp.server.run;

import java.time.Instant;
import java.util.Optional;
import org.openvpp.aggregate.GroupId;
import org.openvpp.event.GridEvent;
import org.openvpp.sim.fleet.Scenario;
import org.openvpp.time.Interval;

/**
 * A utility that announces one peak event at a set time: the walking skeleton's stand-in for an
 * OpenADR VTN, which the OpenADR issue connects for real.
 */
final class ScheduledUtility {
  private final Scenario scenario;
  private boolean sent;

  ScheduledUtility(Scenario scenario) {
    this.scenario = scenario;
  }

  Instant announceAt() {
    return window().start().minus(scenario.event().notice());
  }

  Interval window() {
    var zone = scenario.zone();
    return new Interval(
        scenario.day().atTime(scenario.event().start()).atZone(zone).toInstant(),
        scenario.day().atTime(scenario.event().end()).atZone(zone).toInstant());
  }

  /** The event, once, at the first poll at or after its announcement time. */
  Optional<GridEvent> poll(Instant now) {
    if (sent || now.isBefore(announceAt())) {
      return Optional.empty();
    }
    sent = true;
    return Optional.of(
        new GridEvent(
            "utility-peak-" + scenario.day(),
            GridEvent.Kind.PEAK_REDUCTION,
            window(),
            GroupId.FLEET,
            Optional.empty(),
            "utility",
            now));
  }
}
