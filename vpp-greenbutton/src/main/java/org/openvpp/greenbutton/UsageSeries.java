package org.openvpp.greenbutton;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.openvpp.meter.MeterReading;
import org.openvpp.meter.ReadingVerdict;
import org.openvpp.units.Energy;

/**
 * One usage point's IntervalReadings becoming its intervals: each reading kept, or refused with its
 * verdict while the rest is kept.
 *
 * <p>Design note. Two sides, imported and exported energy, each a map from start to the reading
 * that fills it: a forward reading fills the import side, a reverse one the export side, a net one
 * both (its positive part imported, its negative part exported). A side holds at most one reading
 * per moment: a reading whose interval is, or overlaps, one already held is a duplicate, and the
 * first in file order stays. The sides combine by start once every reading is in; where the usage
 * point reports both flows, an interval needs both sides (a missing one is not taken as zero), and
 * where it reports one, the other side is zero. One instance serves one usage point on one thread.
 */
final class UsageSeries {
  /** One side's value of one kept reading. */
  private record Slot(
      RawFeed.Reading reading, ReadingTypes.Flow flow, Instant start, Duration length, double wh) {

    Instant end() {
      return start.plus(length);
    }
  }

  private final TreeMap<Instant, Slot> imports = new TreeMap<>();
  private final TreeMap<Instant, Slot> exports = new TreeMap<>();
  private final List<Refusal> refusals = new ArrayList<>();
  private boolean importFlow;
  private boolean exportFlow;

  /** Offers the readings of one block of {@code meterReading}, whose type is {@code type}. */
  void add(String meterReading, ReadingTypes.Accepted type, List<RawFeed.Reading> readings) {
    ReadingTypes.Flow flow = type.flow();
    importFlow |= flow != ReadingTypes.Flow.REVERSE;
    exportFlow |= flow != ReadingTypes.Flow.FORWARD;
    for (RawFeed.Reading r : readings) {
      Refusal refused = offer(r, meterReading, type);
      if (refused != null) {
        refusals.add(refused);
      }
    }
  }

  /** The usage point of the readings offered. */
  UsagePoint toUsagePoint(String href, String title, Optional<LocalTimeParameters> localTime) {
    List<UsageInterval> intervals = combine();
    refusals.sort(Comparator.comparingInt(Refusal::index));
    return new UsagePoint(href, title, localTime, intervals, refusals);
  }

  /** Keeps a reading, or says why not. */
  private @Nullable Refusal offer(
      RawFeed.Reading r, String meterReading, ReadingTypes.Accepted type) {
    ReadingVerdict problem = r.problem();
    if (problem != null) {
      return new Refusal(r.index(), Optional.empty(), problem, r.problemMessage());
    }
    Instant start;
    try {
      start = Instant.ofEpochSecond(r.start());
    } catch (DateTimeException e) {
      return refusal(
          r,
          null,
          ReadingVerdict.OUT_OF_RANGE,
          where(r, type.flow(), meterReading) + " starts at " + r.start() + " s");
    }
    Duration length = Duration.ofSeconds(r.duration());
    if (!MeterReading.LENGTHS.contains(length)) {
      return refusal(
          r,
          start,
          ReadingVerdict.OUT_OF_RANGE,
          where(r, type.flow(), meterReading)
              + " lasts "
              + ReadingTypes.describe(r.duration())
              + "; a reading lasts 5, 15, 30 or 60 minutes");
    }
    if (Math.floorMod(r.start(), r.duration()) != 0) {
      return refusal(
          r,
          start,
          ReadingVerdict.OUT_OF_RANGE,
          where(r, type.flow(), meterReading)
              + " starts at "
              + start
              + ", off the "
              + length.toMinutes()
              + "-minute grid; a reading starts on a whole multiple of its length since the"
              + " epoch");
    }
    if (r.value() < 0 && type.flow() != ReadingTypes.Flow.NET) {
      return refusal(
          r,
          start,
          ReadingVerdict.NEGATIVE,
          where(r, type.flow(), meterReading)
              + " has value "
              + r.value()
              + ", below zero; a "
              + type.flow().key()
              + " flow carries magnitudes (only a net flow has signs)");
    }
    double wh = type.wattHours(r.value());
    if (Math.abs(wh) > MeterReading.MAX_KWH * 1_000) {
      return refusal(
          r,
          start,
          ReadingVerdict.OUT_OF_RANGE,
          where(r, type.flow(), meterReading)
              + " is "
              + Energy.ofWattHours(wh)
              + "; a reading carries at most "
              + (long) MeterReading.MAX_KWH
              + " kWh");
    }
    Slot clash = clash(type.flow(), start, length);
    if (clash != null) {
      return refusal(
          r,
          start,
          ReadingVerdict.DUPLICATE,
          where(r, type.flow(), meterReading)
              + (clash.start().equals(start)
                  ? " repeats the interval at " + start
                  : " overlaps the interval at " + clash.start())
              + " of IntervalReading "
              + clash.reading().index()
              + " (line "
              + clash.reading().line()
              + ", "
              + clash.flow().key()
              + " flow), which is kept");
    }
    ReadingTypes.Flow flow = type.flow();
    switch (flow) {
      case FORWARD -> imports.put(start, new Slot(r, flow, start, length, wh));
      case REVERSE -> exports.put(start, new Slot(r, flow, start, length, wh));
      case NET -> {
        imports.put(start, new Slot(r, flow, start, length, Math.max(wh, 0)));
        exports.put(start, new Slot(r, flow, start, length, Math.max(-wh, 0)));
      }
    }
    return null;
  }

