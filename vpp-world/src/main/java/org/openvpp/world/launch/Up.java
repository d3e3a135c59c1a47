package org.openvpp.world.launch;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.openvpp.openadr.auth.ClientsFile;
import org.openvpp.server.Launch;
import org.openvpp.server.ServiceSettings;
import org.openvpp.server.cli.AtomicFiles;
import org.openvpp.server.cli.Options;
import org.openvpp.server.cli.UsageException;
import org.openvpp.server.openadr.PartnerVtn;
import org.openvpp.server.platform.DemoLogins;
import org.openvpp.server.security.Role;
import org.openvpp.service.chargers.OcppSettings;
import org.openvpp.sim.fleet.Scenario;
import org.openvpp.world.World;
import org.openvpp.world.chargers.ChargePoints;
import org.openvpp.world.eval.Evaluation;

/**
 * {@code ./vpp up}: the service on the embedded defaults (an embedded broker, the embedded database
 * in a folder) and the simulated world beside it in the same process. The two meet only on the
 * broker and over HTTP: the world gets an API client of its own, as {@code ./vpp sim} against a
 * served service would. The service follows the world's clock; the world runs live ({@code
 * --speed}), or as fast as the service keeps up ({@code --fast}, {@code --headless}). At the end
 * the evaluation sets the service's own M&amp;V beside the simulation's truth.
 */
final class Up {

  static final String USAGE =
      """
      Usage: ./vpp up [OPTIONS]   the service and a simulated world beside it, on this machine
        --scenario S      summer-season-ca (default: 31 days, 10 events), summer-peak-ca, winter-morning-ca, or a YAML file
        --homes N         homes in the world (default: the scenario's)
        --seed N          the world's random seed (default: the scenario's); a headless run repeats its figures
        --days N          live only the first N days of the season
        --headless        as fast as the service keeps up, print the season's summary, and exit
        --fast            as fast as the service keeps up, with the dashboard and API served all along
        --speed X         simulated seconds per real second (default 60)
        --port N          the dashboard's and API's port (default 8080; 0: a free one)
        --mqtt-port N     the embedded broker's port (default 1883, or a free one when it is taken)
        --data DIR        keep the records in the embedded database in DIR (default ~/.openvpp/data)
        --fresh           clear an earlier season's records from DIR first
        --no-store        keep nothing (memory only)
        --openadr-port N  the OpenADR 3.1.1 VTN for partners' VENs, on loopback (default 8081, or a free one)
        --openadr-clients FILE  its clients (default ~/.openvpp/openadr-clients.json; none: a demo client)
        --ocpp-port N     an OCPP 1.6J/2.0.1 central system for real chargers, on loopback without
                          passwords (default 0: none); a charger's identity is its device id (docs/ocpp.md)
        --ocpp-chargers V the world's EV chargers speak OCPP to it (V: 1.6, 2.0.1 or both, half each)
                          instead of being devices of the world's cloud; needs --ocpp-port
      Environment: VPP_LOG_LEVEL (default warn for up), VPP_LOG_FORMAT (text or json).
      """;

  private Up() {}

  private static Optional<ChargePoints.Versions> worldChargers(Options o, boolean centralSystem)
      throws UsageException {
    if (o.text("--ocpp-chargers", "").isEmpty()) {
      return Optional.empty();
    }
    if (!centralSystem) {
      throw new UsageException(
          "--ocpp-chargers needs --ocpp-port N: the central system the chargers connect to");
    }
    try {
      return Optional.of(ChargePoints.Versions.parse(o.text("--ocpp-chargers", "")));
    } catch (IllegalArgumentException e) {
      throw new UsageException("--ocpp-chargers: " + e.getMessage());
    }
  }

