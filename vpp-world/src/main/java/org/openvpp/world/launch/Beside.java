package org.openvpp.world.launch;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.openvpp.mqtt.broker.BrokerAccess;
import org.openvpp.mqtt.broker.Credentials;
import org.openvpp.mqtt.broker.EmbeddedBroker;
import org.openvpp.server.Launch;
import org.openvpp.server.Ports;
import org.openvpp.server.ServiceSettings;
import org.openvpp.server.security.Accounts;
import org.openvpp.server.security.Role;
import org.openvpp.service.chargers.OcppSettings;
import org.openvpp.service.control.Tuning;
import org.openvpp.sim.fleet.Scenario;
import org.openvpp.world.World;
import org.openvpp.world.WorldConfig;
import org.openvpp.world.api.ServiceApi;
import org.openvpp.world.chargers.ChargePoints;
import org.openvpp.world.eval.Evaluation;
import org.openvpp.world.eval.TruthFile;

/**
 * The service and a simulated world beside it in one process, as {@code ./vpp up} runs them (and
 * the tests and benchmarks that run a season): an embedded broker with two users (the gateway and
 * the world's cloud), the world prepared (its history lived, its utility and price feed started),
 * the service launched on its records and pointed at them, and an API client of its own for the
 * world. From then on the two meet only on the broker and over HTTP.
 *
 * <p>Threads: {@link #run} on the caller's.
 */
public final class Beside implements AutoCloseable {
  /** The world's device cloud: its MQTT user name and its devices' id prefix. */
  public static final String CLOUD = "sim";

  /** The name (and client id) of the world's API client. */
  public static final String WORLD_CLIENT = "world";

  private static final int DEFAULT_MQTT_PORT = 1883;

  private final EmbeddedBroker broker;
  private final World world;
  private final Launch launch;
  private final ServiceApi api;
  private final Path truth;

  private Beside(EmbeddedBroker broker, World world, Launch launch, ServiceApi api, Path truth) {
    this.broker = broker;
    this.world = world;
    this.launch = launch;
    this.api = api;
    this.truth = truth;
  }

  /** Starts it all, without an OCPP central system (the benchmarks' and tests' season runs). */
  public static Beside start(
      Scenario scenario,
      ServiceSettings.Database database,
      Path truth,
      int port,
      int mqttPort,
      Optional<ServiceSettings.Partners> partners,
      double speed,
      PrintStream out) {
    return start(
        scenario,
        database,
        truth,
        port,
        mqttPort,
        partners,
        Optional.empty(),
        Optional.empty(),
        speed,
        out);
  }

  /**
   * Starts it all.
   *
   * @param database the service's records
   * @param truth where the world writes the simulation's truth
   * @param port the API's port (0: a free one)
   * @param mqttPort the broker's (0: 1883 if free, else any)
   * @param partners OpenVPP's VTN for partners, if it is to run
   * @param ocpp the OCPP central system for real chargers, if it is to run
   * @param worldChargers the versions in which the world's EV chargers speak OCPP to that central
   *     system, if they do (else they are devices of the world's cloud on the broker)
   * @param speed simulated seconds per real second (0: as fast as the service keeps up)
   * @throws IllegalStateException when the records hold an earlier season, or a part cannot start
   */
  public static Beside start(
      Scenario scenario,
      ServiceSettings.Database database,
      Path truth,
      int port,
      int mqttPort,
      Optional<ServiceSettings.Partners> partners,
      Optional<OcppSettings> ocpp,
      Optional<ChargePoints.Versions> worldChargers,
      double speed,
      PrintStream out) {
    if (worldChargers.isPresent() && ocpp.isEmpty()) {
      throw new IllegalArgumentException(
          "the world's chargers speak OCPP only to a central system: give it a port");
    }
    Ports.requireFree(port, "the API and the dashboard", "--port");
    partners.ifPresent(p -> Ports.requireFree(p.port(), "the VTN for partners", "--openadr-port"));
    ocpp.ifPresent(o -> Ports.requireFree(o.port(), "the OCPP central system", "--ocpp-port"));
    String gatewayPassword = Accounts.newSecret();
    String cloudPassword = Accounts.newSecret();
    out.printf(
        Locale.ROOT,
        "OpenVPP: starting the service and the simulated world %s: %d homes, %d days of history"
            + " before the season…%n",
        scenario.name(),
        scenario.homes(),
        scenario.season().historyDays());
    EmbeddedBroker broker =
        startBroker(
            Map.of(BrokerAccess.GATEWAY_USER, gatewayPassword, CLOUD, cloudPassword), mqttPort);
    World world;
    try {
      WorldConfig config =
          new WorldConfig(
              scenario, URI.create(broker.uri()), CLOUD, cloudPassword, truth, 0, 0, speed);
      if (worldChargers.isPresent()) {
        config =
            config.withChargers(
                new WorldConfig.Chargers(
                    URI.create("ws://127.0.0.1:" + ocpp.orElseThrow().port()),
                    worldChargers.get()));
      }
      world = World.prepare(config);
    } catch (RuntimeException e) {
      stop(broker);
      throw e;
    }
    Launch launch;
    try {
      launch =
          Launch.start(
              settings(
                  world,
                  database,
                  URI.create(broker.uri()),
                  gatewayPassword,
                  port,
                  partners,
                  ocpp));
    } catch (RuntimeException e) {
      world.close();
      stop(broker);
      throw e;
    }
    try {
      Instant stood = launch.service().clock().instant();
      if (stood.isAfter(Instant.EPOCH)) {
        throw new IllegalStateException(
            "the records in "
                + launch.where()
                + " hold an earlier season (up to "
                + stood
                + "); the world starts its season afresh: add --fresh to clear them, or give"
                + " another --data DIR (./vpp serve keeps operating on its records)");
      }
      String secret = launch.accounts().addClient(WORLD_CLIENT, Role.OPERATOR_ADMIN);
      ServiceApi api =
          new ServiceApi(
              URI.create("http://127.0.0.1:" + launch.face().port()), WORLD_CLIENT, secret);
      return new Beside(broker, world, launch, api, truth);
    } catch (RuntimeException e) {
      launch.close();
      world.close();
      stop(broker);
      throw e;
    }
  }

