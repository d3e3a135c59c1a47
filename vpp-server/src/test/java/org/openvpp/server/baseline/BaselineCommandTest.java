package org.openvpp.server.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvpp.server.Main;
import org.openvpp.server.cli.UsageException;

/**
 * The command on files in a temporary folder: 120 days of hourly data at −07:00 from 1 June 2017,
 * weekdays 2.0 kWh per hour and weekends 1.0; temperature 80 °F; one event on Wednesday 13
 * September 16:00–18:00.
 */
class BaselineCommandTest {
  private static final OffsetDateTime START =
      OffsetDateTime.of(2017, 6, 1, 0, 0, 0, 0, ZoneOffset.ofHours(-7));

  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private Path meter;
  private Path events;
  private Path temperature;
  private Path result;

  @BeforeEach
  void files() throws IOException {
    meter = dir.resolve("meter.csv");
    events = dir.resolve("events.csv");
    temperature = dir.resolve("temp.csv");
    result = dir.resolve("baseline.csv");
    Files.write(meter, meterLines(Duration.ofHours(1), 120 * 24));
    Files.writeString(events, "start,end\n2017-09-13T16:00:00-07:00,2017-09-13T18:00:00-07:00\n");
    List<String> temps = new ArrayList<>(List.of("timestamp,temp_f"));
    for (int h = 0; h < 120 * 24; h++) {
      temps.add(START.plusHours(h) + ",80");
    }
    Files.write(temperature, temps);
  }

  private static List<String> meterLines(Duration step, int count) {
    List<String> lines = new ArrayList<>(List.of("timestamp,kwh"));
    for (int i = 0; i < count; i++) {
      OffsetDateTime t = START.plus(step.multipliedBy(i));
      boolean weekend =
          t.getDayOfWeek() == DayOfWeek.SATURDAY || t.getDayOfWeek() == DayOfWeek.SUNDAY;
      double perHour = weekend ? 1.0 : 2.0;
      lines.add(t + "," + perHour * step.toMinutes() / 60);
    }
    return lines;
  }

