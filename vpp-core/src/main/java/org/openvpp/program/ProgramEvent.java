package org.openvpp.program;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.openvpp.time.Interval;
import org.openvpp.units.Power;

/**
 * An event of a program, as the {@link EventBook} keeps it.
 *
 * @param id stable identifier
 * @param programId the program
 * @param source who asked for it
 * @param window when it runs
 * @param targeting which of the program's sites it asks
 * @param requested the reduction asked for, if a figure was given
 * @param createdAt when it was created (the notice goes out then)
 * @param state where it stands
 * @param stateSince when it entered that state
 */
public record ProgramEvent(
    String id,
    String programId,
    EventSource source,
    Interval window,
    Targeting targeting,
    Optional<Power> requested,
    Instant createdAt,
    State state,
    Instant stateSince) {

  /** The lifecycle: scheduled → active → completed, or cancelled from scheduled or active. */
  public enum State {
    SCHEDULED,
    ACTIVE,
    COMPLETED,
    CANCELLED
  }

  public ProgramEvent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(programId, "programId");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(targeting, "targeting");
    Objects.requireNonNull(requested, "requested");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(stateSince, "stateSince");
  }

  ProgramEvent in(State next, Instant at) {
    return new ProgramEvent(
        id, programId, source, window, targeting, requested, createdAt, next, at);
  }

  /** Not cancelled (counts against the program's limits). */
  public boolean counts() {
    return state != State.CANCELLED;
  }

  /**
   * Whether it began: active, completed, or cancelled after its start (one cancelled before it
   * began never did). A day on which an event began is an event day to a baseline.
   */
  public boolean began() {
    return state == State.COMPLETED
        || state == State.ACTIVE
        || (state == State.CANCELLED && stateSince.isAfter(window.start()));
  }
}
