package org.openvpp.ocpp.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openvpp.ocpp.charger.InMemoryChargerRegistry;
import org.openvpp.ocpp.charger.LifeCycle;
import org.openvpp.ocpp.charging.CompositeSchedule;
import org.openvpp.ocpp.charging.CompositeSchedules;
import org.openvpp.ocpp.charging.LimitPeriod;
import org.openvpp.ocpp.charging.LimitProfile;
import org.openvpp.ocpp.charging.NeedsListener;
import org.openvpp.ocpp.charging.ProfileTracker;
import org.openvpp.ocpp.charging.Purpose;
import org.openvpp.ocpp.charging.ScheduleAnswer;
import org.openvpp.ocpp.charging.SmartCharging;
import org.openvpp.ocpp.credentials.InMemoryChargerCredentials;
import org.openvpp.ocpp.credentials.Password;
import org.openvpp.ocpp.metering.MeterReport;
import org.openvpp.ocpp.rpc.TestSchemas;
import org.openvpp.ocpp.server.ChargerSession;
import org.openvpp.ocpp.server.NoSecretsInLogs;
import org.openvpp.ocpp.server.OcppConfig;
import org.openvpp.ocpp.server.OcppServer;
import org.openvpp.ocpp.server.SecurityProfile;
import org.openvpp.ocpp.server.TestClock;
import org.openvpp.ocpp.server.TestKeystore;
import org.openvpp.ocpp.transaction.AuthStatus;
import org.openvpp.ocpp.transaction.InMemoryAuthorizer;
import org.openvpp.ocpp.transaction.Transaction;
import org.openvpp.ocpp.transaction.Transactions;
import org.openvpp.units.Energy;
import org.openvpp.units.Power;

/**
 * A whole 2.0.1 session against a charging station we did not write: ocpp-rpc's client in Node, in
 * strict mode (it checks both directions against its own copy of the 2.0.1 schemas), connecting
 * under security profile 2 (TLS with a test certificate it is told to trust, and its password).
 *
 * <p>Needs Node.js 18+ and npm: the script and its lock file are copied from {@code src/test/node}
 * to {@code target/interop-node}, and {@code npm ci} installs the exact versions there when they
 * are not installed yet (which needs the npm registry once). Without Node or npm the test fails and
 * says what to install.
 */
@ExtendWith(NoSecretsInLogs.class)
class NodeChargePoint201Test {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String IDENTITY = "NODE-201";
  private static final String TX = "node-tx-1";
  private static final Instant T0 = Instant.parse("2026-12-01T18:00:00Z");
  private static final String PASSWORD = NoSecretsInLogs.remember("node-Password:201|interop");
  private static final long WAIT = 30;

  @TempDir static Path dir;
  private static Path work;
  private static TestKeystore keystore;

  private final TestClock clock = new TestClock(T0);
  private final List<MeterReport> meters = new CopyOnWriteArrayList<>();
  private final Transactions transactions =
      new Transactions(new InMemoryAuthorizer().with("TAG-NODE", AuthStatus.ACCEPTED), meters::add);
  private final LifeCycle life =
      new LifeCycle(
          InMemoryChargerRegistry.knowing(IDENTITY),
          clock,
          Duration.ofSeconds(300),
          Duration.ofSeconds(60),
          new SmartCharging(clock, NeedsListener.none(), transactions, transactions));
  private final ProfileTracker tracker = new ProfileTracker(clock, Duration.ofHours(24));
  private final List<Process> started = new ArrayList<>();