  /**
   * Lives the season (or its first {@code days}) and reads the evaluation; {@code onDay} is told
   * each local midnight.
   *
   * @throws IllegalStateException when the service's control loop stops
   */
  public Evaluation.Figures run(Optional<Integer> days, Consumer<Instant> onDay) {
    world.run(
        api,
        days,
        day -> {
          launch.service().failure().ifPresent(Beside::failed);
          onDay.accept(day);
        });
    launch.service().failure().ifPresent(Beside::failed);
    return Evaluation.of(
        api,
        TruthFile.read(truth),
        world.zone(),
        world::meterOfSite,
        Seasons.months(world),
        world.telemetrySent(),
        world.readingsSent());
  }

  private static void failed(Throwable t) {
    throw new IllegalStateException("the service's control loop stopped: " + t, t);
  }

  public World world() {
    return world;
  }

  public Launch launch() {
    return launch;
  }

  /** The world's client of the service's API (an operator admin). */
  public ServiceApi api() {
    return api;
  }

  public String brokerUri() {
    return broker.uri();
  }

  /** The broker's address, and why it is not on the usual port when it is not. */
  public String brokerNote() {
    return broker.uri()
        + (broker.port() != DEFAULT_MQTT_PORT ? " (" + DEFAULT_MQTT_PORT + " is taken)" : "");
  }

  /**
   * The keys of a {@code ./vpp serve} configuration that make the service follow {@code world} (its
   * clock, its utility, its prices) when the world runs apart from it as device cloud {@value
   * #CLOUD}.
   */
  public static String serveKeys(World world) {
    return Sim.serveKeys(world, CLOUD);
  }

  /** The service's settings for a world beside it: its utility, its price feed, its cloud. */
  static ServiceSettings settings(
      World world,
      ServiceSettings.Database database,
      URI broker,
      String gatewayPassword,
      int port,
      Optional<ServiceSettings.Partners> partners,
      Optional<OcppSettings> ocpp) {
    Map<String, String> prices = new LinkedHashMap<>();
    Map<String, String> regions = new LinkedHashMap<>();
    for (String node : world.prices().nodes()) {
      prices.put(node, world.prices().urlOf(node));
      world.scenario().regions().forEach(r -> regions.put(r.name(), node));
    }
    return new ServiceSettings(
        database,
        broker,
        gatewayPassword,
        "vpp-gateway",
        port,
        world.zone(),
        Optional.of(CLOUD),
        prices,
        regions,
        Optional.of(
            new ServiceSettings.Utility(
                world.utility().baseUrl(),
                world.utility().programName(),
                List.of(World.BATTERY_PROGRAM, World.EV_PROGRAM, World.THERMOSTAT_PROGRAM),
                world.utility().venClient().clientId(),
                world.utility().venClient().clientSecret(),
                Duration.ofMinutes(5))),
        List.of(),
        Duration.ofHours(1),
        Tuning.defaults(),
        Duration.ofHours(1),
        Optional.empty(),
        partners,
        ocpp);
  }

  /** Starts the embedded broker on {@code port}, or 1883 if free, or any free port. */
  public static EmbeddedBroker startBroker(Map<String, String> users, int port) {
    try {
      Credentials c = Credentials.of(users);
      return port != 0
          ? EmbeddedBroker.start(c, port)
          : EmbeddedBroker.startPreferring(c, DEFAULT_MQTT_PORT);
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot start the embedded MQTT broker: " + e.getMessage() + " (try --mqtt-port N)", e);
    }
  }

  private static void stop(EmbeddedBroker b) {
    try {
      b.close();
    } catch (IOException e) {
      System.err.println("warning: the embedded MQTT broker did not stop cleanly: " + e);
    }
  }

  @Override
  public void close() {
    try {
      world.close();
    } finally {
      try {
        launch.close();
      } finally {
        stop(broker);
      }
    }
  }
}
