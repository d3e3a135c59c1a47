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
        serve        run it for production: ./vpp serve --config FILE (PostgreSQL and an
                     external MQTT broker; the keys are in docs/serve.md)
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
        --fast         live runs: as fast as the work allows, the dashboard and API served
                       all along (a day replayed in about a minute)
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
        --data DIR     keep the platform's records in the embedded database in DIR (default
                       ~/.openvpp/data): accounts and demo logins, the audit log, device
                       preferences, every run with its settlement, statements, ledger and
                       telemetry; a later ./vpp up on the same DIR starts with all of it
        --no-store     keep nothing after the run (in memory only)
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
    return run(args, out, err, System.getenv());
  }

  /** {@link #run(String[], PrintStream, PrintStream)} with {@code env} for the environment. */
  static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
    if (args.length == 0 || Set.of("help", "--help", "-h").contains(args[0])) {
      out.print(USAGE);
      return 0;
    }
    List<String> rest = Arrays.asList(args).subList(1, args.length);
    try {
      return switch (args[0]) {
        case "up" -> up(rest, out);
        case "serve" -> serve(rest, out, env);
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
    return up(args, out, Optional.empty());
  }

  /** {@code ./vpp serve --config FILE}: a run against PostgreSQL and an external broker. */
  private static int serve(List<String> args, PrintStream out, Map<String, String> env)
      throws UsageException {
    if (args.contains("--help") || args.contains("-h")) {
      out.print(USAGE);
      return 0;
    }
    Options o = Options.parse("serve", args, Set.of("--config"), Set.of());
    String file = o.text("--config", "");
    if (file.isEmpty()) {
      throw new UsageException("serve: --config FILE is required (see docs/serve.md)");
    }
    ServeConfig config = ServeConfig.read(Path.of(file), env);
    return up(config.upArguments(), out, Optional.of(config));
  }

  private static int up(List<String> args, PrintStream out, Optional<ServeConfig> serve)
      throws UsageException {
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
                "--data",
                "--utility-vtn",
                "--utility-program",
                "--utility-port"),
            Set.of(
                "--headless",
                "--in-memory",
                "--arbitrage",
                "--event-only",
                "--no-store",
                "--fast"));
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
    if (o.flag("--no-store") && !o.text("--data", "").isEmpty()) {
      throw new UsageException("--no-store and --data exclude each other");
    }
    Optional<Path> data =
        o.flag("--no-store")
            ? Optional.empty()
            : Optional.of(
                o.text("--data", "").isEmpty()
                    ? Path.of(System.getProperty("user.home"), ".openvpp", "data")
                    : Path.of(o.text("--data", "")));
    UtilityVen.Options utilityOptions = UtilityVen.options(o, Main::env);
    FleetRun.requireEventCovered(scenario);
    Optional<EmbeddedBroker> embedded = Optional.empty();
    FleetLink.Opener link;
    if (inMemory) {
      link = DirectLink.OPENER;
    } else if (!externalBroker.isEmpty()) {
      link =
          MqttLink.opener(
              externalBroker,
              serve.map(ServeConfig::gatewayPassword).orElseGet(() -> env("VPP_GATEWAY_PASSWORD")),
              SIM_CLOUD,
              serve.map(ServeConfig::simPassword).orElseGet(() -> env("VPP_SIM_PASSWORD")));
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
        return withPlatform(
            data,
            serve,
            out,
            platform ->
                up(
                    o,
                    scenario,
                    speed,
                    port,
                    link,
                    statements,
                    out,
                    vtn::publish,
                    utility,
                    vtn,
                    platform));
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
      org.openvpp.server.run.PartnerReports partners,
      Optional<Kept> kept) {
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
    // What the platform keeps (accounts, audit, preferences, runs, ledger, telemetry), or memory
    // alone with --no-store.
    org.openvpp.server.security.Accounts accounts =
        kept.map(k -> k.platform().accounts()).orElseGet(org.openvpp.server.security.Accounts::new);
    org.openvpp.server.api.ApiInbox inbox =
        new org.openvpp.server.api.ApiInbox(
            kept.map(k -> k.platform().preferences())
                .orElse(org.openvpp.server.api.ApiInbox.PreferenceRecords.NONE));
    org.openvpp.server.api.Api api =
        new org.openvpp.server.api.Api(
            accounts,
            kept.map(k -> k.platform().tokens()).orElseGet(org.openvpp.server.security.Tokens::new),
            kept.map(k -> k.platform().audit())
                .orElseGet(org.openvpp.server.security.AuditLog::new),
            inbox,
            java.time.InstantSource.system(),
            kept.map(k -> k.platform().runs()).orElse(org.openvpp.server.api.RunHistory.NONE));
    Optional<String> runId = kept.map(k -> k.platform().startRun(s));
    runId.ifPresent(api::runStarted);
    Optional<org.openvpp.server.platform.TelemetryRecorder> recorder =
        kept.map(k -> k.platform().telemetryRecorder());
    if (recorder.isPresent()) {
      run = run.recordingTo(recorder.get());
    }
    if (kept.isPresent()) {
      org.openvpp.server.platform.Platform platform = kept.get().platform();
      run = run.keepingRecordsIn(platform::programRecords);
    }
    if (o.flag("--headless")) {
      SimulationClock clock = SimulationClock.stepped(s.start().toInstant(), s.zone());
      RunReport report =
          run.run(
              clock,
              sample -> {},
              event -> {
                announce(event, s, out);
                publish.accept(event);
              },
              view -> {},
              inbox);
      inbox.close();
      utility.report(report);
      keep(report, api, runId, recorder, kept, out);
      ConsoleReport.print(report, out);
      statements.ifPresent(dir -> writeStatements(report, dir, out));
      return 0;
    }
    // The API's demo accounts: an operator (admin) and, once the run has enrolled its customers,
    // a participant (the first customer); the same logins on every run in a data folder.
    Optional<ServeConfig> serving = kept.flatMap(Kept::serve);
    org.openvpp.server.platform.DemoLogins logins =
        kept.flatMap(Kept::folder)
            .map(org.openvpp.server.platform.DemoLogins::in)
            .orElseGet(org.openvpp.server.platform.DemoLogins::none);
    String operatorLogin =
        serving.isPresent()
            ? admin(accounts, serving.get())
            : "demo operator: operator / "
                + logins.ensure(
                    accounts,
                    "operator",
                    org.openvpp.server.security.Role.OPERATOR_ADMIN,
                    Optional.empty());
    java.util.concurrent.atomic.AtomicBoolean participant =
        new java.util.concurrent.atomic.AtomicBoolean();
    try (Dashboard dashboard = Dashboard.start(port, s.zone(), api)) {
      Consumer<org.openvpp.server.api.FleetView> views =
          v -> {
            dashboard.show(v);
            if (serving.isEmpty() && !v.customers().isEmpty() && !participant.getAndSet(true)) {
              String customer = v.customers().keySet().stream().sorted().findFirst().orElseThrow();
              String participantPassword =
                  logins.ensure(
                      accounts,
                      "participant",
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
              + " %s%n",
          dashboard.port(),
          dashboard.port(),
          o.flag("--fast")
              ? "as fast as the work allows (--fast)"
              : String.format(Locale.ROOT, "%.0f× real time", speed));
      SimulationClock clock =
          o.flag("--fast")
              ? SimulationClock.stepped(s.start().toInstant(), s.zone())
              : SimulationClock.scaled(s.start().toInstant(), speed, Clock.systemUTC(), s.zone());
      out.printf(
          Locale.ROOT, "OpenVPP: %s (operator admin; POST /api/v1/auth/login)%n", operatorLogin);
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
      keep(report, api, runId, recorder, kept, out);
      api.publish(
          org.openvpp.server.api.PerformanceView.of(
              org.openvpp.server.run.FleetRun.PROGRAM, report));
      ConsoleReport.print(report, out);
      statements.ifPresent(dir -> writeStatements(report, dir, out));
      dashboard.finish(
          String.format(
              Locale.ROOT, "{\"deliveredRatio\":%.4f}", report.performance().deliveredRatio()));
      out.printf(
          Locale.ROOT,
          "OpenVPP: run finished; the dashboard stays at http://localhost:%d/ until Ctrl-C%n",
          dashboard.port());
      if (serving.map(ServeConfig::exitAfterRun).orElse(false)) {
        return 0;
      }
      awaitShutdown();
    }
    return 0;
  }

  /**
   * The platform a run keeps its records in: the embedded one in a folder ({@code ./vpp up}), or
   * PostgreSQL ({@code ./vpp serve}, with its configuration).
   */
  private record Kept(
      org.openvpp.server.platform.Platform platform,
      Optional<Path> folder,
      Optional<ServeConfig> serve) {}

  /**
   * Runs {@code body} with the platform open: PostgreSQL when serving, else the embedded database
   * in {@code data} (none when empty); closes it after.
   */
  private static int withPlatform(
      Optional<Path> data,
      Optional<ServeConfig> serve,
      PrintStream out,
      java.util.function.Function<Optional<Kept>, Integer> body) {
    if (serve.isPresent()) {
      ServeConfig c = serve.get();
      try (org.openvpp.server.platform.Platform platform =
          org.openvpp.server.platform.Platform.open(
              org.openvpp.store.Database.open(
                  c.databaseUrl(), c.databaseUser(), c.databasePassword()),
              java.time.InstantSource.system())) {
        out.printf(
            Locale.ROOT,
            "OpenVPP: records kept in %s as %s: %d earlier run(s)%s%n",
            c.databaseUrl(),
            c.databaseUser(),
            platform.runs().runs().size(),
            platform.interruptedOnOpen() > 0
                ? ", " + platform.interruptedOnOpen() + " found unfinished and marked interrupted"
                : "");
        return body.apply(Optional.of(new Kept(platform, Optional.empty(), serve)));
      } catch (org.openvpp.store.StoreException e) {
        throw new IllegalStateException(e.getMessage(), e);
      }
    }
    if (data.isEmpty()) {
      out.println("OpenVPP: --no-store: nothing is kept after this run");
      return body.apply(Optional.empty());
    }
    Path folder = data.get();
    ownerOnly(folder);
    try (org.openvpp.server.platform.Platform platform =
        org.openvpp.server.platform.Platform.embedded(folder)) {
      List<org.openvpp.server.api.RunHistory.Run> runs = platform.runs().runs();
      out.printf(
          Locale.ROOT,
          "OpenVPP: data kept in %s (embedded database): %d earlier run(s)%s%n",
          folder.toAbsolutePath().normalize(),
          runs.size(),
          platform.interruptedOnOpen() > 0
              ? ", " + platform.interruptedOnOpen() + " found unfinished and marked interrupted"
              : "");
      return body.apply(Optional.of(new Kept(platform, Optional.of(folder), Optional.empty())));
    } catch (org.openvpp.store.StoreException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /** Creates {@code folder} if missing, readable by its owner only (it holds the demo logins). */
  private static void ownerOnly(Path folder) {
    try {
      org.openvpp.server.cli.AtomicFiles.createOwnerOnlyDirectory(folder);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(
          "cannot create the data folder " + folder + ": " + e + " (give another with --data DIR)",
          e);
    }
  }

  /**
   * After the run: hands its settlement to the API (which keeps it in the run's history), writes
   * the last telemetry, and records the run as finished with its books in the platform's ledger.
   */
  private static void keep(
      RunReport report,
      org.openvpp.server.api.Api api,
      Optional<String> runId,
      Optional<org.openvpp.server.platform.TelemetryRecorder> recorder,
      Optional<Kept> kept,
      PrintStream out) {
    org.openvpp.server.api.SettlementView settled =
        org.openvpp.server.api.SettlementView.of(report.event().id(), report.settlement());
    api.publish(settled);
    if (kept.isEmpty() || runId.isEmpty() || recorder.isEmpty()) {
      return;
    }
    recorder.get().close();
    String summary =
        String.format(
            Locale.ROOT,
            "%s: %.1f kWh delivered of %.1f committed; %s USD paid to %d participants",
            report.event().id(),
            settled.deliveredKwh(),
            settled.committedKwh(),
            settled.paidUsd(),
            settled.participants());
    org.openvpp.store.IngestReport meters = kept.get().platform().keepMeters(report.meters());
    kept.get()
        .platform()
        .finishRun(runId.get(), report.event().id(), summary, report.settlement().ledger());
    out.printf(
        Locale.ROOT,
        "OpenVPP: %s kept: %d telemetry reports (%d new), %d meter intervals (%d new), %d ledger"
            + " transactions, %d statements%n",
        runId.get(),
        recorder.get().received(),
        recorder.get().stored(),
        meters.received(),
        meters.stored(),
        report.settlement().ledger().transactions().size(),
        settled.statements().size());
  }

  /**
   * The configured operator admin of {@code ./vpp serve}: made on the first start, from {@code
   * VPP_ADMIN_PASSWORD}; afterwards the password it was given then (never reset from here).
   */
  private static String admin(org.openvpp.server.security.Accounts accounts, ServeConfig c) {
    if (accounts.exists(c.adminUser())) {
      return "operator admin: " + c.adminUser() + " (its password as first set)";
    }
    if (c.adminPassword().isEmpty()) {
      throw new IllegalStateException(
          "serve: the first start makes the operator admin '"
              + c.adminUser()
              + "': set VPP_ADMIN_PASSWORD (at least 12 characters)");
    }
    accounts.addUser(
        c.adminUser(),
        c.adminPassword(),
        org.openvpp.server.security.Role.OPERATOR_ADMIN,
        Optional.empty());
    return "operator admin: " + c.adminUser() + " (made now, password from VPP_ADMIN_PASSWORD)";
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
