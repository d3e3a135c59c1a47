package org.openvpp.ocpp.charging;

import java.util.Objects;
import org.openvpp.ocpp.server.CallOutcome;

/** What became of a GetCompositeSchedule. */
public sealed interface ScheduleAnswer {
  /** The charger's schedule, in watts. */
  record Schedule(CompositeSchedule schedule) implements ScheduleAnswer {
    public Schedule {
      Objects.requireNonNull(schedule, "schedule");
    }
  }

  /** The charger answered Rejected (an unknown EVSE, say); {@code reason} as it gave one. */
  record Rejected(String reason) implements ScheduleAnswer {
    public Rejected {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * The charger answered Accepted, but its schedule cannot be read in watts: in amperes with no
   * voltage known, without a start, or with values out of range; {@code reason} says which.
   */
  record Unreadable(String reason) implements ScheduleAnswer {
    public Unreadable {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** No answer to read: a CALLERROR, a time-out or a closed connection. */
  record NoAnswer(CallOutcome outcome) implements ScheduleAnswer {
    public NoAnswer {
      Objects.requireNonNull(outcome, "outcome");
    }
  }
}
