package org.openvpp.service.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.openvpp.mv.baseline.DayCalendar;
import org.openvpp.time.Interval;
import org.openvpp.twin.TwinStore;

/**
 * What a battery program's batteries gave on their own account, interval by interval, day by day:
 * the record a commitment is sized from.
 *
 * <p><b>Why.</b> A utility credits an event with the site's baseline less its metered load. The
 * baseline is the site's load on earlier days, and on those days the batteries were discharging too
 * (for their homes, or for the VPP's trading), which lowered it. So in an event the batteries'
 * discharge reduces the load against the baseline only by what they give beyond what they gave on
 * the baseline's days. {@link #usual} says how much that is, from the same kind of days the
 * baselines of the programs use (CAISO's 10-in-10): the most recent ten days of the event's type
 * (weekday, or weekend and holiday) that were no event days and that the record covers through the
 * event's intervals.
 *
 * <p><b>How.</b> Each control step adds the discharge of the program's batteries online (the
 * negative of their summed power, from the twins) times the step to the interval of the local day
 * it falls in; an interval counts as recorded when at least {@value #COVERED} of its steps were
 * seen. Days older than {@value #DAYS} are dropped. The record is the service's own; {@link #write}
 * and {@link #read} give it as JSON, which the program keeps in the service's state at each local
 * midnight, so a restarted service has the record up to its last midnight.
 *
 * <p>Threads: the control loop's.
 */
final class BatteryRecord {
  /** Days kept: the longest look-back of the baselines (45 days before the event's). */
  static final int DAYS = 46;

  /** Days averaged, as CAISO's 10-in-10 does. */
  static final int WANTED = 10;

  /** The share of an interval's steps that makes it recorded. */
  static final double COVERED = 0.8;

  /**
   * The batteries' usual discharge through an event's intervals, kW (negative where they charged).
   *
   * @param days the days it is the mean of, most recent first
   */
  record Usual(List<LocalDate> days, List<Double> kw) {
    Usual {
      days = List.copyOf(days);
      kw = List.copyOf(kw);
    }

    /** The most the batteries gave on their own in any one of the intervals, kW (at least 0). */
    double peakKw() {
      double max = 0;
      for (double v : kw) {
        max = Math.max(max, v);
      }
      return max;
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Duration interval;
  private final ZoneId zone;
  private final TreeMap<LocalDate, Day> days = new TreeMap<>();

  private static final class Day {
    final Instant midnight;
    final double[] kwh;
    final int[] steps;

    Day(Instant midnight, int intervals) {
      this.midnight = midnight;
      this.kwh = new double[intervals];
      this.steps = new int[intervals];
    }
  }

  BatteryRecord(Duration interval, ZoneId zone) {
    this.interval = interval;
    this.zone = zone;
  }

  /**
   * Adds one control step of {@code step} at {@code now}: the discharge of the batteries online.
   *
   * @return whether this step began a local day (the one before is complete)
   */
  boolean observe(Instant now, Duration step, TwinStore twins, int[] batteries) {
    double kw = 0;
    for (int d : batteries) {
      if (twins.isOnline(d, now)) {
        kw -= twins.powerKw(d);
      }
    }
    LocalDate date = now.atZone(zone).toLocalDate();
    boolean newDay = !days.isEmpty() && !days.containsKey(date);
    Day day = days.computeIfAbsent(date, this::day);
    int k = (int) (Duration.between(day.midnight, now).toSeconds() / interval.toSeconds());
    if (k >= 0 && k < day.kwh.length) {
      day.kwh[k] += kw * step.toSeconds() / 3600.0;
      day.steps[k]++;
    }
    while (!days.isEmpty() && days.firstKey().isBefore(date.minusDays(DAYS))) {
      days.pollFirstEntry();
    }
    return newDay;
  }

  /** The record as JSON: {@code {"days": {"2019-08-01": {"kwh": [...], "steps": [...]}, ...}}}. */
  String write() {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode all = root.putObject("days");
    for (Map.Entry<LocalDate, Day> e : days.entrySet()) {
      ObjectNode d = all.putObject(e.getKey().toString());
      ArrayNode kwh = d.putArray("kwh");
      ArrayNode steps = d.putArray("steps");
      for (int i = 0; i < e.getValue().kwh.length; i++) {
        kwh.add(e.getValue().kwh[i]);
        steps.add(e.getValue().steps[i]);
      }
    }
    return root.toString();
  }

  /**
   * Takes back a record {@link #write} gave; a day whose intervals do not match this zone's and
   * interval's is left out.
   *
   * @throws IllegalArgumentException when the text is not such a record
   */
  void read(String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("a battery record that is not JSON: " + e.getMessage(), e);
    }
    JsonNode all = root.path("days");
    if (!all.isObject()) {
      throw new IllegalArgumentException("a battery record without its days");
    }
    for (Map.Entry<String, JsonNode> e : all.properties()) {
      LocalDate date = LocalDate.parse(e.getKey());
      Day day = day(date);
      JsonNode kwh = e.getValue().path("kwh");
      JsonNode steps = e.getValue().path("steps");
      if (kwh.size() != day.kwh.length || steps.size() != day.kwh.length) {
        continue;
      }
      for (int i = 0; i < day.kwh.length; i++) {
        day.kwh[i] = kwh.get(i).asDouble();
        day.steps[i] = steps.get(i).asInt();
      }
      days.put(date, day);
    }
  }

