package org.openvpp.server;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import org.openvpp.mqtt.broker.BrokerAccess;
import org.openvpp.mqtt.broker.Credentials;
import org.openvpp.mqtt.broker.EmbeddedBroker;
import org.openvpp.openadr.auth.ClientsFile;
import org.openvpp.server.cli.Options;
import org.openvpp.server.cli.UsageException;
import org.openvpp.server.openadr.RunVtn;
import org.openvpp.server.openadr.UtilityVen;
import org.openvpp.server.run.ConsoleReport;
import org.openvpp.server.run.DirectLink;
import org.openvpp.server.run.FleetLink;
import org.openvpp.server.run.FleetRun;
import org.openvpp.server.run.MqttLink;
import org.openvpp.server.run.RunEnrolment;
import org.openvpp.server.run.RunReport;
import org.openvpp.server.run.SettlementFiles;
import org.openvpp.server.web.Dashboard;
import org.openvpp.sim.fleet.Scenario;
import org.openvpp.sim.fleet.ScenarioFile;
import org.openvpp.sim.fleet.SimData;
import org.openvpp.time.SimulationClock;

/** The entry point behind {@code ./vpp}: {@code up} and {@code help}. */
public final class Main {

  static final String USAGE =
      """
      Usage: ./vpp COMMAND [OPTIONS]

      Commands:
        up           run OpenVPP on a simulated fleet with the embedded defaults
        sim          run a simulated fleet as a device cloud against an MQTT broker
        test         run the whole test suite (handled by the ./vpp script)
        bench        list or run benchmarks: ./vpp bench list | ./vpp bench NAME [--quick]
        baseline     M&V baselines of a site's events from CSV files: ./vpp baseline --help
        openadr      credentials for partners of the OpenADR VTN:
                     ./vpp openadr client create --name NAME --role ven|bl (./vpp openadr --help)
        help         show this text

      Options of 'up':
        --headless     run as fast as possible, print the table and summary, and exit
        --scenario S   a shipped scenario (summer-peak-ca, winter-morning-ca) or a YAML file
                       (default summer-peak-ca)
        --homes N      homes in the simulated fleet (default: the scenario's, 200)
        --hours N      hours to simulate from midnight (default: the scenario's, 24)
        --seed N       random seed of the fleet (default: the scenario's)
        --speed X      live runs: simulated seconds per real second (default 60)
        --port N       live runs: port of the dashboard (default 8080)
        --mqtt-port N  port of the embedded MQTT broker the fleet and the gateway meet on
                       (default 1883, or a free port when 1883 is taken and N is not given)
        --broker URI   use this external broker instead of the embedded one; the gateway's
                       password (user vpp-gateway) is read from VPP_GATEWAY_PASSWORD, the fleet's
                       (user sim) from VPP_SIM_PASSWORD
        --in-memory    no broker: the fleet hands telemetry to the twins directly
        --event-only   plan the utility's event alone (charge before it, the largest flat
                       reduction through it) instead of the default: trading the batteries on
                       the scenario's day-ahead prices all day with the event as a firm commitment
        --arbitrage    the default, said explicitly (refused together with --event-only)
        --statements DIR  after the run, write the settlement under DIR (created if missing):
                       statements/CUSTOMER.txt (each participant's monthly statement),
                       economics.txt, accreditation.txt, ledger.csv (every posting)
        --openadr-port N  port of the OpenADR 3.1.1 VTN that shows partners the run's program
                       and event (loopback; default 8081, or a free port when 8081 is taken)
        --openadr-clients FILE  the VTN's clients (default ~/.openvpp/openadr-clients.json,
                       written by ./vpp openadr client create); without the file, a demo VEN
                       client for the run is printed
        --utility-vtn URL  follow this utility's OpenADR 3 VTN (its base URL) for the run's event,
                       through OpenVPP's VEN; its client id and secret are read from
                       VPP_UTILITY_CLIENT_ID and VPP_UTILITY_CLIENT_SECRET. Without it, a stand-in
                       utility VTN on this machine publishes the scenario's event at its notice
        --utility-program NAME  the utility's program OpenVPP follows (default peak-rewards)
        --utility-port N  port of the stand-in utility VTN (loopback; default 8082, or a free
                       port when 8082 is taken)

      Options of 'sim' (the fleet speaks docs/device-protocol.md as device cloud CLOUD):
        --broker URI   the broker, for example tcp://127.0.0.1:1883 (required)
        --cloud NAME   the cloud's MQTT user name; devices are NAME:home-… (default sim)
        --scenario S, --homes N, --hours N, --seed N   as for 'up'
        --speed X      simulated seconds per real second (default 60); --fast: as fast as it can
        --per-device   one connection per device instead (user = device id; small fleets only)
        The password is read from the environment variable VPP_SIM_PASSWORD (empty if unset).
      """;

