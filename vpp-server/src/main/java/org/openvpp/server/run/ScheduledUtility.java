package org.openvpp.server.run;

import java.time.Instant;
import java.util.Optional;
import org.openvpp.aggregate.GroupId;
import org.openvpp.event.GridEvent;
import org.openvpp.time.Interval;

/**
 * A utility that announces one peak event at a set time: the walking skeleton's stand-in for an
 * OpenADR VTN, which the OpenADR issue connects for real.
 */
final class ScheduledUtility {
  private final RunOptions options;
  private boolean sent;

  ScheduledUtility(RunOptions options) {
    this.options = options;
  }

  Instant announceAt() {
    return window().start().minus(options.notice());
  }

  Interval window() {
    return new Interval(
        options.day().atTime(options.eventStart()).atZone(options.zone()).toInstant(),
        options.day().atTime(options.eventEnd()).atZone(options.zone()).toInstant());
  }

  /** The event, once, at the first poll at or after its announcement time. */
  Optional<GridEvent> poll(Instant now) {
    if (sent || now.isBefore(announceAt())) {
      return Optional.empty();
    }
    sent = true;
    return Optional.of(
        new GridEvent(
            "utility-peak-" + options.day(),
            GridEvent.Kind.PEAK_REDUCTION,
            window(),
            GroupId.FLEET,
            Optional.empty(),
            "utility",
            now));
  }
}
