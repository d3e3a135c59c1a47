package org.openvpp.bench;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.openvpp.aggregate.AggregationTree;
import org.openvpp.aggregate.GroupId;
import org.openvpp.mqtt.broker.Broker;
import org.openvpp.mqtt.broker.EmbeddedBroker;
import org.openvpp.mqtt.broker.MosquittoProcess;
import org.openvpp.mqtt.gateway.MqttGateway;
import org.openvpp.mqtt.gateway.OnMessage;
import org.openvpp.mqtt.gateway.TelemetryIngest;
import org.openvpp.mqtt.protocol.Channel;
import org.openvpp.mqtt.protocol.Topics;
import org.openvpp.mqtt.protocol.Verdict;
import org.openvpp.twin.TwinStore;

/**
 * Telemetry through a real Mosquitto (started for the run, with the protocol's users and ACLs): two
 * publisher connections of a device cloud send QoS 0 telemetry as fast as they can; the gateway
 * (subscription, hand-off, decode, validate, twins, tree) and, as the baseline, a raw subscriber
 * that only counts, receive the same stream in the same run. The ratio says whether the gateway
 * keeps up with what the broker can deliver to any subscriber.
 */
final class IngestMqttBenchmark implements Benchmark {

  private static final String CLOUD = "load";
  private static final String PASSWORD = "bench-secret";

  /** Starts a broker with these users. */
  interface BrokerStarter {
    Broker start(Map<String, String> users) throws Exception;
  }

  private final String name;
  private final String description;
  private final BrokerStarter starter;

  private IngestMqttBenchmark(String name, String description, BrokerStarter starter) {
    this.name = name;
    this.description = description;
    this.starter = starter;
  }

  /** Through a Mosquitto child process, the production broker. */
  static IngestMqttBenchmark mosquitto() {
    return new IngestMqttBenchmark(
        "ingest-mqtt",
        "telemetry through Mosquitto: gateway vs a raw subscriber (target ratio >= 0.9)",
        MosquittoProcess::start);
  }

