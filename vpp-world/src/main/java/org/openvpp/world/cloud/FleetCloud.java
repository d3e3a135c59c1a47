package org.openvpp.world.cloud;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.openvpp.device.Device;
import org.openvpp.device.DeviceId;
import org.openvpp.dispatch.Command;
import org.openvpp.dispatch.CommandLedger;
import org.openvpp.meter.MeterReading;
import org.openvpp.mqtt.gateway.NoDelaySockets;
import org.openvpp.mqtt.gateway.OnMessage;
import org.openvpp.mqtt.protocol.BirthCodec;
import org.openvpp.mqtt.protocol.Channel;
import org.openvpp.mqtt.protocol.ClockCodec;
import org.openvpp.mqtt.protocol.CommandCodec;
import org.openvpp.mqtt.protocol.MeterReadingCodec;
import org.openvpp.mqtt.protocol.StatusCodec;
import org.openvpp.mqtt.protocol.TelemetryEncoder;
import org.openvpp.mqtt.protocol.Topics;
import org.openvpp.sim.fleet.SimFleet;
import org.openvpp.twin.Telemetry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The world's fleet speaking the device protocol to a broker, in either of two ways:
 *
 * <ul>
 *   <li><b>as a device cloud</b> ({@link #connect}): one connection, user name = the cloud's id,
 *       every device's topics under {@code vpp/v1/c/{cloud}/…} (so device ids must be {@code
 *       cloud:…}); each step's telemetry goes out in batches ({@code vpp/v1/c/{cloud}/telemetry},
 *       up to 1,000 reports a message), the cloud announces its devices' offline spells as their
 *       status, and the site meters' readings go out under its prefix too ({@code
 *       vpp/v1/c/{cloud}/m/{meter}/reading});
 *   <li><b>device by device</b> ({@link #connectDevices}, small fleets): one connection per device
 *       with its own credentials, under {@code vpp/v1/d/{id}/…}, each with a last will saying
 *       {@code offline}; an offline spell drops the connection without a goodbye (so the broker
 *       publishes the will) and the device connects again when it ends.
 * </ul>
 *
 * <p>On connecting, every device publishes its birth and {@code online} status (retained). Each
 * {@link #step} first hands the fleet the commands that arrived (each acknowledged {@code accepted}
 * at once, as a device that received it; whether it then acts is the simulated device's behaviour,
 * misbehaviour included), then steps the fleet and publishes its telemetry (QoS 0).
 *
 * <p><b>The world's clock</b> (a cloud only): {@link #tick} publishes the world's time with how
 * many telemetry and meter messages the cloud has sent so far, and waits for the service's answer,
 * which says how many commands it sent in its step; {@link #step} then waits until they have all
 * arrived before the fleet steps. So the world and the service keep in step over the broker, at any
 * speed, and a run with a seed is the same every time. A tick not answered is sent again every five
 * seconds (the service may be restarting; its persistent session keeps what is sent meanwhile).
 *
 * <p>Threads: MQTT callbacks only queue; everything else on one thread, which owns the fleet.
 */
public final class FleetCloud implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(FleetCloud.class);

  /** The most devices {@link #connectDevices} connects one by one. */
  public static final int MAX_DEVICE_CONNECTIONS = 500;

  private static final long TIMEOUT_MS = 10_000;

  /**
   * Another way some devices speak to the service (the chargers over OCPP): their births, statuses,
   * telemetry and commands go there instead of the broker, and the world's lockstep counts its
   * commands with the broker's.
   */
  public interface Elsewhere {
    /** Whether {@code device} speaks through this way. */
    boolean carries(DeviceId device);

    /** A step's telemetry of a device it carries (also in an offline spell: it still measures). */
    void report(Telemetry t);

    /**
     * A device it carries began ({@code false}) or ended ({@code true}) an offline spell at {@code
     * at}.
     */
    void online(DeviceId device, boolean online, Instant at);

    /** Commands that have arrived through it so far. */
    long arrived();

    /** Hands over the commands that arrived through it since the last call. */
    void commands(java.util.function.Consumer<Command> deliver);

    /** After the fleet stepped to {@code at}: sends what it has and waits until it is taken. */
    void flush(Instant at);

    /** The world's clock is about to tick: the service's step, and its commands, follow. */
    default void ticking() {}
  }

  private final SimFleet fleet;
  private final boolean perDevice;
  private final String[] base; // topic prefix per device, ending in '/'
  private final MqttAsyncClient[] clientOf;
  private final List<MqttAsyncClient> clients = new ArrayList<>();
  private final Map<DeviceId, Integer> index = new HashMap<>();
  private final Map<MqttAsyncClient, MqttConnectionOptions> options = new HashMap<>();
  private final Map<MqttAsyncClient, IMqttToken> last = new HashMap<>();
  private final ConcurrentLinkedQueue<Command> inbox = new ConcurrentLinkedQueue<>();
  private final AtomicLong refused = new AtomicLong();
  private final AtomicLong arrived = new AtomicLong();
  private final boolean[] offline;
  private final boolean[] carried;
  private Optional<Elsewhere> elsewhere = Optional.empty();
  private long published;
  private long messages;
  private long commands;
  private long telemetryMessages;
  private long meterMessages;
  private long expectedCommands;
  private long missed;
  private long tickSequence;
  private String cloud = "";
  private final java.util.concurrent.BlockingQueue<ClockCodec.Ack> acks =
      new java.util.concurrent.LinkedBlockingQueue<>();
  private final List<Telemetry> batch = new ArrayList<>();

  private FleetCloud(SimFleet fleet, boolean perDevice) {
    this.fleet = fleet;
    this.perDevice = perDevice;
    int n = fleet.devices().size();
    this.base = new String[n];
    this.clientOf = new MqttAsyncClient[n];
    this.offline = new boolean[n];
    this.carried = new boolean[n];
    for (int g = 0; g < n; g++) {
      index.put(fleet.devices().get(g).id(), g);
    }
  }

  /**
   * Connects as device cloud {@code cloud}, subscribes to its devices' commands and publishes their
   * births and statuses.
   *
   * @throws IllegalArgumentException when a device's id does not start with {@code cloud:}
   * @throws IllegalStateException when the broker cannot be reached or refuses the credentials
   */
  public static FleetCloud connect(
      SimFleet fleet, String brokerUri, String cloud, String password) {
    return connect(fleet, brokerUri, cloud, password, Optional.empty());
  }

  /**
   * As {@link #connect(SimFleet, String, String, String)}, with the devices {@code elsewhere}
   * carries speaking through it instead.
   */
  public static FleetCloud connect(
      SimFleet fleet,
      String brokerUri,
      String cloud,
      String password,
      Optional<Elsewhere> elsewhere) {
    Objects.requireNonNull(fleet, "fleet");
    for (Device d : fleet.devices()) {
      if (!d.id().value().startsWith(cloud + ":")) {
        throw new IllegalArgumentException(
            "device "
                + d.id()
                + " is not under cloud '"
                + cloud
                + "': build the fleet with ids "
                + cloud
                + ":…");
      }
    }
    FleetCloud bridge = new FleetCloud(fleet, false);
    bridge.cloud = cloud;
    bridge.elsewhere = elsewhere;
    for (int g = 0; g < fleet.devices().size(); g++) {
      DeviceId id = fleet.devices().get(g).id();
      bridge.carried[g] = elsewhere.map(e -> e.carries(id)).orElse(false);
    }
    MqttAsyncClient client =
        bridge.open(
            brokerUri, "sim-" + cloud, cloud, password, Optional.empty(), "as cloud " + cloud);
    bridge.subscribe(client, "vpp/v1/c/" + cloud + "/d/+/" + Channel.COMMAND.segment(), brokerUri);
    bridge.subscribe(client, Topics.clockAck(cloud), brokerUri);
    for (int g = 0; g < fleet.devices().size(); g++) {
      bridge.clientOf[g] = client;
      bridge.base[g] = "vpp/v1/c/" + cloud + "/d/" + fleet.devices().get(g).id().value() + "/";
      bridge.announce(g);
    }
    return bridge;
  }

  /**
   * Connects every device on its own connection, user name = its id, password {@code
   * passwordOf(id)}, with a last will saying {@code offline}; each subscribes to its own commands
   * and publishes its birth and status.
   *
   * @throws IllegalArgumentException for more than {@link #MAX_DEVICE_CONNECTIONS} devices
   * @throws IllegalStateException when the broker cannot be reached or refuses a device
   */
  public static FleetCloud connectDevices(
      SimFleet fleet, String brokerUri, Function<DeviceId, String> passwordOf) {
    int n = fleet.devices().size();
    if (n > MAX_DEVICE_CONNECTIONS) {
      throw new IllegalArgumentException(
          n
              + " devices are too many for one connection each (at most "
              + MAX_DEVICE_CONNECTIONS
              + "); connect them as a device cloud");
    }
    FleetCloud bridge = new FleetCloud(fleet, true);
    try {
      for (int g = 0; g < n; g++) {
        String id = fleet.devices().get(g).id().value();
        MqttAsyncClient client =
            bridge.open(
                brokerUri,
                "sim-" + id,
                id,
                passwordOf.apply(fleet.devices().get(g).id()),
                Optional.of(Topics.of(id, Channel.STATUS)),
                "as device " + id);
        bridge.subscribe(client, Topics.of(id, Channel.COMMAND), brokerUri);
        bridge.clientOf[g] = client;
        bridge.base[g] = "vpp/v1/d/" + id + "/";
        bridge.announce(g);
      }
    } catch (RuntimeException e) {
      bridge.close();
      throw e;
    }
    return bridge;
  }

  private MqttAsyncClient open(
      String uri,
      String clientId,
      String user,
      String password,
      Optional<String> willTopic,
      String as) {
    try {
      MqttAsyncClient client = new MqttAsyncClient(uri, clientId, new MemoryPersistence());
      client.setCallback(callback());
      MqttConnectionOptions o = new MqttConnectionOptions();
      o.setUserName(user);
      o.setPassword(password.getBytes(StandardCharsets.UTF_8));
      o.setCleanStart(true);
      o.setSocketFactory(NoDelaySockets.INSTANCE);
      willTopic.ifPresent(
          topic -> {
            MqttMessage will = new MqttMessage(StatusCodec.encode(false));
            will.setQos(1);
            will.setRetained(true);
            o.setWill(topic, will);
          });
      client.connect(o).waitForCompletion(TIMEOUT_MS);
      clients.add(client);
      options.put(client, o);
      return client;
    } catch (MqttException e) {
      throw new IllegalStateException(
          "cannot connect the simulator to "
              + uri
              + " "
              + as
              + ": "
              + e.getMessage()
              + " (reason "
              + e.getReasonCode()
              + ")",
          e);
    }
  }

  private void subscribe(MqttAsyncClient client, String filter, String uri) {
    try {
      IMqttToken sub = client.subscribe(filter, 1);
      sub.waitForCompletion(TIMEOUT_MS);
      if (sub.getReasonCodes()[0] >= 0x80) {
        throw new IllegalStateException("broker " + uri + " refused the subscription " + filter);
      }
    } catch (MqttException e) {
      throw new IllegalStateException("cannot subscribe to " + filter + " on " + uri + ": " + e, e);
    }
  }

  /** Publishes device {@code g}'s birth and online status (retained). */
  private void announce(int g) {
    if (carried[g]) {
      return;
    }
    publish(g, Channel.BIRTH, BirthCodec.encode(fleet.devices().get(g)), 1, true);
    publish(g, Channel.STATUS, StatusCodec.encode(true), 1, true);
  }

  private MqttCallback callback() {
    return new OnMessage() {
      @Override
      public void messageArrived(String topic, MqttMessage message) {
        if (topic.endsWith("/clock/ack")) {
          ClockCodec.AckResult a = ClockCodec.decodeAck(message.getPayload());
          a.ack().ifPresent(acks::add);
          return;
        }
        Optional<Topics.DeviceTopic> t = Topics.parse(topic);
        if (t.isEmpty() || t.get().channel() != Channel.COMMAND) {
          refused.incrementAndGet();
          return;
        }
        CommandCodec.CommandResult r =
            CommandCodec.decodeCommand(t.get().device(), message.getPayload());
        if (r.command().isEmpty()) {
          refused.incrementAndGet();
          LOG.warn("simulator refused a command on {}: {}", topic, r.problem());
          return;
        }
        inbox.add(r.command().get());
        arrived.incrementAndGet();
      }
    };
  }

  /**
   * Publishes the world's time {@code at} (the next step at {@code next}) with what the cloud has
   * sent so far, and waits for the service's answer; returns how many commands it sent.
   */
  public long tick(Instant at, Instant next) {
    if (perDevice) {
      throw new IllegalStateException("the world's clock goes with a cloud, not per device");
    }
    flush();
    long seq = ++tickSequence;
    elsewhere.ifPresent(Elsewhere::ticking);
    byte[] payload =
        ClockCodec.encodeTick(new ClockCodec.Tick(seq, at, next, telemetryMessages, meterMessages));
    MqttAsyncClient client = clients.get(0);
    long waited = 0;
    while (true) {
      publishRaw(client, Topics.clock(cloud), payload, 1, false);
      flush();
      try {
        ClockCodec.Ack a;
        while ((a = acks.poll(5, TimeUnit.SECONDS)) != null) {
          if (a.sequence() == seq) {
            expectedCommands += a.commands();
            return a.commands();
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted waiting for the service's step at " + at, e);
      }
      waited += 5;
      if (waited % 30 == 0) {
        LOG.warn(
            "the service has not answered the world's tick at {} for {} s; sending it again",
            at,
            waited);
      }
    }
  }

  /**
   * Publishes a meter's readings (QoS 1) under the cloud's prefix: what a utility's head-end or the
   * maker's cloud reports for it.
   */
  public void readings(String meterId, List<MeterReading> readings) {
    if (readings.isEmpty()) {
      return;
    }
    for (int from = 0; from < readings.size(); from += 1_000) {
      List<MeterReading> part = readings.subList(from, Math.min(readings.size(), from + 1_000));
      publishRaw(
          clients.get(0),
          "vpp/v1/c/" + cloud + "/m/" + meterId + "/reading",
          MeterReadingCodec.encode(part),
          1,
          false);
      meterMessages++;
    }
  }

  /** Waits until every command the service said it sent has arrived. */
  private void awaitCommands() {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS);
    while (arrivedAll() < expectedCommands) {
      if (System.nanoTime() > deadline) {
        LOG.warn(
            "{} commands the service sent had not arrived after {} s; the fleet steps without"
                + " them",
            expectedCommands - arrivedAll(),
            TIMEOUT_MS / 1000);
        missed += expectedCommands - arrivedAll();
        expectedCommands = arrivedAll();
        return;
      }
      Thread.onSpinWait();
    }
  }

  private long arrivedAll() {
    return arrived.get() + elsewhere.map(Elsewhere::arrived).orElse(0L);
  }

  /**
   * Delivers waiting commands, steps the fleet by {@code dt} from {@code now}, publishes telemetry.
   */
  public void step(Instant now, Duration dt) {
    if (!perDevice) {
      awaitCommands();
    }
    Command c;
    while ((c = inbox.poll()) != null) {
      Integer g = index.get(c.device());
      if (g == null) {
        refused.incrementAndGet();
        continue;
      }
      fleet.deliver(c);
      commands++;
      publish(
          g,
          Channel.ACK,
          CommandCodec.encodeAck(
              new CommandCodec.Ack(
                  CommandLedger.idOf(c),
                  c.sequence(),
                  CommandLedger.AckStatus.ACCEPTED,
                  Optional.empty())),
          1,
          false);
    }
    elsewhere.ifPresent(
        e ->
            e.commands(
                x -> {
                  fleet.deliver(x);
                  commands++;
                }));
    statuses(now);
    fleet.step(
        now,
        dt,
        t -> {
          Integer g = index.get(t.device());
          if (g != null && carried[g]) {
            elsewhere.orElseThrow().report(t);
          } else if (g != null && !offline[g]) {
            if (perDevice) {
              publish(g, Channel.TELEMETRY, TelemetryEncoder.encode(t), 0, false);
            } else {
              batch.add(t);
              if (batch.size() == 1_000) {
                sendBatch();
              }
            }
            published++;
          }
        });
    sendBatch();
    flush();
    elsewhere.ifPresent(e -> e.flush(now.plus(dt)));
  }

  private void sendBatch() {
    if (batch.isEmpty()) {
      return;
    }
    publishRaw(
        clients.get(0),
        Topics.batchTelemetry(cloud),
        TelemetryEncoder.encodeBatch(batch),
        0,
        false);
    telemetryMessages++;
    batch.clear();
  }

  /**
   * For each device whose offline spell began or ended: a cloud says {@code offline} or {@code
   * online}; a device on its own connection drops it without a goodbye (the broker publishes its
   * last will) or connects again.
   */
  private void statuses(Instant now) {
    for (int g = 0; g < offline.length; g++) {
      boolean off = fleet.isOffline(g, now);
      if (off == offline[g]) {
        continue;
      }
      offline[g] = off;
      if (carried[g]) {
        elsewhere.orElseThrow().online(fleet.devices().get(g).id(), !off, now);
        continue;
      }
      if (!perDevice) {
        publish(g, Channel.STATUS, StatusCodec.encode(!off), 1, true);
        continue;
      }
      MqttAsyncClient client = clientOf[g];
      try {
        if (off) {
          client.disconnectForcibly(0, 0, false);
        } else {
          client.connect(options.get(client)).waitForCompletion(TIMEOUT_MS);
          client.subscribe(base[g] + Channel.COMMAND.segment(), 1).waitForCompletion(TIMEOUT_MS);
          announce(g);
        }
      } catch (MqttException e) {
        LOG.warn("simulated device {} could not change connection: {}", g, e.toString());
      }
    }
  }

  /**
   * Publishes without waiting for each message to be written (the asynchronous client), so a step's
   * telemetry streams out; when the client has as many in flight as it may, it waits for the last
   * one. {@link #flush} waits for everything.
   */
  private void publish(int g, Channel channel, byte[] payload, int qos, boolean retained) {
    publishRaw(clientOf[g], base[g] + channel.segment(), payload, qos, retained);
  }

  private void publishRaw(
      MqttAsyncClient client, String topic, byte[] payload, int qos, boolean retained) {
    if (!client.isConnected()) {
      return;
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS);
    while (true) {
      try {
        IMqttToken token = client.publish(topic, payload, qos, retained);
        last.put(client, token);
        messages++;
        return;
      } catch (MqttException e) {
        int code = e.getReasonCode();
        boolean full =
            code == MqttClientException.REASON_CODE_MAX_INFLIGHT
                || code == MqttClientException.REASON_CODE_NO_MESSAGE_IDS_AVAILABLE;
        if (!full || System.nanoTime() > deadline) {
          LOG.warn("the world could not publish on {}: {}", topic, e.toString());
          return;
        }
        waitFor(client);
      }
    }
  }

  /** Waits until every message published so far has been handed to the broker. */
  private void flush() {
    for (MqttAsyncClient client : clients) {
      waitFor(client);
    }
  }

  private void waitFor(MqttAsyncClient client) {
    IMqttToken token = last.remove(client);
    if (token == null) {
      Thread.onSpinWait();
      return;
    }
    try {
      token.waitForCompletion(TIMEOUT_MS);
    } catch (MqttException e) {
      LOG.warn("simulator publish did not complete: {}", e.toString());
    }
  }

  /** Telemetry reports published so far (on the broker; not those of devices elsewhere). */
  public long published() {
    return published;
  }

  /** Telemetry messages (batches, for a cloud) published so far. */
  public long telemetryMessages() {
    return telemetryMessages;
  }

  /** Meter messages published so far. */
  public long meterMessages() {
    return meterMessages;
  }

  /** Messages of any channel published so far (births, statuses, acknowledgements, telemetry). */
  public long messages() {
    return messages;
  }

  /** Valid commands that have arrived from the broker so far (handed to the fleet or waiting). */
  public long arrived() {
    return arrived.get();
  }

  /**
   * Commands the service said it sent that had not arrived when the fleet stepped without them
   * (after {@value #TIMEOUT_MS} ms).
   */
  public long missedCommands() {
    return missed;
  }

  /** Commands received and handed to the fleet so far. */
  public long commands() {
    return commands;
  }

  /** Messages on the command topics that were not valid commands. */
  public long refused() {
    return refused.get();
  }

  /** Open connections to the broker: one for a cloud, one per device otherwise. */
  public int connections() {
    return clients.size();
  }

  @Override
  public void close() {
    flush();
    for (MqttAsyncClient client : clients) {
      try {
        if (client.isConnected()) {
          client.disconnect(2_000).waitForCompletion(TIMEOUT_MS);
        }
        client.close(true);
      } catch (MqttException e) {
        LOG.warn("closing a simulator MQTT client: {}", e.toString());
      }
    }
  }
}
