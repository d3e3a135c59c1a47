package org.openvpp.server.baseline;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.openvpp.mv.baseline.Baseline;
import org.openvpp.mv.baseline.BaselineAccuracy;
import org.openvpp.mv.baseline.Baselines;
import org.openvpp.mv.baseline.DayCalendar;
import org.openvpp.mv.baseline.Holidays;
import org.openvpp.mv.baseline.MeterData;
import org.openvpp.time.Interval;

/**
 * The accuracy of every baseline method on real meter data, on days without events: each
 * non-holiday weekday's 16:00–21:00 window in a held-out period is treated as an event (see {@link
 * BaselineAccuracy}).
 *
 * <ul>
 *   <li>Illinois meter sample (OpenEEmeter, shipped in this module's resources): hourly, {@code
 *       America/Chicago}, with real NOAA temperature; held out: the weekdays of 1 June – 23
 *       December 2016, inside the sample's baseline period (before its built-in 10 % saving).
 *   <li>Twelve Fontana homes (CityLearn 2022, shipped in vpp-data): hourly, 1 August 2016 – 31 July
 *       2017 (Aug 1 is a Monday in the data's day types; February has 28 days, so 2016–17). Every
 *       day has 24 rows and the daylight-saving flag is 0 throughout, so the hours are read as
 *       Pacific Standard Time all year (UTC−08:00, fixed): in summer the window 16:00–21:00 is
 *       17:00–22:00 on the wall clock. Temperature from the data set's {@code weather.csv} (°C).
 *       Held out: the weekdays of 1 November 2016 – 31 July 2017 (the first three months give the
 *       regression its 90 days).
 * </ul>
 */
final class AccuracyReport {
  private static final String IL = "/org/openvpp/server/baseline/il-meter/";
  private static final String FONTANA = "/org/openvpp/data/fontana/";
  private static final String FONTANA_WEATHER = "/org/openvpp/data/fontana-weather/weather.csv";
  static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
  static final ZoneOffset PST = ZoneOffset.ofHours(-8);
  private static final LocalTime FROM = LocalTime.of(16, 0);
  private static final LocalTime TO = LocalTime.of(21, 0);

  private AccuracyReport() {}

  /** One method on one site. */
  record Row(String site, BaselineAccuracy.Result result) {}

  static List<Row> run() {
    List<Row> rows = new ArrayList<>();
    MeterData il = illinois();
    rows.addAll(evaluate("illinois", il, LocalDate.of(2016, 6, 1), LocalDate.of(2016, 12, 23)));
    double[] tempC = fontanaTemperatureC();
    for (int home = 1; home <= 12; home++) {
      MeterData m = fontana(home).withTemperatureCelsius(tempC);
      rows.addAll(
          evaluate("fontana-" + home, m, LocalDate.of(2016, 11, 1), LocalDate.of(2017, 7, 31)));
    }
    return rows;
  }

  static List<Row> evaluate(String site, MeterData m, LocalDate first, LocalDate last) {
    List<Interval> windows =
        BaselineAccuracy.weekdayWindows(m, first, last, FROM, TO, Holidays.usNerc());
    DayCalendar calendar = DayCalendar.usNerc(Set.of());
    List<Row> rows = new ArrayList<>();
    for (Baseline b : Baselines.all()) {
      rows.add(new Row(site, BaselineAccuracy.evaluate(b, m, windows, calendar)));
    }
    return rows;
  }

  static void print(List<Row> rows, PrintStream out) {
    out.println(
        "Baseline accuracy on non-event weekdays, 16:00-21:00 local (positive bias = baseline too"
            + " high)");
    out.printf(
        Locale.ROOT,
        "%-12s %-16s %7s %8s %9s %12s%n",
        "site",
        "method",
        "events",
        "skipped",
        "bias %",
        "CV(RMSE) %");
    for (Row r : rows) {
      line(out, r.site(), r.result());
    }
    for (String method : Baselines.names()) {
      double bias = 0;
      double cv = 0;
      int n = 0;
      int events = 0;
      for (Row r : rows) {
        if (r.site().startsWith("fontana-") && r.result().method().equals(method)) {
          bias += r.result().biasPercent();
          cv += r.result().cvRmsePercent();
          events += r.result().events();
          n++;
        }
      }
      if (n > 0) {
        line(
            out,
            "fontana-mean",
            new BaselineAccuracy.Result(method, events, 0, 0, bias / n, cv / n));
      }
    }
  }

