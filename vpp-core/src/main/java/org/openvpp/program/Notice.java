package org.openvpp.program;

import java.time.Instant;
import java.util.Objects;
import org.openvpp.time.Interval;

/**
 * A message to a participant about an event, put in the {@link EventBook}'s outbox for whatever
 * sends them (app push, e-mail, OpenADR).
 *
 * @param eventId the event
 * @param siteId the site
 * @param customerId whom to tell
 * @param kind scheduled, modified (a new window or request) or cancelled
 * @param window the event's window
 * @param at when the notice was made
 */
public record Notice(
    String eventId, String siteId, String customerId, Kind kind, Interval window, Instant at) {

  /** What the notice says. */
  public enum Kind {
    SCHEDULED,
    MODIFIED,
    CANCELLED
  }

  public Notice {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(siteId, "siteId");
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(at, "at");
  }
}
