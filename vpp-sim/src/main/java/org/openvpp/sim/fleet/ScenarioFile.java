package org.openvpp.sim.fleet;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads a {@link Scenario} from YAML, strictly: an unknown key, a missing one, or a value of the
 * wrong kind is refused with a message naming the file and the key. Only plain YAML (maps, lists,
 * strings, numbers) is accepted; no tags, no object construction, and at most 64 KiB.
 *
 * <p>The format, with every key:
 *
 * <pre>
 * name: summer-peak-ca
 * description: A hot August day in Fontana, California, with an evening peak event
 * day: 2019-08-15
 * hours: 24
 * seed: 1
 * homes: 200
 * feeders: 4
 * regions:
 *   - {name: fontana, latitude: 34.09, longitude: -117.43, zone: America/Los_Angeles,
 *      weather: fontana, share: 1.0}
 * devices: {battery: 1.0, ev: 0.3, thermostat: 0.7, pv: 0.5, water_heater: 0.2}
 * misbehaviour:
 *   latency_s: [30, 90]
 *   ramp_kw_per_min: 10
 *   ignoring_share: 0.03
 *   offline_per_day: 0.05
 *   offline_minutes: [10, 120]
 *   telemetry_noise: 0.02
 *   telemetry_delay_max_s: 90
 *   clock_skew_max_s: 5
 * event: {start: "17:00", end: "20:00", notice_h: 5}
 * prices: caiso-2019          # or none
 * </pre>
 *
 * <p>A scenario that runs for a season says so in a {@code season} block; {@code hours} and {@code
 * event} are then left out (the season's days and events say them):
 *
 * <pre>
 * season:
 *   days: 14                  # local days from `day`
 *   history_days: 30          # meter history the customers bring when they sign up
 *   events:                   # the utility's; day counts from 0
 *     - {day: 10, start: "17:00", end: "20:00", notice_h: 5}
 *     - {day: 11, start: "16:00", end: "19:00", notice_h: 4, extend_to: "20:00"}
 *     - {day: 12, start: "17:00", end: "20:00", notice_h: 5, cancel: during}   # or before
 *   signups: {at_start: 0.8, spread_days: 5, withdraw: 0.02, lapse: 0.03, opt_out: 0.02}
 *   meters: {next_day: 0.2, late: 0.02}
 * </pre>
 */
public final class ScenarioFile {
  private static final int MAX_BYTES = 64 * 1024;
  private static final String DIR = "/org/openvpp/sim/scenarios/";
  private static final List<String> SHIPPED =
      List.of("summer-peak-ca", "winter-morning-ca", "summer-season-ca", "winter-season-ca");

  private ScenarioFile() {}

  /** The names of the scenarios shipped with OpenVPP. */
  public static List<String> shipped() {
    return SHIPPED;
  }

  /** A shipped scenario by name, or a YAML file by path. */
  public static Scenario load(String nameOrPath) {
    if (SHIPPED.contains(nameOrPath)) {
      String file = DIR + nameOrPath + ".yaml";
      try (InputStream in = ScenarioFile.class.getResourceAsStream(file)) {
        if (in == null) {
          throw new IllegalStateException("missing resource " + file + "; the build is incomplete");
        }
        return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), nameOrPath);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    Path path = Path.of(nameOrPath);
    if (!Files.isRegularFile(path)) {
      throw new IllegalArgumentException(
          "no scenario '" + nameOrPath + "': not a shipped one " + SHIPPED + " and not a file");
    }
    try {
      if (Files.size(path) > MAX_BYTES) {
        throw new IllegalArgumentException(path + ": a scenario file is at most 64 KiB");
      }
      return parse(Files.readString(path, StandardCharsets.UTF_8), path.toString());
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read scenario " + path + ": " + e.getMessage(), e);
    }
  }

  /** The longest notice a season's event may have: two weeks. */
  private static final int MAX_NOTICE_HOURS = 14 * 24;

  /** An event's {@code notice_h}, within 0 and {@link #MAX_NOTICE_HOURS}. */
  private static Duration notice(Node event) {
    double hours = event.number("notice_h");
    if (!(hours >= 0 && hours <= MAX_NOTICE_HOURS)) {
      throw event.failure(
          event.path() + ".notice_h must be 0.." + MAX_NOTICE_HOURS + " hours, was " + hours);
    }
    return Duration.ofMinutes(Math.round(hours * 60));
  }

  /** Parses scenario YAML; {@code source} names it in error messages. */
  public static Scenario parse(String yaml, String source) {
    try {
      return parseNamed(yaml, source);
    } catch (IllegalArgumentException e) {
      // a value each field accepts alone but not together is refused by the scenario itself,
      // which does not know the file: name it here
      String m = String.valueOf(e.getMessage());
      if (m.startsWith(source)) {
        throw e;
      }
      throw new IllegalArgumentException(source + ": " + m, e);
    }
  }

  private static Scenario parseNamed(String yaml, String source) {
    if (yaml.length() > MAX_BYTES) {
      throw new IllegalArgumentException(source + ": a scenario is at most 64 KiB");
    }
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(10);
    Object root;
    try {
      root = new Yaml(new SafeConstructor(options)).load(yaml);
    } catch (YAMLException e) {
      throw new IllegalArgumentException(source + ": not valid YAML: " + e.getMessage(), e);
    }
    Node top = new Node(source, "", root);
    top.only(
        "name",
        "description",
        "day",
        "hours",
        "seed",
        "homes",
        "feeders",
        "regions",
        "devices",
        "misbehaviour",
        "event",
        "prices",
        "season");
    Optional<Season> season =
        top.has("season") ? Optional.of(season(top.map("season"))) : Optional.empty();
    Node devices = top.map("devices");
    devices.only("battery", "ev", "thermostat", "pv", "water_heater");
    Node mis = top.map("misbehaviour");
    mis.only(
        "latency_s",
        "ramp_kw_per_min",
        "ignoring_share",
        "offline_per_day",
        "offline_minutes",
        "telemetry_noise",
        "telemetry_delay_max_s",
        "clock_skew_max_s");
    try {
      Scenario.Event ev;
      int hours;
      if (season.isPresent()) {
        if (top.has("hours") || top.has("event")) {
          throw top.failure(
              "with a season block, leave out hours and event (the season says them)");
        }
        Season.SeasonEvent first =
            season.get().events().isEmpty()
                ? new Season.SeasonEvent(
                    0,
                    java.time.LocalTime.of(17, 0),
                    java.time.LocalTime.of(20, 0),
                    Duration.ofHours(5),
                    Optional.empty(),
                    Optional.empty())
                : season.get().events().get(0);
        ev = new Scenario.Event(first.start(), first.end(), first.notice());
        hours = 24 * season.get().days();
      } else {
        Node event = top.map("event");
        event.only("start", "end", "notice_h");
        ev = new Scenario.Event(event.time("start"), event.time("end"), notice(event));
        hours = top.integer("hours");
      }
      double[] latency = mis.range("latency_s");
      double[] offline = mis.range("offline_minutes");
      Scenario scenario =
          new Scenario(
              top.string("name"),
              top.string("description"),
              top.date("day"),
              hours,
              top.integer("seed"),
              top.integer("homes"),
              top.integer("feeders"),
              regions(top),
              new Scenario.DeviceMix(
                  devices.number("battery"),
                  devices.number("ev"),
                  devices.number("thermostat"),
                  devices.number("pv"),
                  devices.number("water_heater")),
              new Misbehaviour(
                  latency[0],
                  latency[1],
                  mis.number("ramp_kw_per_min"),
                  mis.number("ignoring_share"),
                  mis.number("offline_per_day"),
                  offline[0],
                  offline[1],
                  mis.number("telemetry_noise"),
                  mis.number("telemetry_delay_max_s"),
                  mis.number("clock_skew_max_s")),
              ev,
              Scenario.Prices.of(top.string("prices")));
      return season.isPresent() ? scenario.withSeason(season.get()) : scenario;
    } catch (IllegalArgumentException e) {
      if (e.getMessage() != null && e.getMessage().startsWith(source + ":")) {
        throw e;
      }
      throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
    }
  }

  private static Season season(Node n) {
    n.only("days", "history_days", "events", "signups", "meters");
    List<Season.SeasonEvent> events = new java.util.ArrayList<>();
    if (n.has("events")) {
      for (Node e : n.list("events")) {
        e.only("day", "start", "end", "notice_h", "extend_to", "cancel");
        Optional<Season.SeasonEvent.Cancel> cancel = Optional.empty();
        if (e.has("cancel")) {
          String c = e.string("cancel");
          switch (c) {
            case "before" -> cancel = Optional.of(Season.SeasonEvent.Cancel.BEFORE);
            case "during" -> cancel = Optional.of(Season.SeasonEvent.Cancel.DURING);
            default -> throw e.failure(e.path() + ".cancel must be before or during, was " + c);
          }
        }
        Duration notice = notice(e);
        try {
          events.add(
              new Season.SeasonEvent(
                  e.integer("day"),
                  e.time("start"),
                  e.time("end"),
                  notice,
                  e.has("extend_to") ? Optional.of(e.time("extend_to")) : Optional.empty(),
                  cancel));
        } catch (IllegalArgumentException x) {
          if (x.getMessage() != null && x.getMessage().startsWith(n.source() + ":")) {
            throw x;
          }
          throw e.failure(e.path() + ": " + x.getMessage());
        }
      }
    }
    Season.Signups signups = Season.Signups.everyone();
    if (n.has("signups")) {
      Node s = n.map("signups");
      s.only("at_start", "spread_days", "withdraw", "lapse", "opt_out");
      signups =
          new Season.Signups(
              s.number("at_start"),
              s.integer("spread_days"),
              s.number("withdraw"),
              s.number("lapse"),
              s.number("opt_out"));
    }
    Season.Meters meters = Season.Meters.prompt();
    if (n.has("meters")) {
      Node m = n.map("meters");
      m.only("next_day", "late");
      meters = new Season.Meters(m.number("next_day"), m.number("late"));
    }
    try {
      return new Season(
          n.integer("days"),
          n.has("history_days") ? n.integer("history_days") : 0,
          events,
          signups,
          meters);
    } catch (IllegalArgumentException x) {
      throw n.failure(x.getMessage() == null ? "season is not valid" : x.getMessage());
    }
  }

  private static List<Scenario.Region> regions(Node top) {
    List<Scenario.Region> out = new java.util.ArrayList<>();
    List<Node> items = top.list("regions");
    for (Node region : items) {
      region.only("name", "latitude", "longitude", "zone", "weather", "share");
      try {
        out.add(
            new Scenario.Region(
                region.string("name"),
                region.number("latitude"),
                region.number("longitude"),
                region.zone("zone"),
                Scenario.Weather.of(region.string("weather")),
                region.number("share")));
      } catch (IllegalArgumentException e) {
        if (e.getMessage() != null && e.getMessage().startsWith(top.source() + ":")) {
          throw e;
        }
        throw new IllegalArgumentException(
            top.source() + ": " + region.path() + ": " + e.getMessage(), e);
      }
    }
    return out;
  }

  /** A map in the YAML tree, read with messages that give the file and the key's path. */
  private record Node(String source, String path, Object value) {

    private Map<?, ?> asMap() {
      if (!(value instanceof Map<?, ?> m)) {
        throw fail(
            path.isEmpty() ? "the file must be a YAML map of keys" : path + " must be a map");
      }
      return m;
    }

    void only(String... keys) {
      Set<String> allowed = Set.of(keys);
      Set<String> unknown = new TreeSet<>();
      for (Object k : asMap().keySet()) {
        if (!allowed.contains(String.valueOf(k))) {
          unknown.add(String.valueOf(k));
        }
      }
      if (!unknown.isEmpty()) {
        throw fail(
            "unknown key(s) "
                + unknown
                + (path.isEmpty() ? "" : " in " + path)
                + "; allowed: "
                + new TreeSet<>(allowed));
      }
    }

    private Object get(String key) {
      Object v = asMap().get(key);
      if (v == null) {
        throw fail("missing " + key(key));
      }
      return v;
    }

    private String key(String key) {
      return path.isEmpty() ? key : path + "." + key;
    }

    Node map(String key) {
      return new Node(source, key(key), get(key));
    }

    List<Node> list(String key) {
      Object v = get(key);
      if (!(v instanceof List<?> l) || l.isEmpty()) {
        throw fail(key(key) + " must be a non-empty list");
      }
      List<Node> nodes = new java.util.ArrayList<>();
      for (int i = 0; i < l.size(); i++) {
        nodes.add(new Node(source, key(key) + "[" + i + "]", l.get(i)));
      }
      return nodes;
    }

    String string(String key) {
      Object v = get(key);
      if (!(v instanceof String s) || s.isBlank()) {
        throw fail(key(key) + " must be a non-empty text, was " + v);
      }
      return s;
    }

    double number(String key) {
      Object v = get(key);
      if (!(v instanceof Number n) || !Double.isFinite(n.doubleValue())) {
        throw fail(key(key) + " must be a number, was " + v);
      }
      return n.doubleValue();
    }

    int integer(String key) {
      Object v = get(key);
      if (!(v instanceof Integer i)) {
        throw fail(key(key) + " must be a whole number, was " + v);
      }
      return i;
    }

    double[] range(String key) {
      Object v = get(key);
      if (!(v instanceof List<?> l)
          || l.size() != 2
          || !(l.get(0) instanceof Number a)
          || !(l.get(1) instanceof Number b)) {
        throw fail(key(key) + " must be a range [min, max], was " + v);
      }
      return new double[] {a.doubleValue(), b.doubleValue()};
    }

    LocalDate date(String key) {
      Object v = get(key);
      if (v instanceof java.util.Date d) {
        return d.toInstant().atZone(java.time.ZoneOffset.UTC).toLocalDate();
      }
      try {
        return LocalDate.parse(String.valueOf(v));
      } catch (DateTimeParseException e) {
        throw fail(key(key) + " must be a date like 2019-08-15, was " + v);
      }
    }

    LocalTime time(String key) {
      Object v = get(key);
      try {
        return LocalTime.parse(String.valueOf(v));
      } catch (DateTimeParseException e) {
        throw fail(key(key) + " must be a time like \"17:00\" (quoted), was " + v);
      }
    }

    ZoneId zone(String key) {
      String z = string(key);
      try {
        return ZoneId.of(z);
      } catch (java.time.DateTimeException e) {
        throw fail(key(key) + " must be a time zone like America/Los_Angeles, was " + z);
      }
    }

    private IllegalArgumentException fail(String message) {
      return new IllegalArgumentException(source + ": " + message);
    }

    IllegalArgumentException failure(String message) {
      return fail(message);
    }

    boolean has(String key) {
      return asMap().containsKey(key);
    }
  }
}
