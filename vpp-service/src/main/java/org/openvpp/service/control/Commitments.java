package org.openvpp.service.control;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.openvpp.service.state.ServiceState;
import org.openvpp.time.Interval;
import org.openvpp.units.Power;

/**
 * What the VPP promised for each event of a battery program: the flat reduction it committed, sized
 * once when it first planned the event, and kept (a cancellation ends it; an extension keeps it
 * over the longer window unless the batteries cannot hold it that long, when it is {@link #revise
 * lowered}: the old promise for the part gone, what they can hold for the rest), beside the
 * discharge the batteries usually give on their own through the event's hours ({@link
 * BatteryRecord}): the batteries must give both, because the baseline the promise is measured
 * against already holds the usual part. Kept in the service's state so a restarted service owes
 * what it promised.
 *
 * <p>Threads: the control loop's; views copy {@link #all}.
 */
public final class Commitments {
  private static final String KIND = "commitment";

  /**
   * @param firm the discharge the plans hold for the rest of the event, when it is not the promise
   *     and the usual part (after an extension lowered the promise for the rest only)
   */
  private record Entry(Power promise, Power usual, Optional<Instant> until, Optional<Power> firm) {}

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
              number(json, "until_s")
                  .filter(v -> v > 0)
                  .map(v -> Instant.ofEpochSecond(v.longValue())),
              number(json, "firm_kw").map(Power::ofKilowatts)));
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
    return Optional.ofNullable(byEvent.get(eventId))
        .map(e -> e.firm().orElse(e.promise().plus(e.usual())));
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
    put(eventId, new Entry(promise, usual, Optional.of(until), Optional.empty()), at);
    return promise;
  }

  /** The end of the window an event's commitment was sized for, if known. */
  public Optional<Instant> sizedUntil(String eventId) {
    return Optional.ofNullable(byEvent.get(eventId)).flatMap(Entry::until);
  }

  /**
   * Sizes an event's commitment again for a longer window (an extension), from {@code at}: through
   * the rest of the window the batteries can give {@code rest} beyond {@code usual}. The promise
   * over the whole window becomes the mean of the old promise over the part gone and {@code rest}
   * over the part to come, if that is less (it never grows); the plans hold {@code rest} and the
   * usual part from now on. Returns the promise in force.
   */
  public Power revise(String eventId, Interval window, Power rest, Power usual, Instant at) {
    Entry known = byEvent.get(eventId);
    if (known == null) {
      return commit(eventId, rest, usual, window.end(), at);
    }
    double whole = window.length().toSeconds();
    double gone =
        Math.clamp(Duration.between(window.start(), at).toSeconds(), 0, (long) whole) / whole;
    Power mean =
        Power.ofKilowatts(known.promise().kilowatts() * gone + rest.kilowatts() * (1 - gone));
    if (mean.compareTo(known.promise()) >= 0) {
      put(
          eventId,
          new Entry(known.promise(), usual, Optional.of(window.end()), Optional.empty()),
          at);
      return known.promise();
    }
    put(
        eventId,
        new Entry(mean, usual, Optional.of(window.end()), Optional.of(rest.plus(usual))),
        at);
    return mean;
  }

  private void put(String eventId, Entry e, Instant at) {
    byEvent.put(eventId, e);
    state.put(
        KIND,
        eventId,
        String.format(
            Locale.ROOT,
            "{\"kw\":%.6f,\"usual_kw\":%.6f,\"until_s\":%d,%s\"at\":\"%s\"}",
            e.promise().kilowatts(),
            e.usual().kilowatts(),
            e.until().map(Instant::getEpochSecond).orElse(0L),
            e.firm()
                .map(f -> String.format(Locale.ROOT, "\"firm_kw\":%.6f,", f.kilowatts()))
                .orElse(""),
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