  @BeforeAll
  static void install() throws Exception {
    String node = version("node");
    String npm = version("npm");
    Path source =
        Path.of(System.getProperty("openvpp.ocpp.node", "src/test/node")).toAbsolutePath();
    work =
        Path.of(System.getProperty("openvpp.ocpp.nodeWork", "target/interop-node"))
            .toAbsolutePath();
    Files.createDirectories(work);
    boolean lockChanged =
        !Files.exists(work.resolve("package-lock.json"))
            || Files.mismatch(
                    source.resolve("package-lock.json"), work.resolve("package-lock.json"))
                >= 0;
    for (String f : List.of("package.json", "package-lock.json", "charge-point.js")) {
      Files.copy(source.resolve(f), work.resolve(f), StandardCopyOption.REPLACE_EXISTING);
    }
    if (lockChanged || !Files.exists(work.resolve("node_modules/ocpp-rpc/package.json"))) {
      Process p =
          new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
              .directory(work.toFile())
              .redirectErrorStream(true)
              .start();
      String out = drain(p.getInputStream());
      if (!p.waitFor(5, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new AssertionError("npm ci in " + work + " did not end within 5 minutes");
      }
      assertThat(p.exitValue())
          .as(
              "npm ci in %s (node %s, npm %s) needs the npm registry once:%n%s",
              work, node, npm, out)
          .isZero();
    }
    keystore = TestKeystore.create(dir);
  }

  /** The version {@code tool} prints, or a failure that says what to install. */
  private static String version(String tool) throws Exception {
    Process p;
    try {
      p = new ProcessBuilder(tool, "--version").redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new AssertionError(
          "this test runs a charging station written in Node: install Node.js 18 or later and npm"
              + " (Debian: apt-get install nodejs npm); '"
              + tool
              + "' is not on the PATH",
          e);
    }
    String out = drain(p.getInputStream()).strip();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("%s --version ends within 60 s", tool).isTrue();
    assertThat(p.exitValue()).as("%s --version: %s", tool, out).isZero();
    if (tool.equals("node")) {
      int major = Integer.parseInt(out.replaceFirst("^v(\\d+).*", "$1"));
      assertThat(major)
          .as("Node.js is %s; this test needs 18 or later", out)
          .isGreaterThanOrEqualTo(18);
    }
    return out;
  }

  private static String drain(InputStream in) throws IOException {
    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
  }

  @AfterEach
  void stop() {
    started.forEach(Process::destroyForcibly);
  }

  @Test
  void aWholeSessionOverTlsWithAProfileTheStationAccepts() throws Exception {
    InMemoryChargerCredentials credentials =
        new InMemoryChargerCredentials(1_000).with(IDENTITY, Password.of(PASSWORD));
    try (OcppServer server =
        OcppServer.start(
            OcppConfig.defaults()
                .withPort(0)
                .withSweepEvery(Duration.ZERO)
                .withSecurityProfile(SecurityProfile.TLS_BASIC)
                .withKeystore(keystore.config()),
            TestSchemas.get(),
            life,
            clock,
            credentials)) {
      Path ca = keystore.writePem(dir.resolve("ca.pem"));
      ProcessBuilder pb =
          new ProcessBuilder(
                  "node", "charge-point.js", "wss://127.0.0.1:" + server.port() + "/ocpp", IDENTITY)
              .directory(work.toFile());
      pb.environment().put("OCPP_PASSWORD", PASSWORD);
      pb.environment().put("OCPP_CA_FILE", ca.toString());
      Process p = pb.start();
      started.add(p);
      BlockingQueue<JsonNode> lines = new LinkedBlockingQueue<>();
      List<String> raw = new CopyOnWriteArrayList<>();
      List<JsonNode> all = new CopyOnWriteArrayList<>();
      StringBuilder errors = new StringBuilder();
      Thread.ofVirtual()
          .start(
              () -> {
                try (BufferedReader r =
                    new BufferedReader(
                        new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                  for (String line; (line = r.readLine()) != null; ) {
                    raw.add(line);
                    JsonNode n = JSON.readTree(line);
                    all.add(n);
                    lines.add(n);
                  }
                } catch (IOException e) {
                  raw.add("(stdout: " + e + ")");
                }
              });
      Thread.ofVirtual()
          .start(
              () -> {
                try {
                  String e = drain(p.getErrorStream());
                  synchronized (errors) {
                    errors.append(e);
                  }
                } catch (IOException e) {
                  synchronized (errors) {
                    errors.append(e);
                  }
                }
              });

      // The station reports each step; the central system acts once the transaction has a reading.
      JsonNode line;
      do {
        line = lines.poll(WAIT, TimeUnit.SECONDS);
        if (line == null || line.path("step").asText().equals("error")) {
          throw new AssertionError(
              "the Node station stopped before its transaction was updated: " + raw + " " + errors);
        }
      } while (!(line.path("step").asText().equals("TransactionEvent")
          && line.path("eventType").asText().equals("Updated")));

      ChargerSession session = server.charger(IDENTITY).orElseThrow();
      assertThat(session.securityProfile()).isEqualTo(SecurityProfile.TLS_BASIC);
      LimitProfile limit =
          new LimitProfile(
              21,
              1,
              Purpose.TX,
              1,
              T0,
              List.of(
                  LimitPeriod.of(Duration.ZERO, Power.ofKilowatts(11)),
                  LimitPeriod.of(Duration.ofMinutes(30), Power.ofKilowatts(4.2))),
              T0.plus(Duration.ofHours(2)),
              Optional.of(TX));
      ProfileTracker.Entry entry = tracker.send(session, limit).get(WAIT, TimeUnit.SECONDS);
      assertThat(entry.state()).as("%s", entry.reason()).isEqualTo(ProfileTracker.State.ACCEPTED);
      ScheduleAnswer answer =
          CompositeSchedules.ask(session, 1, Duration.ofHours(1), Optional.empty())
              .get(WAIT, TimeUnit.SECONDS);
      assertThat(answer).isInstanceOf(ScheduleAnswer.Schedule.class);
      CompositeSchedule composite = ((ScheduleAnswer.Schedule) answer).schedule();

      assertThat(p.waitFor(WAIT, TimeUnit.SECONDS)).as("the Node station ends: %s", raw).isTrue();
      assertThat(p.exitValue()).as("the Node station's exit: %s %s", raw, errors).isZero();

      // What the station printed
      List<String> steps = all.stream().map(n -> n.path("step").asText()).toList();
      assertThat(steps)
          .containsExactly(
              "connected",
              "BootNotification",
              "StatusNotification",
              "Authorize",
              "TransactionEvent",
              "TransactionEvent",
              "SetChargingProfile",
              "GetCompositeSchedule",
              "TransactionEvent",
              "done");
      assertThat(raw).noneMatch(l -> l.contains(PASSWORD));
      JsonNode set =
          all.stream()
              .filter(n -> n.path("step").asText().equals("SetChargingProfile"))
              .findFirst()
              .orElseThrow();
      assertThat(set.path("purpose").asText()).isEqualTo("TxProfile");
      assertThat(set.path("transactionId").asText()).isEqualTo(TX);
      assertThat(set.path("unit").asText()).isEqualTo("W");
      assertThat(set.path("limits").get(0).get(1).asDouble()).isEqualTo(11_000);
      assertThat(set.path("limits").get(1).get(0).asInt()).isEqualTo(1_800);
      assertThat(set.path("limits").get(1).get(1).asDouble()).isEqualTo(4_200);

      // What the central system recorded
      assertThat(life.charger(IDENTITY).orElseThrow().accepted()).isTrue();
      assertThat(life.charger(IDENTITY).orElseThrow().boot().orElseThrow().vendor())
          .isEqualTo("ocpp-rpc");
      Transaction t = transactions.transaction(IDENTITY, TX).orElseThrow();
      assertThat(t.open()).isFalse();
      assertThat(t.energy()).isEqualTo(Energy.ofWattHours(4_000));
      assertThat(t.events()).isEqualTo(3);
      assertThat(tracker.count(ProfileTracker.State.ACCEPTED)).isEqualTo(1);
      assertThat(composite.evseId()).isEqualTo(1);
      assertThat(composite.start()).isEqualTo(T0);
      assertThat(composite.limitAt(T0.plus(Duration.ofMinutes(45))))
          .contains(Power.ofKilowatts(4.2));
      assertThat(meters).isNotEmpty();
    }
  }
}
