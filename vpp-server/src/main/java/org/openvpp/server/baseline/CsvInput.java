package org.openvpp.server.baseline;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import org.openvpp.mv.baseline.MeterData;
import org.openvpp.time.Interval;

/**
 * Strict readers of the analyst's CSV files. Every refusal names the file, the line and what was
 * wrong; nothing is guessed.
 *
 * <p>A file is UTF-8 text (a leading byte-order mark is dropped), and may be gzip-compressed (known
 * by its first bytes, whatever its name); its lines are then those of the unpacked text.
 *
 * <ul>
 *   <li>Meter: header {@code timestamp,kwh}, or OpenEEmeter's {@code start,value} (the value in
 *       kWh); one row per interval start (ISO-8601 with offset), energy in kWh, finite and not
 *       negative; strictly increasing, back to back, every interval 15, 30 or 60 minutes long (the
 *       first two rows set the length).
 *   <li>Temperature: header {@code timestamp,temp_f} (°F) or {@code timestamp,temp_c} (°C), or
 *       OpenEEmeter's {@code dt,tempF} / {@code dt,tempC}; rows in increasing time. Each meter
 *       interval takes the latest reading at or before its start, if that reading is less than an
 *       hour old; otherwise its temperature is missing.
 *   <li>Events: header {@code start,end}, both ISO-8601 with offset; on the meter's interval grid,
 *       inside the meter data, not overlapping, each within one local day of the site (it may end
 *       at midnight).
 * </ul>
 */
final class CsvInput {
  private static final List<Long> STEPS_MINUTES = List.of(15L, 30L, 60L);
  private static final String EXAMPLE = "e.g. 2017-07-05T16:00:00-07:00";

  /** The meter headers read (in any case): OpenVPP's own, then OpenEEmeter's. */
  private static final List<String> METER_HEADERS = List.of("timestamp,kwh", "start,value");

  /** The temperature headers read (in any case): °F, °C, then OpenEEmeter's °F and °C. */
  private static final List<String> TEMPERATURE_HEADERS =
      List.of("timestamp,temp_f", "timestamp,temp_c", "dt,tempF", "dt,tempC");

  private CsvInput() {}

  /** One event and its line. */
  record Event(Interval window, int line) {}

