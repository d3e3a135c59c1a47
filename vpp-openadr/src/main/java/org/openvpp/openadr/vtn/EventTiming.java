package org.openvpp.openadr.vtn;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openvpp.openadr.object.Event;

/**
 * When an event ends, for the {@code active} parameter of {@code GET /events} ("ignore events that
 * have transpired"). The event's {@code intervalPeriod} gives the default start and duration of its
 * intervals; an interval's own period overrides them; an interval without a start follows the one
 * before it (the User Guide's consecutive intervals). An event whose start is unknown or is the
 * User Guide's "now" ({@code 0001-01-01}) has no end: it is always active.
 */
final class EventTiming {

  private static final Pattern DURATION =
      Pattern.compile(
          "^(-?)P(?=\\d|T\\d)(?:(\\d+)Y)?(?:(\\d+)M)?(?:(\\d+)([DW]))?(?:T(?:(\\d+)H)?(?:(\\d+)M)?(?:(\\d+(?:\\.\\d+)?)S)?)?$");

  private EventTiming() {}

  static Optional<Instant> end(Event event) {
    JsonNode c = event.content();
    Optional<Instant> start = start(c.path("intervalPeriod"));
    String duration = c.path("intervalPeriod").path("duration").asText("PT0S");
    JsonNode intervals = c.path("intervals");
    if (!intervals.isArray() || intervals.isEmpty()) {
      return start.flatMap(s -> plus(s, duration));
    }
    Optional<Instant> cursor = start;
    Optional<Instant> end = Optional.empty();
    for (JsonNode i : intervals) {
      JsonNode period = i.path("intervalPeriod");
      Optional<Instant> s = period.has("start") ? start(period) : cursor;
      if (s.isEmpty()) {
        return Optional.empty();
      }
      Optional<Instant> e = plus(s.get(), period.path("duration").asText(duration));
      if (e.isEmpty()) {
        return Optional.empty();
      }
      cursor = e;
      end = end.isEmpty() || e.get().isAfter(end.get()) ? e : end;
    }
    return end;
  }

  private static Optional<Instant> start(JsonNode period) {
    if (!period.path("start").isTextual()) {
      return Optional.empty();
    }
    try {
      Instant s = ZonedDateTime.parse(period.path("start").asText()).toInstant();
      return s.isBefore(Instant.parse("0002-01-01T00:00:00Z")) ? Optional.empty() : Optional.of(s);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** {@code start} plus an ISO 8601 duration, or empty if it cannot be read. */
  static Optional<Instant> plus(Instant start, String duration) {
    Matcher m = DURATION.matcher(duration);
    if (!m.matches()) {
      return Optional.empty();
    }
    int sign = m.group(1).isEmpty() ? 1 : -1;
    ZonedDateTime t = start.atZone(ZoneOffset.UTC);
    t = t.plusYears(sign * num(m.group(2))).plusMonths(sign * num(m.group(3)));
    long days = num(m.group(4));
    t = "W".equals(m.group(5)) ? t.plusWeeks(sign * days) : t.plusDays(sign * days);
    t = t.plusHours(sign * num(m.group(6))).plusMinutes(sign * num(m.group(7)));
    if (m.group(8) != null) {
      long nanos = new BigDecimal(m.group(8)).movePointRight(9).longValue();
      t = t.plusNanos(sign * nanos);
    }
    return Optional.of(t.toInstant());
  }

  private static long num(String group) {
    return group == null ? 0 : Long.parseLong(group);
  }
}
