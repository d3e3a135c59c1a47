package org.openvpp.greenbutton;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Links what {@link FeedParser} read as ESPI links it, and makes each electric usage point with
 * interval data a {@link UsagePoint}.
 *
 * <p>Design note. Linking waits until the whole feed is read, so entries may come in any order (a
 * Connect feed may send blocks before their MeterReading). The links followed: a MeterReading's
 * {@code up} is its UsagePoint's {@code …/MeterReading} collection (or one of the UsagePoint's
 * {@code related} links); its {@code related} links name its ReadingType and its {@code
 * …/IntervalBlock} collection, which is each of its blocks' {@code up}. When a link is absent, a
 * {@code self} href under the parent's is taken instead. Hrefs are compared by path, so an absolute
 * and a relative href of one resource match. Problems of the file (a broken link, a reading type
 * OpenVPP does not read) throw; each usage point's readings then go to a {@link UsageSeries}, which
 * keeps or refuses them one by one.
 */
final class FeedLinker {
  private FeedLinker() {}

  /** A MeterReading with its usage point, reading type and blocks. */
  private record Linked(
      RawFeed.Entry meterReading,
      RawFeed.UsagePointEntry usagePoint,
      RawFeed.FieldsEntry readingType,
      List<RawFeed.BlockEntry> blocks) {}

  static GreenButtonFeed link(RawFeed raw) {
    if (raw.usagePoints().isEmpty()) {
      throw new GreenButtonException(
          GreenButtonException.Reason.EMPTY,
          "the feed holds no UsagePoint entry; a Green Button file names the customer's usage"
              + " point with its MeterReadings, ReadingTypes and IntervalBlocks (download the"
              + " usage data, not a bill or a summary)");
    }
    Map<String, RawFeed.UsagePointEntry> points = new LinkedHashMap<>();
    for (RawFeed.UsagePointEntry p : raw.usagePoints()) {
      putOnce(points, "UsagePoint", p.entry(), p);
    }
    Map<String, RawFeed.FieldsEntry> types = new HashMap<>();
    for (RawFeed.FieldsEntry t : raw.readingTypes()) {
      RawFeed.FieldsEntry earlier = types.get(key(selfOf("ReadingType", t.entry())));
      if (earlier == null || !texts(earlier).equals(texts(t))) {
        putOnce(types, "ReadingType", t.entry(), t); // the same one twice is no conflict
      }
    }
    Map<String, RawFeed.FieldsEntry> times = new HashMap<>();
    for (RawFeed.FieldsEntry t : raw.timeParameters()) {
      if (t.entry().self() != null) {
        times.putIfAbsent(key(t.entry().self()), t);
      }
    }

    Map<String, RawFeed.UsagePointEntry> pointByCollection = new HashMap<>();
    for (Map.Entry<String, RawFeed.UsagePointEntry> p : points.entrySet()) {
      pointByCollection.put(p.getKey() + "/MeterReading", p.getValue());
    }
    Map<String, Linked> readings = new LinkedHashMap<>();
    Map<String, Linked> readingByCollection = new HashMap<>();
    for (RawFeed.Entry m : raw.meterReadings()) {
      String self = key(selfOf("MeterReading", m));
      RawFeed.UsagePointEntry point = pointOf(m, pointByCollection, points);
      Linked linked = new Linked(m, point, typeOf(m, types), new ArrayList<>());
      if (readings.putIfAbsent(self, linked) != null) {
        throw twice("MeterReading", m);
      }
      readingByCollection.put(self + "/IntervalBlock", linked);
    }
    for (Linked l : readings.values()) {
      for (String related : l.meterReading().related()) {
        readingByCollection.putIfAbsent(key(related), l);
      }
    }
    for (RawFeed.BlockEntry b : raw.blocks()) {
      meterReadingOf(b, readingByCollection, readings).blocks().add(b);
    }
    return build(points.values(), readings.values(), times);
  }

