package org.openvpp.server.baseline;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.openvpp.mv.baseline.Baseline;
import org.openvpp.mv.baseline.BaselineEstimate;
import org.openvpp.mv.baseline.BaselineException;
import org.openvpp.mv.baseline.Baselines;
import org.openvpp.mv.baseline.DayCalendar;
import org.openvpp.mv.baseline.MeterData;
import org.openvpp.server.cli.AtomicFiles;
import org.openvpp.server.cli.Options;
import org.openvpp.server.cli.UsageException;

/**
 * {@code ./vpp baseline}: the baseline of every event interval of one site, from CSV files, for
 * analysts; or, with {@code --accuracy}, the accuracy report on the shipped real data.
 *
 * <p>Everything is read and checked before anything is written; the output goes to a temporary file
 * in the output's folder and is moved into place at the end, so a failed run leaves no file. Every
 * day of {@code events.csv} is an event day (left out of every look-back); holidays are the NERC
 * holidays.
 */
public final class BaselineCommand {

  static final String USAGE =
      """
      Usage: ./vpp baseline --method METHOD --meter meter.csv --events events.csv --out baseline.csv
                            [--temperature temp.csv] [--zone ZONE]
             ./vpp baseline --accuracy

        --method M        caiso-10in10, pjm-high4of5, match-day, caltrack-hourly or day-of-mean
                          (docs/baselines.md)
        --meter F         columns timestamp,kwh (or OpenEEmeter's start,value): interval start
                          (ISO-8601 with offset, for example 2017-07-05T16:00:00-07:00) and kWh;
                          15, 30 or 60 min intervals, no gaps
        --events F        columns start,end (ISO-8601 with offset); each within one local day
        --out F           written with columns timestamp,baseline_kwh, one row per event interval;
                          missing folders on the way to it are created
        --temperature F   columns timestamp,temp_f (°F) or timestamp,temp_c (°C) (or OpenEEmeter's
                          dt,tempF or dt,tempC); needed by match-day and caltrack-hourly
        --zone ZONE       the site's time zone (for example America/Los_Angeles); needed when the
                          meter's timestamps change offset (daylight saving time)
        --accuracy        bias and CV(RMSE) of every method on the shipped real meter data

      The input files are UTF-8 CSV, gzip-compressed or not.
      """;

  private BaselineCommand() {}