  /** The world's chargers over OCPP, and whether their cars left with what they wanted. */
  static void printChargers(ChargePoints c, World.CarsReady cars, PrintStream out) {
    out.printf(
        Locale.ROOT,
        "OpenVPP: %d chargers over OCPP (%d connected, %d accepted), %,d transactions, %,d"
            + " messages, %,d answered with an error; cars that left short of what their drivers"
            + " wanted: %d of %d (without the VPP: %d of %d)%n",
        c.size(),
        c.connected(),
        c.accepted(),
        c.transactions(),
        c.messages(),
        c.errors(),
        cars.leftShort(),
        cars.ended(),
        cars.shortWithout(),
        cars.endedWithout());
  }

  static int run(List<String> args, PrintStream out) throws UsageException {
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
                "--seed",
                "--days",
                "--speed",
                "--port",
                "--mqtt-port",
                "--data",
                "--openadr-port",
                "--openadr-clients",
                "--ocpp-port",
                "--ocpp-chargers"),
            Set.of("--headless", "--fast", "--no-store", "--fresh"));
    Scenario scenario = Seasons.scenario(o);
    Optional<Integer> days = Seasons.days(o, scenario);
    daysHint(scenario, days).ifPresent(out::println);
    boolean headless = o.flag("--headless");
    double speed = headless || o.flag("--fast") ? 0 : o.decimal("--speed", 60, 0.1, 1_000_000);
    int port = o.integer("--port", 8080, 0, 65_535);
    int mqttPort = o.integer("--mqtt-port", 0, 0, 65_535);
    ServiceSettings.Partners partners =
        new ServiceSettings.Partners(
            o.integer("--openadr-port", PartnerVtn.DEFAULT_PORT, 0, 65_535),
            o.text("--openadr-clients", "").isEmpty()
                ? ClientsFile.defaultPath()
                : Path.of(o.text("--openadr-clients", "")),
            true);
    int ocppPort = o.integer("--ocpp-port", 0, 0, 65_535);
    Optional<OcppSettings> ocpp =
        ocppPort == 0
            ? Optional.empty()
            : Optional.of(
                new OcppSettings(
                    "127.0.0.1",
                    ocppPort,
                    0,
                    Optional.empty(),
                    "",
                    OcppSettings.defaultSchemas(),
                    OcppSettings.DEFAULT_VEHICLE));
    Optional<ChargePoints.Versions> worldChargers = worldChargers(o, ocpp.isPresent());
    if (o.flag("--no-store") && (!o.text("--data", "").isEmpty() || o.flag("--fresh"))) {
      throw new UsageException("--no-store excludes --data and --fresh");
    }
    Optional<Path> folder =
        o.flag("--no-store")
            ? Optional.empty()
            : Optional.of(
                o.text("--data", "").isEmpty()
                    ? Path.of(System.getProperty("user.home"), ".openvpp", "data")
                    : Path.of(o.text("--data", "")));
    folder.ifPresent(Up::ownerOnly);
    if (o.flag("--fresh")) {
      folder.ifPresent(Up::clear);
    }
    Path truth = folder.map(f -> f.resolve("truth.bin")).orElseGet(Up::tempTruth);
    try (Beside beside =
        Beside.start(
            scenario,
            folder
                .<ServiceSettings.Database>map(ServiceSettings.Embedded::new)
                .orElseGet(ServiceSettings.InMemory::new),
            truth,
            port,
            mqttPort,
            Optional.of(partners),
            ocpp,
            worldChargers,
            speed,
            out)) {
      Launch launch = beside.launch();
      World world = beside.world();
      DemoLogins logins = folder.map(DemoLogins::in).orElseGet(DemoLogins::none);
      out.printf(
          Locale.ROOT,
          "OpenVPP: dashboard at http://localhost:%d/ (log in as operator / %s); API at"
              + " /api/v1, OpenAPI at /openapi.json%n",
          launch.face().port(),
          logins.ensure(launch.accounts(), "operator", Role.OPERATOR_ADMIN, Optional.empty()));
      out.printf(
          Locale.ROOT,
          "OpenVPP: records in %s; devices on the embedded MQTT broker at %s%n",
          launch.where(),
          beside.brokerNote());
      launch
          .partners()
          .ifPresent(
              v -> {
                out.printf(
                    Locale.ROOT,
                    "OpenVPP: OpenADR 3.1.1 VTN for partners' VENs at %s (docs/openadr.md)%n",
                    v.baseUrl());
                v.demo()
                    .ifPresent(
                        d ->
                            out.printf(
                                Locale.ROOT,
                                "OpenVPP: no clients file %s; a demo VEN client:"
                                    + " OPENADR_CLIENT_ID=%s OPENADR_CLIENT_SECRET=%s%n",
                                partners.clients(),
                                d.clientId(),
                                d.clientSecret()));
              });
      launch
          .ocpp()
          .ifPresent(
              c ->
                  out.printf(
                      Locale.ROOT,
                      "OpenVPP: OCPP central system for chargers at ws://127.0.0.1:%d/ocpp/DEVICE-ID"
                          + " (ocpp1.6, ocpp2.0.1; no password, loopback only; docs/ocpp.md)%s%n",
                      c.port(),
                      worldChargers.isPresent() ? "; the world's chargers connect to it" : ""));
      out.printf(
          Locale.ROOT,
          "OpenVPP: the season from %s, simulated time runs %s%n",
          world.first().atZone(world.zone()).toLocalDate(),
          speed == 0
              ? "as fast as the service keeps up"
              : String.format(Locale.ROOT, "%.0f× real time", speed));
      long wall = System.nanoTime();
      Evaluation.Figures f =
          beside.run(
              days,
              day -> {
                if (day.isAfter(world.first())) {
                  out.printf(
                      Locale.ROOT,
                      "OpenVPP: %s done (%.0f s): %d events so far%n",
                      day.minusSeconds(1).atZone(world.zone()).toLocalDate(),
                      (System.nanoTime() - wall) / 1e9,
                      launch.service().events().events().size());
                }
              });
      Evaluation.print(f, world.zone(), scenario.misbehaviour(), out);
      world.chargePoints().ifPresent(c -> printChargers(c, world.carsReady(), out));
      int lived = days.orElse(scenario.season().days());
      out.printf(
          Locale.ROOT,
          "OpenVPP: %d %s in %.0f s of wall time%n",
          lived,
          lived == 1 ? "day" : "days",
          (System.nanoTime() - wall) / 1e9);
      if (headless) {
        return 0;
      }
      out.printf(
          Locale.ROOT,
          "OpenVPP: the world's season is over; the service keeps serving at"
              + " http://localhost:%d/ until Ctrl-C%n",
          launch.face().port());
      awaitShutdown();
      return 0;
    }
  }

  /** A word when {@code --days} ends before the scenario's first event, so the run shows none. */
  static Optional<String> daysHint(Scenario scenario, Optional<Integer> days) {
    int first =
        scenario.season().events().stream().mapToInt(e -> e.day()).min().orElse(Integer.MAX_VALUE);
    if (days.isEmpty() || first == Integer.MAX_VALUE || days.get() > first) {
      return Optional.empty();
    }
    return Optional.of(
        String.format(
            Locale.ROOT,
            "OpenVPP: the scenario's first event is on day %d of its season: --days %d ends before"
                + " it (--days %d or more to see one called, dispatched, measured and paid)",
            first + 1,
            days.get(),
            first + 1));
  }

  private static void ownerOnly(Path folder) {
    try {
      AtomicFiles.createOwnerOnlyDirectory(folder);
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot create the data folder " + folder + ": " + e + " (give another with --data DIR)",
          e);
    }
  }

  /** Clears an earlier season from {@code folder}: the database's files and the truth. */
  private static void clear(Path folder) {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "{openvpp.*,truth.bin}")) {
      for (Path f : files) {
        Files.delete(f);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot clear " + folder + ": " + e, e);
    }
  }

  private static Path tempTruth() {
    try {
      Path f = Files.createTempFile("openvpp-truth", ".bin");
      f.toFile().deleteOnExit();
      return f;
    } catch (IOException e) {
      throw new IllegalStateException("cannot create a file for the simulation's truth: " + e, e);
    }
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
