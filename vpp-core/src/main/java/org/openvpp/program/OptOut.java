package org.openvpp.program;

import java.time.Instant;
import java.util.Objects;

/**
 * A site's opt-out of one event.
 *
 * @param eventId the event
 * @param siteId the site
 * @param at when it opted out; it is not dispatched from then on
 */
public record OptOut(String eventId, String siteId, Instant at) {
  public OptOut {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(siteId, "siteId");
    Objects.requireNonNull(at, "at");
  }
}
