package org.openvpp.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.openvpp.mqtt.broker.BrokerAccess;
import org.openvpp.mqtt.broker.EmbeddedBroker;
import org.openvpp.server.security.Accounts;
import org.openvpp.service.chargers.OcppSettings;
import org.openvpp.sim.fleet.Scenario;
import org.openvpp.sim.fleet.ScenarioFile;
import org.openvpp.world.World;
import org.openvpp.world.WorldConfig;
import org.openvpp.world.api.ServiceApi;
import org.openvpp.world.chargers.ChargePoints;
import org.openvpp.world.launch.Beside;
import org.openvpp.world.launch.ServeProcess;

/**
 * Issue 17's OCPP figure: N charge points on one node. {@code ./vpp serve} runs in a process of its
 * own (PostgreSQL, an embedded broker, its OCPP central system on security profile 0), following a
 * simulated world's clock; the world runs in this process, its homes' EV chargers (every home has
 * one, nothing else) OCPP charge points of that central system, half 1.6J and half 2.0.1 (two
 * processes, because each keeps one socket per charger and a process here may open 20,000 files).
 * The world lives a night: cars plugged in since the evening before, each charger sending its meter
 * values every simulated minute, and at 03:00 a managed-charging event of the utility's (the
 * fleet's target change), which the service's dispatcher turns into charging profiles for the
 * chargers it defers.
 *
 * <p>Figures: chargers, connected (at the end), meter values per second of wall time over the run
 * (the world runs as fast as the service keeps up, so this is the throughput, not a rate the
 * chargers were held to), the profile fan-out at the event's start (from the world's clock tick
 * that begins the service's step to each profile's arrival at its charger, which answers at once:
 * p50, p99, max) and over every step with profiles, and lost: profiles the service sent that never
 * came, plus CALLs not answered or answered with an error. Quick: 1,000 chargers; full: 10,000.
 */
final class OcppBenchmark implements Benchmark {
  private static final String ADMIN_PASSWORD = "the bench's admin password";

  /** When the event of the bench's scenario starts, from its day's midnight. */
  private static final Duration EVENT = Duration.ofHours(20);

  @Override
  public String name() {
    return "ocpp";
  }

  @Override
  public String description() {
    return "N OCPP charge points on one node: meter values/s, profile fan-out p50/p99, lost"
        + " (issue 17)";
  }

