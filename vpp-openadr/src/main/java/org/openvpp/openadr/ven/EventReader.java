package org.openvpp.openadr.ven;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.openvpp.time.Interval;

/**
 * Reads an event object of the VTN into an {@link OpenAdrEvent}, or refuses it with the reason.
 * Intervals follow the event's {@code intervalPeriod} unless their own say otherwise, one after the
 * other; an event whose start is the User Guide's "now" ({@code 0001-01-01}) starts when the VEN
 * first sees it; a duration of a year or more (the Definition's "infinite" {@code P9999Y}) is
 * refused, as an event OpenVPP cannot plan for.
 */
final class EventReader {

  private static final Duration LONGEST = Duration.ofDays(366);

  private EventReader() {}

  static OpenAdrEvent read(JsonNode e, String programName, Instant now) throws RefusedEvent {
    String id = e.path("id").asText("");
    if (id.isEmpty()) {
      throw new RefusedEvent("(no id)", "the event has no id");
    }
    Map<Signal, String> units = new EnumMap<>(Signal.class);
    for (JsonNode d : e.path("payloadDescriptors")) {
      Signal.of(d.path("payloadType").asText(""))
          .ifPresent(s -> units.put(s, d.path("units").asText("")));
    }
    for (Map.Entry<Signal, String> u : units.entrySet()) {
      if (isPower(u.getKey()) && !List.of("", "KW", "W", "MW").contains(u.getValue())) {
        throw new RefusedEvent(id, u.getKey() + " in units " + u.getValue() + ", not KW, W or MW");
      }
    }
    JsonNode period = e.path("intervalPeriod");
    Optional<Instant> cursor = start(period, now);
    String duration = period.path("duration").asText("");
    List<EventInterval> intervals = new ArrayList<>();
    boolean anySignal = false;
    for (JsonNode i : e.path("intervals")) {
      JsonNode own = i.path("intervalPeriod");
      Optional<Instant> s = own.has("start") ? start(own, now) : cursor;
      String d = own.path("duration").asText(duration);
      if (s.isEmpty() || d.isEmpty()) {
        throw new RefusedEvent(
            id, "interval " + i.path("id").asText() + " has no start or no duration");
      }
      Optional<Instant> end = IsoPeriods.plus(s.get(), d);
      if (end.isEmpty() || Duration.between(s.get(), end.get()).compareTo(LONGEST) > 0) {
        throw new RefusedEvent(
            id, "interval duration " + d + " is not a finite ISO 8601 duration under a year");
      }
      if (!end.get().isAfter(s.get())) {
        throw new RefusedEvent(id, "interval " + i.path("id").asText() + " has no length");
      }
      Map<Signal, Double> values = new EnumMap<>(Signal.class);
      for (JsonNode p : i.path("payloads")) {
        String type = p.path("type").asText("");
        Optional<Signal> signal = Signal.of(type);
        if (signal.isEmpty()) {
          continue;
        }
        JsonNode v = p.path("values").path(0);
        if (!v.isNumber()) {
          throw new RefusedEvent(
              id, type + " payload value " + p.path("values") + " is not a number");
        }
        double x = v.asDouble();
        if (signal.get() == Signal.SIMPLE && (x != Math.rint(x) || x < 0 || x > 3)) {
          throw new RefusedEvent(id, "SIMPLE level " + v + " is not 0, 1, 2 or 3");
        }
        if (!Double.isFinite(x)) {
          throw new RefusedEvent(id, type + " value is not finite");
        }
        values.put(signal.get(), x);
        anySignal = true;
      }
      intervals.add(
          new EventInterval(
              i.path("id").asInt(intervals.size()), new Interval(s.get(), end.get()), values));
      cursor = end;
    }
    if (intervals.isEmpty()) {
      throw new RefusedEvent(id, "the event has no intervals");
    }
    if (!anySignal) {
      throw new RefusedEvent(
          id, "no payload OpenVPP acts on (" + java.util.Arrays.toString(Signal.values()) + ")");
    }
    Instant first = intervals.get(0).window().start();
    Instant last = intervals.get(0).window().end();
    for (EventInterval i : intervals) {
      first = i.window().start().isBefore(first) ? i.window().start() : first;
      last = i.window().end().isAfter(last) ? i.window().end() : last;
    }
    List<ReportRequest> reports = new ArrayList<>();
    for (JsonNode r : e.path("reportDescriptors")) {
      reports.add(
          new ReportRequest(
              r.path("payloadType").asText(""),
              r.path("readingType").asText(""),
              r.path("units").asText("")));
    }
    Instant modified;
    try {
      modified = Instant.parse(e.path("modificationDateTime").asText(now.toString()));
    } catch (DateTimeParseException ex) {
      modified = now;
    }
    return new OpenAdrEvent(
        id,
        e.path("programID").asText(""),
        programName,
        e.path("eventName").asText(""),
        new Interval(first, last),
        intervals,
        units,
        targets(e.path("targets")),
        e.path("priority").isInt()
            ? OptionalInt.of(e.path("priority").asInt())
            : OptionalInt.empty(),
        reports,
        modified);
  }

  /** Targets as 3.1 writes them (strings) or as 3.0.1 does ({@code valuesMap}: their values). */
  static List<String> targets(JsonNode targets) {
    List<String> out = new ArrayList<>();
    for (JsonNode t : targets) {
      if (t.isTextual()) {
        out.add(t.asText());
      } else {
        t.path("values").forEach(v -> out.add(v.asText()));
      }
    }
    return out;
  }

  private static boolean isPower(Signal s) {
    return s == Signal.IMPORT_CAPACITY_LIMIT
        || s == Signal.EXPORT_CAPACITY_LIMIT
        || s == Signal.DISPATCH_SETPOINT_RELATIVE;
  }

  private static Optional<Instant> start(JsonNode period, Instant now) {
    if (!period.path("start").isTextual()) {
      return Optional.empty();
    }
    try {
      Instant s = ZonedDateTime.parse(period.path("start").asText()).toInstant();
      return Optional.of(s.isBefore(Instant.parse("0002-01-01T00:00:00Z")) ? now : s);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
