package org.openvpp.mqtt.gateway;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
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
import org.openvpp.meter.ReadingVerdict;
import org.openvpp.mqtt.protocol.Channel;
import org.openvpp.mqtt.protocol.ClockCodec;
import org.openvpp.mqtt.protocol.CommandCodec;
import org.openvpp.mqtt.protocol.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's connection to an MQTT broker: it subscribes to every device's telemetry (and every
 * device cloud's) through MQTT 5 shared subscriptions, so several gateway nodes share the stream,
 * and hands the messages to the twins' thread; site meters' readings go to a thread of their own.
 *
 * <p>Design: the MQTT client's callback thread never blocks: it copies each message into a bounded
 * queue and returns. The thread that owns the twins calls {@link #drain} to feed them to a {@link
 * GatewayRouter}, so the twins stay single-threaded, and a burst the twins cannot follow fills the
 * queue and is counted as dropped ({@link #dropped}) instead of stalling the broker connection
 * (telemetry is QoS 0: the next report supersedes a lost one). Meter readings go to the {@link
 * MeterHandler} on the meter thread ({@link MeterPath}), which writes them durably.
 *
 * <p>Acknowledgements are manual. A QoS 1 message is acknowledged to the broker when it is in the
 * gateway's hands: a birth, status or command acknowledgement as soon as it is queued for the twins
 * (as before); a clock tick when its handler has returned; a meter message when its readings are
 * kept and its receipt published. A message the gateway could not queue or handle is not
 * acknowledged, and the broker delivers it again on the next connection. Only messages that came on
 * the present connection are acknowledged: after a reconnection the broker sends again what was not
 * acknowledged, with the same packet ids, and a late acknowledgement of an old copy could otherwise
 * acknowledge a newer message that reused its id.
 *
 * <p>The session is persistent: a fixed client id ({@link Settings#clientId}), clean start off, a
 * session expiry ({@link Settings#sessionExpiry}, a day by default), so the broker keeps the
 * gateway's subscriptions and the QoS 1 messages published while it is away (a restart of the
 * service) and delivers them when it comes back. The client reconnects by itself after a lost
 * connection (1 s, doubling up to 10 s) and subscribes again, in case the broker forgot the session
 * (a broker restart without persistence).
 *
 * <p>Threads: {@link #drain} from the twins' thread; the rest from any thread.
 */
public final class MqttGateway implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(MqttGateway.class);

  /** How long the broker keeps the session of a gateway that is away, unless told otherwise. */
  public static final Duration DEFAULT_SESSION_EXPIRY = Duration.ofDays(1);

  /**
   * QoS 1 messages the broker may leave unacknowledged with the gateway (its MQTT 5 receive
   * maximum), and so also the room of the meter queue.
   */
  public static final int RECEIVE_MAXIMUM = 1_000;

  /** MQTT's largest session expiry, in seconds: the session never expires. */
  private static final long MAX_SESSION_EXPIRY_SECONDS = 0xFFFF_FFFFL;

  private static final long METER_STOP_MILLIS = 10_000;

  /**
   * How to reach the broker.
   *
   * @param brokerUri for example {@code tcp://127.0.0.1:1883}
   * @param clientId this gateway node's MQTT client id: the same at every start, so the node finds
   *     its session again
   * @param user the gateway's user name ({@code vpp-gateway} in the shipped ACLs)
   * @param password its password
   * @param shareGroup the shared-subscription group of all gateway nodes
   * @param queueCapacity messages that may wait for the twins' thread
   * @param sessionExpiry how long the broker keeps the session (subscriptions and QoS 1 messages)
   *     while the gateway is away; zero for a clean session that ends with the connection
   */
  public record Settings(
      String brokerUri,
      String clientId,
      String user,
      String password,
      String shareGroup,
      int queueCapacity,
      Duration sessionExpiry) {
    public Settings {
      Objects.requireNonNull(brokerUri, "brokerUri");
      Objects.requireNonNull(clientId, "clientId");
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(password, "password");
      Objects.requireNonNull(shareGroup, "shareGroup");
      Objects.requireNonNull(sessionExpiry, "sessionExpiry");
      if (queueCapacity < 1) {
        throw new IllegalArgumentException("queueCapacity must be positive, was " + queueCapacity);
      }
      if (sessionExpiry.isNegative() || sessionExpiry.toSeconds() > MAX_SESSION_EXPIRY_SECONDS) {
        throw new IllegalArgumentException(
            "sessionExpiry must be 0 to 4294967295 s (MQTT's limit), was " + sessionExpiry);
      }
    }

    /** Settings whose session lasts {@link #DEFAULT_SESSION_EXPIRY} while the gateway is away. */
    public Settings(
        String brokerUri,
        String clientId,
        String user,
        String password,
        String shareGroup,
        int queueCapacity) {
      this(brokerUri, clientId, user, password, shareGroup, queueCapacity, DEFAULT_SESSION_EXPIRY);
    }

    /** These settings with another session expiry. */
    public Settings withSessionExpiry(Duration expiry) {
      return new Settings(brokerUri, clientId, user, password, shareGroup, queueCapacity, expiry);
    }

    @Override
    public String toString() {
      return "Settings["
          + brokerUri
          + ", client "
          + clientId
          + ", user "
          + user
          + ", session expiry "
          + sessionExpiry
          + "]";
    }
  }

  /**
   * One message for the twins' thread as it came from the broker. {@code retained}: one the broker
   * kept from before the gateway subscribed (a birth or status of an earlier session), not one
   * published since. {@code id}, {@code qos} and {@code connection}: what acknowledging it takes.
   */
  private static final class Incoming {
    final String topic;
    final byte[] payload;
    final boolean retained;
    final int id;
    final int qos;
    final long connection;

    Incoming(String topic, byte[] payload, boolean retained, int id, int qos, long connection) {
      this.topic = topic;
      this.payload = payload;
      this.retained = retained;
      this.id = id;
      this.qos = qos;
      this.connection = connection;
    }
  }

  private final Settings settings;
  private final MqttClient client;
  private final BlockingQueue<Incoming> queue;
  private final Optional<MeterPath> meters;
  private final Clock clock;
  private final AtomicLong received = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong unhandledMeters = new AtomicLong();
  private final AtomicLong subscriptions = new AtomicLong();
  private final AtomicLong retainedFed = new AtomicLong();
  // Which connection a message came on: counted up when one is lost (see the design note).
  private final AtomicLong connection = new AtomicLong();
  private final Map<String, AtomicLong> telemetryByCloud = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> commandsByCloud = new ConcurrentHashMap<>();
  // The twins' thread's last cloud, so counting a cloud's telemetry looks nothing up as a rule.
  private String lastCloud = "";
  private AtomicLong lastCloudCount = new AtomicLong();
  // Resubscribes after a reconnect: the client's callback thread must not block on the client.
  private final java.util.concurrent.ExecutorService resubscriber =
      java.util.concurrent.Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "vpp-gateway-resubscribe");
            t.setDaemon(true);
            return t;
          });

  private MqttGateway(
      Settings settings, MqttClient client, Optional<MeterHandler> meters, Clock clock) {
    this.settings = settings;
    this.client = client;
    this.clock = clock;
    this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
    this.meters =
        meters.map(
            handler ->
                new MeterPath(
                    handler,
                    new MeterPath.Link() {
                      @Override
                      public void publish(String topic, byte[] payload) throws MqttException {
                        publishNoWait(client, topic, payload, 1);
                      }

                      @Override
                      public void acknowledge(int messageId, int qos, long on) {
                        MqttGateway.this.acknowledge(messageId, qos, on);
                      }
                    },
                    RECEIVE_MAXIMUM));
  }

  /**
   * Connects and subscribes to the devices' messages and the clock; meter readings are left to a
   * gateway that takes them ({@link #connect(Settings, MeterHandler, Clock)}).
   *
   * @throws IllegalStateException when the broker cannot be reached or refuses the credentials; the
   *     message says which
   */
  public static MqttGateway connect(Settings settings) {
    return connect(settings, Optional.empty(), Clock.systemUTC());
  }

  /**
   * Connects and subscribes to the devices' messages, the clock, and the site meters' readings,
   * which go to {@code meters} on a thread of their own.
   *
   * @param clock the service's clock: when a meter message was received
   * @throws IllegalStateException when the broker cannot be reached or refuses the credentials; the
   *     message says which
   */
  public static MqttGateway connect(Settings settings, MeterHandler meters, Clock clock) {
    return connect(settings, Optional.of(meters), clock);
  }

  private static MqttGateway connect(
      Settings settings, Optional<MeterHandler> meters, Clock clock) {
    MqttClient client = newClient(settings);
    MqttGateway gateway = new MqttGateway(settings, client, meters, Objects.requireNonNull(clock));
    client.setCallback(gateway.callback());
    client.setManualAcks(true);
    gateway.meters.ifPresent(MeterPath::start);
    try {
      client.connect(options(settings));
      gateway.subscribe();
    } catch (MqttException e) {
      gateway.meters.ifPresent(m -> m.stop(1_000));
      closeQuietly(client);
      throw cannotConnect(settings, e);
    }
    LOG.info("gateway connected to {} as {}", settings.brokerUri(), settings.user());
    return gateway;
  }

  /**
   * Ends the broker's session of the gateway node {@code settings} names (its subscriptions and the
   * messages kept for it): for a node that leaves for good, whose share of the shared subscriptions
   * would otherwise wait for it until the session expires.
   *
   * @throws IllegalStateException when the broker cannot be reached or refuses the credentials
   */
  public static void endSession(Settings settings) {
    MqttClient client = newClient(settings);
    MqttConnectionOptions options = options(settings.withSessionExpiry(Duration.ZERO));
    options.setAutomaticReconnect(false);
    try {
      client.connect(options);
    } catch (MqttException e) {
      closeQuietly(client);
      throw cannotConnect(settings, e);
    }
    closeQuietly(client);
  }

  private static MqttClient newClient(Settings settings) {
    try {
      return new Client(settings.brokerUri(), settings.clientId());
    } catch (MqttException e) {
      throw new IllegalArgumentException(
          "bad broker address " + settings.brokerUri() + ": " + e, e);
    }
  }

  private static MqttConnectionOptions options(Settings settings) {
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setUserName(settings.user());
    options.setPassword(settings.password().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    boolean persistent = !settings.sessionExpiry().isZero();
    options.setCleanStart(!persistent);
    options.setSessionExpiryInterval(settings.sessionExpiry().toSeconds());
    options.setReceiveMaximum(RECEIVE_MAXIMUM);
    options.setAutomaticReconnect(true);
    options.setSocketFactory(NoDelaySockets.INSTANCE);
    options.setConnectionTimeout(10);
    options.setKeepAliveInterval(30);
    options.setAutomaticReconnectDelay(1, 10);
    return options;
  }

  private static IllegalStateException cannotConnect(Settings settings, MqttException e) {
    return new IllegalStateException(
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

  /**
   * Subscribes to every device's and every device cloud's messages (and the meters', with a meter
   * handler). A persistent session keeps its subscriptions, but a broker that restarted without
   * persistence has forgotten them, so this runs on every connection; subscribing again changes
   * nothing else.
   */
  private void subscribe() throws MqttException {
    String group = "$share/" + settings.shareGroup() + "/";
    String telemetry = Channel.TELEMETRY.segment();
    String birth = Channel.BIRTH.segment();
    String status = Channel.STATUS.segment();
    String ack = Channel.ACK.segment();
    // Telemetry, acknowledgements, clock ticks and meter readings are shared among gateway nodes;
    // every node needs every birth and status (retained, QoS 1).
    java.util.List<MqttSubscription> subs =
        new java.util.ArrayList<>(
            java.util.List.of(
                new MqttSubscription(group + "vpp/v1/d/+/" + telemetry, 0),
                new MqttSubscription(group + "vpp/v1/c/+/d/+/" + telemetry, 0),
                new MqttSubscription(group + "vpp/v1/c/+/" + telemetry, 0),
                new MqttSubscription("vpp/v1/d/+/" + birth, 1),
                new MqttSubscription("vpp/v1/c/+/d/+/" + birth, 1),
                new MqttSubscription("vpp/v1/d/+/" + status, 1),
                new MqttSubscription("vpp/v1/c/+/d/+/" + status, 1),
                new MqttSubscription(group + "vpp/v1/d/+/" + ack, 1),
                new MqttSubscription(group + "vpp/v1/c/+/d/+/" + ack, 1),
                new MqttSubscription(group + "vpp/v1/c/+/clock", 1)));
    if (meters.isPresent()) {
      subs.add(new MqttSubscription(group + "vpp/v1/m/+/reading", 1));
      subs.add(new MqttSubscription(group + "vpp/v1/c/+/m/+/reading", 1));
    }
    IMqttToken token = client.subscribe(subs.toArray(new MqttSubscription[0]));
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
        int qos = message.getQos();
        long on = connection.get();
        if (Topics.isMeterReading(topic)) {
          if (meters.isEmpty()) {
            // Left unacknowledged, for a gateway that takes meter readings.
            unhandledMeters.incrementAndGet();
            return;
          }
          MeterPath.Message m =
              new MeterPath.Message(
                  topic, message.getPayload(), clock.instant(), message.getId(), qos, on);
          if (!meters.get().offer(m)) {
            dropped.incrementAndGet();
          }
          return;
        }
        Incoming in =
            new Incoming(
                topic, message.getPayload(), message.isRetained(), message.getId(), qos, on);
        if (!queue.offer(in)) {
          dropped.incrementAndGet();
          if (!in.retained) {
            countTelemetry(topic, false);
          }
          return;
        }
        if (qos > 0 && !Topics.isClock(topic)) {
          acknowledge(in.id, qos, on);
        }
      }

      @Override
      public void disconnected(MqttDisconnectResponse response) {
        // Paho has stopped delivering the lost connection's messages before it says so.
        connection.incrementAndGet();
        LOG.warn("gateway disconnected from {}: {}", settings.brokerUri(), response);
      }

      @Override
      public void mqttErrorOccurred(MqttException e) {
        LOG.warn("gateway MQTT error: {}", e.toString());
      }

      @Override
      public void deliveryComplete(IMqttToken token) {}

      @Override
      public void connectComplete(boolean reconnect, String serverUri) {
        if (reconnect) {
          LOG.info("gateway reconnected to {}; subscribing again", serverUri);
          resubscriber.execute(
              () -> {
                try {
                  subscribe();
                } catch (MqttException | IllegalStateException e) {
                  LOG.error("gateway could not subscribe again: {}", e.toString());
                }
              });
        }
      }

      @Override
      public void authPacketArrived(int reasonCode, MqttProperties properties) {}
    };
  }

  /** Acknowledges a QoS 1 message to the broker, if it came on the present connection. */
  private void acknowledge(int messageId, int qos, long on) {
    if (qos == 0 || on != connection.get()) {
      return;
    }
    try {
      client.messageArrivedComplete(messageId, qos);
    } catch (MqttException e) {
      // The connection is going: the broker delivers the message again on the next one.
      LOG.debug("could not acknowledge message {}: {}", messageId, e.toString());
    }
  }

  /**
   * Feeds waiting messages to {@code ingest} (a {@link GatewayRouter}, or a {@link TelemetryIngest}
   * for telemetry alone), at most {@code max}, waiting up to {@code wait} for the first one when
   * none is waiting.
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

  private void feed(MessageHandler ingest, Incoming m) {
    if (m.retained) {
      retainedFed.incrementAndGet();
    }
    ingest.accept(m.topic, m.payload);
    if (!m.retained) {
      countTelemetry(m.topic, true);
    }
    if (m.qos > 0 && Topics.isClock(m.topic)) {
      acknowledge(m.id, m.qos, m.connection);
    }
  }

  /**
   * Counts a message on a device cloud's telemetry topics ({@code vpp/v1/c/{cloud}/…/telemetry}),
   * valid or not: the cloud counts what it published.
   */
  private void countTelemetry(String topic, boolean onTwinsThread) {
    if (!topic.endsWith("/telemetry")) {
      return;
    }
    long c = Topics.locateCloud(topic);
    if (c < 0) {
      return;
    }
    int from = Topics.cloudStart(c);
    int length = Topics.cloudEnd(c) - from;
    if (onTwinsThread
        && lastCloud.length() == length
        && topic.regionMatches(from, lastCloud, 0, length)) {
      lastCloudCount.incrementAndGet();
      return;
    }
    String cloud = topic.substring(from, from + length);
    AtomicLong count = telemetryByCloud.computeIfAbsent(cloud, k -> new AtomicLong());
    count.incrementAndGet();
    if (onTwinsThread) {
      lastCloud = cloud;
      lastCloudCount = count;
    }
  }

  /**
   * Non-retained telemetry messages of device cloud {@code cloud} (its devices' reports and its
   * batches, valid or not) that the gateway has handed to the twins' thread, or dropped for want of
   * room, since it started. When this reaches the count a simulated world's clock tick says its
   * cloud has sent, none of them is still on its way through this gateway (one node: with several
   * sharing the subscription, each sees its share).
   */
  public long telemetryMessages(String cloud) {
    AtomicLong n = telemetryByCloud.get(cloud);
    return n == null ? 0 : n.get();
  }

  /** Meter messages whose handling has ended (receipt published, acknowledged), all sources. */
  public long meterMessagesHandled() {
    return meters.map(MeterPath::handled).orElse(0L);
  }

  /** Meter messages of {@code cloud} (under {@code vpp/v1/c/{cloud}/m/…}) handled so far. */
  public long meterMessagesHandled(String cloud) {
    return meters.map(m -> m.handled(cloud)).orElse(0L);
  }

  /**
   * Meter messages handled so far with verdict {@code v} for the message as a whole: {@code
   * ACCEPTED} when it was read (whatever became of each reading), else why it was refused whole.
   */
  public long meterMessages(ReadingVerdict v) {
    return meters.map(m -> m.messages(v)).orElse(0L);
  }

  /** Readings of the meter messages handled so far that got verdict {@code v}. */
  public long meterReadings(ReadingVerdict v) {
    return meters.map(m -> m.readings(v)).orElse(0L);
  }

  /** Every reading verdict's count so far. */
  public Map<ReadingVerdict, Long> meterReadingCounts() {
    return meters.map(MeterPath::readingCounts).orElse(Map.of());
  }

  /**
   * Meter messages whose handling failed (the handler threw, or the receipt could not be
   * published): not acknowledged, they come again on the next connection.
   */
  public long meterFailures() {
    return meters.map(MeterPath::failures).orElse(0L);
  }

  /** Commands sent so far to the devices of device cloud {@code cloud}, resends included. */
  public long commandsSent(String cloud) {
    AtomicLong n = commandsByCloud.get(cloud);
    return n == null ? 0 : n.get();
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
      publishNoWait(client, topic, CommandCodec.encode(command), 1);
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
    if (colon > 0) {
      commandsByCloud
          .computeIfAbsent(id.substring(0, colon), k -> new AtomicLong())
          .incrementAndGet();
    }
  }

  /**
   * Answers a simulated world's clock tick, QoS 1, on {@code vpp/v1/c/{cloud}/clock/ack}.
   *
   * @throws IllegalStateException when the client cannot hand it to the broker
   */
  public void publishClockAck(String cloud, ClockCodec.Ack ack) {
    try {
      publishNoWait(client, Topics.clockAck(cloud), ClockCodec.encodeAck(ack), 1);
    } catch (MqttException e) {
      throw new IllegalStateException(
          "cannot answer tick "
              + ack.sequence()
              + " of "
              + cloud
              + " through "
              + settings.brokerUri()
              + ": "
              + e.getMessage(),
          e);
    }
  }

  /**
   * The synchronous client, with its asynchronous one at hand: commands and clock answers are
   * handed to the broker without waiting for each one's PUBACK (QoS 1 still: Paho keeps them in
   * flight, in order on the one connection, and sends them again on a reconnection of the session).
   */
  private static final class Client extends MqttClient {
    Client(String broker, String clientId) throws MqttException {
      super(broker, clientId, new MemoryPersistence());
    }

    org.eclipse.paho.mqttv5.client.MqttAsyncClient async() {
      return aClient;
    }
  }

  /**
   * Publishes without waiting for the broker's acknowledgement, but waiting (up to ten seconds)
   * while the client has as many messages in flight as the broker's receive maximum allows.
   */
  private static void publishNoWait(MqttClient client, String topic, byte[] payload, int qos)
      throws MqttException {
    if (!(client instanceof Client c)) {
      publishWaiting(client, topic, payload, qos, false);
      return;
    }
    whileInflightFull(
        () -> {
          var unused = c.async().publish(topic, payload, qos, false);
        },
        TimeUnit.MICROSECONDS.toNanos(50));
  }

  /**
   * Publishes, waiting (up to ten seconds) while the client has as many messages in flight as the
   * broker's receive maximum allows, instead of failing at once.
   */
  private static void publishWaiting(
      MqttClient client, String topic, byte[] payload, int qos, boolean retained)
      throws MqttException {
    whileInflightFull(
        () -> client.publish(topic, payload, qos, retained), TimeUnit.MILLISECONDS.toNanos(1));
  }

  /** One try at publishing. */
  private interface Attempt {
    void run() throws MqttException;
  }

  /**
   * Tries {@code attempt} until it goes, waiting (up to ten seconds, {@code pauseNanos} between
   * tries) while the client has as many messages in flight as the broker's receive maximum allows.
   */
  private static void whileInflightFull(Attempt attempt, long pauseNanos) throws MqttException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      try {
        attempt.run();
        return;
      } catch (MqttException e) {
        if (e.getReasonCode() != MqttClientException.REASON_CODE_MAX_INFLIGHT
            || System.nanoTime() > deadline) {
          throw e;
        }
        java.util.concurrent.locks.LockSupport.parkNanos(pauseNanos);
      }
    }
  }

  /** Messages received from the broker so far. */
  public long received() {
    return received.get();
  }

  /**
   * Messages dropped for want of room: telemetry because the twins' thread fell behind (QoS 1 ones
   * are left unacknowledged and come again on the next connection).
   */
  public long dropped() {
    return dropped.get();
  }

  /**
   * Meter messages received by a gateway without a meter handler (from a session that had one):
   * left unacknowledged for a gateway that takes them.
   */
  public long unhandledMeterMessages() {
    return unhandledMeters.get();
  }

  public boolean isConnected() {
    return client.isConnected();
  }

  /** How many times the gateway has subscribed: once per connection, the first included. */
  public long subscriptions() {
    return subscriptions.get();
  }

  /**
   * Finishes the meter message in hand and disconnects. The broker keeps the session (unless its
   * expiry is zero): its subscriptions, and the messages not acknowledged or published meanwhile.
   */
  @Override
  public void close() {
    meters.ifPresent(m -> m.stop(METER_STOP_MILLIS));
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
      LOG.warn("closing the gateway's MQTT client: {}", e.toString());
    }
  }
}