  /** The lines of {@code path}, unpacked first if it is gzip-compressed. */
  static List<String> lines(Path path) {
    String file = path.toString();
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      throw new InputException(file, 0, "no such file");
    } catch (IOException e) {
      throw new InputException(file, 0, "cannot read it: " + IoErrors.reason(e));
    }
    if (gzipped(bytes)) {
      try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
        bytes = in.readAllBytes();
      } catch (IOException e) {
        throw new InputException(
            file,
            0,
            "is gzip-compressed but does not unpack ("
                + IoErrors.reason(e)
                + "); is the file complete?");
      }
    }
    if (zipped(bytes)) {
      throw new InputException(
          file,
          0,
          "is a ZIP archive (an Excel workbook?), not CSV text; save the sheet as CSV (UTF-8)");
    }
    String text = utf8(file, bytes);
    return (text.startsWith("\uFEFF") ? text.substring(1) : text).lines().toList();
  }

  /** {@code bytes} as UTF-8 text; an invalid byte is refused with its line. */
  private static String utf8(String file, byte[] bytes) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length + 1); // UTF-8: never more chars than bytes
    CoderResult r = decoder.decode(in, out, true);
    if (!r.isError()) {
      r = decoder.flush(out);
    }
    if (r.isError()) {
      int at = in.position();
      int line = 1;
      for (int i = 0; i < at; i++) {
        if (bytes[i] == '\n') {
          line++;
        }
      }
      throw new InputException(
          file,
          line,
          String.format(
              Locale.ROOT,
              "byte 0x%02X is not UTF-8 text (another encoding, such as Windows-1252?); save the"
                  + " file as UTF-8",
              bytes[at] & 0xff));
    }
    return out.flip().toString();
  }

  /** Whether {@code bytes} start with a ZIP archive's local file header, PK 03 04 (xlsx, zip). */
  private static boolean zipped(byte[] bytes) {
    return bytes.length >= 4
        && bytes[0] == 'P'
        && bytes[1] == 'K'
        && bytes[2] == 3
        && bytes[3] == 4;
  }

  /** Whether {@code bytes} start with the gzip magic number, 1f 8b. */
  private static boolean gzipped(byte[] bytes) {
    return bytes.length >= 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b;
  }

  /**
   * Reads a meter file.
   *
   * @param zone the site's zone, or empty to take the one fixed offset all timestamps share
   */
  static MeterData meter(Path path, Optional<ZoneId> zone) {
    String file = path.toString();
    List<String> lines = lines(path);
    String head = header(file, lines, METER_HEADERS);
    List<Instant> times = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    TreeSet<String> offsets = new TreeSet<>();
    Duration step = Duration.ZERO;
    int firstLine = 0;
    String firstText = "";
    String prevText = "";
    for (int n = 2; n <= lines.size(); n++) {
      String line = lines.get(n - 1).strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] f = fields(file, n, line, 2, head);
      OffsetDateTime t = timestamp(file, n, f[0]);
      if (zone.isPresent()) {
        checkOffset(file, n, t, zone.get());
      }
      offsets.add(t.getOffset().getId());
      double kwh = number(file, n, f[1], "kWh");
      if (kwh < 0) {
        throw new InputException(
            file, n, "negative kWh " + f[1].strip() + "; meter data must be consumption, >= 0");
      }
      Instant at = t.toInstant();
      if (!times.isEmpty()) {
        Instant prev = times.get(times.size() - 1);
        Duration d = Duration.between(prev, at);
        if (d.isZero()) {
          throw new InputException(file, n, "duplicate timestamp " + f[0].strip());
        }
        if (d.isNegative()) {
          throw new InputException(
              file, n, "timestamp " + f[0].strip() + " is before the line above; sort by time");
        }
        if (step.isZero()) {
          if (!STEPS_MINUTES.contains(d.toMinutes()) || d.toSeconds() % 60 != 0) {
            throw new InputException(
                file,
                n,
                "intervals must be 15, 30 or 60 minutes; the first two rows are "
                    + d.toMinutes()
                    + " min apart");
          }
          step = d;
        } else if (!d.equals(step)) {
          throw new InputException(
              file,
              n,
              String.format(
                  Locale.ROOT,
                  "%s after %s: %s (intervals are %d min; every interval must be present, once)",
                  f[0].strip(),
                  prevText,
                  d.compareTo(step) > 0 ? "a gap" : "an irregular interval",
                  step.toMinutes()));
        }
      }
      if (times.isEmpty()) {
        firstLine = n;
        firstText = f[0].strip();
      }
      times.add(at);
      values.add(kwh);
      prevText = f[0].strip();
    }
    if (times.size() < 2) {
      throw new InputException(file, 0, "needs at least two intervals, has " + times.size());
    }
    ZoneId z =
        zone.orElseGet(
            () -> {
              if (offsets.size() > 1) {
                throw new InputException(
                    file,
                    0,
                    "timestamps carry several UTC offsets "
                        + offsets
                        + "; name the site's time zone with --zone, e.g. America/Los_Angeles");
              }
              return ZoneOffset.of(offsets.first());
            });
    if (times.get(0).atZone(z).toLocalTime().toNanoOfDay() % step.toNanos() != 0) {
      throw new InputException(
          file,
          firstLine,
          "the first interval starts at "
              + firstText
              + ", off the local clock's "
              + step.toMinutes()
              + "-minute grid (intervals start on the hour"
              + (step.toMinutes() < 60 ? " and every " + step.toMinutes() + " minutes after" : "")
              + ")");
    }
    double[] kwh = values.stream().mapToDouble(Double::doubleValue).toArray();
    try {
      return MeterData.of(z, times.get(0), step, kwh);
    } catch (IllegalArgumentException e) {
      throw new InputException(file, firstLine, String.valueOf(e.getMessage()));
    }
  }

  /** Reads a temperature file and lays it on {@code meter}'s intervals. */
  static MeterData withTemperature(MeterData meter, Path path) {
    String file = path.toString();
    List<String> lines = lines(path);
    String head = header(file, lines, TEMPERATURE_HEADERS);
    boolean celsius = head.toLowerCase(Locale.ROOT).endsWith("c");
    List<Instant> times = new ArrayList<>();
    List<Double> temps = new ArrayList<>();
    for (int n = 2; n <= lines.size(); n++) {
      String line = lines.get(n - 1).strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] f = fields(file, n, line, 2, head);
      Instant at = timestamp(file, n, f[0]).toInstant();
      double v = number(file, n, f[1], "temperature");
      if (!times.isEmpty() && !at.isAfter(times.get(times.size() - 1))) {
        throw new InputException(
            file,
            n,
            "timestamp "
                + f[0].strip()
                + " is not after the line above (duplicate or out of order)");
      }
      times.add(at);
      temps.add(celsius ? v * 9 / 5 + 32 : v);
    }
    double[] out = new double[meter.count()];
    int j = -1;
    for (int i = 0; i < out.length; i++) {
      Instant s = meter.startOf(i);
      while (j + 1 < times.size() && !times.get(j + 1).isAfter(s)) {
        j++;
      }
      boolean fresh =
          j >= 0 && Duration.between(times.get(j), s).compareTo(Duration.ofHours(1)) < 0;
      out[i] = fresh ? temps.get(j) : Double.NaN;
    }
    return meter.withTemperatureFahrenheit(out);
  }

  /** Reads an events file and checks each event against {@code meter}. */
  static List<Event> events(Path path, MeterData meter) {
    String file = path.toString();
    List<String> lines = lines(path);
    header(file, lines, List.of("start,end"));
    List<Event> out = new ArrayList<>();
    for (int n = 2; n <= lines.size(); n++) {
      String line = lines.get(n - 1).strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] f = fields(file, n, line, 2, "start,end");
      Instant start = timestamp(file, n, f[0]).toInstant();
      Instant end = timestamp(file, n, f[1]).toInstant();
      String event = f[0].strip() + " – " + f[1].strip();
      if (!end.isAfter(start)) {
        throw new InputException(file, n, "the event " + event + " ends at or before its start");
      }
      if (start.isBefore(meter.start()) || end.isAfter(meter.end())) {
        throw new InputException(
            file,
            n,
            "the event "
                + event
                + " lies outside the meter data ("
                + local(meter.start(), meter.zone())
                + " – "
                + local(meter.end(), meter.zone())
                + ")");
      }
      if (meter.indexOf(start) < 0 || (end.isBefore(meter.end()) && meter.indexOf(end) < 0)) {
        throw new InputException(
            file,
            n,
            "the event "
                + event
                + " does not start and end on the meter's "
                + meter.step().toMinutes()
                + "-minute interval boundaries");
      }
      // the methods reason in local days: an event must lie within one (it may end at midnight)
      LocalDate day = start.atZone(meter.zone()).toLocalDate();
      if (!end.minus(meter.step()).atZone(meter.zone()).toLocalDate().equals(day)) {
        throw new InputException(
            file,
            n,
            "the event "
                + event
                + " crosses midnight in the site's time zone ("
                + meter.zone()
                + "); each event must lie within one local day: split it into "
                + String.join(" and ", splitAtMidnight(start, end, meter.zone())));
      }
      Interval window = new Interval(start, end);
      for (Event e : out) {
        if (e.window().overlaps(window)) {
          throw new InputException(
              file, n, "the event " + event + " overlaps the one on line " + e.line());
        }
      }
      out.add(new Event(window, n));
    }
    if (out.isEmpty()) {
      throw new InputException(file, 0, "has no events");
    }
    return out;
  }

  /** {@code [start, end)} cut at each local midnight, as {@code start,end} rows. */
  private static List<String> splitAtMidnight(Instant start, Instant end, ZoneId zone) {
    List<String> rows = new ArrayList<>();
    Instant from = start;
    LocalDate day = start.atZone(zone).toLocalDate();
    Instant midnight = day.plusDays(1).atStartOfDay(zone).toInstant();
    while (midnight.isBefore(end)) {
      rows.add(local(from, zone) + "," + local(midnight, zone));
      from = midnight;
      day = day.plusDays(1);
      midnight = day.plusDays(1).atStartOfDay(zone).toInstant();
    }
    rows.add(local(from, zone) + "," + local(end, zone));
    return rows;
  }

  /** {@code t} as ISO-8601 with the offset {@code zone} has then, as the input is written. */
  private static String local(Instant t, ZoneId zone) {
    return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t.atZone(zone).toOffsetDateTime());
  }

  /** The file's header: the one of {@code accepted} its first line is, in any case. */
  private static String header(String file, List<String> lines, List<String> accepted) {
    String expected = "the header '" + String.join("' or '", accepted) + "'";
    if (lines.isEmpty()) {
      throw new InputException(file, 0, "is empty; expected " + expected);
    }
    String head = lines.get(0).strip();
    for (String h : accepted) {
      if (h.equalsIgnoreCase(head)) {
        return h;
      }
    }
    throw new InputException(file, 1, "expected " + expected + ", found '" + head + "'");
  }

  private static String[] fields(String file, int n, String line, int count, String columns) {
    String[] f = line.split(",", -1);
    if (f.length != count) {
      throw new InputException(
          file,
          n,
          "expected "
              + count
              + " fields ("
              + columns
              + "), found "
              + f.length
              + ": '"
              + (line.length() > 80 ? line.substring(0, 80) + "…" : line)
              + "'");
    }
    return f;
  }

  private static OffsetDateTime timestamp(String file, int n, String text) {
    try {
      return OffsetDateTime.parse(text.strip());
    } catch (DateTimeParseException e) {
      throw new InputException(
          file,
          n,
          "unparseable timestamp '" + text.strip() + "' (ISO-8601 with offset, " + EXAMPLE + ")");
    }
  }

  private static double number(String file, int n, String text, String what) {
    double v;
    try {
      v = Double.parseDouble(text.strip());
    } catch (NumberFormatException e) {
      throw new InputException(file, n, what + " is not a number: '" + text.strip() + "'");
    }
    if (!Double.isFinite(v)) {
      throw new InputException(file, n, what + " is not a finite number: '" + text.strip() + "'");
    }
    return v;
  }

  private static void checkOffset(String file, int n, OffsetDateTime t, ZoneId zone) {
    ZoneOffset expected = zone.getRules().getOffset(t.toInstant());
    if (!expected.equals(t.getOffset())) {
      throw new InputException(
          file,
          n,
          "offset "
              + t.getOffset()
              + " is not "
              + zone
              + "'s offset at that time ("
              + expected
              + ")");
    }
  }
}
