package org.openvpp.mqtt.gateway;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.openvpp.dispatch.Command;
import org.openvpp.mqtt.protocol.Channel;
import org.openvpp.mqtt.protocol.CommandCodec;
import org.openvpp.mqtt.protocol.Topics;
import org.openvpp.mqtt.protocol.Verdict;

/**
 * The gateway's connection to an MQTT broker: it subscribes to every device's telemetry (and every
 * device cloud's) through an MQTT 5 shared subscription, so several gateway nodes share the stream,
 * and hands the messages to the twins' thread.
 *
 * <p>Design: the MQTT client's callback thread only copies each message into a bounded queue; the
 * thread that owns the twins calls {@link #drain} to feed them to a {@link TelemetryIngest}. So the
 * twins stay single-threaded, and a burst the twins cannot follow fills the queue and is counted as
 * dropped ({@link #dropped}) instead of stalling the broker connection (telemetry is QoS 0: the
 * next report supersedes a lost one).
 *
 * <p>After a lost connection the client reconnects by itself (1 s, doubling up to 10 s) and the
 * gateway subscribes again, since a clean session forgets its subscriptions; reports sent while it
 * was away are lost, as QoS 0 telemetry may be, and the next ones bring the twins up to date.
 *
 * <p>Threads: {@link #drain} from the twins' thread; the rest from any thread.
 */
