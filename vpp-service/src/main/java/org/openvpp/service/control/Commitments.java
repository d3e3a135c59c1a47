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
 * once when it first planned the event, and kept (a cancellation ends it; an extension keeps it
 * over the longer window unless the batteries cannot hold it that long, when it is {@link #revise
 * lowered} to what they can), beside the discharge the batteries usually give on their own through
 * the event's hours ({@link BatteryRecord}): the batteries must give both, because the baseline the
 * promise is measured against already holds the usual part. Kept in the service's state so a
 * restarted service owes what it promised.
 *
 * <p>Threads: the control loop's; views copy {@link #all}.
 */
public final class Commitments {
  private static final String KIND = "commitment";

  private record Entry(Power promise, Power usual, Optional<Instant> until) {}

  private final ServiceState state;
  private final Map<String, Entry> byEvent = new HashMap<>();

  public Commitments(ServiceState state) {
    this.state = state;
    for (Map.Entry<String, String> e : state.all(KIND).entrySet()) {
      String json = e.getValue();
      byEvent.put(
          e.getKey(),
          new Entry(
              Power.ofKilowatts(number(json, "kw").orElse(0.0)),
              Power.ofKilowatts(number(json, "usual_kw").orElse(0.0)),
              number(json, "until_s").map(v -> Instant.ofEpochSecond(v.longValue()))));
    }
  }

  /** The reduction promised for an event, once sized. */
  public Optional<Power> of(String eventId) {
    return Optional.ofNullable(byEvent.get(eventId)).map(Entry::promise);
  }

  /**
   * The discharge the batteries must give through an event to keep the promise: the promise and
   * what they usually give on their own at those hours.
   */
  public Optional<Power> discharge(String eventId) {
    return Optional.ofNullable(byEvent.get(eventId)).map(e -> e.promise().plus(e.usual()));
  }

  /**
   * Fixes the commitment to an event, unless it is fixed already; returns the promise in force.
   *
   * @param promise the reduction promised
   * @param usual what the batteries usually give on their own through the event's hours
   * @param until the end of the event's window it was sized for
   */
  public Power commit(String eventId, Power promise, Power usual, Instant until, Instant at) {
    Entry known = byEvent.get(eventId);
    if (known != null) {
      return known.promise();
    }
    put(eventId, new Entry(promise, usual, Optional.of(until)), at);
    return promise;
  }

  /** The end of the window an event's commitment was sized for, if known. */
  public Optional<Instant> sizedUntil(String eventId) {
    return Optional.ofNullable(byEvent.get(eventId)).flatMap(Entry::until);
  }

  /**
   * Sizes an event's commitment again for a longer window (an extension): the promise never grows,
   * and is lowered to {@code promise} when that is less; returns the promise in force.
   */
  public Power revise(String eventId, Power promise, Power usual, Instant until, Instant at) {
    Entry known = byEvent.get(eventId);
    if (known == null) {
      return commit(eventId, promise, usual, until, at);
    }
    Power kept = promise.compareTo(known.promise()) < 0 ? promise : known.promise();
    put(eventId, new Entry(kept, usual, Optional.of(until)), at);
    return kept;
  }

  private void put(String eventId, Entry e, Instant at) {
    byEvent.put(eventId, e);
    state.put(
        KIND,
        eventId,
        String.format(
            Locale.ROOT,
            "{\"kw\":%.6f,\"usual_kw\":%.6f,\"until_s\":%d,\"at\":\"%s\"}",
            e.promise().kilowatts(),
            e.usual().kilowatts(),
            e.until().map(Instant::getEpochSecond).orElse(0L),
            at),
        at);
  }

  /** Every promise, by event. */
  public Map<String, Power> all() {
    Map<String, Power> out = new HashMap<>();
    byEvent.forEach((k, v) -> out.put(k, v.promise()));
    return Map.copyOf(out);
  }

  /** A number field of the documents this class writes (flat JSON of numbers and a string). */
  private static Optional<Double> number(String json, String field) {
    String key = "\"" + field + "\":";
    int i = json.indexOf(key);
    if (i < 0) {
      return Optional.empty();
    }
    int from = i + key.length();
    int end = from;
    while (end < json.length() && ",}".indexOf(json.charAt(end)) < 0) {
      end++;
    }
    return Optional.of(Double.parseDouble(json.substring(from, end).trim()));
  }
}