  /** Runs {@code ./vpp baseline ARGS}; returns the exit code. */
  public static int run(List<String> args, PrintStream out) throws UsageException {
    if (args.contains("--help") || args.contains("-h")) {
      out.print(USAGE);
      return 0;
    }
    Options o =
        Options.parse(
            "baseline",
            args,
            Set.of("--method", "--meter", "--events", "--out", "--temperature", "--zone"),
            Set.of("--accuracy"));
    if (o.flag("--accuracy")) {
      AccuracyReport.print(AccuracyReport.run(), out);
      return 0;
    }
    String methodName = required(o, "--method", "for example --method caiso-10in10");
    Baseline method =
        Baselines.byName(methodName)
            .orElseThrow(
                () ->
                    new UsageException(
                        "baseline: unknown method '"
                            + methodName
                            + "'; known: "
                            + String.join(", ", Baselines.names())));
    Path meterPath = input(o, "--meter", "a CSV file with columns timestamp,kwh");
    Path eventsPath = input(o, "--events", "a CSV file with columns start,end");
    Path outPath = output(required(o, "--out", "the CSV file to write"));
    String temperature = o.text("--temperature", "");
    if (method.needsTemperature() && temperature.isEmpty()) {
      throw new UsageException(
          "baseline: method "
              + methodName
              + " needs the outdoor temperature: add --temperature temp.csv (columns"
              + " timestamp,temp_f or timestamp,temp_c)");
    }
    Optional<Path> temperaturePath =
        temperature.isEmpty()
            ? Optional.empty()
            : Optional.of(
                input(
                    "--temperature",
                    temperature,
                    "a CSV file with columns timestamp,temp_f or timestamp,temp_c"));
    Optional<ZoneId> zone = zone(o.text("--zone", ""));

    MeterData meter = CsvInput.meter(meterPath, zone);
    if (temperaturePath.isPresent()) {
      meter = CsvInput.withTemperature(meter, temperaturePath.get());
    }
    List<CsvInput.Event> events = CsvInput.events(eventsPath, meter);
    Set<LocalDate> eventDays = new HashSet<>();
    for (CsvInput.Event e : events) {
      eventDays.add(e.window().start().atZone(meter.zone()).toLocalDate());
    }
    DayCalendar calendar = DayCalendar.usNerc(eventDays);
    StringBuilder csv = new StringBuilder("timestamp,baseline_kwh\n");
    int rows = 0;
    for (CsvInput.Event e : events) {
      BaselineEstimate b;
      try {
        b = method.estimate(meter, e.window(), calendar);
      } catch (BaselineException ex) {
        throw new InputException(eventsPath.toString(), e.line(), String.valueOf(ex.getMessage()));
      }
      for (int i = 0; i < b.count(); i++) {
        csv.append(
                DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                    b.intervals().interval(i).start().atZone(meter.zone()).toOffsetDateTime()))
            .append(',')
            .append(String.format(Locale.ROOT, "%.4f", b.kwh(i)))
            .append('\n');
        rows++;
      }
    }
    write(outPath, csv.toString());
    out.printf(
        Locale.ROOT,
        "baseline: %s, %d events, %d intervals written to %s%n",
        methodName,
        events.size(),
        rows,
        outPath);
    return 0;
  }

  private static String required(Options o, String name, String hint) throws UsageException {
    String v = o.text(name, "");
    if (v.isEmpty()) {
      throw new UsageException("baseline: " + name + " is required (" + hint + ")");
    }
    return v;
  }

  private static Path input(Options o, String name, String hint) throws UsageException {
    return input(name, required(o, name, hint), hint);
  }

  /** The input file option {@code name} names: a file, not a folder, that exists. */
  private static Path input(String name, String value, String hint) throws UsageException {
    Path p = path(name, value);
    if (Files.isDirectory(p)) {
      throw new UsageException("baseline: " + name + " " + value + " is a folder; give " + hint);
    }
    if (Files.notExists(p)) {
      throw new UsageException(
          "baseline: " + name + " " + value + ": no such file" + relativeTo(p));
    }
    return p;
  }

  /**
   * The file {@code --out} names: not a folder, and where it can be written; folders missing on the
   * way to it are created when it is written.
   */
  private static Path output(String value) throws UsageException {
    Path p = path("--out", value);
    if (Files.isDirectory(p)) {
      throw new UsageException(
          "baseline: --out "
              + value
              + " is a folder; give the file to write, for example "
              + p.resolve("baseline.csv"));
    }
    for (Path up = p.toAbsolutePath().getParent(); up != null; up = up.getParent()) {
      if (Files.exists(up)) {
        if (!Files.isDirectory(up)) {
          throw new UsageException(
              "baseline: --out "
                  + value
                  + " cannot be written: "
                  + up
                  + " is a file, not a folder");
        }
        break;
      }
    }
    return p;
  }

  private static Path path(String name, String value) throws UsageException {
    try {
      return Path.of(value);
    } catch (InvalidPathException e) {
      throw new UsageException(
          "baseline: " + name + " '" + value + "' is not a file name: " + e.getReason());
    }
  }

  /** For a relative path, the folder it is relative to (where ./vpp was run). */
  private static String relativeTo(Path p) {
    return p.isAbsolute() ? "" : " (relative to " + Path.of("").toAbsolutePath() + ")";
  }

  private static Optional<ZoneId> zone(String text) throws UsageException {
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(ZoneId.of(text));
    } catch (DateTimeException e) {
      throw new UsageException(
          "baseline: --zone '" + text + "' is not a time zone; use a name such as America/Chicago");
    }
  }

  /**
   * Writes {@code text} to {@code out} whole or not at all ({@link AtomicFiles}), creating the
   * folders missing on the way to it.
   */
  private static void write(Path out, String text) {
    Path folder = out.toAbsolutePath().getParent();
    if (folder != null && !Files.isDirectory(folder)) {
      try {
        Files.createDirectories(folder);
      } catch (IOException e) {
        throw new IllegalStateException(
            "baseline: cannot create the folder " + folder + " for --out: " + IoErrors.reason(e),
            e);
      }
    }
    try {
      AtomicFiles.write(out, text);
    } catch (IOException e) {
      throw new IllegalStateException(
          "baseline: cannot write " + out + ": " + IoErrors.reason(e), e);
    }
  }
}
