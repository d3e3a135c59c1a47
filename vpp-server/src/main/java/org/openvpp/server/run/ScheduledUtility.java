package org.openvpp.server.run;

import java.time.Instant;
import java.util.Optional;
import org.openvpp.aggregate.GroupId;
import org.openvpp.event.GridEvent;
import org.openvpp.sim.fleet.Scenario;
import org.openvpp.time.Interval;

/**
 * The scenario's utility event: its name, window and notice. In process it announces the event
 * itself, once, at the first poll at or after its notice time (a run given no other {@link
 * UtilityEvents}: tests and benchmarks); the stand-in utility VTN of {@code ./vpp up} publishes the
 * same event, at the same simulated time, over OpenADR.
 */
public final class ScheduledUtility implements UtilityEvents {
  private final Scenario scenario;
  private boolean sent;

  public ScheduledUtility(Scenario scenario) {
    this.scenario = scenario;
  }

  /** When the utility announces the event: its start less the scenario's notice. */
  public Instant announceAt() {
    return window().start().minus(scenario.event().notice());
  }

  /** The event's window on the scenario's day. */
  public Interval window() {
    var zone = scenario.zone();
    return new Interval(
        scenario.day().atTime(scenario.event().start()).atZone(zone).toInstant(),
        scenario.day().atTime(scenario.event().end()).atZone(zone).toInstant());
  }

  /** The event's name, {@code utility-peak-DAY}. */
  public String eventName() {
    return "utility-peak-" + scenario.day();
  }

  @Override
  public String toString() {
    return "the in-process utility announces " + eventName() + " at " + announceAt();
  }

  /** The event, once, at the first poll at or after its announcement time. */
  @Override
  public Optional<GridEvent> poll(Instant now) {
    if (sent || now.isBefore(announceAt())) {
      return Optional.empty();
    }
    sent = true;
    return Optional.of(
        new GridEvent(
            eventName(),
            GridEvent.Kind.PEAK_REDUCTION,
            window(),
            GroupId.FLEET,
            Optional.empty(),
            "utility",
            now));
  }
}