  private int run(String... args) throws UsageException {
    return BaselineCommand.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8));
  }

  private String[] args(String method, String... more) {
    List<String> a =
        new ArrayList<>(
            List.of(
                "--method",
                method,
                "--meter",
                meter.toString(),
                "--events",
                events.toString(),
                "--out",
                result.toString()));
    a.addAll(List.of(more));
    return a.toArray(String[]::new);
  }

  @Test
  void writesTheBaselineOfEveryEventIntervalForEachMethod() throws Exception {
    for (String method : List.of("caiso-10in10", "pjm-high4of5")) {
      assertThat(run(args(method))).isZero();
      assertThat(Files.readAllLines(result))
          .containsExactly(
              "timestamp,baseline_kwh",
              "2017-09-13T16:00:00-07:00,2.0000",
              "2017-09-13T17:00:00-07:00,2.0000");
    }
    for (String method : List.of("match-day", "caltrack-hourly")) {
      assertThat(run(args(method, "--temperature", temperature.toString()))).isZero();
      List<String> lines = Files.readAllLines(result);
      assertThat(lines).hasSize(3);
      assertThat(lines.get(1)).startsWith("2017-09-13T16:00:00-07:00,");
      assertThat(Double.parseDouble(lines.get(1).split(",", -1)[1])).isBetween(1.99, 2.01);
    }
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("1 events, 2 intervals written");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
    }
  }

  @Test
  void aGzippedMeterFileIsReadAsItsText() throws Exception {
    List<String> plain = expectedCaiso();
    Path packed = dir.resolve("meter.csv.gz");
    gzip(packed, Files.readAllLines(meter));
    meter = packed;
    assertThat(run(args("caiso-10in10"))).isZero();
    assertThat(Files.readAllLines(result)).isEqualTo(plain);
  }

  @Test
  void gzipIsKnownByItsFirstBytesNotByTheName() throws Exception {
    List<String> plain = expectedCaiso();
    gzip(meter, Files.readAllLines(meter)); // still named meter.csv
    assertThat(run(args("caiso-10in10"))).isZero();
    assertThat(Files.readAllLines(result)).isEqualTo(plain);
  }

  @Test
  void aTruncatedGzipFileIsRefusedAsSuch() throws IOException {
    gzip(meter, Files.readAllLines(meter));
    byte[] whole = Files.readAllBytes(meter);
    Files.write(meter, java.util.Arrays.copyOf(whole, whole.length / 2));
    assertRefused("meter.csv: is gzip-compressed but does not unpack (");
  }

  @Test
  void openEemeterHeadersAreRead() throws Exception {
    replaceMeterLine(1, "start,value");
    List<String> temps = new ArrayList<>(Files.readAllLines(temperature));
    temps.set(0, "dt,tempF");
    Files.write(temperature, temps);
    assertThat(run(args("match-day", "--temperature", temperature.toString()))).isZero();
    assertThat(Files.readAllLines(result)).hasSize(3);
  }

  @Test
  void aWrongHeaderNamesEveryHeaderRead() throws IOException {
    replaceMeterLine(1, "time,kWh");
    assertRefused(
        "meter.csv line 1: expected the header 'timestamp,kwh' or 'start,value', found 'time,kWh'");
  }

  @Test
  void anEmptyFileIsNamed() throws IOException {
    Files.writeString(meter, "");
    assertRefused("meter.csv: is empty; expected the header 'timestamp,kwh' or 'start,value'");
  }

  @Test
  void aByteThatIsNotUtf8IsNamedWithItsLine() throws IOException {
    List<String> lines = Files.readAllLines(meter);
    lines.set(2, lines.get(2) + " \u00b0"); // ° in Windows-1252: one byte, 0xB0
    Files.write(meter, lines, java.nio.charset.Charset.forName("windows-1252"));
    assertRefused("meter.csv line 3: byte 0xB0 is not UTF-8 text");
  }

  @Test
  void aByteOrderMarkIsDropped() throws Exception {
    List<String> plain = expectedCaiso();
    Files.writeString(meter, "\uFEFF" + Files.readString(meter));
    assertThat(run(args("caiso-10in10"))).isZero();
    assertThat(Files.readAllLines(result)).isEqualTo(plain);
  }

  @Test
  void aWorkbookIsRefusedAsNotCsv() throws IOException {
    try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(meter))) {
      zip.putNextEntry(new java.util.zip.ZipEntry("xl/workbook.xml"));
      zip.write("<workbook/>".getBytes(StandardCharsets.UTF_8));
    }
    assertRefused("meter.csv: is a ZIP archive (an Excel workbook?), not CSV text");
  }

  @Test
  void theShippedIllinoisSampleIsReadAsItIs() throws Exception {
    // the files as OpenEEmeter publishes them: gzip, start,value and dt,tempF, Central time
    meter = resource("il-electricity-cdd-hdd-hourly.csv.gz");
    temperature = resource("il-tempF.csv.gz");
    Files.writeString(events, "start,end\n2016-08-10T16:00:00-05:00,2016-08-10T18:00:00-05:00\n");
    String[] zone = {"--zone", "America/Chicago"};
    assertThat(run(args("caiso-10in10", zone))).isZero();
    List<String> caiso = Files.readAllLines(result);
    assertThat(caiso).hasSize(3);
    assertThat(caiso.get(1)).startsWith("2016-08-10T16:00:00-05:00,");
    assertThat(
            run(
                args(
                    "caltrack-hourly",
                    "--zone",
                    "America/Chicago",
                    "--temperature",
                    "" + temperature)))
        .isZero();
    assertThat(Files.readAllLines(result).get(2)).startsWith("2016-08-10T17:00:00-05:00,");
  }

  @Test
  void theCommandsOfDocsBaselinesRunAsWritten() throws Exception {
    // the sh block of the section on ./vpp baseline, run in the checkout as ./vpp runs it; the
    // outputs go to the test's folder instead of the checkout's
    Path checkout = Path.of("..").toAbsolutePath().normalize();
    String doc = Files.readString(checkout.resolve("docs/baselines.md"));
    String section = doc.substring(doc.indexOf("## `./vpp baseline`"));
    String sh = block(section, "```sh\n");
    String variable = "";
    String value = "";
    int commands = 0;
    for (String line : sh.replace("\\\n", " ").lines().toList()) {
      List<String> words = List.of(line.strip().split("\\s+", -1));
      if (words.size() == 1 && words.get(0).contains("=")) {
        variable = "$" + words.get(0).substring(0, words.get(0).indexOf('='));
        value = words.get(0).substring(words.get(0).indexOf('=') + 1);
        continue;
      }
      assertThat(words.subList(0, 2)).containsExactly("./vpp", "baseline");
      List<String> a = new ArrayList<>();
      for (int i = 2; i < words.size(); i++) {
        String w = variable.isEmpty() ? words.get(i) : words.get(i).replace(variable, value);
        String option = words.get(i - 1);
        if (List.of("--meter", "--events", "--temperature").contains(option)) {
          w = checkout.resolve(w).toString();
        } else if (option.equals("--out")) {
          w = dir.resolve(w).toString();
        }
        a.add(w);
      }
      assertThat(run(a.toArray(String[]::new))).as(line).isZero();
      commands++;
    }
    assertThat(commands).isEqualTo(2);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("baseline: caiso-10in10, 3 events, 9 intervals written to ");
    String header = "timestamp,baseline_kwh\n";
    String sample = header + block(section, "```\n" + header);
    assertThat(Files.readAllLines(dir.resolve("target/il/caiso.csv")))
        .startsWith(sample.lines().toArray(String[]::new));
  }

  /** The text from after {@code opening} to the next fence. */
  private static String block(String markdown, String opening) {
    int from = markdown.indexOf(opening);
    assertThat(from).as(opening).isNotNegative();
    from += opening.length();
    return markdown.substring(from, markdown.indexOf("```", from)).strip();
  }

  @Test
  void detectsFifteenMinuteIntervals() throws Exception {
    Files.write(meter, meterLines(Duration.ofMinutes(15), 120 * 96));
    assertThat(run(args("caiso-10in10"))).isZero();
    List<String> lines = Files.readAllLines(result);
    assertThat(lines).hasSize(9); // 2 h × 4
    assertThat(lines.get(2)).isEqualTo("2017-09-13T16:15:00-07:00,0.5000");
  }

  @Test
  void aMethodThatNeedsTemperatureSaysSo() {
    assertThatThrownBy(() -> run(args("match-day")))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("match-day needs the outdoor temperature: add --temperature");
    assertThat(result).doesNotExist();
  }

  @Test
  void anUnknownMethodListsTheKnownOnes() {
    assertThatThrownBy(() -> run(args("average")))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("unknown method 'average'")
        .hasMessageContaining("caiso-10in10, pjm-high4of5, match-day, caltrack-hourly");
  }

  @Test
  void anUnparseableTimestampIsNamedWithItsLine() throws IOException {
    replaceMeterLine(5, "2017-06-01 04:00,2.0");
    assertRefused("meter.csv line 5: unparseable timestamp '2017-06-01 04:00'");
  }

  @Test
  void aNegativeReadingIsRefused() throws IOException {
    replaceMeterLine(7, START.plusHours(5) + ",-0.3");
    assertRefused("meter.csv line 7: negative kWh -0.3");
  }

  @Test
  void aNotANumberReadingIsRefused() throws IOException {
    replaceMeterLine(7, START.plusHours(5) + ",NaN");
    assertRefused("meter.csv line 7: kWh is not a finite number: 'NaN'");
  }

  @Test
  void aDuplicateTimestampIsRefused() throws IOException {
    replaceMeterLine(7, START.plusHours(4) + ",2.0");
    assertRefused("meter.csv line 7: duplicate timestamp 2017-06-01T04:00-07:00");
  }

  @Test
  void aGapIsRefused() throws IOException {
    List<String> lines = new ArrayList<>(Files.readAllLines(meter));
    lines.remove(10);
    Files.write(meter, lines);
    assertRefused("meter.csv line 11: 2017-06-01T10:00-07:00 after 2017-06-01T08:00-07:00: a gap");
  }

  @Test
  void anEventOutsideTheMeterDataIsRefused() throws IOException {
    Files.writeString(events, "start,end\n2017-11-26T16:00:00-07:00,2017-11-26T18:00:00-07:00\n");
    assertRefused(
        "events.csv line 2: the event 2017-11-26T16:00:00-07:00 – 2017-11-26T18:00:00-07:00"
            + " lies outside the meter data");
  }

  @Test
  void anEventAcrossMidnightIsNamedInTheOffsetTheInputIsWrittenIn() throws IOException {
    Files.writeString(meter, Files.readString(meter).replace("-07:00", "-08:00"));
    Files.writeString(events, "start,end\n2017-09-13T22:00:00-08:00,2017-09-14T01:00:00-08:00\n");
    assertThatThrownBy(() -> run(args("caiso-10in10")))
        .isInstanceOf(InputException.class)
        .hasMessage(
            events
                + " line 2: the event 2017-09-13T22:00:00-08:00 – 2017-09-14T01:00:00-08:00"
                + " crosses midnight in the site's time zone (-08:00); each event must lie within"
                + " one local day: split it into"
                + " 2017-09-13T22:00:00-08:00,2017-09-14T00:00:00-08:00 and"
                + " 2017-09-14T00:00:00-08:00,2017-09-14T01:00:00-08:00");
    assertThat(result).doesNotExist();
  }

  @Test
  void anEventAcrossMidnightIsSplitOnTheZonesClock() throws IOException {
    // written in UTC for a site in Los Angeles (PDT, −07:00): split at its midnight, in its offset
    Files.writeString(events, "start,end\n2017-09-14T05:00:00Z,2017-09-14T09:00:00Z\n");
    assertThatThrownBy(() -> run(args("caiso-10in10", "--zone", "America/Los_Angeles")))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("crosses midnight in the site's time zone (America/Los_Angeles)")
        .hasMessageEndingWith(
            "split it into 2017-09-13T22:00:00-07:00,2017-09-14T00:00:00-07:00 and"
                + " 2017-09-14T00:00:00-07:00,2017-09-14T02:00:00-07:00");
  }

  @Test
  void anEventEndingAtMidnightIsWithinItsDay() throws Exception {
    Files.writeString(events, "start,end\n2017-09-13T22:00:00-07:00,2017-09-14T00:00:00-07:00\n");
    assertThat(run(args("caiso-10in10"))).isZero();
    assertThat(Files.readAllLines(result)).hasSize(3);
  }

  @Test
  void anEventOffTheGridIsNamedWithItsTimes() throws IOException {
    Files.writeString(events, "start,end\n2017-09-13T16:30:00-07:00,2017-09-13T18:00:00-07:00\n");
    assertRefused(
        "events.csv line 2: the event 2017-09-13T16:30:00-07:00 – 2017-09-13T18:00:00-07:00 does"
            + " not start and end on the meter's 60-minute interval boundaries");
  }

  @Test
  void anEventEndingBeforeItStartsIsNamedWithItsTimes() throws IOException {
    Files.writeString(events, "start,end\n2017-09-13T18:00:00-07:00,2017-09-13T16:00:00-07:00\n");
    assertRefused(
        "events.csv line 2: the event 2017-09-13T18:00:00-07:00 – 2017-09-13T16:00:00-07:00 ends"
            + " at or before its start");
  }

  @Test
  void meterDataOffTheLocalClocksGridIsNamedWithItsFirstTimestamp() throws IOException {
    List<String> lines = new ArrayList<>(List.of("timestamp,kwh"));
    for (int h = 0; h < 120 * 24; h++) {
      lines.add(START.plusMinutes(7).plusHours(h) + ",2.0");
    }
    Files.write(meter, lines);
    assertRefused(
        "meter.csv line 2: the first interval starts at 2017-06-01T00:07-07:00, off the local"
            + " clock's 60-minute grid (intervals start on the hour)");
  }

  @Test
  void aRowWithTooManyFieldsIsQuoted() throws IOException {
    replaceMeterLine(4, START.plusHours(2) + ",2.0,x");
    assertRefused(
        "meter.csv line 4: expected 2 fields (timestamp,kwh), found 3: '2017-06-01T02:00-07:00,2.0,x'");
  }

  @Test
  void overlappingEventsAreNamedWithTheirLines() throws IOException {
    Files.writeString(
        events,
        """
        start,end
        2017-09-13T16:00:00-07:00,2017-09-13T18:00:00-07:00
        2017-09-13T17:00:00-07:00,2017-09-13T19:00:00-07:00
        """);
    assertRefused(
        "events.csv line 3: the event 2017-09-13T17:00:00-07:00 – 2017-09-13T19:00:00-07:00"
            + " overlaps the one on line 2");
  }

  @Test
  void notEnoughHistoryIsNamedWithTheEventsLine() throws IOException {
    Files.writeString(
        events,
        """
        start,end
        2017-09-13T16:00:00-07:00,2017-09-13T18:00:00-07:00
        2017-06-06T16:00:00-07:00,2017-06-06T18:00:00-07:00
        """);
    assertRefused("events.csv line 3: caiso-10in10 needs at least 5 non-event weekday days");
  }

  @Test
  void severalOffsetsNeedAZone() throws IOException {
    replaceMeterLine(2, "2017-05-31T23:00:00-08:00,2.0");
    assertRefused(
        "timestamps carry several UTC offsets [-07:00, -08:00]; name the site's time zone");
  }

  @Test
  void aZoneIsCheckedAgainstEveryOffset() {
    assertThatThrownBy(() -> run(args("caiso-10in10", "--zone", "America/Chicago")))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("meter.csv line 2: offset -07:00 is not America/Chicago's offset");
    assertThat(result).doesNotExist();
  }

  @Test
  void aMissingFileIsNamedWithItsOption() throws IOException {
    Files.delete(meter);
    assertThatThrownBy(() -> run(args("caiso-10in10")))
        .isInstanceOf(UsageException.class)
        .hasMessage("baseline: --meter " + meter + ": no such file");
  }

  @Test
  void aFolderGivenAsAnInputIsAUsageError() throws IOException {
    Path folder = Files.createDirectory(dir.resolve("data"));
    Path file = meter;
    meter = folder;
    assertThatThrownBy(() -> run(args("caiso-10in10")))
        .isInstanceOf(UsageException.class)
        .hasMessage(
            "baseline: --meter "
                + folder
                + " is a folder; give a CSV file with columns timestamp,kwh");
    meter = file;
    assertThatThrownBy(() -> run(args("match-day", "--temperature", folder.toString())))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("--temperature " + folder + " is a folder; give a CSV file");
  }

  @Test
  void aFolderGivenAsAnInputExitsWithTwoAndSaysSo() throws IOException {
    meter = Files.createDirectory(dir.resolve("data"));
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Main.run(
            mainArgs(args("caiso-10in10")),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            Map.of());
    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "error: baseline: --meter "
                + meter
                + " is a folder; give a CSV file with"
                + " columns timestamp,kwh\n");
  }

  @Test
  void missingFoldersOnTheWayToTheOutputAreCreated() throws Exception {
    result = dir.resolve("reports/2017/baseline.csv");
    assertThat(run(args("caiso-10in10"))).isZero();
    assertThat(Files.readAllLines(result)).hasSize(3);
    try (var files = Files.list(result.getParent())) {
      assertThat(files).containsExactly(result);
    }
  }

  @Test
  void anOutputThatIsAFolderIsAUsageError() throws IOException {
    result = Files.createDirectory(dir.resolve("reports"));
    assertThatThrownBy(() -> run(args("caiso-10in10")))
        .isInstanceOf(UsageException.class)
        .hasMessage(
            "baseline: --out "
                + result
                + " is a folder; give the file to write, for example "
                + result.resolve("baseline.csv"));
    try (var files = Files.list(result)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void anOutputBelowAFileIsAUsageErrorNamingTheFile() {
    result = meter.resolve("baseline.csv");
    assertThatThrownBy(() -> run(args("caiso-10in10")))
        .isInstanceOf(UsageException.class)
        .hasMessage(
            "baseline: --out "
                + result
                + " cannot be written: "
                + meter
                + " is a file, not a folder");
  }

  @Test
  void anOutputFolderThatCannotBeCreatedExitsWithOneAndSaysWhy() {
    // a name longer than any file system allows (255 bytes): the folder cannot be made
    Path folder = dir.resolve("x".repeat(300));
    result = folder.resolve("baseline.csv");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Main.run(
            mainArgs(args("caiso-10in10")),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            Map.of());
    assertThat(code).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .startsWith("error: baseline: cannot create the folder " + folder + " for --out: ")
        .doesNotContain("Exception");
  }

  /** The baseline of the default files (caiso-10in10), as written. */
  private List<String> expectedCaiso() throws Exception {
    assertThat(run(args("caiso-10in10"))).isZero();
    List<String> lines = Files.readAllLines(result);
    Files.delete(result);
    return lines;
  }

  private static void gzip(Path file, List<String> lines) throws IOException {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }
  }

  /** A copy of one of the shipped Illinois sample's files, as shipped, in the test's folder. */
  private Path resource(String name) throws IOException {
    Path copy = dir.resolve(name);
    try (InputStream in =
        Objects.requireNonNull(
            getClass().getResourceAsStream("/org/openvpp/server/baseline/il-meter/" + name),
            name)) {
      Files.copy(in, copy);
    }
    return copy;
  }

  /** {@code ./vpp baseline ARGS} as Main sees it. */
  private static String[] mainArgs(String[] baselineArgs) {
    List<String> a = new ArrayList<>(List.of("baseline"));
    a.addAll(List.of(baselineArgs));
    return a.toArray(String[]::new);
  }

  private void replaceMeterLine(int line, String text) throws IOException {
    List<String> lines = new ArrayList<>(Files.readAllLines(meter));
    lines.set(line - 1, text);
    Files.write(meter, lines);
  }

  private void assertRefused(String message) {
    assertThatThrownBy(() -> run(args("caiso-10in10")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
    assertThat(result).doesNotExist();
  }
}
