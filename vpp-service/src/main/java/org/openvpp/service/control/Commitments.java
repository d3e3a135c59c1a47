package org.openvpp.service.control;

import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.openvpp.service.state.ServiceState;
import org.openvpp.units.Power;

/**
 * What the VPP promised for each event of a battery program: the flat reduction it committed, sized
 * once from the fleet's flexibility when it first planned the event, and kept (an extension keeps
 * it over the longer window; a cancellation ends it). Kept in the service's state so a restarted
 * service owes what it promised.
 *
 * <p>Threads: the control loop's; views copy {@link #all}.
 */
public final class Commitments {
  private static final String KIND = "commitment";

  private final ServiceState state;
  private final Map<String, Power> byEvent = new HashMap<>();

  public Commitments(ServiceState state) {
    this.state = state;
    for (Map.Entry<String, String> e : state.all(KIND).entrySet()) {
      byEvent.put(e.getKey(), Power.ofKilowatts(Double.parseDouble(kw(e.getValue()))));
    }
  }

  /** The commitment to an event, once sized. */
  public Optional<Power> of(String eventId) {
    return Optional.ofNullable(byEvent.get(eventId));
  }

  /** Fixes the commitment to an event, unless it is fixed already; returns the one in force. */
  public Power commit(String eventId, Power flat, Instant at) {
    Power known = byEvent.get(eventId);
    if (known != null) {
      return known;
    }
    byEvent.put(eventId, flat);
    state.put(
        KIND,
        eventId,
        String.format(Locale.ROOT, "{\"kw\":%.6f,\"at\":\"%s\"}", flat.kilowatts(), at),
        at);
    return flat;
  }

  /** Every commitment, by event. */
  public Map<String, Power> all() {
    return Map.copyOf(byEvent);
  }

  private static String kw(String json) {
    int i = json.indexOf("\"kw\":");
    int end = json.indexOf(',', i);
    return json.substring(i + 5, end < 0 ? json.indexOf('}', i) : end);
  }
}
