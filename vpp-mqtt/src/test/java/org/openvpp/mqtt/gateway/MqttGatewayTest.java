package org.openvpp.mqtt.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openvpp.aggregate.AggregationTree;
import org.openvpp.aggregate.GroupId;
import org.openvpp.device.Battery;
import org.openvpp.device.DeviceId;
import org.openvpp.dispatch.Command;
import org.openvpp.dispatch.CommandLedger;
import org.openvpp.mqtt.broker.Broker;
import org.openvpp.mqtt.protocol.BirthCodec;
import org.openvpp.mqtt.protocol.Channel;
import org.openvpp.mqtt.protocol.ClockCodec;
import org.openvpp.mqtt.protocol.StatusCodec;
import org.openvpp.mqtt.protocol.Topics;
import org.openvpp.mqtt.protocol.Verdict;
import org.openvpp.time.SimulationClock;
import org.openvpp.twin.TwinStore;
import org.openvpp.units.Energy;
import org.openvpp.units.Power;

/**
 * The gateway against a real broker with the protocol's users and access rules; each broker OpenVPP
 * supports runs these in a subclass.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class MqttGatewayTest {
  static final String GATEWAY_PASSWORD = "gw-secret";
  static final Map<String, String> USERS =
      Map.of("vpp-gateway", GATEWAY_PASSWORD, "bat-1", "pw-1", "bat-2", "pw-2", "acme", "pw-acme");
  Broker broker;

  private TwinStore twins;
  private AggregationTree tree;
  private TelemetryIngest ingest;
  private MqttGateway gateway;

  /** Starts the broker under test on {@code port} with {@code users} and the protocol's rules. */
  abstract Broker startBroker(Map<String, String> users, int port) throws Exception;

  @BeforeAll
  void startBroker() throws Exception {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }
    broker = startBroker(USERS, port);
  }

  @AfterAll
  void stopBroker() throws Exception {
    broker.close();
  }

  @BeforeEach
  void connectGateway() {
    twins = new TwinStore(Duration.ofMinutes(5));
    tree = new AggregationTree(twins);
    twins.onChange(tree::update);
    for (String id : new String[] {"bat-1", "bat-2", "acme:7"}) {
      int d =
          twins.register(
              new Battery(
                  DeviceId.of(id),
                  Energy.ofKilowattHours(13.5),
                  Power.ofKilowatts(5),
                  Power.ofKilowatts(5),
                  0.9,
                  Energy.ofKilowattHours(2.7)));
      tree.assign(d, GroupId.FLEET);
    }
    ingest = TelemetryIngest.withDefaults(twins, Clock.systemUTC());
    gateway =
        MqttGateway.connect(
            new MqttGateway.Settings(
                broker.uri(), "gw-test", "vpp-gateway", GATEWAY_PASSWORD, "vpp-gateway", 10_000));
  }

  @AfterEach
  void closeGateway() {
    gateway.close();
  }

  MqttClient device(String user, String password) throws MqttException {
    MqttClient c = new MqttClient(broker.uri(), user + "-client", new MemoryPersistence());
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setUserName(user);
    o.setPassword(password.getBytes(StandardCharsets.UTF_8));
    c.connect(o);
    return c;
  }

  static byte[] report(long seq, double kw) {
    return report(seq, kw, Instant.now());
  }

  static byte[] report(long seq, double kw, Instant at) {
    return ("{\"v\":1,\"seq\":" + seq + ",\"ts\":" + at.toEpochMilli() + ",\"p_kw\":" + kw + "}")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** Drains until {@code count} messages have reached the ingest, or ten seconds pass. */
  private void awaitMessages(long count) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    long fed = 0;
    while (fed < count && System.nanoTime() < deadline) {
      fed += gateway.drain(ingest, 1_000, Duration.ofMillis(200));
    }
  }

  @Test
  void aDevicesTelemetryReachesItsTwinThroughTheBroker() throws Exception {
    MqttClient bat = device("bat-1", "pw-1");
    try {
      bat.publish(Topics.of("bat-1", Channel.TELEMETRY), report(1, -3.25), 1, false);
      awaitMessages(1);
      assertThat(ingest.count(Verdict.ACCEPTED)).isEqualTo(1);
      assertThat(twins.powerKw(twins.indexOf("bat-1"))).isEqualTo(-3.25);
      assertThat(tree.totals(GroupId.FLEET).power().kilowatts()).isEqualTo(-3.25);
    } finally {
      bat.disconnect();
      bat.close();
    }
  }

  /**
   * Closes a client whichever way the broker left it: Mosquitto drops a forbidden publish and keeps
   * the connection; HiveMQ answers it NOT_AUTHORIZED and then closes the connection.
   */
  static void closeQuietly(MqttClient c) throws MqttException {
    if (c.isConnected()) {
      try {
        // Bounded: HiveMQ may close the connection between the check and the disconnect, and a
        // plain disconnect() then waits for a reply that never comes (seen hanging in CI).
        c.disconnectForcibly(0, 2_000, true);
      } catch (MqttException closedMeanwhile) {
        // Then it is gone, as wanted; anything else is a real failure.
        if (c.isConnected()) {
          throw closedMeanwhile;
        }
      }
    }
    c.close(true);
  }

  @Test
  void aDeviceCannotSpeakForAnother() throws Exception {
    MqttClient intruder = device("bat-1", "pw-1");
    try {
      // The broker refuses it (Mosquitto silently, HiveMQ with NOT_AUTHORIZED and a disconnect).
      intruder.publish(Topics.of("bat-2", Channel.TELEMETRY), report(1, -5), 1, false);
    } catch (MqttException refusedLoudly) {
      // either way it must not reach the gateway
    } finally {
      closeQuietly(intruder);
    }
    MqttClient bat = device("bat-1", "pw-1");
    try {
      bat.publish(Topics.of("bat-1", Channel.TELEMETRY), report(1, -1), 1, false);
      awaitMessages(1);
      gateway.drain(ingest, 1_000, Duration.ofMillis(300));
      assertThat(gateway.received()).isEqualTo(1);
      assertThat(twins.hasReported(twins.indexOf("bat-2"))).isFalse();
      assertThat(twins.powerKw(twins.indexOf("bat-1"))).isEqualTo(-1);
      // Nor may it listen to another device's commands: the broker never delivers them to it.
      java.util.concurrent.BlockingQueue<String> heard =
          new java.util.concurrent.LinkedBlockingQueue<>();
      bat.subscribe(
          new MqttSubscription[] {
            new MqttSubscription(Topics.of("bat-2", Channel.COMMAND), 1),
            new MqttSubscription(Topics.of("bat-1", Channel.COMMAND), 1)
          },
          new org.eclipse.paho.mqttv5.client.IMqttMessageListener[] {
            (topic, m) -> heard.add(topic), (topic, m) -> heard.add(topic)
          });
      MqttClient vpp = device("vpp-gateway", GATEWAY_PASSWORD);
      try {
        vpp.publish(
            Topics.of("bat-2", Channel.COMMAND), "{}".getBytes(StandardCharsets.UTF_8), 1, false);
        vpp.publish(
            Topics.of("bat-1", Channel.COMMAND), "{}".getBytes(StandardCharsets.UTF_8), 1, false);
        // Its own command comes (after the other one, were that delivered at all).
        assertThat(heard.poll(10, java.util.concurrent.TimeUnit.SECONDS))
            .isEqualTo(Topics.of("bat-1", Channel.COMMAND));
        assertThat(heard).isEmpty();
      } finally {
        closeQuietly(vpp);
      }
    } finally {
      closeQuietly(bat);
    }
  }

  @Test
  void aDeviceCloudSpeaksForItsOwnDevicesOnly() throws Exception {
    MqttClient intruder = device("acme", "pw-acme");
    try {
      intruder.publish(Topics.of("bat-1", Channel.TELEMETRY), report(1, 9), 1, false);
    } catch (MqttException refusedLoudly) {
      // either way it must not reach the gateway
    } finally {
      closeQuietly(intruder);
    }
    MqttClient cloud = device("acme", "pw-acme");
    try {
      cloud.publish(Topics.ofCloud("acme", "acme:7", Channel.TELEMETRY), report(1, 2), 1, false);
      awaitMessages(1);
      gateway.drain(ingest, 1_000, Duration.ofMillis(300));
      assertThat(twins.powerKw(twins.indexOf("acme:7"))).isEqualTo(2);
      assertThat(twins.hasReported(twins.indexOf("bat-1"))).isFalse();
    } finally {
      closeQuietly(cloud);
    }
  }

  @Test
  void theGatewayReconnectsAndSubscribesAgainAfterTheBrokerRestarts() throws Exception {
    MqttClient bat = device("bat-1", "pw-1");
    bat.publish(Topics.of("bat-1", Channel.TELEMETRY), report(1, -1), 1, false);
    awaitMessages(1);
    bat.disconnectForcibly(0, 0, false);
    bat.close(true);
    int port = broker.port();
    broker.close();
    broker = startBroker(USERS, port);
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (gateway.subscriptions() < 2 && System.nanoTime() < deadline) {
      // Nothing arrives while the gateway is away; this waits on the queue, not on a clock.
      gateway.drain(ingest, 1, Duration.ofMillis(100));
    }
    assertThat(gateway.subscriptions()).isEqualTo(2);
    MqttClient again = device("bat-1", "pw-1");
    try {
      again.publish(Topics.of("bat-1", Channel.TELEMETRY), report(2, -4), 1, false);
      awaitMessages(1);
      assertThat(twins.powerKw(twins.indexOf("bat-1"))).isEqualTo(-4);
      assertThat(ingest.count(Verdict.ACCEPTED)).isEqualTo(2);
    } finally {
      again.disconnect();
      again.close();
    }
  }

  @Test
  void aRestartedGatewayLearnsTheFleetFromRetainedBirths() throws Exception {
    MqttClient bat = device("bat-2", "pw-2");
    Battery spec =
        new Battery(
            DeviceId.of("bat-2"),
            Energy.ofKilowattHours(10),
            Power.ofKilowatts(4),
            Power.ofKilowatts(4),
            0.9,
            Energy.ofKilowattHours(1));
    try {
      bat.publish(Topics.of("bat-2", Channel.BIRTH), BirthCodec.encode(spec), 1, true);
      // A new gateway with empty twins, as after a restart.
      TwinStore fresh = new TwinStore(Duration.ofMinutes(5));
      AggregationTree freshTree = new AggregationTree(fresh);
      fresh.onChange(freshTree::update);
      DeviceRegistrar registrar =
          new DeviceRegistrar(fresh, ordinal -> freshTree.assign(ordinal, GroupId.FLEET));
      GatewayRouter router =
          new GatewayRouter(registrar, TelemetryIngest.withDefaults(fresh, Clock.systemUTC()));
      try (MqttGateway restarted =
          MqttGateway.connect(
              new MqttGateway.Settings(
                  broker.uri(), "gw-restarted", "vpp-gateway", GATEWAY_PASSWORD, "gw2", 100))) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (registrar.registered() == 0 && System.nanoTime() < deadline) {
          restarted.drain(router, 100, Duration.ofMillis(200));
        }
        assertThat(registrar.registered()).isEqualTo(1);
        assertThat(fresh.device(fresh.indexOf("bat-2"))).isEqualTo(spec);
        bat.publish(Topics.of("bat-2", Channel.TELEMETRY), report(1, -2.5), 1, false);
        deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!fresh.hasReported(fresh.indexOf("bat-2")) && System.nanoTime() < deadline) {
          restarted.drain(router, 100, Duration.ofMillis(200));
        }
        assertThat(freshTree.totals(GroupId.FLEET).power().kilowatts()).isEqualTo(-2.5);
      }
    } finally {
      // Clear the retained birth so other tests start from an empty broker.
      bat.publish(Topics.of("bat-2", Channel.BIRTH), new byte[0], 1, true);
      bat.disconnect();
      bat.close();
    }
  }

  @Test
  void aCommandRoundTripsWithItsAcknowledgementAndAnUnansweredOneIsRetriedThenExpires()
      throws Exception {
    SimulationClock clock = SimulationClock.stepped(Instant.now(), java.time.ZoneOffset.UTC);
    CommandPath commands =
        new CommandPath(
            gateway, new CommandLedger(Duration.ofSeconds(10), 2, Duration.ofSeconds(40)), clock);
    GatewayRouter router =
        new GatewayRouter(new DeviceRegistrar(twins, ordinal -> {}), ingest, commands);
    MqttClient bat = device("bat-1", "pw-1");
    java.util.concurrent.BlockingQueue<String> received =
        new java.util.concurrent.LinkedBlockingQueue<>();
    bat.subscribe(
        new MqttSubscription[] {new MqttSubscription(Topics.of("bat-1", Channel.COMMAND), 1)},
        new org.eclipse.paho.mqttv5.client.IMqttMessageListener[] {
          (topic, m) -> received.add(new String(m.getPayload(), StandardCharsets.UTF_8))
        });
    try {
      Instant now = clock.instant();
      Command c1 =
          new Command(DeviceId.of("bat-1"), 41, Power.ofKilowatts(-2), now, now.plusSeconds(60));
      commands.send(c1);
      String payload = received.poll(10, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(payload).contains("\"id\":\"c-41\"").contains("\"setpoint_kw\":-2.0");
      bat.publish(
          Topics.of("bat-1", Channel.ACK),
          "{\"v\":1,\"id\":\"c-41\",\"seq\":41,\"status\":\"accepted\"}"
              .getBytes(StandardCharsets.UTF_8),
          1,
          false);
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (commands.ledger().count(CommandLedger.State.ACCEPTED) == 0
          && System.nanoTime() < deadline) {
        gateway.drain(router, 100, Duration.ofMillis(200));
      }
      assertThat(commands.ledger().entry("c-41").orElseThrow().state())
          .isEqualTo(CommandLedger.State.ACCEPTED);

      // A command nobody answers: sent again after 10 s and 20 s more, then it expires at 60 s.
      Command c2 =
          new Command(DeviceId.of("bat-1"), 42, Power.ofKilowatts(-1), now, now.plusSeconds(60));
      commands.send(c2);
      clock.advance(Duration.ofSeconds(10));
      assertThat(commands.tick()).isEqualTo(1);
      clock.advance(Duration.ofSeconds(20));
      assertThat(commands.tick()).isEqualTo(1);
      clock.advance(Duration.ofSeconds(30));
      assertThat(commands.tick()).isZero();
      assertThat(commands.ledger().entry("c-42").orElseThrow().state())
          .isEqualTo(CommandLedger.State.EXPIRED);
      assertThat(commands.ledger().entry("c-42").orElseThrow().attempts()).isEqualTo(3);
      // The device got the command three times (its sequence makes the copies harmless).
      int copies = 0;
      String p;
      while ((p = received.poll(5, java.util.concurrent.TimeUnit.SECONDS)) != null) {
        copies += p.contains("\"id\":\"c-42\"") ? 1 : 0;
        if (copies == 3) {
          break;
        }
      }
      assertThat(copies).isEqualTo(3);
    } finally {
      bat.disconnect();
      bat.close();
    }
  }

  @Test
  void aDeviceWhoseConnectionDropsLeavesServiceByItsLastWill() throws Exception {
    GatewayRouter router =
        new GatewayRouter(
            new DeviceRegistrar(twins, d -> {}),
            ingest,
            (topic, payload) -> Verdict.BAD_TOPIC,
            new StatusHandler(twins));
    MqttClient bat = new MqttClient(broker.uri(), "bat-1-will", new MemoryPersistence());
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setUserName("bat-1");
    o.setPassword("pw-1".getBytes(StandardCharsets.UTF_8));
    org.eclipse.paho.mqttv5.common.MqttMessage will =
        new org.eclipse.paho.mqttv5.common.MqttMessage(StatusCodec.encode(false));
    will.setQos(1);
    o.setWill(Topics.of("bat-1", Channel.STATUS), will);
    bat.connect(o);
    bat.publish(Topics.of("bat-1", Channel.STATUS), StatusCodec.encode(true), 1, false);
    bat.publish(Topics.of("bat-1", Channel.TELEMETRY), report(1, -2), 1, false);
    int d = twins.indexOf("bat-1");
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!twins.hasReported(d) && System.nanoTime() < deadline) {
      gateway.drain(router, 100, Duration.ofMillis(100));
    }
    assertThat(twins.isOnline(d, Instant.now())).isTrue();
    // The connection drops without a goodbye: the broker publishes the device's last will.
    bat.disconnectForcibly(0, 0, false);
    bat.close(true);
    deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (twins.isConnected(d) && System.nanoTime() < deadline) {
      gateway.drain(router, 100, Duration.ofMillis(100));
    }
    assertThat(twins.isConnected(d)).isFalse();
    assertThat(twins.isOnline(d, Instant.now())).isFalse();
    assertThat(tree.totals(GroupId.FLEET).online()).isZero();
  }

  @Test
  void wrongCredentialsAreRefusedWithAClearMessage() {
    assertThatThrownBy(() -> device("bat-1", "wrong")).isInstanceOf(MqttException.class);
    assertThatThrownBy(
            () ->
                MqttGateway.connect(
                    new MqttGateway.Settings(
                        broker.uri(), "gw-bad", "vpp-gateway", "nope", "vpp-gateway", 10)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cannot connect the gateway to " + broker.uri() + " as vpp-gateway");
  }

  @Test
  void malformedMessagesAreCountedAndTheStreamGoesOn() throws Exception {
    MqttClient bat = device("bat-1", "pw-1");
    try {
      // Telemetry travels at QoS 0, as the protocol says; the last report at QoS 1 marks the end.
      for (int i = 0; i < 50; i++) {
        bat.publish(
            Topics.of("bat-1", Channel.TELEMETRY),
            "{\"v\":1,".getBytes(StandardCharsets.UTF_8),
            0,
            false);
      }
      bat.publish(Topics.of("bat-1", Channel.TELEMETRY), report(7, -2), 1, false);
      awaitMessages(51);
      assertThat(ingest.count(Verdict.MALFORMED)).isEqualTo(50);
      assertThat(twins.powerKw(twins.indexOf("bat-1"))).isEqualTo(-2);
    } finally {
      bat.disconnect();
      bat.close();
    }
  }

  @Test
  void aDeviceCloudsBatchReachesEachOfItsTwinsAndNoOneElses() throws Exception {
    MqttClient cloud = device("acme", "pw-acme");
    try {
      String batch =
          "{\"v\":1,\"reports\":["
              + "{\"id\":\"acme:7\",\"seq\":1,\"ts\":"
              + Instant.now().toEpochMilli()
              + ",\"p_kw\":2.5},"
              + "{\"id\":\"bat-1\",\"seq\":1,\"ts\":"
              + Instant.now().toEpochMilli()
              + ",\"p_kw\":9}]}";
      cloud.publish(
          Topics.batchTelemetry("acme"), batch.getBytes(StandardCharsets.UTF_8), 1, false);
      awaitMessages(1);
      assertThat(ingest.batches()).isEqualTo(1);
      assertThat(twins.powerKw(twins.indexOf("acme:7"))).isEqualTo(2.5);
      assertThat(twins.hasReported(twins.indexOf("bat-1"))).isFalse();
      assertThat(ingest.count(Verdict.BAD_TOPIC)).isEqualTo(1);
      assertThat(gateway.telemetryMessages("acme")).isEqualTo(1);
    } finally {
      closeQuietly(cloud);
    }
  }

  @Test
  void aClockTickWaitsForTheTelemetrySentBeforeItAndIsAnswered() throws Exception {
    java.util.List<ClockCodec.Tick> ticks = new java.util.ArrayList<>();
    java.util.List<Long> telemetryAtTick = new java.util.ArrayList<>();
    ClockPath clock =
        new ClockPath(
            (cloud, tick) -> {
              ticks.add(tick);
              telemetryAtTick.add(gateway.telemetryMessages(cloud));
              return Verdict.ACCEPTED;
            });
    GatewayRouter router =
        new GatewayRouter(
            new DeviceRegistrar(twins, d -> {}),
            ingest,
            (topic, payload) -> Verdict.BAD_TOPIC,
            new StatusHandler(twins),
            clock);
    MqttClient world = device("acme", "pw-acme");
    java.util.concurrent.BlockingQueue<byte[]> acks =
        new java.util.concurrent.LinkedBlockingQueue<>();
    world.subscribe(
        new MqttSubscription[] {new MqttSubscription(Topics.clockAck("acme"), 1)},
        new org.eclipse.paho.mqttv5.client.IMqttMessageListener[] {
          (topic, m) -> acks.add(m.getPayload())
        });
    try {
      // The world's step: its devices report (QoS 0), then its clock ticks (QoS 1).
      int reports = 20;
      for (int seq = 1; seq <= reports; seq++) {
        world.publish(
            Topics.ofCloud("acme", "acme:7", Channel.TELEMETRY), report(seq, seq), 0, false);
      }
      Instant at = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
      ClockCodec.Tick sent = new ClockCodec.Tick(1, at, at.plusSeconds(60), reports, 0);
      world.publish(Topics.clock("acme"), ClockCodec.encodeTick(sent), 1, false);

      // The service: take messages until the tick, then until all it counts have come.
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (ticks.isEmpty() && System.nanoTime() < deadline) {
        gateway.drain(router, 1_000, Duration.ofMillis(100));
      }
      assertThat(ticks).containsExactly(sent);
      while (gateway.telemetryMessages("acme") < sent.telemetrySent()
          && System.nanoTime() < deadline) {
        gateway.drain(router, 1_000, Duration.ofMillis(100));
      }
      assertThat(gateway.telemetryMessages("acme")).isEqualTo(reports);
      assertThat(telemetryAtTick.get(0)).isLessThanOrEqualTo(reports);
      assertThat(twins.sequence(twins.indexOf("acme:7"))).isEqualTo(reports);
      gateway.publishClockAck(
          "acme", new ClockCodec.Ack(sent.sequence(), sent.at(), gateway.commandsSent("acme")));
      byte[] ack = acks.poll(10, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(ack).isNotNull();
      assertThat(ClockCodec.decodeAck(ack).ack()).hasValue(new ClockCodec.Ack(1, at, 0));

      // The same tick again (the broker's redelivery after a reconnect) does not step again.
      world.publish(Topics.clock("acme"), ClockCodec.encodeTick(sent), 1, false);
      deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (clock.count(Verdict.DUPLICATE) == 0 && System.nanoTime() < deadline) {
        gateway.drain(router, 1_000, Duration.ofMillis(100));
      }
      assertThat(ticks).hasSize(1);
    } finally {
      closeQuietly(world);
    }
  }
}
