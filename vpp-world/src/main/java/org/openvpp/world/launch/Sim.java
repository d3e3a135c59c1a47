package org.openvpp.world.launch;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import org.openvpp.server.cli.AtomicFiles;
import org.openvpp.server.cli.Options;
import org.openvpp.server.cli.UsageException;
import org.openvpp.sim.fleet.Scenario;
import org.openvpp.world.World;
import org.openvpp.world.WorldConfig;
import org.openvpp.world.api.ServiceApi;
import org.openvpp.world.chargers.ChargePoints;
import org.openvpp.world.eval.Evaluation;
import org.openvpp.world.eval.TruthFile;

/**
 * {@code ./vpp sim}: the simulated world alone, as a client of a service elsewhere ({@code ./vpp
 * serve} with {@code clock = world:CLOUD}): its fleet and meters on that service's broker, its
 * customers and operator on that service's API, its own utility VTN and price feed on this machine
 * for the service to follow. It prints (and with {@code --serve-keys FILE} writes) the keys the
 * service's configuration needs to find them, waits for the service's API, lives the season, and
 * prints the evaluation.
 */
final class Sim {
  static final String USAGE =
      """
      Usage: ./vpp sim --broker URI --api URL [OPTIONS]   the simulated world alone, against ./vpp serve
        --broker URI      the service's MQTT broker (required); password from VPP_SIM_PASSWORD
        --api URL         the service's base URL (required); an operator admin's client from VPP_WORLD_CLIENT_ID/_SECRET
        --cloud NAME      the world's MQTT user name; its devices are NAME:home-… (default sim)
        --scenario S, --homes N, --seed N, --days N, --speed X, --fast   as for ./vpp up
        --utility-port N  the stand-in utility VTN's port (default 8082; 0: a free one)
        --price-port N    the price feed's port (default 8083; 0: a free one)
        --serve-keys FILE write the keys ./vpp serve needs to follow this world to FILE, its VEN secret to FILE.env
        --truth FILE      where the simulation's truth goes (default: a temporary file)
        --ocpp URL        the homes' EV chargers connect to the service's OCPP central system at URL
                          (ws://host:port, its ocpp.port; security profile 0) instead of the broker
        --ocpp-versions V the versions they speak: 1.6, 2.0.1 or both (default both: half each)
      """;

  private Sim() {}

  static int run(List<String> args, PrintStream out, Map<String, String> env)
      throws UsageException {
    if (args.contains("--help") || args.contains("-h")) {
      out.print(USAGE);
      return 0;
    }
    Options o =
        Options.parse(
            "sim",
            args,
            Set.of(
                "--broker",
                "--api",
                "--cloud",
                "--scenario",
                "--homes",
                "--seed",
                "--days",
                "--speed",
                "--utility-port",
                "--price-port",
                "--serve-keys",
                "--truth",
                "--ocpp",
                "--ocpp-versions"),
            Set.of("--fast"));
    String broker = o.text("--broker", "");
    if (!broker.matches("(tcp|ssl)://[^/\\s]+:\\d{1,5}")) {
      throw new UsageException(
          "sim: --broker tcp://host:port (or ssl://) is required, was '" + broker + "'");
    }
    String api = o.text("--api", "");
    if (!api.matches("https?://[^/\\s]+(:\\d{1,5})?/?")) {
      throw new UsageException(
          "sim: --api is required: the service's base URL, e.g. http://127.0.0.1:8080, was '"
              + api
              + "'");
    }
    String clientId = env.getOrDefault("VPP_WORLD_CLIENT_ID", "");
    String secret = env.getOrDefault("VPP_WORLD_CLIENT_SECRET", "");
    if (clientId.isEmpty() || secret.isEmpty()) {
      throw new UsageException(
          "sim: the world needs an API client of the service (an operator admin): set"
              + " VPP_WORLD_CLIENT_ID and VPP_WORLD_CLIENT_SECRET (./vpp serve --config FILE"
              + " client create --name world --role operator_admin makes one)");
    }
    String cloud = o.text("--cloud", Beside.CLOUD);
    if (!cloud.matches("[a-z][a-z0-9-]{0,31}")) {
      throw new UsageException(
          "sim: --cloud is a name of lower-case letters, digits and '-', was '" + cloud + "'");
    }
    Scenario scenario = Seasons.scenario(o);
    Optional<Integer> days = Seasons.days(o, scenario);
    double speed = o.flag("--fast") ? 0 : o.decimal("--speed", 60, 0.1, 1_000_000);
    int utilityPort = o.integer("--utility-port", 8082, 0, 65_535);
    int pricePort = o.integer("--price-port", 8083, 0, 65_535);
    Path truth = o.text("--truth", "").isEmpty() ? temp() : Path.of(o.text("--truth", ""));
    Optional<WorldConfig.Chargers> chargers = chargers(o);
    WorldConfig base =
        new WorldConfig(
            scenario,
            URI.create(broker),
            cloud,
            env.getOrDefault("VPP_SIM_PASSWORD", ""),
            truth,
            utilityPort,
            pricePort,
            speed);
    WorldConfig wc = chargers.map(base::withChargers).orElse(base);
    out.printf(
        Locale.ROOT,
        "OpenVPP sim: the world %s: %d homes, %d days of history lived before the season...%n",
        scenario.name(),
        scenario.homes(),
        scenario.season().historyDays());
    try (World world = World.prepare(wc)) {
      String keys = serveKeys(world, cloud);
      out.print(
          "OpenVPP sim: for ./vpp serve to follow this world, its configuration has:\n" + keys);
      out.printf(
          Locale.ROOT,
          "OpenVPP sim: and its environment VPP_UTILITY_CLIENT_ID=%s VPP_UTILITY_CLIENT_SECRET=…%n",
          world.utility().venClient().clientId());
      if (!o.text("--serve-keys", "").isEmpty()) {
        writeKeys(Path.of(o.text("--serve-keys", "")), keys, world);
      }
      ServiceApi client = new ServiceApi(URI.create(api.replaceAll("/$", "")), clientId, secret);
      awaitService(client, api, out);
      world.run(
          client,
          days,
          day ->
              out.printf(
                  Locale.ROOT,
                  "OpenVPP sim: %s, %,d reports and %,d meter readings sent%n",
                  day.atZone(world.zone()).toLocalDate(),
                  world.telemetrySent(),
                  world.readingsSent()));
      Evaluation.print(
          Evaluation.of(
              client,
              TruthFile.read(truth),
              world.zone(),
              world::meterOfSite,
              Seasons.months(world),
              world.telemetrySent(),
              world.readingsSent()),
          world.zone(),
          world.scenario().misbehaviour(),
          out);
      world.chargePoints().ifPresent(c -> Up.printChargers(c, world.carsReady(), out));
      return 0;
    }
  }

