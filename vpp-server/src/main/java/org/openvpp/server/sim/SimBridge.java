package org.openvpp.server.sim;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.openvpp.device.Device;
import org.openvpp.dispatch.Command;
import org.openvpp.dispatch.CommandLedger;
import org.openvpp.mqtt.protocol.BirthCodec;
import org.openvpp.mqtt.protocol.Channel;
import org.openvpp.mqtt.protocol.CommandCodec;
import org.openvpp.mqtt.protocol.StatusCodec;
import org.openvpp.mqtt.protocol.TelemetryEncoder;
import org.openvpp.mqtt.protocol.Topics;
import org.openvpp.sim.fleet.SimFleet;

/**
 * A simulated fleet speaking the device protocol to a broker as a device cloud does: one
 * connection, user name = the cloud's id, every device's topics under {@code vpp/v1/c/{cloud}/…}
 * (so device ids must be {@code cloud:…}).
 *
 * <p>On {@link #connect} it publishes every device's birth and {@code online} status (retained); a
 * device's offline spell is announced as {@code offline}, its end as {@code online} (a cloud speaks
 * for its devices, so there is no per-device last will). Each {@link #step} first hands the fleet
 * the commands that arrived (each acknowledged {@code accepted} at once, as a device that received
 * it; whether it then acts is the simulated device's behaviour, misbehaviour included), then steps
 * the fleet and publishes its telemetry (QoS 0).
 *
 * <p>Threads: the MQTT callback only queues commands; {@link #step} runs on one thread, which owns
 * the fleet.
 */
public final class SimBridge implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(SimBridge.class.getName());

  private final SimFleet fleet;
  private final String cloud;
  private final MqttClient client;
  private final ConcurrentLinkedQueue<Command> inbox = new ConcurrentLinkedQueue<>();
  private final AtomicLong refused = new AtomicLong();
  private long published;
  private long commands;
  private final boolean[] offline;

  private SimBridge(SimFleet fleet, String cloud, MqttClient client) {
    this.fleet = fleet;
    this.cloud = cloud;
    this.client = client;
    this.offline = new boolean[fleet.devices().size()];
  }

  /**
   * Connects as device cloud {@code cloud}, subscribes to its devices' commands and publishes their
   * births.
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
    try {
      MqttClient client = new MqttClient(brokerUri, "sim-" + cloud, new MemoryPersistence());
      SimBridge bridge = new SimBridge(fleet, cloud, client);
      client.setCallback(bridge.callback());
      MqttConnectionOptions o = new MqttConnectionOptions();
      o.setUserName(cloud);
      o.setPassword(password.getBytes(StandardCharsets.UTF_8));
      o.setCleanStart(true);
      o.setAutomaticReconnect(true);
      client.connect(o);
      IMqttToken sub =
          client.subscribe("vpp/v1/c/" + cloud + "/d/+/" + Channel.COMMAND.segment(), 1);
      if (sub.getReasonCodes()[0] >= 0x80) {
        throw new IllegalStateException(
            "broker " + brokerUri + " refused cloud " + cloud + " its command topics");
      }
      for (Device d : fleet.devices()) {
        client.publish(
            Topics.ofCloud(cloud, d.id().value(), Channel.BIRTH), BirthCodec.encode(d), 1, true);
        client.publish(
            Topics.ofCloud(cloud, d.id().value(), Channel.STATUS),
            StatusCodec.encode(true),
            1,
            true);
      }
      return bridge;
    } catch (MqttException e) {
      throw new IllegalStateException(
          "cannot connect the simulator to "
              + brokerUri
              + " as cloud "
              + cloud
              + ": "
              + e.getMessage()
              + " (reason "
              + e.getReasonCode()
              + ")",
          e);
    }
  }

  private MqttCallback callback() {
    return new MqttCallback() {
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
      }

      @Override
      public void disconnected(MqttDisconnectResponse response) {
        LOG.log(Level.WARNING, "simulator disconnected: {0}", response);
      }

      @Override
      public void mqttErrorOccurred(MqttException exception) {}

      @Override
      public void deliveryComplete(IMqttToken token) {}

      @Override
      public void connectComplete(boolean reconnect, String serverUri) {}

      @Override
      public void authPacketArrived(int reasonCode, MqttProperties properties) {}
    };
  }

  /**
   * Delivers waiting commands, steps the fleet by {@code dt} from {@code now}, publishes telemetry.
   */
  public void step(Instant now, Duration dt) {
    Command c;
    while ((c = inbox.poll()) != null) {
      fleet.deliver(c);
      commands++;
      publish(
          Topics.ofCloud(cloud, c.device().value(), Channel.ACK),
          CommandCodec.encodeAck(
              new CommandCodec.Ack(
                  CommandLedger.idOf(c),
                  c.sequence(),
                  CommandLedger.AckStatus.ACCEPTED,
                  Optional.empty())),
          1);
    }
    statuses(now);
    fleet.step(
        now,
        dt,
        t -> {
          publish(
              Topics.ofCloud(cloud, t.device().value(), Channel.TELEMETRY),
              TelemetryEncoder.encode(t),
              0);
          published++;
        });
  }

  /** Says, for each device whose offline spell began or ended, offline or online (retained). */
  private void statuses(Instant now) {
    var devices = fleet.devices();
    for (int g = 0; g < offline.length; g++) {
      boolean off = fleet.isOffline(g, now);
      if (off != offline[g]) {
        offline[g] = off;
        try {
          client.publish(
              Topics.ofCloud(cloud, devices.get(g).id().value(), Channel.STATUS),
              StatusCodec.encode(!off),
              1,
              true);
        } catch (MqttException e) {
          LOG.log(Level.WARNING, "simulator could not publish a status: {0}", e.toString());
        }
      }
    }
  }

  private void publish(String topic, byte[] payload, int qos) {
    try {
      client.publish(topic, payload, qos, false);
    } catch (MqttException e) {
      LOG.log(Level.WARNING, "simulator could not publish on {0}: {1}", topic, e.toString());
    }
  }

  /** Telemetry messages published so far. */
  public long published() {
    return published;
  }

  /** Commands received and handed to the fleet so far. */
  public long commands() {
    return commands;
  }

  /** Messages on the command topics that were not valid commands. */
  public long refused() {
    return refused.get();
  }

  @Override
  public void close() {
    try {
      if (client.isConnected()) {
        client.disconnect(2_000);
      }
      client.close(true);
    } catch (MqttException e) {
      LOG.log(Level.WARNING, "closing the simulator's MQTT client: {0}", e.toString());
    }
  }
}
