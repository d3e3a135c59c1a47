package org.openvpp.event;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.openvpp.aggregate.GroupId;
import org.openvpp.time.Interval;
import org.openvpp.units.Power;

/**
 * A request for the fleet to respond during a window.
 *
 * @param id the issuer's identifier of the event
 * @param kind what is asked
 * @param window when
 * @param target the group asked to respond
 * @param requested the reduction asked for, as a positive magnitude; empty asks for as much as the
 *     group can hold through the whole window
 * @param source who sent it (for example {@code utility})
 * @param received when OpenVPP received it
 */
public record GridEvent(
    String id,
    Kind kind,
    Interval window,
    GroupId target,
    Optional<Power> requested,
    String source,
    Instant received) {

  /** The kinds of event. */
  public enum Kind {
    /** Reduce the group's load (or export more) during the window. */
    PEAK_REDUCTION
  }

  public GridEvent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(requested, "requested");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(received, "received");
    requested.ifPresent(
        p -> {
          if (p.watts() <= 0) {
            throw new IllegalArgumentException(
                "event " + id + ": requested reduction must be positive, was " + p);
          }
        });
  }
}