  /** Through the embedded broker of ./vpp up. */
  static IngestMqttBenchmark embedded() {
    return new IngestMqttBenchmark(
        "ingest-embedded",
        "telemetry through the embedded broker (HiveMQ CE): gateway vs a raw subscriber",
        EmbeddedBroker::start);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public Map<String, Object> run(boolean quick) throws Exception {
    int devices = quick ? 5_000 : 20_000;
    int rounds = quick ? 10 : 25;
    long messages = (long) devices * rounds;
    try (Broker broker = starter.start(Map.of("vpp-gateway", PASSWORD, CLOUD, PASSWORD))) {
      TwinStore twins = new TwinStore(Duration.ofMinutes(5));
      AggregationTree tree = new AggregationTree(twins);
      twins.onChange(tree::update);
      String[] topics = new String[devices];
      for (int d = 0; d < devices; d++) {
        String id = String.format(Locale.ROOT, "%s:%06d", CLOUD, d);
        BenchDevices.registerBattery(twins, tree, id, GroupId.FLEET);
        topics[d] = Topics.ofCloud(CLOUD, id, Channel.TELEMETRY);
      }
      TelemetryIngest ingest = TelemetryIngest.withDefaults(twins, Clock.systemUTC());
      Counter raw = new Counter();
      MqttClient rawClient = client(broker, "raw", "vpp-gateway");
      rawClient.setCallback(raw);
      rawClient.subscribe("vpp/v1/c/" + CLOUD + "/d/+/telemetry", 0);
      try (MqttGateway gateway =
          MqttGateway.connect(
              new MqttGateway.Settings(
                  broker.uri(),
                  "gateway",
                  "vpp-gateway",
                  PASSWORD,
                  "vpp-gateway",
                  (int) Math.min(Integer.MAX_VALUE - 8, messages + 1)))) {
        long now = System.currentTimeMillis();
        List<Thread> publishers =
            List.of(
                publisher(broker, "pub-0", topics, rounds, 0, now),
                publisher(broker, "pub-1", topics, rounds, 1, now));
        long publishStart = System.nanoTime();
        publishers.forEach(Thread::start);
        long fed = 0;
        long first = 0;
        long last = 0;
        long idleSince = System.nanoTime();
        while (fed < messages && System.nanoTime() - idleSince < Duration.ofSeconds(5).toNanos()) {
          int n = gateway.drain(ingest, 10_000, Duration.ofMillis(100));
          if (n > 0) {
            if (fed == 0) {
              first = System.nanoTime();
            }
            fed += n;
            last = System.nanoTime();
            idleSince = last;
          }
        }
        for (Thread t : publishers) {
          t.join();
        }
        // Whatever is still on its way after the publishers finished.
        int n;
        while (fed < messages && (n = gateway.drain(ingest, 10_000, Duration.ofSeconds(2))) > 0) {
          fed += n;
          last = System.nanoTime();
        }
        // And for the raw subscriber to have everything it will get.
        long rawSeen = -1;
        while (raw.count.get() < messages && raw.count.get() != rawSeen) {
          rawSeen = raw.count.get();
          java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
        }
        double publishS = (System.nanoTime() - publishStart) / 1e9;
        double gatewayS = Math.max(1e-9, (last - first) / 1e9);
        double rawS = Math.max(1e-9, (raw.last.get() - raw.first.get()) / 1e9);
        double gatewayRate = ingest.count(Verdict.ACCEPTED) / gatewayS;
        double rawRate = raw.count.get() / rawS;
        rawClient.disconnect();
        rawClient.close();
        System.out.printf(
            Locale.ROOT,
            "published %,d in %.2f s; gateway received %,d (%,d dropped in its queue), verdicts %s;"
                + " raw received %,d%n",
            messages,
            publishS,
            gateway.received(),
            gateway.dropped(),
            ingest.counts(),
            raw.count.get());
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("devices", devices);
        figures.put("messages", messages);
        figures.put("msgs_per_s", Math.round(gatewayRate));
        figures.put("raw_msgs_per_s", Math.round(rawRate));
        figures.put("ratio", BenchMain.round3(gatewayRate / rawRate));
        figures.put("gateway_accepted", ingest.count(Verdict.ACCEPTED));
        figures.put("raw_received", raw.count.get());
        figures.put("publish_s", BenchMain.round3(publishS));
        return figures;
      }
    }
  }

  private static MqttClient client(Broker broker, String id, String user) throws MqttException {
    MqttClient c = new MqttClient(broker.uri(), id, new MemoryPersistence());
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setUserName(user);
    o.setPassword(PASSWORD.getBytes(StandardCharsets.UTF_8));
    c.connect(o);
    return c;
  }

  /**
   * Publishes every message of every other device (parity {@code part}) for all rounds, without
   * waiting for each publish (the asynchronous client), but for every 500th, so the client's buffer
   * stays bounded.
   */
  private static Thread publisher(
      Broker broker, String id, String[] topics, int rounds, int part, long ts) {
    return new Thread(
        () -> {
          try {
            MqttAsyncClient c = new MqttAsyncClient(broker.uri(), id, new MemoryPersistence());
            MqttConnectionOptions o = new MqttConnectionOptions();
            o.setUserName(CLOUD);
            o.setPassword(PASSWORD.getBytes(StandardCharsets.UTF_8));
            c.connect(o).waitForCompletion();
            int sent = 0;
            for (int k = 0; k < rounds; k++) {
              for (int d = part; d < topics.length; d += 2) {
                String json = "{\"v\":1,\"seq\":" + (k + 1) + ",\"ts\":" + ts + ",\"p_kw\":-1.5}";
                IMqttToken token =
                    c.publish(topics[d], json.getBytes(StandardCharsets.UTF_8), 0, false);
                if (++sent % 500 == 0) {
                  token.waitForCompletion();
                }
              }
            }
            c.disconnect().waitForCompletion();
            c.close();
          } catch (MqttException e) {
            throw new IllegalStateException("publisher " + id + " failed: " + e, e);
          }
        },
        id);
  }

  /** The baseline subscriber: counts messages and when the first and last came. */
  private static final class Counter extends OnMessage {
    final AtomicLong count = new AtomicLong();
    final AtomicLong first = new AtomicLong();
    final AtomicLong last = new AtomicLong();

    @Override
    public void messageArrived(String topic, MqttMessage message) {
      long t = System.nanoTime();
      if (count.getAndIncrement() == 0) {
        first.set(t);
      }
      last.set(t);
    }
  }
}