  private static void line(PrintStream out, String site, BaselineAccuracy.Result r) {
    out.printf(
        Locale.ROOT,
        "%-12s %-16s %7d %8d %+9.1f %12.1f%n",
        site,
        r.method(),
        r.events(),
        r.skipped(),
        r.biasPercent(),
        r.cvRmsePercent());
  }

  /** The Illinois sample with its temperature, in America/Chicago. */
  static MeterData illinois() {
    List<String> meter = gz(IL + "il-electricity-cdd-hdd-hourly.csv.gz");
    List<String> temp = gz(IL + "il-tempF.csv.gz");
    double[] kwh = new double[meter.size() - 1];
    double[] tempF = new double[kwh.length];
    OffsetDateTime start = OffsetDateTime.parse(meter.get(1).split(",", -1)[0]);
    for (int i = 0; i < kwh.length; i++) {
      String[] f = meter.get(i + 1).split(",", -1);
      String[] t = temp.get(i + 1).split(",", -1);
      OffsetDateTime at = OffsetDateTime.parse(f[0]);
      if (!at.toInstant().equals(start.toInstant().plus(Duration.ofHours(i)))
          || !OffsetDateTime.parse(t[0]).toInstant().equals(at.toInstant())) {
        throw new IllegalStateException("the Illinois sample is not hourly at row " + (i + 2));
      }
      kwh[i] = Double.parseDouble(f[1]);
      tempF[i] = t[1].isEmpty() ? Double.NaN : Double.parseDouble(t[1]);
    }
    return MeterData.of(CHICAGO, start.toInstant(), Duration.ofHours(1), kwh)
        .withTemperatureFahrenheit(tempF);
  }

  /**
   * Fontana home {@code home} (1–12): the first row is hour-ending 24 of Sunday 31 July 2016, so
   * the series starts at 2016-07-31T23:00-08:00.
   */
  static MeterData fontana(int home) {
    List<String> lines = text(FONTANA + "Building_" + home + ".csv");
    List<String> cols = List.of(lines.get(0).split(",", -1));
    int load = cols.indexOf("non_shiftable_load");
    double[] kwh = new double[lines.size() - 1];
    for (int i = 0; i < kwh.length; i++) {
      kwh[i] = Double.parseDouble(lines.get(i + 1).split(",", -1)[load]);
    }
    return MeterData.of(
        PST, LocalDateTime.of(2016, 7, 31, 23, 0).toInstant(PST), Duration.ofHours(1), kwh);
  }

  static double[] fontanaTemperatureC() {
    List<String> lines = text(FONTANA_WEATHER);
    double[] c = new double[lines.size() - 1];
    for (int i = 0; i < c.length; i++) {
      c[i] = Double.parseDouble(lines.get(i + 1).split(",", -1)[0]);
    }
    return c;
  }

  private static List<String> gz(String resource) {
    try (InputStream in = open(resource)) {
      return read(new GZIPInputStream(in));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }

  private static List<String> text(String resource) {
    try (InputStream in = open(resource)) {
      return read(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }

  private static InputStream open(String resource) {
    InputStream in = AccuracyReport.class.getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException("missing resource " + resource + "; the build is incomplete");
    }
    return in;
  }

  private static List<String> read(InputStream in) throws IOException {
    BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    List<String> lines = new ArrayList<>();
    String line;
    while ((line = r.readLine()) != null) {
      if (!line.isBlank()) {
        lines.add(line);
      }
    }
    return lines;
  }
}