  private Main() {}

  public static void main(String[] args) {
    // Before anything logs: OpenVPP's logging configuration, not the one in the broker's jar.
    if (System.getProperty("logback.configurationFile") == null) {
      // VPP_LOG_FORMAT=json: one JSON object per line (for a log collector); otherwise plain text.
      System.setProperty(
          "logback.configurationFile",
          "json".equalsIgnoreCase(env("VPP_LOG_FORMAT"))
              ? "openvpp-logback-json.xml"
              : "openvpp-logback.xml");
    }
    System.exit(run(args, System.out, System.err));
  }

  /** Runs a command line; returns the process exit code (0 ok, 1 failure, 2 bad usage). */
  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0 || Set.of("help", "--help", "-h").contains(args[0])) {
      out.print(USAGE);
      return 0;
    }
    List<String> rest = Arrays.asList(args).subList(1, args.length);
    try {
      return switch (args[0]) {
        case "up" -> up(rest, out);
        case "sim" -> sim(rest, out);
        case "baseline" -> org.openvpp.server.baseline.BaselineCommand.run(rest, out);
        case "openadr" -> org.openvpp.server.openadr.OpenAdrCommand.run(rest, out);
        default -> throw new UsageException("unknown command '" + args[0] + "'; try ./vpp help");
      };
    } catch (UsageException e) {
      err.println("error: " + e.getMessage());
      return 2;
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      return 2;
    } catch (IllegalStateException e) {
      err.println("error: " + e.getMessage());
      return 1;
    }
  }

  private static int up(List<String> args, PrintStream out) throws UsageException {
    if (args.contains("--help") || args.contains("-h")) {
      out.print(USAGE);
      return 0;
    }
    Options o =
        Options.parse(
            "up",
            args,
            Set.of(
                "--scenario",
                "--homes",
                "--hours",
                "--seed",
                "--speed",
                "--port",
                "--mqtt-port",
                "--broker",
                "--statements",
                "--openadr-port",
                "--openadr-clients",
                "--utility-vtn",
                "--utility-program",
                "--utility-port"),
            Set.of("--headless", "--in-memory", "--arbitrage", "--event-only"));
    Scenario scenario = scenario(o);
    double speed = o.decimal("--speed", 60, 0.1, 100_000);
    int port = o.integer("--port", 8080, 0, 65_535);
    String externalBroker = o.text("--broker", "");
    boolean inMemory = o.flag("--in-memory");
    if (inMemory && !externalBroker.isEmpty()) {
      throw new UsageException("--in-memory and --broker exclude each other");
    }
    if (o.flag("--arbitrage") && o.flag("--event-only")) {
      throw new UsageException("--arbitrage and --event-only exclude each other");
    }
    int mqttPort = o.integer("--mqtt-port", 0, 0, 65_535);
    Optional<Path> statements = statementsDir(o);
    UtilityVen.Options utilityOptions = UtilityVen.options(o, Main::env);
    FleetRun.requireEventCovered(scenario);
    Optional<EmbeddedBroker> embedded = Optional.empty();
    FleetLink.Opener link;
    if (inMemory) {
      link = DirectLink.OPENER;
    } else if (!externalBroker.isEmpty()) {
      link =
          MqttLink.opener(
              externalBroker, env("VPP_GATEWAY_PASSWORD"), SIM_CLOUD, env("VPP_SIM_PASSWORD"));
    } else {
      embedded = Optional.of(startBroker(mqttPort, out));
      link =
          MqttLink.opener(
              embedded.get().uri(),
              BROKER_USERS.get(BrokerAccess.GATEWAY_USER),
              SIM_CLOUD,
              BROKER_USERS.get(SIM_CLOUD));
    }
    int openadrPort = o.integer("--openadr-port", RunVtn.DEFAULT_PORT, 0, 65_535);
    String clients = o.text("--openadr-clients", "");
    try (RunVtn vtn =
        RunVtn.start(
            openadrPort,
            !o.text("--openadr-port", "").isEmpty(),
            clients.isEmpty() ? ClientsFile.defaultPath() : Path.of(clients),
            out)) {
      try (UtilityVen utility = UtilityVen.start(scenario, utilityOptions, out)) {
        return up(o, scenario, speed, port, link, statements, out, vtn::publish, utility, vtn);
      }
    } finally {
      embedded.ifPresent(Main::stop);
    }
  }

  private static final String SIM_CLOUD = "sim";
  private static final int DEFAULT_MQTT_PORT = 1883;

  /** One-off passwords of the embedded broker's two users: the gateway and the simulated cloud. */
  private static final Map<String, String> BROKER_USERS =
      Map.of(BrokerAccess.GATEWAY_USER, secret(), SIM_CLOUD, secret());

  private static String secret() {
    byte[] b = new byte[18];
    new java.security.SecureRandom().nextBytes(b);
    return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  private static String env(String name) {
    return Objects.requireNonNullElse(System.getenv(name), "");
  }

  /** Starts the embedded broker on {@code port}, or 1883 if free, or any free port. */
  private static EmbeddedBroker startBroker(int port, PrintStream out) {
    try {
      Credentials users = Credentials.of(BROKER_USERS);
      EmbeddedBroker broker =
          port != 0
              ? EmbeddedBroker.start(users, port)
              : EmbeddedBroker.startPreferring(users, DEFAULT_MQTT_PORT);
      if (port == 0 && broker.port() != DEFAULT_MQTT_PORT) {
        out.printf(
            Locale.ROOT,
            "OpenVPP: port %d is taken; the embedded broker uses %d%n",
            DEFAULT_MQTT_PORT,
            broker.port());
      }
      out.printf(
          Locale.ROOT,
          "OpenVPP: embedded MQTT broker at %s (users %s and %s; devices per docs/device-protocol.md)%n",
          broker.uri(),
          BrokerAccess.GATEWAY_USER,
          SIM_CLOUD);
      return broker;
    } catch (java.io.IOException e) {
      throw new IllegalStateException(
          "cannot start the embedded MQTT broker: " + e.getMessage() + " (try --mqtt-port N)", e);
    }
  }

  private static void stop(EmbeddedBroker broker) {
    try {
      broker.close();
    } catch (java.io.IOException e) {
      System.err.println("warning: the embedded MQTT broker did not stop cleanly: " + e);
    }
  }

  private static int up(
      Options o,
      Scenario scenario,
      double speed,
      int port,
      FleetLink.Opener link,
      Optional<Path> statements,
      PrintStream out,
      java.util.function.Consumer<org.openvpp.event.GridEvent> publish,
      UtilityVen utility,
      org.openvpp.server.run.PartnerReports partners) {
    FleetRun run =
        new FleetRun(
            scenario,
            SimData.load(),
            link,
            o.flag("--event-only")
                ? FleetRun.Objective.PEAK_EVENT
                : FleetRun.Objective.ARBITRAGE_AND_EVENT,
            RunEnrolment.Terms.realistic(scenario.seed()));
    run = run.from(utility).withPartners(partners);
    Scenario s = scenario;
    out.printf(
        Locale.ROOT,
        "OpenVPP: scenario %s (%s): %d homes for %d h from %s (%s)%n",
        s.name(),
        s.description(),
        s.homes(),
        s.hours(),
        s.start().toLocalDateTime(),
        s.zone());
    out.println(
        o.flag("--event-only") || !FleetRun.arbitrageApplies(s)
            ? "OpenVPP: plans the utility's event alone: charge before it, the largest flat"
                + " reduction through it"
            : "OpenVPP: trades the batteries on the scenario's day-ahead prices all day, the"
                + " utility's event a firm commitment (--event-only plans the event alone)");
    if (o.flag("--headless")) {
      SimulationClock clock = SimulationClock.stepped(s.start().toInstant(), s.zone());
      RunReport report =
          run.run(
              clock,
              sample -> {},
              event -> {
                announce(event, s, out);
                publish.accept(event);
              });
      utility.report(report);
      ConsoleReport.print(report, out);
      statements.ifPresent(dir -> writeStatements(report, dir, out));
      return 0;
    }
    // The API's demo accounts: an operator (admin) and, once the run has enrolled its customers,
    // a participant (the first customer), each with a password drawn for this run.
    org.openvpp.server.security.Accounts accounts = new org.openvpp.server.security.Accounts();
    String operatorPassword = org.openvpp.server.security.Accounts.newSecret();
    accounts.addUser(
        "operator",
        operatorPassword,
        org.openvpp.server.security.Role.OPERATOR_ADMIN,
        Optional.empty());
    String participantPassword = org.openvpp.server.security.Accounts.newSecret();
    org.openvpp.server.api.ApiInbox inbox = new org.openvpp.server.api.ApiInbox();
    org.openvpp.server.api.Api api =
        new org.openvpp.server.api.Api(
            accounts,
            new org.openvpp.server.security.Tokens(),
            new org.openvpp.server.security.AuditLog(),
            inbox,
            java.time.InstantSource.system());
    java.util.concurrent.atomic.AtomicBoolean participant =
        new java.util.concurrent.atomic.AtomicBoolean();
    try (Dashboard dashboard = Dashboard.start(port, s.zone(), api)) {
      Consumer<org.openvpp.server.api.FleetView> views =
          v -> {
            dashboard.show(v);
            if (!v.customers().isEmpty() && !participant.getAndSet(true)) {
              String customer = v.customers().keySet().stream().sorted().findFirst().orElseThrow();
              accounts.addUser(
                  "participant",
                  participantPassword,
                  org.openvpp.server.security.Role.PARTICIPANT,
                  Optional.of(customer));
              out.printf(
                  Locale.ROOT,
                  "OpenVPP: demo participant: participant / %s (%s: their own home only)%n",
                  participantPassword,
                  customer);
            }
          };
      out.printf(
          Locale.ROOT,
          "OpenVPP: dashboard at http://localhost:%d/ (fleet power, live), API at"
              + " http://localhost:%d/api/v1 (OpenAPI at /openapi.json); simulated time runs"
              + " %.0f× real time%n",
          dashboard.port(),
          dashboard.port(),
          speed);
      SimulationClock clock =
          SimulationClock.scaled(s.start().toInstant(), speed, Clock.systemUTC(), s.zone());
      out.printf(
          Locale.ROOT,
          "OpenVPP: demo operator: operator / %s (operator admin; POST /api/v1/auth/login)%n",
          operatorPassword);
      RunReport report =
          run.run(
              clock,
              dashboard::publish,
              event -> {
                announce(event, s, out);
                publish.accept(event);
              },
              views,
              inbox);
      inbox.close();
      utility.report(report);
      api.publish(
          org.openvpp.server.api.SettlementView.of(report.event().id(), report.settlement()));
      ConsoleReport.print(report, out);
      statements.ifPresent(dir -> writeStatements(report, dir, out));
      dashboard.finish(
          String.format(
              Locale.ROOT, "{\"deliveredRatio\":%.4f}", report.performance().deliveredRatio()));
      out.printf(
          Locale.ROOT,
          "OpenVPP: run finished; the dashboard stays at http://localhost:%d/ until Ctrl-C%n",
          dashboard.port());
      awaitShutdown();
    }
    return 0;
  }

  /** The directory of {@code --statements}, refused when it names something not a directory. */
  private static Optional<Path> statementsDir(Options o) throws UsageException {
    String text = o.text("--statements", "");
    if (text.isEmpty()) {
      return Optional.empty();
    }
    Path dir = Path.of(text);
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new UsageException(
          "up: --statements needs a directory (created if missing), but '"
              + text
              + "' is a file; give another path");
    }
    // Found out now, not after the whole run: the directory can be made and written in.
    try {
      Files.createDirectories(dir);
      Files.delete(Files.createTempFile(dir, ".vpp-check", ".tmp"));
    } catch (java.io.IOException | SecurityException e) {
      throw new UsageException(
          "up: --statements cannot write in '" + text + "' (" + e + "); give another directory");
    }
    return Optional.of(dir);
  }

  private static void writeStatements(RunReport report, Path dir, PrintStream out) {
    try {
      SettlementFiles.write(report.settlement(), dir, report.scenario().zone());
    } catch (java.io.UncheckedIOException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
    out.printf(
        Locale.ROOT,
        "OpenVPP: wrote %d statements, economics.txt, accreditation.txt and ledger.csv to %s%n",
        report.settlement().statements().size(),
        dir);
  }

  private static int sim(List<String> args, PrintStream out) throws UsageException {
    if (args.contains("--help") || args.contains("-h")) {
      out.print(USAGE);
      return 0;
    }
    Options o =
        Options.parse(
            "sim",
            args,
            Set.of("--broker", "--cloud", "--scenario", "--homes", "--hours", "--seed", "--speed"),
            Set.of("--fast", "--per-device"));
    String broker = o.text("--broker", "");
    if (broker.isEmpty()) {
      throw new UsageException(
          "sim: --broker is required, for example --broker tcp://127.0.0.1:1883");
    }
    String cloud = o.text("--cloud", "sim");
    Scenario scenario = scenario(o);
    double speed = o.decimal("--speed", 60, 0.1, 100_000);
    String password = env("VPP_SIM_PASSWORD");
    boolean perDevice = o.flag("--per-device");
    org.openvpp.sim.fleet.SimFleet fleet =
        org.openvpp.sim.fleet.SimFleet.build(
            scenario, SimData.load(), perDevice ? "" : cloud + ":");
    Scenario s = scenario;
    try (org.openvpp.server.sim.SimBridge bridge =
        perDevice
            ? org.openvpp.server.sim.SimBridge.connectDevices(fleet, broker, id -> password)
            : org.openvpp.server.sim.SimBridge.connect(fleet, broker, cloud, password)) {
      out.printf(
          Locale.ROOT,
          "OpenVPP sim: %d devices of %d homes (%s) connected to %s %s%n",
          fleet.devices().size(),
          s.homes(),
          s.name(),
          broker,
          perDevice ? "one connection per device" : "as cloud " + cloud);
      SimulationClock clock =
          o.flag("--fast")
              ? SimulationClock.stepped(s.start().toInstant(), s.zone())
              : SimulationClock.scaled(s.start().toInstant(), speed, Clock.systemUTC(), s.zone());
      java.time.Instant end = s.end().toInstant();
      java.time.Duration step = java.time.Duration.ofMinutes(1);
      for (java.time.Instant now = s.start().toInstant(); now.isBefore(end); now = now.plus(step)) {
        org.openvpp.server.run.Pacer.reach(clock, now);
        bridge.step(now, step);
        if (now.atZone(s.zone()).getMinute() == 0) {
          out.printf(
              Locale.ROOT,
              "OpenVPP sim: %s, %d reports published, %d commands received%n",
              now.atZone(s.zone()).toLocalDateTime(),
              bridge.published(),
              bridge.commands());
        }
      }
    }
    return 0;
  }

  /**
   * The scenario named by {@code --scenario}, with {@code --homes}, {@code --hours}, {@code
   * --seed}.
   */
  private static Scenario scenario(Options o) throws UsageException {
    Scenario scenario = ScenarioFile.load(o.text("--scenario", "summer-peak-ca"));
    scenario = scenario.withHomes(o.integer("--homes", scenario.homes(), 1, 1_000_000));
    scenario = scenario.withHours(o.integer("--hours", scenario.hours(), 1, 168));
    return scenario.withSeed(
        o.integer("--seed", (int) scenario.seed(), Integer.MIN_VALUE, Integer.MAX_VALUE));
  }

  private static void announce(org.openvpp.event.GridEvent event, Scenario s, PrintStream out) {
    var zone = s.zone();
    out.printf(
        Locale.ROOT,
        "OpenVPP: %s received peak event %s for %s-%s%n",
        event.received().atZone(zone).toLocalTime(),
        event.id(),
        event.window().start().atZone(zone).toLocalTime(),
        event.window().end().atZone(zone).toLocalTime());
  }

  private static void awaitShutdown() {
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
    try {
      stop.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