  static Optional<WorldConfig.Chargers> chargers(Options o) throws UsageException {
    String url = o.text("--ocpp", "");
    if (url.isEmpty()) {
      if (!o.text("--ocpp-versions", "").isEmpty()) {
        throw new UsageException("sim: --ocpp-versions goes with --ocpp URL");
      }
      return Optional.empty();
    }
    if (!url.matches("ws://[^/\\s]+:\\d{1,5}/?")) {
      throw new UsageException(
          "sim: --ocpp is the service's OCPP central system, ws://host:port, was '" + url + "'");
    }
    try {
      return Optional.of(
          new WorldConfig.Chargers(
              URI.create(url.replaceAll("/$", "")),
              ChargePoints.Versions.parse(o.text("--ocpp-versions", "both"))));
    } catch (IllegalArgumentException e) {
      throw new UsageException("sim: --ocpp-versions: " + e.getMessage());
    }
  }

  /** The keys of a serve configuration that point the service at {@code world}. */
  static String serveKeys(World world, String cloud) {
    StringJoiner k = new StringJoiner("\n", "", "\n");
    k.add("clock = world:" + cloud);
    k.add("service.zone = " + world.zone().getId());
    k.add("utility.vtn = " + world.utility().baseUrl());
    k.add("utility.program = " + world.utility().programName());
    k.add(
        "utility.programs = "
            + String.join(",", World.BATTERY_PROGRAM, World.EV_PROGRAM, World.THERMOSTAT_PROGRAM));
    k.add("utility.poll = PT5M");
    for (String node : world.prices().nodes()) {
      k.add("prices." + node + " = " + world.prices().urlOf(node));
      world.scenario().regions().forEach(r -> k.add("prices.region." + r.name() + " = " + node));
    }
    return k.toString();
  }

  private static void writeKeys(Path file, String keys, World world) {
    try {
      AtomicFiles.write(file, keys);
      AtomicFiles.writeOwnerOnly(
          Path.of(file + ".env"),
          ("VPP_UTILITY_CLIENT_ID="
              + world.utility().venClient().clientId()
              + "\nVPP_UTILITY_CLIENT_SECRET="
              + world.utility().venClient().clientSecret()
              + "\n"));
    } catch (IOException e) {
      throw new IllegalStateException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** Waits (up to ten minutes) until the service's API answers the world's client. */
  private static void awaitService(ServiceApi client, String api, PrintStream out) {
    long until = System.nanoTime() + Duration.ofMinutes(10).toNanos();
    out.printf(Locale.ROOT, "OpenVPP sim: meeting the service at %s%n", api);
    while (true) {
      Optional<String> why = client.reachable();
      if (why.isEmpty()) {
        return;
      }
      if (System.nanoTime() > until) {
        throw new IllegalStateException(
            "the service at " + api + " did not answer in ten minutes: " + why.get());
      }
      out.printf(Locale.ROOT, "OpenVPP sim: the service does not answer yet: %s%n", why.get());
      try {
        Thread.sleep(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
  }

  private static Path temp() {
    try {
      Path f = Files.createTempFile("openvpp-truth", ".bin");
      f.toFile().deleteOnExit();
      return f;
    } catch (IOException e) {
      throw new IllegalStateException("cannot create a file for the simulation's truth: " + e, e);
    }
  }
}