  /** The electric usage points with interval data, or the feed's refusal if there are none. */
  private static GreenButtonFeed build(
      Collection<RawFeed.UsagePointEntry> points,
      Collection<Linked> readings,
      Map<String, RawFeed.FieldsEntry> times) {
    List<UsagePoint> kept = new ArrayList<>();
    List<String> otherServices = new ArrayList<>();
    boolean anyReading = false;
    for (RawFeed.UsagePointEntry p : points) {
      List<Linked> own =
          readings.stream().filter(l -> l.usagePoint().equals(p)).collect(Collectors.toList());
      if (own.isEmpty()) {
        continue;
      }
      int service = serviceKind(p);
      if (service != 0) {
        otherServices.add(p.entry().name() + " (ServiceCategory kind " + service + ")");
        continue;
      }
      UsageSeries series = new UsageSeries();
      for (Linked m : own) {
        ReadingTypes.Accepted type = ReadingTypes.check(m.readingType());
        for (RawFeed.BlockEntry block : m.blocks()) {
          series.add(m.meterReading().name(), type, block.readings());
        }
      }
      UsagePoint built =
          series.toUsagePoint(
              selfOf("UsagePoint", p.entry()), p.entry().title(), timeParameters(p, times));
      anyReading |= !built.intervals().isEmpty() || !built.refusals().isEmpty();
      kept.add(built);
    }
    if (kept.isEmpty() && !otherServices.isEmpty()) {
      throw new GreenButtonException(
          GreenButtonException.Reason.WRONG_UNITS,
          "the feed's usage points with data are not electric: "
              + String.join(", ", otherServices)
              + "; OpenVPP reads electricity (ServiceCategory kind 0), not gas, water or other"
              + " services");
    }
    if (!anyReading) {
      throw new GreenButtonException(
          GreenButtonException.Reason.EMPTY,
          "the feed holds no interval data: its usage points have no MeterReading with"
              + " IntervalReadings; ask the utility for interval data (15-minute or hourly usage),"
              + " not only summaries");
    }
    return new GreenButtonFeed(kept);
  }

  private static RawFeed.UsagePointEntry pointOf(
      RawFeed.Entry m,
      Map<String, RawFeed.UsagePointEntry> byCollection,
      Map<String, RawFeed.UsagePointEntry> bySelf) {
    String up = m.up();
    if (up != null) {
      RawFeed.UsagePointEntry p = byCollection.get(key(up));
      if (p != null) {
        return p;
      }
      for (RawFeed.UsagePointEntry candidate : bySelf.values()) {
        for (String related : candidate.entry().related()) {
          if (key(related).equals(key(up))) {
            return candidate;
          }
        }
      }
    }
    String self = key(selfOf("MeterReading", m));
    for (Map.Entry<String, RawFeed.UsagePointEntry> p : bySelf.entrySet()) {
      if (self.startsWith(p.getKey() + "/MeterReading/")) {
        return p.getValue();
      }
    }
    throw new GreenButtonException(
        GreenButtonException.Reason.MALFORMED,
        "MeterReading "
            + m.name()
            + " (line "
            + m.line()
            + ") belongs to no UsagePoint of the feed (its up link: "
            + (up == null ? "none" : up)
            + "); a MeterReading's up link is its UsagePoint's …/MeterReading collection");
  }

  private static RawFeed.FieldsEntry typeOf(
      RawFeed.Entry m, Map<String, RawFeed.FieldsEntry> types) {
    List<RawFeed.FieldsEntry> found = new ArrayList<>();
    for (String related : m.related()) {
      RawFeed.FieldsEntry t = types.get(key(related));
      if (t != null && !found.contains(t)) {
        found.add(t);
      }
    }
    if (found.size() == 1) {
      return found.get(0);
    }
    throw new GreenButtonException(
        GreenButtonException.Reason.MALFORMED,
        "MeterReading "
            + m.name()
            + " (line "
            + m.line()
            + ") links "
            + (found.isEmpty() ? "no ReadingType of the feed" : found.size() + " ReadingTypes")
            + " (its related links: "
            + String.join(", ", m.related())
            + "); a MeterReading links exactly one ReadingType, which says what its values are");
  }

  private static Linked meterReadingOf(
      RawFeed.BlockEntry b, Map<String, Linked> byCollection, Map<String, Linked> bySelf) {
    String up = b.entry().up();
    if (up != null) {
      Linked m = byCollection.get(key(up));
      if (m != null) {
        return m;
      }
    }
    String self = b.entry().self();
    if (self != null) {
      for (Map.Entry<String, Linked> m : bySelf.entrySet()) {
        if (key(self).startsWith(m.getKey() + "/IntervalBlock/")) {
          return m.getValue();
        }
      }
    }
    throw new GreenButtonException(
        GreenButtonException.Reason.MALFORMED,
        "IntervalBlock "
            + b.entry().name()
            + " (line "
            + b.entry().line()
            + ") belongs to no MeterReading of the feed (its up link: "
            + (up == null ? "none" : up)
            + "); a feed carries the MeterReading and ReadingType of each of its blocks, and a"
            + " block's up link is its MeterReading's …/IntervalBlock collection");
  }