public final class MqttGateway implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(MqttGateway.class.getName());

  /**
   * How to reach the broker.
   *
   * @param brokerUri for example {@code tcp://127.0.0.1:1883}
   * @param clientId this gateway node's MQTT client id
   * @param user the gateway's user name ({@code vpp-gateway} in the shipped ACLs)
   * @param password its password
   * @param shareGroup the shared-subscription group of all gateway nodes
   * @param queueCapacity messages that may wait for the twins' thread
   */
  public record Settings(
      String brokerUri,
      String clientId,
      String user,
      String password,
      String shareGroup,
      int queueCapacity) {
    public Settings {
      Objects.requireNonNull(brokerUri, "brokerUri");
      Objects.requireNonNull(clientId, "clientId");
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(password, "password");
      Objects.requireNonNull(shareGroup, "shareGroup");
      if (queueCapacity < 1) {
        throw new IllegalArgumentException("queueCapacity must be positive, was " + queueCapacity);
      }
    }

    @Override
    public String toString() {
      return "Settings[" + brokerUri + ", client " + clientId + ", user " + user + "]";
    }
  }

  /**
   * One message as it came from the broker; {@code retained}: one the broker kept from before the
   * gateway subscribed (a birth or status of an earlier session), not one published since.
   */
  private static final class Incoming {
    final String topic;
    final byte[] payload;
    final boolean retained;

    Incoming(String topic, byte[] payload, boolean retained) {
      this.topic = topic;
      this.payload = payload;
      this.retained = retained;
    }
  }

  private final java.util.concurrent.atomic.AtomicLong retainedFed =
      new java.util.concurrent.atomic.AtomicLong();

  private final Settings settings;
  private final MqttClient client;
  private final BlockingQueue<Incoming> queue;
  private final AtomicLong received = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong subscriptions = new AtomicLong();
  // Resubscribes after a reconnect: the client's callback thread must not block on the client.
  private final java.util.concurrent.ExecutorService resubscriber =
      java.util.concurrent.Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "vpp-gateway-resubscribe");
            t.setDaemon(true);
            return t;
          });

  private MqttGateway(Settings settings, MqttClient client) {
    this.settings = settings;
    this.client = client;
    this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
  }

  /**
   * Connects and subscribes.
   *
   * @throws IllegalStateException when the broker cannot be reached or refuses the credentials; the
   *     message says which
   */
  public static MqttGateway connect(Settings settings) {
    MqttClient client;
    try {
      client = new MqttClient(settings.brokerUri(), settings.clientId(), new MemoryPersistence());
    } catch (MqttException e) {
      throw new IllegalArgumentException(
          "bad broker address " + settings.brokerUri() + ": " + e, e);
    }
    MqttGateway gateway = new MqttGateway(settings, client);
    client.setCallback(gateway.callback());
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setUserName(settings.user());
    options.setPassword(settings.password().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    options.setCleanStart(true);
    options.setAutomaticReconnect(true);
    options.setSocketFactory(NoDelaySockets.INSTANCE);
    options.setConnectionTimeout(10);
    options.setKeepAliveInterval(30);
    options.setAutomaticReconnectDelay(1, 10);
    try {
      client.connect(options);
      gateway.subscribe();
    } catch (MqttException e) {
      closeQuietly(client);
      throw new IllegalStateException(
          "cannot connect the gateway to "
              + settings.brokerUri()
              + " as "
              + settings.user()
              + ": "
              + e.getMessage()
              + " (reason "
              + e.getReasonCode()
              + ")",
          e);
    }
    LOG.log(Level.INFO, "gateway connected to {0} as {1}", settings.brokerUri(), settings.user());
    return gateway;
  }

  /**
   * Subscribes to every device's and every device cloud's telemetry. A clean session starts with no
   * subscriptions, so this runs on every connection, the first and each reconnection.
   */
  private void subscribe() throws MqttException {
    String telemetry = Channel.TELEMETRY.segment();
    String birth = Channel.BIRTH.segment();
    String group = "$share/" + settings.shareGroup() + "/";
    // Telemetry is shared among gateway nodes; every node needs every birth (retained, QoS 1).
    IMqttToken token =
        client.subscribe(
            new MqttSubscription[] {
              new MqttSubscription(group + "vpp/v1/d/+/" + telemetry, 0),
              new MqttSubscription(group + "vpp/v1/c/+/d/+/" + telemetry, 0),
              new MqttSubscription("vpp/v1/d/+/" + birth, 1),
              new MqttSubscription("vpp/v1/c/+/d/+/" + birth, 1),
              new MqttSubscription("vpp/v1/d/+/" + Channel.STATUS.segment(), 1),
              new MqttSubscription("vpp/v1/c/+/d/+/" + Channel.STATUS.segment(), 1),
              new MqttSubscription(group + "vpp/v1/d/+/" + Channel.ACK.segment(), 1),
              new MqttSubscription(group + "vpp/v1/c/+/d/+/" + Channel.ACK.segment(), 1)
            });
    for (int code : token.getReasonCodes()) {
      if (code >= 0x80) {
        throw new IllegalStateException(
            "broker "
                + settings.brokerUri()
                + " refused the gateway's subscription (reason "
                + code
                + "): check its ACL for user "
                + settings.user());
      }
    }
    subscriptions.incrementAndGet();
  }

  private MqttCallback callback() {
    return new MqttCallback() {
      @Override
      public void messageArrived(String topic, MqttMessage message) {
        received.incrementAndGet();
        if (!queue.offer(new Incoming(topic, message.getPayload(), message.isRetained()))) {
          dropped.incrementAndGet();
        }
      }

      @Override
      public void disconnected(MqttDisconnectResponse response) {
        LOG.log(
            Level.WARNING, "gateway disconnected from {0}: {1}", settings.brokerUri(), response);
      }

      @Override
      public void mqttErrorOccurred(MqttException e) {
        LOG.log(Level.WARNING, "gateway MQTT error: {0}", e.toString());
      }

      @Override
      public void deliveryComplete(IMqttToken token) {}

      @Override
      public void connectComplete(boolean reconnect, String serverUri) {
        if (reconnect) {
          LOG.log(Level.INFO, "gateway reconnected to {0}; subscribing again", serverUri);
          resubscriber.execute(
              () -> {
                try {
                  subscribe();
                } catch (MqttException | IllegalStateException e) {
                  LOG.log(Level.ERROR, "gateway could not subscribe again: {0}", e.toString());
                }
              });
        }
      }

      @Override
      public void authPacketArrived(int reasonCode, MqttProperties properties) {}
    };
  }

  /**
   * Feeds waiting messages to {@code ingest} (a {@link TelemetryIngest}, or a {@link GatewayRouter}
   * for births too), at most {@code max}, waiting up to {@code wait} for the first one when none is
   * waiting.
   *
   * @return how many were fed
   */
  public int drain(MessageHandler ingest, int max, Duration wait) {
    int n = 0;
    try {
      Incoming first = queue.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
      if (first == null) {
        return 0;
      }
      feed(ingest, first);
      n++;
      Incoming next;
      while (n < max && (next = queue.poll()) != null) {
        feed(ingest, next);
        n++;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return n;
  }

  /**
   * Messages fed so far that the broker had kept from before the gateway subscribed (retained
   * births and statuses, perhaps of an earlier run on the same broker): a caller that counts the
   * messages a publisher sent since subtracts these.
   */
  public long retainedFed() {
    return retainedFed.get();
  }

  private Verdict feed(MessageHandler ingest, Incoming m) {
    if (m.retained) {
      retainedFed.incrementAndGet();
    }
    return ingest.accept(m.topic, m.payload);
  }

  /**
   * Sends a command to its device, QoS 1, on the device's command topic (a device cloud's, for an
   * id of the form {@code cloud:device}).
   *
   * @throws IllegalStateException when the client cannot hand it to the broker
   */
  public void send(Command command) {
    String id = command.device().value();
    int colon = id.indexOf(':');
    String topic =
        colon > 0
            ? Topics.ofCloud(id.substring(0, colon), id, Channel.COMMAND)
            : Topics.of(id, Channel.COMMAND);
    try {
      publishWaiting(client, topic, CommandCodec.encode(command), 1, false);
    } catch (MqttException e) {
      throw new IllegalStateException(
          "cannot send command "
              + command.sequence()
              + " to "
              + id
              + " through "
              + settings.brokerUri()
              + ": "
              + e.getMessage()
              + " (reason "
              + e.getReasonCode()
              + ")",
          e);
    }
  }

  /**
   * Publishes, waiting (up to ten seconds) while the client has as many messages in flight as the
   * broker's receive maximum allows, instead of failing at once.
   */
  private static void publishWaiting(
      MqttClient client, String topic, byte[] payload, int qos, boolean retained)
      throws MqttException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      try {
        client.publish(topic, payload, qos, retained);
        return;
      } catch (MqttException e) {
        if (e.getReasonCode() != MqttClientException.REASON_CODE_MAX_INFLIGHT
            || System.nanoTime() > deadline) {
          throw e;
        }
        java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
      }
    }
  }

  /** Messages received from the broker so far. */
  public long received() {
    return received.get();
  }

  /** Messages dropped because the twins' thread fell behind. */
  public long dropped() {
    return dropped.get();
  }

  public boolean isConnected() {
    return client.isConnected();
  }

  /** How many times the gateway has subscribed: once per connection, the first included. */
  public long subscriptions() {
    return subscriptions.get();
  }

  @Override
  public void close() {
    resubscriber.shutdownNow();
    closeQuietly(client);
  }

  private static void closeQuietly(MqttClient client) {
    try {
      if (client.isConnected()) {
        client.disconnect(2_000);
      }
      client.close(true);
    } catch (MqttException e) {
      LOG.log(Level.WARNING, "closing the gateway's MQTT client: {0}", e.toString());
    }
  }
}