  /**
   * The batteries' usual discharge through {@code window}'s intervals, from up to {@value #WANTED}
   * days before its own that {@code calendar} gives its type and no event, and that the record
   * covers through the window; empty when there is no such day.
   *
   * @param step the control step the record was made at
   */
  Optional<Usual> usual(Interval window, DayCalendar calendar, Duration step) {
    LocalDate eventDay = window.start().atZone(zone).toLocalDate();
    DayCalendar.DayType type = calendar.dayType(eventDay);
    java.time.LocalTime startsAt = window.start().atZone(zone).toLocalTime();
    int n = (int) Math.ceil(window.length().toSeconds() / (double) seconds());
    int wantSteps = (int) Math.ceil(COVERED * interval.toSeconds() / step.toSeconds());
    List<LocalDate> used = new ArrayList<>();
    double[] sum = new double[n];
    for (Map.Entry<LocalDate, Day> e : days.headMap(eventDay, false).descendingMap().entrySet()) {
      LocalDate d = e.getKey();
      if (used.size() == WANTED) {
        break;
      }
      if (calendar.isEventDay(d) || calendar.dayType(d) != type) {
        continue;
      }
      Day day = e.getValue();
      // The same local times on that day (whatever daylight saving did to either day).
      Instant at = d.atTime(startsAt).atZone(zone).toInstant();
      long offset = Duration.between(day.midnight, at).toSeconds();
      int from = (int) (offset / seconds());
      if (offset % seconds() != 0 || from + n > day.kwh.length) {
        continue;
      }
      boolean covered = true;
      for (int i = 0; i < n && covered; i++) {
        covered = day.steps[from + i] >= wantSteps;
      }
      if (!covered) {
        continue;
      }
      used.add(d);
      for (int i = 0; i < n; i++) {
        double seen = day.steps[from + i] * step.toSeconds() / 3600.0;
        sum[i] += day.kwh[from + i] / seen;
      }
    }
    if (used.isEmpty()) {
      return Optional.empty();
    }
    List<Double> kw = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      kw.add(sum[i] / used.size());
    }
    return Optional.of(new Usual(used, kw));
  }

  private long seconds() {
    return interval.toSeconds();
  }

  private Day day(LocalDate date) {
    Instant midnight = date.atStartOfDay(zone).toInstant();
    Instant next = date.plusDays(1).atStartOfDay(zone).toInstant();
    int intervals = (int) (Duration.between(midnight, next).toSeconds() / interval.toSeconds());
    return new Day(midnight, intervals);
  }
}
