package org.openvpp.mqtt.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openvpp.meter.MeterReading;
import org.openvpp.meter.ReadingVerdict;
import org.openvpp.mqtt.broker.Broker;
import org.openvpp.mqtt.protocol.MeterReadingCodec;
import org.openvpp.mqtt.protocol.MeterReadingCodec.Receipt;
import org.openvpp.mqtt.protocol.MeterReadingCodec.Refusal;
import org.openvpp.mqtt.protocol.Topics;

/**
 * Site meters' readings through a real broker, and the gateway's persistent session: readings
 * published while it is away, or whose handling failed, come when it is back. Each broker OpenVPP
 * supports runs these in a subclass.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class MeterGatewayTest {
  static final String GATEWAY_PASSWORD = "gw-secret";
  static final Map<String, String> USERS =
      Map.of(
          "vpp-gateway",
          GATEWAY_PASSWORD,
          "meter-1",
          "pw-m1",
          "meter-2",
          "pw-m2",
          "utility",
          "pw-utility");
  static final Instant T0 = Instant.parse("2019-08-16T00:00:00Z");
  static final Duration PATIENCE = Duration.ofSeconds(15);

  Broker broker;

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

  /** A gateway node of its own: its own client id and share group, so tests do not share. */
  MqttGateway.Settings settings(String node) {
    return new MqttGateway.Settings(
        broker.uri(), "gw-" + node, "vpp-gateway", GATEWAY_PASSWORD, "group-" + node, 1_000);
  }

  /** A meter handler that records what it is given and refuses as told. */
  static final class Recording implements MeterHandler {
    final BlockingQueue<List<MeterReading>> seen = new LinkedBlockingQueue<>();
    final List<Topics.MeterTopic> from = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Function<List<MeterReading>, MeterHandler.Outcome> answer;

    Recording(Function<List<MeterReading>, MeterHandler.Outcome> answer) {
      this.answer = answer;
    }

    Recording() {
      this(readings -> MeterHandler.Outcome.allKept());
    }

    @Override
    public Outcome accept(Topics.MeterTopic topic, List<MeterReading> readings, Instant at) {
      from.add(topic);
      seen.add(readings);
      return answer.apply(readings);
    }
  }

  MqttClient client(String user, String password) throws MqttException {
    MqttClient c =
        new MqttClient(broker.uri(), user + "-" + System.nanoTime(), new MemoryPersistence());
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setUserName(user);
    o.setPassword(password.getBytes(StandardCharsets.UTF_8));
    c.connect(o);
    return c;
  }

  /** The receipts {@code c} hears on {@code topic}, decoded. */
  static BlockingQueue<Receipt> receipts(MqttClient c, String topic) throws MqttException {
    BlockingQueue<Receipt> out = new LinkedBlockingQueue<>();
    c.subscribe(
        new MqttSubscription[] {new MqttSubscription(topic, 1)},
        new IMqttMessageListener[] {
          (t, m) -> out.add(MeterReadingCodec.decodeReceipt(m.getPayload()).receipt().orElseThrow())
        });
    return out;
  }

  static MeterReading reading(String meter, int quarter, double kwh) {
    return MeterReading.ofKwh(
        meter, T0.plus(Duration.ofMinutes(15L * quarter)), Duration.ofMinutes(15), kwh, 0);
  }

  static void await(BooleanSupplier condition) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(condition.getAsBoolean()).as("within %s", PATIENCE).isTrue();
  }

  static void closeQuietly(MqttClient c) throws MqttException {
    MqttGatewayTest.closeQuietly(c);
  }

  @Test
  void aMetersReadingsAreKeptThenAnsweredThenAcknowledged() throws Exception {
    Topics.MeterTopic own = Topics.MeterTopic.own("meter-1");
    Recording service =
        new Recording(
            readings ->
                new MeterHandler.Outcome(
                    List.of(new MeterHandler.Refused(1, ReadingVerdict.DUPLICATE))));
    MqttGateway.Settings node = settings("own");
    MqttClient meter = client("meter-1", "pw-m1");
    try (MqttGateway gateway = MqttGateway.connect(node, service, Clock.systemUTC())) {
      BlockingQueue<Receipt> receipts = receipts(meter, own.receipt());
      String payload =
          "{\"v\":1,\"readings\":["
              + "{\"start\":1565913600000,\"dur_s\":900,\"imp_kwh\":0.42,\"exp_kwh\":0},"
              + "{\"start\":1565914500000,\"dur_s\":900,\"imp_kwh\":0.38,\"exp_kwh\":0},"
              + "{\"start\":1565915400000,\"dur_s\":900,\"imp_kwh\":-0.1,\"exp_kwh\":0}]}";
      meter.publish(own.reading(), payload.getBytes(StandardCharsets.UTF_8), 1, false);

      assertThat(service.seen.poll(PATIENCE.toSeconds(), TimeUnit.SECONDS))
          .containsExactly(reading("meter-1", 0, 0.42), reading("meter-1", 1, 0.38));
      assertThat(service.from).containsExactly(own);
      Receipt receipt = receipts.poll(PATIENCE.toSeconds(), TimeUnit.SECONDS);
      assertThat(receipt)
          .isEqualTo(
              new Receipt.Counted(
                  1,
                  List.of(
                      new Refusal(
                          1,
                          java.util.Optional.of(Instant.ofEpochMilli(1565914500000L)),
                          ReadingVerdict.DUPLICATE,
                          ""),
                      new Refusal(
                          2,
                          java.util.Optional.of(Instant.ofEpochMilli(1565915400000L)),
                          ReadingVerdict.NEGATIVE,
                          "imp_kwh and exp_kwh are magnitudes"))));
      await(() -> gateway.meterMessagesHandled() == 1);
      assertThat(gateway.meterMessages(ReadingVerdict.ACCEPTED)).isEqualTo(1);
      assertThat(gateway.meterReadings(ReadingVerdict.ACCEPTED)).isEqualTo(1);
      assertThat(gateway.meterReadings(ReadingVerdict.DUPLICATE)).isEqualTo(1);
      assertThat(gateway.meterReadings(ReadingVerdict.NEGATIVE)).isEqualTo(1);
      assertThat(gateway.meterFailures()).isZero();
    } finally {
      closeQuietly(meter);
      MqttGateway.endSession(node);
    }
  }

  @Test
  void messagesThatQueueTogetherAreKeptTogetherAndEachAnsweredInOrder() throws Exception {
    java.util.concurrent.CountDownLatch hold = new java.util.concurrent.CountDownLatch(1);
    List<Integer> groups = new java.util.concurrent.CopyOnWriteArrayList<>();
    Recording recording = new Recording();
    MeterHandler service =
        new MeterHandler() {
          @Override
          public Outcome accept(Topics.MeterTopic from, List<MeterReading> readings, Instant at) {
            return recording.accept(from, readings, at);
          }

          @Override
          public List<Outcome> acceptAll(List<Batch> batches) {
            try {
              hold.await(PATIENCE.toSeconds(), TimeUnit.SECONDS); // the first group waits
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            groups.add(batches.size());
            // the second message of each meter is a duplicate of its first
            List<Outcome> out = new ArrayList<>();
            for (Batch b : batches) {
              boolean again = b.readings().get(0).start().equals(T0.plus(Duration.ofDays(1)));
              recording.accept(b.from(), b.readings(), b.receivedAt());
              out.add(
                  again
                      ? new Outcome(List.of(new Refused(0, ReadingVerdict.DUPLICATE)))
                      : Outcome.allKept());
            }
            return out;
          }
        };
    MqttGateway.Settings node = settings("burst");
    MqttClient utility = client("utility", "pw-utility");
    try (MqttGateway gateway = MqttGateway.connect(node, service, Clock.systemUTC())) {
      BlockingQueue<Receipt> receipts = receipts(utility, "vpp/v1/c/utility/m/+/receipt");
      int messages = 40;
      for (int i = 0; i < messages; i++) {
        Topics.MeterTopic m =
            Topics.MeterTopic.viaCloud("utility", String.format("ESI-%04d", i % 20));
        long start = T0.plus(i < 20 ? Duration.ZERO : Duration.ofDays(1)).toEpochMilli();
        utility.publish(
            m.reading(),
            ("{\"v\":1,\"readings\":[{\"start\":"
                    + start
                    + ",\"dur_s\":900,\"imp_kwh\":0.5,\"exp_kwh\":0}]}")
                .getBytes(StandardCharsets.UTF_8),
            1,
            false);
      }
      await(() -> gateway.received() == messages); // the rest queue behind the first group
      hold.countDown();
      List<Receipt> all = new ArrayList<>();
      for (int i = 0; i < messages; i++) {
        all.add(receipts.poll(PATIENCE.toSeconds(), TimeUnit.SECONDS));
      }
      assertThat(all).doesNotContainNull();
      assertThat(all.subList(0, 20))
          .allSatisfy(r -> assertThat(r).isEqualTo(new Receipt.Counted(1, List.of())));
      assertThat(all.subList(20, 40))
          .allSatisfy(
              r ->
                  assertThat(((Receipt.Counted) r).refused())
                      .extracting(Refusal::verdict)
                      .containsExactly(ReadingVerdict.DUPLICATE));
      await(() -> gateway.meterMessagesHandled() == messages);
      assertThat(groups.stream().mapToInt(Integer::intValue).sum()).isEqualTo(messages);
      assertThat(groups)
          .as("messages that queued went to the service together")
          .hasSizeLessThan(messages);
      assertThat(gateway.meterReadings(ReadingVerdict.ACCEPTED)).isEqualTo(20);
      assertThat(gateway.meterReadings(ReadingVerdict.DUPLICATE)).isEqualTo(20);
    } finally {
      closeQuietly(utility);
      MqttGateway.endSession(node);
    }
  }

  @Test
  void aHeadEndReportsManyMetersAndAMalformedMessageIsRefusedWhole() throws Exception {
    Recording service = new Recording();
    MqttGateway.Settings node = settings("head-end");
    MqttClient utility = client("utility", "pw-utility");
    try (MqttGateway gateway = MqttGateway.connect(node, service, Clock.systemUTC())) {
      BlockingQueue<Receipt> receipts = receipts(utility, "vpp/v1/c/utility/m/+/receipt");
      Topics.MeterTopic a = Topics.MeterTopic.viaCloud("utility", "ESI-0001");
      Topics.MeterTopic b = Topics.MeterTopic.viaCloud("utility", "ESI-0002");
      List<MeterReading> day = new ArrayList<>();
      for (int q = 0; q < 96; q++) {
        day.add(reading("ESI-0001", q, q / 4.0));
      }
      utility.publish(a.reading(), MeterReadingCodec.encode(day), 1, false);
      utility.publish(
          b.reading(), "{\"v\":1,\"readings\":[".getBytes(StandardCharsets.UTF_8), 1, false);

      assertThat(service.seen.poll(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isEqualTo(day);
      List<Receipt> answered = new ArrayList<>();
      answered.add(receipts.poll(PATIENCE.toSeconds(), TimeUnit.SECONDS));
      answered.add(receipts.poll(PATIENCE.toSeconds(), TimeUnit.SECONDS));
      assertThat(answered).contains(new Receipt.Counted(96, List.of()));
      assertThat(answered)
          .anySatisfy(
              r ->
                  assertThat(r)
                      .isInstanceOfSatisfying(
                          Receipt.Failed.class,
                          f -> assertThat(f.error()).isEqualTo(ReadingVerdict.MALFORMED)));
      await(() -> gateway.meterMessagesHandled("utility") == 2);
      assertThat(service.from).containsExactly(a);
      assertThat(gateway.meterMessages(ReadingVerdict.MALFORMED)).isEqualTo(1);
      assertThat(gateway.meterReadings(ReadingVerdict.ACCEPTED)).isEqualTo(96);
    } finally {
      closeQuietly(utility);
      MqttGateway.endSession(node);
    }
  }

  @Test
  void aMeterCannotReportForAnother() throws Exception {
    Recording service = new Recording();
    MqttGateway.Settings node = settings("intruder");
    try (MqttGateway gateway = MqttGateway.connect(node, service, Clock.systemUTC())) {
      MqttClient intruder = client("meter-1", "pw-m1");
      try {
        intruder.publish(
            Topics.MeterTopic.own("meter-2").reading(),
            MeterReadingCodec.encode(List.of(reading("meter-2", 0, 99))),
            1,
            false);
      } catch (MqttException refusedLoudly) {
        // either way it must not reach the gateway
      } finally {
        closeQuietly(intruder);
      }
      MqttClient meter = client("meter-2", "pw-m2");
      try {
        meter.publish(
            Topics.MeterTopic.own("meter-2").reading(),
            MeterReadingCodec.encode(List.of(reading("meter-2", 0, 1))),
            1,
            false);
        assertThat(service.seen.poll(PATIENCE.toSeconds(), TimeUnit.SECONDS))
            .containsExactly(reading("meter-2", 0, 1));
        await(() -> gateway.meterMessagesHandled() == 1);
        assertThat(service.seen).isEmpty();
      } finally {
        closeQuietly(meter);
      }
    } finally {
      MqttGateway.endSession(node);
    }
  }

  @Test
  void readingsPublishedWhileTheGatewayIsAwayComeWhenItIsBack() throws Exception {
    MqttGateway.Settings node = settings("away");
    Topics.MeterTopic own = Topics.MeterTopic.own("meter-1");
    MqttClient meter = client("meter-1", "pw-m1");
    try {
      BlockingQueue<Receipt> receipts = receipts(meter, own.receipt());
      // The service runs once (its session, with its subscriptions, stays at the broker)…
      MqttGateway.connect(node, new Recording(), Clock.systemUTC()).close();
      // …the meter reports while it is down…
      for (int q = 0; q < 3; q++) {
        meter.publish(
            own.reading(), MeterReadingCodec.encode(List.of(reading("meter-1", q, q))), 1, false);
      }
      // …and when it is back, its new gateway gets them all, in order, and answers each.
      Recording service = new Recording();
      try (MqttGateway back = MqttGateway.connect(node, service, Clock.systemUTC())) {
        for (int q = 0; q < 3; q++) {
          assertThat(service.seen.poll(PATIENCE.toSeconds(), TimeUnit.SECONDS))
              .containsExactly(reading("meter-1", q, q));
          assertThat(receipts.poll(PATIENCE.toSeconds(), TimeUnit.SECONDS))
              .isEqualTo(new Receipt.Counted(1, List.of()));
        }
        await(() -> back.meterMessagesHandled() == 3);
      }
    } finally {
      closeQuietly(meter);
      MqttGateway.endSession(node);
    }
  }

  @Test
  void aReadingWhoseHandlingFailedIsNotAcknowledgedAndComesAgain() throws Exception {
    MqttGateway.Settings node = settings("crash");
    Topics.MeterTopic own = Topics.MeterTopic.own("meter-2");
    MqttClient meter = client("meter-2", "pw-m2");
    try {
      BlockingQueue<Receipt> receipts = receipts(meter, own.receipt());
      Recording crashing =
          new Recording(
              readings -> {
                throw new IllegalStateException("the database is down");
              });
      try (MqttGateway first = MqttGateway.connect(node, crashing, Clock.systemUTC())) {
        meter.publish(
            own.reading(), MeterReadingCodec.encode(List.of(reading("meter-2", 4, 1.5))), 1, false);
        assertThat(crashing.seen.poll(PATIENCE.toSeconds(), TimeUnit.SECONDS)).hasSize(1);
        await(() -> first.meterFailures() == 1);
        assertThat(first.meterMessagesHandled()).isZero();
      }
      assertThat(receipts).as("no receipt for what was not kept").isEmpty();
      Recording service = new Recording();
      try (MqttGateway again = MqttGateway.connect(node, service, Clock.systemUTC())) {
        assertThat(service.seen.poll(PATIENCE.toSeconds(), TimeUnit.SECONDS))
            .containsExactly(reading("meter-2", 4, 1.5));
        assertThat(receipts.poll(PATIENCE.toSeconds(), TimeUnit.SECONDS))
            .isEqualTo(new Receipt.Counted(1, List.of()));
        await(() -> again.meterMessagesHandled() == 1);
      }
      assertThat(receipts).isEmpty();
    } finally {
      closeQuietly(meter);
      MqttGateway.endSession(node);
    }
  }
}
