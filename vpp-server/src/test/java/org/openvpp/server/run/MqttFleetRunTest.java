package org.openvpp.server.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvpp.mqtt.broker.BrokerAccess;
import org.openvpp.mqtt.broker.EmbeddedBroker;
import org.openvpp.sim.fleet.Scenario;
import org.openvpp.sim.fleet.ScenarioFile;
import org.openvpp.sim.fleet.SimData;
import org.openvpp.time.SimulationClock;

/**
 * The run of {@code ./vpp up}: the simulated fleet as a device cloud on the embedded broker, the
 * VPP behind its gateway, against the same run in memory.
 */
class MqttFleetRunTest {
  static final SimData DATA = SimData.load();
  static final Map<String, String> USERS =
      Map.of(BrokerAccess.GATEWAY_USER, "gw-secret", "sim", "sim-secret");
  static EmbeddedBroker broker;

  @BeforeAll
  static void startBroker() throws Exception {
    broker = EmbeddedBroker.start(USERS);
  }

  @AfterAll
  static void stopBroker() throws Exception {
    broker.close();
  }

  static Scenario morning() {
    // The morning event ends at 09:00; ten hours cover it.
    return ScenarioFile.load("winter-morning-ca").withHomes(12).withHours(10).withSeed(3);
  }

  static RunReport run(FleetLink.Opener link) {
    Scenario s = morning();
    return new FleetRun(s, DATA, link)
        .run(SimulationClock.stepped(s.start().toInstant(), s.zone()), x -> {}, e -> {});
  }

  @Test
  void theFleetRunsThroughTheBrokerAsItDoesInMemory() {
    RunReport wire = run(MqttLink.opener(broker.uri(), "gw-secret", "sim", "sim-secret"));
    RunReport memory = run(DirectLink.OPENER);

    // Every device registered by its birth, every message arrived, every command acknowledged.
    assertThat(wire.link())
        .contains("(0 lost)")
        .contains("(0 late)")
        .contains("0 expired unacknowledged");
    assertThat(wire.commandsSent()).isPositive();
    assertThat(wire.link()).contains(String.format("%,d acknowledged", wire.commandsSent()));
    assertThat(wire.dispatchedDevices()).isEqualTo(memory.dispatchedDevices());
    // Telemetry crosses the wire as JSON with its decimals, so figures agree closely, not exactly.
    // Late messages are refused as out of order by their arrival, which a loaded machine shifts a
    // little.
    assertThat((double) wire.telemetryAccepted())
        .isCloseTo(
            (double) memory.telemetryAccepted(),
            org.assertj.core.data.Percentage.withPercentage(1));
    assertThat(wire.performance().committed().kilowattHours())
        .isCloseTo(
            memory.performance().committed().kilowattHours(),
            org.assertj.core.data.Offset.offset(1.0));
    assertThat(wire.performance().deliveredRatio())
        .isCloseTo(
            memory.performance().deliveredRatio(), org.assertj.core.data.Offset.offset(0.02));
    assertThat(wire.minReserveMarginKwh()).isGreaterThanOrEqualTo(0);
    // Managed charging works from the chargers' needs as they cross the wire (this morning
    // event finds few cars plugged in; SimBridgeTest sees the needs arrive).
    assertThat(wire.charging().chargers()).isPositive();
    assertThat(wire.charging().deferredKwh())
        .isCloseTo(
            memory.charging().deferredKwh(),
            org.assertj.core.data.Offset.offset(
                Math.max(1, 0.05 * memory.charging().deferredKwh())));
    assertThat(wire.charging().lateCars()).isZero();
    // The heat pumps of this winter morning are held over the wire as in memory, and no home is
    // left colder than it would be alone.
    assertThat(memory.thermostats().reductionKw()).isPositive();
    assertThat(wire.thermostats().reductionKw())
        .isCloseTo(
            memory.thermostats().reductionKw(),
            org.assertj.core.data.Offset.offset(
                Math.max(0.5, 0.2 * memory.thermostats().reductionKw())));
    assertThat(wire.thermostats().homesFartherOutside()).isZero();
    assertThat(memory.thermostats().homesFartherOutside()).isZero();
  }

  @Test
  void aFleetWithTheWrongPasswordIsRefusedWithAClearMessage() {
    assertThatThrownBy(() -> run(MqttLink.opener(broker.uri(), "gw-secret", "sim", "wrong")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cannot connect the simulator to " + broker.uri() + " as cloud sim");
  }
}
