package org.openvpp.server.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvpp.aggregate.AggregationTree;
import org.openvpp.aggregate.GroupId;
import org.openvpp.device.DeviceId;
import org.openvpp.device.DeviceKind;
import org.openvpp.dispatch.Command;
import org.openvpp.dispatch.CommandLedger;
import org.openvpp.mqtt.broker.MosquittoProcess;
import org.openvpp.mqtt.gateway.CommandPath;
import org.openvpp.mqtt.gateway.DeviceRegistrar;
import org.openvpp.mqtt.gateway.GatewayRouter;
import org.openvpp.mqtt.gateway.MqttGateway;
import org.openvpp.mqtt.gateway.TelemetryIngest;
import org.openvpp.mqtt.protocol.Verdict;
import org.openvpp.sim.fleet.Misbehaviour;
import org.openvpp.sim.fleet.Scenario;
import org.openvpp.sim.fleet.ScenarioFile;
import org.openvpp.sim.fleet.SimData;
import org.openvpp.sim.fleet.SimFleet;
import org.openvpp.time.SimulationClock;
import org.openvpp.twin.TwinStore;
import org.openvpp.units.Power;

/** The simulator as a device cloud and the gateway, through a real Mosquitto. */
class SimBridgeTest {
  static MosquittoProcess broker;

  @BeforeAll
  static void start() throws Exception {
    broker = MosquittoProcess.start(Map.of("vpp-gateway", "gw", "sim", "simpw"));
  }

  @AfterAll
  static void stop() throws Exception {
    broker.close();
  }

  static Scenario scenario(int homes) {
    Scenario s = ScenarioFile.load("summer-peak-ca").withHomes(homes);
    return new Scenario(
        s.name(),
        s.description(),
        s.day(),
        24,
        1,
        homes,
        Math.min(2, homes),
        s.regions(),
        s.mix(),
        Misbehaviour.NONE,
        s.event(),
        s.prices());
  }

  @Test
  void theFleetRegistersItselfReportsAndFollowsACommand() throws Exception {
    Scenario s = scenario(10);
    SimFleet fleet = SimFleet.build(s, SimData.load(), "sim:");
    SimulationClock clock = SimulationClock.stepped(s.start().toInstant(), s.zone());
    TwinStore twins = new TwinStore(Duration.ofMinutes(5));
    AggregationTree tree = new AggregationTree(twins);
    twins.onChange(tree::update);
    DeviceRegistrar registrar = new DeviceRegistrar(twins, d -> tree.assign(d, GroupId.FLEET));
    TelemetryIngest ingest = TelemetryIngest.withDefaults(twins, clock);
    try (MqttGateway gateway =
            MqttGateway.connect(
                new MqttGateway.Settings(
                    broker.uri(), "gw", "vpp-gateway", "gw", "vpp-gateway", 100_000));
        SimBridge bridge = SimBridge.connect(fleet, broker.uri(), "sim", "simpw")) {
      CommandPath commands =
          new CommandPath(
              gateway, new CommandLedger(Duration.ofSeconds(30), 2, Duration.ofMinutes(2)), clock);
      GatewayRouter router = new GatewayRouter(registrar, ingest, commands);
      int devices = fleet.devices().size();
      String battery =
          fleet.devices().stream()
              .filter(d -> d.kind() == DeviceKind.BATTERY)
              .findFirst()
              .orElseThrow()
              .id()
              .value();
      // Births come on a subscription of their own, so a first report can overtake its device's
      // birth and be refused as unknown: wait for every birth first, as a run's gateway does.
      long registering = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (registrar.registered() < devices && System.nanoTime() < registering) {
        gateway.drain(router, 10_000, Duration.ofMillis(100));
      }
      assertThat(registrar.registered()).as("devices registered by birth").isEqualTo(devices);
      for (int m = 0; m < 10; m++) {
        Instant now = clock.instant();
        if (m == 2) {
          commands.send(
              new Command(
                  DeviceId.of(battery), 1, Power.ofKilowatts(-3), now, now.plusSeconds(900)));
        }
        bridge.step(now, Duration.ofMinutes(1));
        clock.advance(Duration.ofMinutes(1));
        // Wait for this minute's reports (births too, the first time) to come through.
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        long want = (long) devices * (m + 1);
        while (ingest.count(Verdict.ACCEPTED) < want && System.nanoTime() < deadline) {
          gateway.drain(router, 10_000, Duration.ofMillis(100));
        }
      }
      gateway.drain(router, 10_000, Duration.ofMillis(300));
      assertThat(registrar.registered()).isEqualTo(devices);
      assertThat(ingest.count(Verdict.ACCEPTED))
          .as("verdicts %s, gateway received %d", ingest.counts(), gateway.received())
          .isEqualTo(devices * 10L);
      assertThat(bridge.commands()).isEqualTo(1);
      assertThat(commands.ledger().entry("c-1").orElseThrow().state())
          .isEqualTo(CommandLedger.State.ACCEPTED);
      // The battery follows: its twin shows the commanded power.
      assertThat(twins.powerKw(twins.indexOf(battery))).isEqualTo(-3.0);
    }
  }

  @Test
  void aSmallFleetConnectsDeviceByDeviceWithItsOwnCredentials() throws Exception {
    Scenario s = scenario(3);
    SimFleet fleet = SimFleet.build(s, SimData.load());
    Map<String, String> users = new java.util.HashMap<>();
    users.put("vpp-gateway", "gw");
    fleet.devices().forEach(d -> users.put(d.id().value(), "pw-" + d.id().value()));
    try (MosquittoProcess own = MosquittoProcess.start(users)) {
      SimulationClock clock = SimulationClock.stepped(s.start().toInstant(), s.zone());
      TwinStore twins = new TwinStore(Duration.ofMinutes(5));
      DeviceRegistrar registrar = new DeviceRegistrar(twins, d -> {});
      TelemetryIngest ingest = TelemetryIngest.withDefaults(twins, clock);
      GatewayRouter router = new GatewayRouter(registrar, ingest);
      try (MqttGateway gateway =
              MqttGateway.connect(
                  new MqttGateway.Settings(
                      own.uri(), "gw", "vpp-gateway", "gw", "vpp-gateway", 10_000));
          SimBridge bridge = SimBridge.connectDevices(fleet, own.uri(), id -> "pw-" + id.value())) {
        assertThat(bridge.connections()).isEqualTo(fleet.devices().size());
        bridge.step(clock.instant(), Duration.ofMinutes(1));
        clock.advance(Duration.ofMinutes(1));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (ingest.count(Verdict.ACCEPTED) < fleet.devices().size()
            && System.nanoTime() < deadline) {
          gateway.drain(router, 1_000, Duration.ofMillis(100));
        }
        assertThat(registrar.registered()).isEqualTo(fleet.devices().size());
        assertThat(ingest.count(Verdict.ACCEPTED)).isEqualTo(fleet.devices().size());
      }
    }
  }

  @Test
  void aWrongDevicePasswordIsRefusedWithAClearMessage() {
    SimFleet fleet = SimFleet.build(scenario(1), SimData.load());
    assertThatThrownBy(() -> SimBridge.connectDevices(fleet, broker.uri(), id -> "wrong"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cannot connect the simulator to " + broker.uri() + " as device");
  }

  @Test
  void aFleetMustLiveUnderItsCloudsName() {
    SimFleet fleet = SimFleet.build(scenario(1), SimData.load());
    assertThatThrownBy(() -> SimBridge.connect(fleet, broker.uri(), "sim", "simpw"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not under cloud 'sim'");
  }
}