  @Override
  public Map<String, Object> run(boolean quick) throws Exception {
    int chargers = quick ? 1_000 : 10_000;
    Path folder = Files.createTempDirectory("openvpp-bench-ocpp");
    Scenario s = ScenarioFile.load(scenarioFile(folder).toString()).withHomes(chargers);
    String gateway = Accounts.newSecret();
    String cloud = Accounts.newSecret();
    int ocppPort = freePort();
    int httpPort = freePort();
    String db = "vpp_bench_ocpp_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    StoreBenchmark.admin("CREATE DATABASE " + db);
    Optional<ServeProcess> serve = Optional.empty();
    try (EmbeddedBroker broker =
            Beside.startBroker(
                Map.of(BrokerAccess.GATEWAY_USER, gateway, Beside.CLOUD, cloud), freePort());
        World world =
            World.prepare(
                new WorldConfig(
                        s,
                        URI.create(broker.uri()),
                        Beside.CLOUD,
                        cloud,
                        folder.resolve("truth.bin"),
                        0,
                        0,
                        0)
                    .withChargers(
                        new WorldConfig.Chargers(
                            URI.create("ws://127.0.0.1:" + ocppPort),
                            ChargePoints.Versions.BOTH)))) {
      Path config = folder.resolve("serve.properties");
      Files.writeString(
          config,
          String.join(
                  "\n",
                  "database.url = jdbc:postgresql://"
                      + StoreBenchmark.HOST
                      + ":"
                      + StoreBenchmark.PORT
                      + "/"
                      + db,
                  "database.user = " + StoreBenchmark.USER,
                  "mqtt.broker = " + broker.uri(),
                  "http.port = " + httpPort,
                  "admin.user = admin",
                  "ocpp.port = " + ocppPort,
                  "ocpp.host = 127.0.0.1",
                  "ocpp.security_profile = 0",
                  "ocpp.schemas = " + OcppSettings.defaultSchemas().toAbsolutePath())
              + "\n"
              + Beside.serveKeys(world));
      URI base = URI.create("http://127.0.0.1:" + httpPort);
      ServeProcess service =
          ServeProcess.start(
              config,
              Map.of(
                  "VPP_GATEWAY_PASSWORD",
                  gateway,
                  "VPP_ADMIN_PASSWORD",
                  ADMIN_PASSWORD,
                  "VPP_UTILITY_CLIENT_ID",
                  world.utility().venClient().clientId(),
                  "VPP_UTILITY_CLIENT_SECRET",
                  world.utility().venClient().clientSecret()),
              folder.resolve("serve.log"));
      serve = Optional.of(service);
      service.awaitHealthy(base, Duration.ofMinutes(3));
      ServiceApi api =
          new ServiceApi(
              base, Beside.WORLD_CLIENT, ServeProcess.worldClient(base, "admin", ADMIN_PASSWORD));
      // a day: last night's cars leave in the morning, this evening's come home from 16:00; the
      // event runs from 20:00, and the run ends a quarter of an hour into it
      Instant until = world.first().plus(EVENT.plusMinutes(15));
      long start = System.nanoTime();
      world.run(api, until, day -> {});
      double wall = (System.nanoTime() - start) / 1e9;
      ChargePoints c = world.chargePoints().orElseThrow();
      return figures(c, world, wall, chargers);
    } finally {
      if (serve.isPresent()) {
        serve.get().close();
      }
      StoreBenchmark.admin("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
    }
  }

  private static Map<String, Object> figures(
      ChargePoints c, World world, double wall, int chargers) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("chargers", chargers);
    f.put("connected", c.connected());
    f.put("accepted", c.everAccepted());
    f.put("transactions", c.transactions());
    f.put("wall_s", Math.round(wall));
    // the world runs as fast as the service keeps up: simulated seconds per wall second, against
    // real chargers' one
    f.put("speed_vs_real_time", Math.round(EVENT.plusMinutes(15).toSeconds() / wall));
    f.put("meter_values", c.meterValues());
    f.put("meter_values_per_s", Math.round(c.meterValues() / wall));
    Map<Instant, List<Duration>> fanOut = c.profileFanOut();
    // the target change: the first step of the service's dispatch for the event (it acts a lead
    // ahead of the window)
    Instant eventStart = world.first().plus(EVENT);
    List<Duration> first =
        fanOut.entrySet().stream()
            .filter(e -> !e.getKey().isBefore(eventStart.minus(Duration.ofMinutes(10))))
            .findFirst()
            .map(Map.Entry::getValue)
            .orElse(List.of());
    Map<String, Integer> byStep = new LinkedHashMap<>();
    fanOut.forEach((t, d) -> byStep.put(t.atZone(world.zone()).toLocalTime().toString(), d.size()));
    List<Duration> all = new ArrayList<>();
    fanOut.values().forEach(all::addAll);
    f.put("profiles_at_target_change", first.size());
    f.put("profile_fanout_p50_s", seconds(first, 0.50));
    f.put("profile_fanout_p99_s", seconds(first, 0.99));
    f.put("profile_fanout_max_s", seconds(first, 1.0));
    f.put("profiles", all.size());
    f.put("profile_steps", fanOut.size());
    f.put("profile_fanout_all_p50_s", seconds(all, 0.50));
    f.put("profile_fanout_all_p99_s", seconds(all, 0.99));
    f.put("profiles_by_step", byStep);
    f.put("calls", c.messages());
    f.put("calls_failed", c.errors());
    f.put("profiles_missed", world.commandsMissed());
    f.put("lost", c.errors() + world.commandsMissed());
    return f;
  }

  private static double seconds(List<Duration> d, double q) {
    if (d.isEmpty()) {
      return 0;
    }
    double[] s = d.stream().mapToDouble(x -> x.toNanos() / 1e9).toArray();
    return BenchMain.round3(BenchMain.percentile(s, 100 * q));
  }

  /** The bench's scenario, from the class path to a file (ScenarioFile reads names or files). */
  private static Path scenarioFile(Path folder) throws IOException {
    Path file = folder.resolve("ocpp-evening-ca.yaml");
    try (InputStream in = OcppBenchmark.class.getResourceAsStream("ocpp-evening-ca.yaml")) {
      if (in == null) {
        throw new IllegalStateException("the bench's scenario ocpp-evening-ca.yaml is missing");
      }
      Files.copy(in, file);
    }
    return file;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
