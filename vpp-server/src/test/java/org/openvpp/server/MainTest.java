package org.openvpp.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return Main.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void headlessRunPrintsEveryIntervalAndASummary() {
    // Through the embedded broker, as a user runs it; the morning event keeps the run short.
    assertThat(
            run(
                "up",
                "--headless",
                "--scenario",
                "winter-morning-ca",
                "--homes",
                "20",
                "--hours",
                "10",
                "--openadr-port",
                "0",
                "--utility-port",
                "0"))
        .isZero();
    String text = out();
    assertThat(text)
        .contains("embedded MQTT broker at tcp://127.0.0.1:")
        .containsPattern("utility VTN at http://127.0.0.1:\\d+/openadr3/3.1.1 \\(a stand-in")
        .contains("received peak event")
        .contains("from openadr:peak-rewards")
        .contains("Summary")
        .contains("no reserve broken")
        .containsPattern(
            "link +MQTT tcp://127.0.0.1:\\d+: [\\d,]+ messages from the fleet \\(0 lost\\)");
    assertThat(text.lines().filter(l -> l.matches("\\d\\d:\\d\\d .*"))).hasSize(40);
    assertThat(text).containsPattern("delivered +\\d+\\.\\d kWh \\(\\d+\\.\\d % of committed\\)");
  }

  @Test
  void helpListsTheCommands() {
    assertThat(run("help")).isZero();
    assertThat(out()).contains("up", "test", "bench", "--headless");
  }

  @Test
  void unknownCommandIsAUsageError() {
    assertThat(run("upp")).isEqualTo(2);
    assertThat(err()).contains("unknown command 'upp'");
  }

  @Test
  void badOptionsSayWhatWasWrong() {
    assertThat(run("up", "--headless", "--homes", "many")).isEqualTo(2);
    assertThat(err()).contains("--homes needs a whole number, was 'many'");
    err.reset();
    assertThat(run("up", "--headless", "--homes", "0")).isEqualTo(2);
    assertThat(err()).contains("--homes must be between 1 and 1000000, was 0");
    err.reset();
    assertThat(run("up", "--headles")).isEqualTo(2);
    assertThat(err()).contains("unknown argument '--headles'");
    err.reset();
    assertThat(run("up", "--hours")).isEqualTo(2);
    assertThat(err()).contains("--hours needs a value");
    err.reset();
    assertThat(run("up", "--headless", "--arbitrage", "--event-only")).isEqualTo(2);
    assertThat(err()).contains("--arbitrage and --event-only exclude each other");
  }

  @Test
  void tooShortARunSaysWhy() {
    assertThat(run("up", "--headless", "--hours", "6")).isEqualTo(2);
    // Said before any broker starts.
    assertThat(out()).doesNotContain("broker");
    assertThat(err())
        .contains("--hours 6 ends before the utility's event")
        .contains("at least 20 hours");
  }

  @Test
  void unknownScenarioSaysWhichExist() {
    assertThat(run("up", "--headless", "--scenario", "nowhere")).isEqualTo(2);
    assertThat(err()).contains("no scenario 'nowhere'").contains("summer-peak-ca");
  }

  @Test
  void simNeedsABroker() {
    assertThat(run("sim", "--homes", "3")).isEqualTo(2);
    assertThat(err()).contains("sim: --broker is required");
  }

  @Test
  void simSaysWhenTheBrokerCannotBeReached() {
    assertThat(run("sim", "--broker", "tcp://127.0.0.1:1", "--homes", "1")).isEqualTo(1);
    assertThat(err()).contains("cannot connect the simulator to tcp://127.0.0.1:1 as cloud sim");
  }

  @Test
  void statementsAreWrittenAfterTheRun(@TempDir Path tmp) throws IOException {
    Path dir = tmp.resolve("settled");
    assertThat(
            run(
                "up",
                "--headless",
                "--in-memory",
                "--scenario",
                "winter-morning-ca",
                "--homes",
                "20",
                "--hours",
                "10",
                "--statements",
                dir.toString(),
                "--openadr-port",
                "0",
                "--utility-port",
                "0"))
        .isZero();
    assertThat(out())
        .containsPattern("enrolment +20 battery homes asked: \\d+ enrolled")
        .containsPattern("event devices +\\d+ participants notified")
        .contains("statements, economics.txt, accreditation.txt and ledger.csv to " + dir);
    List<Path> statements;
    try (var files = Files.list(dir.resolve("statements"))) {
      statements = files.sorted().toList();
    }
    assertThat(statements).isNotEmpty().allMatch(p -> p.getFileName().toString().endsWith(".txt"));
    String one = Files.readString(statements.get(0));
    assertThat(one).startsWith("Statement for customer-").contains("closing balance owed");
    assertThat(Files.readString(dir.resolve("economics.txt")))
        .contains("Program byo-battery")
        .contains("revenue")
        .contains("net");
    assertThat(Files.readString(dir.resolve("accreditation.txt")))
        .contains("enrolled")
        .contains("available")
        .contains("delivered")
        .contains("accredited");
    List<String> ledger = Files.readAllLines(dir.resolve("ledger.csv"));
    assertThat(ledger.get(0))
        .isEqualTo("transaction,at,account,amount,currency,kind,reference,memo");
    assertThat(ledger).hasSizeGreaterThan(2);
    // every transaction's postings sum to zero
    java.util.Map<String, java.math.BigDecimal> sums = new java.util.HashMap<>();
    for (String row : ledger.subList(1, ledger.size())) {
      String[] f = row.split(",", -1);
      sums.merge(f[0], new java.math.BigDecimal(f[3]), java.math.BigDecimal::add);
    }
    assertThat(sums.values()).allMatch(v -> v.signum() == 0);
    try (var left = Files.list(dir)) {
      assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
    }
  }

  @Test
  void aUtilityVtnNeedsAnHttpUrlAndTheVensCredentials() {
    assertThat(run("up", "--headless", "--in-memory", "--utility-vtn", "ftp://vtn.example/x"))
        .isEqualTo(2);
    assertThat(err()).contains("--utility-vtn needs the VTN's http(s) base URL");
    err.reset();
    assertThat(
            run(
                "up",
                "--headless",
                "--in-memory",
                "--utility-vtn",
                "http://127.0.0.1:1/openadr3/3.1.1",
                "--utility-port",
                "0"))
        .isEqualTo(2);
    assertThat(err()).contains("--utility-port is the stand-in utility's port");
    org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("VPP_UTILITY_CLIENT_ID") == null);
    err.reset();
    assertThat(
            run(
                "up",
                "--headless",
                "--in-memory",
                "--utility-vtn",
                "http://127.0.0.1:1/openadr3/3.1.1"))
        .isEqualTo(2);
    assertThat(err()).contains("VPP_UTILITY_CLIENT_ID and VPP_UTILITY_CLIENT_SECRET");
    assertThat(out()).doesNotContain("Summary");
  }

  @Test
  void statementsRefuseAFile(@TempDir Path tmp) throws IOException {
    Path file = Files.writeString(tmp.resolve("taken"), "x");
    assertThat(run("up", "--headless", "--in-memory", "--statements", file.toString()))
        .isEqualTo(2);
    assertThat(err()).contains("--statements needs a directory").contains("is a file");
    assertThat(out()).doesNotContain("Summary");
  }

  @Test
  void aSecondUpOnTheSameDataKeepsTheFirstRunsSettlementBooksAndTelemetry(@TempDir Path tmp) {
    String data = tmp.resolve("data").toString();
    String[] args = {
      "up",
      "--headless",
      "--in-memory",
      "--scenario",
      "winter-morning-ca",
      "--homes",
      "12",
      "--hours",
      "10",
      "--data",
      data
    };
    assertThat(run(args)).as(err()).isZero();
    assertThat(out())
        .contains("data kept in " + tmp.resolve("data") + " (embedded database): 0 earlier run(s)")
        .containsPattern(
            "run-1 kept: \\d+ telemetry reports \\(\\d+ new\\), 480 meter intervals \\(480 new\\),"
                + " \\d+ ledger transactions");
    out.reset();
    assertThat(run(args)).as(err()).isZero();
    assertThat(out())
        .contains("1 earlier run(s)")
        // the same simulated day again: its devices' reports of the same instants are kept once
        .containsPattern(
            "run-2 kept: \\d+ telemetry reports \\(0 new\\), 480 meter intervals \\(0 new\\)");
    try (var platform = org.openvpp.server.platform.Platform.embedded(tmp.resolve("data"))) {
      assertThat(platform.runs().runs())
          .extracting(r -> r.id() + " " + r.state())
          .containsExactly("run-2 finished", "run-1 finished");
      var ids = platform.ledger().transactions().stream().map(t -> t.id()).toList();
      assertThat(ids)
          .anyMatch(id -> id.startsWith("run-1/"))
          .anyMatch(id -> id.startsWith("run-2/"));
      assertThat(platform.ledger().total().isZero()).as("the books of both runs balance").isTrue();
      assertThat(platform.runs().document("run-1", "settlement", "")).isPresent();
      assertThat(platform.runs().documents("run-2", "statement")).isNotEmpty();
      // the runs' program records, written through as they changed
      var records = platform.programTables();
      assertThat(records.customers().all()).hasSizeGreaterThanOrEqualTo(11);
      assertThat(records.enrolments().all()).isNotEmpty();
      assertThat(records.consents().all()).isNotEmpty();
      assertThat(records.events().all())
          .as("each run's events (their ids are the utility VTN's, new each run)")
          .hasSizeGreaterThanOrEqualTo(2)
          .allMatch(e -> e.state() == org.openvpp.program.ProgramEvent.State.COMPLETED);
      assertThat(records.optOuts().all()).as("the customers who opted out").isNotEmpty();
      var day =
          new org.openvpp.time.Interval(
              java.time.Instant.parse("2019-01-15T08:00:00Z"),
              java.time.Instant.parse("2019-01-15T18:00:00Z"));
      assertThat(platform.meterIntervals().read("meter-0", day, java.time.ZoneOffset.UTC))
          .as("a home's 15-minute meter over the run's ten hours")
          .get()
          .extracting(m -> m.count())
          .isEqualTo(40);
    }
  }

  @Test
  void noStoreKeepsNothingAndRefusesData(@TempDir Path tmp) {
    assertThat(run("up", "--headless", "--no-store", "--data", tmp.toString())).isEqualTo(2);
    assertThat(err()).contains("--no-store and --data exclude each other");
  }

  @Test
  void aDataFolderInUseBySomethingElseIsAClearError(@TempDir Path tmp) throws IOException {
    Path file = Files.writeString(tmp.resolve("not-a-folder"), "x");
    assertThat(
            run(
                "up",
                "--headless",
                "--in-memory",
                "--scenario",
                "winter-morning-ca",
                "--homes",
                "2",
                "--hours",
                "10",
                "--data",
                file.toString()))
        .isEqualTo(1);
    assertThat(err()).contains("not-a-folder");
    assertThat(out()).doesNotContain("Summary");
  }
}