  /** The reading already held on a side this flow fills, whose interval meets this one. */
  private @Nullable Slot clash(ReadingTypes.Flow flow, Instant start, Duration length) {
    Slot held = flow == ReadingTypes.Flow.REVERSE ? null : overlap(imports, start, length);
    if (held == null && flow != ReadingTypes.Flow.FORWARD) {
      held = overlap(exports, start, length);
    }
    return held;
  }

  private static @Nullable Slot overlap(
      NavigableMap<Instant, Slot> side, Instant start, Duration length) {
    Map.Entry<Instant, Slot> before = side.floorEntry(start);
    if (before != null && before.getValue().end().isAfter(start)) {
      return before.getValue();
    }
    Map.Entry<Instant, Slot> after = side.ceilingEntry(start);
    if (after != null && after.getKey().isBefore(start.plus(length))) {
      return after.getValue();
    }
    return null;
  }

  /** The two sides as intervals, sorted by start; what cannot combine is refused. */
  private List<UsageInterval> combine() {
    TreeSet<Instant> starts = new TreeSet<>(imports.keySet());
    starts.addAll(exports.keySet());
    List<UsageInterval> intervals = new ArrayList<>(starts.size());
    for (Instant start : starts) {
      Slot in = imports.get(start);
      Slot out = exports.get(start);
      if (in != null && out != null && in.length().equals(out.length())) {
        intervals.add(interval(start, in.length(), in.wh(), out.wh()));
      } else if (in != null && out != null) {
        for (Slot s : List.of(in, out)) {
          refusals.add(
              refusal(
                  s.reading(),
                  start,
                  ReadingVerdict.OUT_OF_RANGE,
                  "the forward IntervalReading "
                      + in.reading().index()
                      + " (line "
                      + in.reading().line()
                      + ") at "
                      + start
                      + " lasts "
                      + ReadingTypes.describe(in.length().toSeconds())
                      + " and the reverse one "
                      + out.reading().index()
                      + " (line "
                      + out.reading().line()
                      + ") "
                      + ReadingTypes.describe(out.length().toSeconds())
                      + "; both flows of an interval last as long"));
        }
      } else if (in != null) {
        if (exportFlow) {
          refusals.add(missing(in, "reverse"));
        } else {
          intervals.add(interval(start, in.length(), in.wh(), 0));
        }
      } else if (out != null) {
        if (importFlow) {
          refusals.add(missing(out, "forward"));
        } else {
          intervals.add(interval(start, out.length(), 0, out.wh()));
        }
      }
    }
    return intervals;
  }

  private static UsageInterval interval(
      Instant start, Duration length, double importWh, double exportWh) {
    return new UsageInterval(
        start, length, Energy.ofWattHours(importWh), Energy.ofWattHours(exportWh));
  }

  private static Refusal missing(Slot s, String otherFlow) {
    return refusal(
        s.reading(),
        s.start(),
        ReadingVerdict.MISSING,
        "IntervalReading "
            + s.reading().index()
            + " (line "
            + s.reading().line()
            + ", "
            + s.flow().key()
            + " flow) at "
            + s.start()
            + " has no "
            + otherFlow
            + " reading for its interval; where a usage point reports both flows, an interval"
            + " needs both");
  }

  /** A reading as messages name it: its index, line, flow and MeterReading. */
  private static String where(RawFeed.Reading r, ReadingTypes.Flow flow, String meterReading) {
    return "IntervalReading "
        + r.index()
        + " (line "
        + r.line()
        + ", "
        + flow.key()
        + " flow of MeterReading "
        + meterReading
        + ")";
  }

  private static Refusal refusal(
      RawFeed.Reading r, @Nullable Instant start, ReadingVerdict verdict, String message) {
    return new Refusal(r.index(), Optional.ofNullable(start), verdict, message);
  }
}
