package org.openvpp.server.sim;

import java.lang.System.Logger.Level;
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
import org.openvpp.mqtt.gateway.NoDelaySockets;
import org.openvpp.mqtt.gateway.OnMessage;
import org.openvpp.mqtt.protocol.BirthCodec;
import org.openvpp.mqtt.protocol.Channel;
import org.openvpp.mqtt.protocol.CommandCodec;
import org.openvpp.mqtt.protocol.StatusCodec;
import org.openvpp.mqtt.protocol.TelemetryEncoder;
import org.openvpp.mqtt.protocol.Topics;
import org.openvpp.sim.fleet.SimFleet;

/**
 * A simulated fleet speaking the device protocol to a broker, in either of two ways:
 *
 * <ul>
 *   <li><b>as a device cloud</b> ({@link #connect}): one connection, user name = the cloud's id,
 *       every device's topics under {@code vpp/v1/c/{cloud}/…} (so device ids must be {@code
 *       cloud:…}); the cloud announces its devices' offline spells as their status;
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
 * <p>Threads: MQTT callbacks only queue commands; {@link #step} runs on one thread, which owns the
 * fleet.
 */
public final class SimBridge implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(SimBridge.class.getName());

  /** The most devices {@link #connectDevices} connects one by one. */
  public static final int MAX_DEVICE_CONNECTIONS = 500;

  private static final long TIMEOUT_MS = 10_000;

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
  private long published;
  private long messages;
  private long commands;

  private SimBridge(SimFleet fleet, boolean perDevice) {
    this.fleet = fleet;
    this.perDevice = perDevice;
    int n = fleet.devices().size();
    this.base = new String[n];
    this.clientOf = new MqttAsyncClient[n];
    this.offline = new boolean[n];
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
  public static SimBridge connect(SimFleet fleet, String brokerUri, String cloud, String password) {
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
    SimBridge bridge = new SimBridge(fleet, false);
    MqttAsyncClient client =
        bridge.open(
            brokerUri, "sim-" + cloud, cloud, password, Optional.empty(), "as cloud " + cloud);
    bridge.subscribe(client, "vpp/v1/c/" + cloud + "/d/+/" + Channel.COMMAND.segment(), brokerUri);
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
  public static SimBridge connectDevices(
      SimFleet fleet, String brokerUri, Function<DeviceId, String> passwordOf) {
    int n = fleet.devices().size();
    if (n > MAX_DEVICE_CONNECTIONS) {
      throw new IllegalArgumentException(
          n
              + " devices are too many for one connection each (at most "
              + MAX_DEVICE_CONNECTIONS
              + "); connect them as a device cloud");
    }
    SimBridge bridge = new SimBridge(fleet, true);
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
    publish(g, Channel.BIRTH, BirthCodec.encode(fleet.devices().get(g)), 1, true);
    publish(g, Channel.STATUS, StatusCodec.encode(true), 1, true);
  }

  private MqttCallback callback() {
    return new OnMessage() {
      @Override
      public void messageArrived(String topic, MqttMessage message) {
        Optional<Topics.DeviceTopic> t = Topics.parse(topic);
        if (t.isEmpty() || t.get().channel() != Channel.COMMAND) {
          refused.incrementAndGet();
          return;
        }
        CommandCodec.CommandResult r =
            CommandCodec.decodeCommand(t.get().device(), message.getPayload());
        if (r.command().isEmpty()) {
          refused.incrementAndGet();
          LOG.log(Level.WARNING, "simulator refused a command on {0}: {1}", topic, r.problem());
          return;
        }
        inbox.add(r.command().get());
        arrived.incrementAndGet();
      }
    };
  }

  /**
   * Delivers waiting commands, steps the fleet by {@code dt} from {@code now}, publishes telemetry.
   */
  public void step(Instant now, Duration dt) {
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
    statuses(now);
    fleet.step(
        now,
        dt,
        t -> {
          Integer g = index.get(t.device());
          if (g != null && !offline[g]) {
            publish(g, Channel.TELEMETRY, TelemetryEncoder.encode(t), 0, false);
            published++;
          }
        });
    flush();
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
        LOG.log(
            Level.WARNING,
            "simulated device {0} could not change connection: {1}",
            g,
            e.toString());
      }
    }
  }

  /**
   * Publishes without waiting for each message to be written (the asynchronous client), so a step's
   * telemetry streams out; when the client has as many in flight as it may, it waits for the last
   * one. {@link #flush} waits for everything.
   */
  private void publish(int g, Channel channel, byte[] payload, int qos, boolean retained) {
    MqttAsyncClient client = clientOf[g];
    if (!client.isConnected()) {
      return;
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS);
    while (true) {
      try {
        IMqttToken token = client.publish(base[g] + channel.segment(), payload, qos, retained);
        last.put(client, token);
        messages++;
        return;
      } catch (MqttException e) {
        int code = e.getReasonCode();
        boolean full =
            code == MqttClientException.REASON_CODE_MAX_INFLIGHT
                || code == MqttClientException.REASON_CODE_NO_MESSAGE_IDS_AVAILABLE;
        if (!full || System.nanoTime() > deadline) {
          LOG.log(
              Level.WARNING, "simulator could not publish for device {0}: {1}", g, e.toString());
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
      LOG.log(Level.WARNING, "simulator publish did not complete: {0}", e.toString());
    }
  }

  /** Telemetry messages published so far. */
  public long published() {
    return published;
  }

  /** Messages of any channel published so far (births, statuses, acknowledgements, telemetry). */
  public long messages() {
    return messages;
  }

  /** Valid commands that have arrived from the broker so far (handed to the fleet or waiting). */
  public long arrived() {
    return arrived.get();
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
        LOG.log(Level.WARNING, "closing a simulator MQTT client: {0}", e.toString());
      }
    }
  }
}