  private static Optional<LocalTimeParameters> timeParameters(
      RawFeed.UsagePointEntry p, Map<String, RawFeed.FieldsEntry> times) {
    RawFeed.FieldsEntry found = null;
    for (String related : p.entry().related()) {
      found = found != null ? found : times.get(key(related));
    }
    if (found == null && times.size() == 1) {
      found = times.values().iterator().next();
    }
    if (found == null) {
      return Optional.empty();
    }
    Map<String, RawFeed.Field> f = found.fields();
    String where =
        "LocalTimeParameters " + found.entry().name() + " (line " + found.entry().line() + ")";
    RawFeed.Field tz = f.get("tzOffset");
    if (tz == null) {
      throw new GreenButtonException(
          GreenButtonException.Reason.MALFORMED,
          where + " has no tzOffset; it states the standard offset from UTC in seconds");
    }
    try {
      return Optional.of(
          new LocalTimeParameters(
              ZoneOffset.ofTotalSeconds((int) number(where, f, "tzOffset")),
              Duration.ofSeconds(number(where, f, "dstOffset")),
              rule(where, f, "dstStartRule"),
              rule(where, f, "dstEndRule")));
    } catch (IllegalArgumentException | DateTimeException e) {
      throw new GreenButtonException(
          GreenButtonException.Reason.MALFORMED,
          where + ": " + e.getMessage() + "; tzOffset and dstOffset are seconds",
          e);
    }
  }

  private static long number(String where, Map<String, RawFeed.Field> fields, String name) {
    RawFeed.Field f = fields.get(name);
    if (f == null) {
      return 0;
    }
    try {
      return Long.parseLong(f.text());
    } catch (NumberFormatException e) {
      throw new GreenButtonException(
          GreenButtonException.Reason.MALFORMED,
          where
              + " has "
              + name
              + " '"
              + f.text()
              + "' at line "
              + f.line()
              + "; it is a whole number of seconds",
          e);
    }
  }

  private static int rule(String where, Map<String, RawFeed.Field> fields, String name) {
    RawFeed.Field f = fields.get(name);
    if (f == null) {
      return LocalTimeParameters.NO_RULE;
    }
    try {
      return Integer.parseUnsignedInt(f.text(), 16);
    } catch (NumberFormatException e) {
      throw new GreenButtonException(
          GreenButtonException.Reason.MALFORMED,
          where
              + " has "
              + name
              + " '"
              + f.text()
              + "' at line "
              + f.line()
              + "; a daylight-saving rule is eight hex digits, such as 360E2000",
          e);
    }
  }

  private static int serviceKind(RawFeed.UsagePointEntry p) {
    RawFeed.Field kind = p.serviceKind();
    if (kind == null) {
      return 0;
    }
    try {
      return Integer.parseInt(kind.text());
    } catch (NumberFormatException e) {
      throw new GreenButtonException(
          GreenButtonException.Reason.MALFORMED,
          "UsagePoint "
              + p.entry().name()
              + " has ServiceCategory kind '"
              + kind.text()
              + "' (line "
              + kind.line()
              + "), where ESPI has a whole number (0 for electricity)",
          e);
    }
  }

  private static Map<String, String> texts(RawFeed.FieldsEntry e) {
    Map<String, String> texts = new HashMap<>();
    e.fields().forEach((name, field) -> texts.put(name, field.text()));
    return texts;
  }

  private static <T> void putOnce(
      Map<String, T> bySelf, String kind, RawFeed.Entry entry, T value) {
    if (bySelf.putIfAbsent(key(selfOf(kind, entry)), value) != null) {
      throw twice(kind, entry);
    }
  }

  private static GreenButtonException twice(String kind, RawFeed.Entry entry) {
    return new GreenButtonException(
        GreenButtonException.Reason.MALFORMED,
        "two "
            + kind
            + "s have the self link "
            + entry.self()
            + " (the second at line "
            + entry.line()
            + "); each ESPI object has its own");
  }

  private static String selfOf(String kind, RawFeed.Entry entry) {
    String self = entry.self();
    if (self == null) {
      throw new GreenButtonException(
          GreenButtonException.Reason.MALFORMED,
          "the "
              + kind
              + " at line "
              + entry.line()
              + " has no link rel=\"self\"; ESPI objects are linked by these hrefs");
    }
    return self;
  }

  /** An href as compared: its path (and query) if absolute, with no trailing slash. */
  static String key(String href) {
    String h = href.strip();
    URI uri = uri(h);
    if (uri != null && uri.isAbsolute() && uri.getRawPath() != null) {
      h = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }
    while (h.length() > 1 && h.endsWith("/")) {
      h = h.substring(0, h.length() - 1);
    }
    return h;
  }

  private static @Nullable URI uri(String href) {
    try {
      return new URI(href);
    } catch (URISyntaxException e) {
      return null;
    }
  }
}
