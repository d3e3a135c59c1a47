package org.openvpp.mqtt.broker;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.auth.PublishAuthorizer;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.SubscriptionAuthorizer;
import com.hivemq.extension.sdk.api.auth.parameter.PublishAuthorizerInput;
import com.hivemq.extension.sdk.api.auth.parameter.PublishAuthorizerOutput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.auth.parameter.SubscriptionAuthorizerInput;
import com.hivemq.extension.sdk.api.auth.parameter.SubscriptionAuthorizerOutput;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import com.hivemq.extension.sdk.api.packets.subscribe.SubackReasonCode;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MQTT broker {@code ./vpp up} runs in its own process: HiveMQ Community Edition, embedded,
 * MQTT 5 with shared subscriptions and retained messages, sessions in memory.
 *
 * <p>Chosen after measuring (BENCHMARKS.md, "embedded broker"): Moquette, the other maintained
 * embeddable Java broker served here (0.17), speaks only MQTT 3.1.1, so it cannot take the
 * gateway's shared subscriptions; HiveMQ CE can, and carries 200,000 QoS 0 messages without loss at
 * about a third of Mosquitto's rate on this machine, which is far more than a local fleet sends.
 * Production points the gateway at an external broker (Mosquitto, HiveMQ, EMQX) instead.
 *
 * <p>Identity and access, the same as the Mosquitto configuration of docs/device-protocol.md: every
 * connection must present a user name and password known to {@link Credentials} (others are refused
 * with {@code BAD_USER_NAME_OR_PASSWORD}); every publish and subscription is judged by {@link
 * BrokerAccess} for the user the connection authenticated as, and a refused one is answered {@code
 * NOT_AUTHORIZED} (for QoS 1 publishes and subscriptions), counted and logged. These run in an
 * embedded extension, so no extension folder or jar is needed.
 *
 * <p>Files: a temporary folder holds HiveMQ's configuration (port, in-memory persistence) and is
 * deleted on {@link #close}.
 *
 * <p>Logging: the folder has no {@code logback.xml}, so HiveMQ keeps the application's logging
 * configuration (with one, it resets the logging context and loads its own, and the application's
 * levels and format are lost). HiveMQ then says at warning level that it found none; the
 * application's configuration quiets {@code com.hivemq.bootstrap.LoggingBootstrap}. The error its
 * clean-up job logs when it races the broker's stop is dropped by {@link StopRaceFilter}.
 *
 * <p>Threads: start and close from one thread; HiveMQ runs its own threads; the counters are safe
 * to read from any thread.
 */
public final class EmbeddedBroker implements Broker {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);
  private static final String USER = "openvpp.user";
  private static final long START_SECONDS = 60;

  private final EmbeddedHiveMQ hivemq;
  private final Path dir;
  private final int port;
  private final Credentials credentials;
  private final AtomicLong refusedConnections;
  private final AtomicLong refusedPublishes;
  private final AtomicLong refusedSubscriptions;

  private EmbeddedBroker(
      EmbeddedHiveMQ hivemq, Path dir, int port, Credentials credentials, AtomicLong[] refused) {
    this.hivemq = hivemq;
    this.dir = dir;
    this.port = port;
    this.credentials = credentials;
    this.refusedConnections = refused[0];
    this.refusedPublishes = refused[1];
    this.refusedSubscriptions = refused[2];
  }

  /** Starts a broker on a free port where each user in {@code users} has its password. */
  public static EmbeddedBroker start(Map<String, String> users) throws IOException {
    return start(Credentials.of(users), freePort());
  }

  /** Starts a broker on {@code port} (to restart one where it was). */
  public static EmbeddedBroker start(Map<String, String> users, int port) throws IOException {
    return start(Credentials.of(users), port);
  }

  /**
   * Starts a broker on {@code port} for {@code credentials}.
   *
   * @throws IOException when the port is taken or HiveMQ does not start within a minute
   */
  public static EmbeddedBroker start(Credentials credentials, int port) throws IOException {
    Objects.requireNonNull(credentials, "credentials");
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("port must be in 1..65535, was " + port);
    }
    if (!isFree(port)) {
      throw new IOException(
          "port " + port + " is taken (another MQTT broker?); choose another port");
    }
    StopRaceFilter.install();
    Path dir = Files.createTempDirectory("openvpp-hivemq");
    Path conf = Files.createDirectories(dir.resolve("conf"));
    Files.writeString(conf.resolve("config.xml"), config(port));
    AtomicLong[] refused = {new AtomicLong(), new AtomicLong(), new AtomicLong()};
    EmbeddedHiveMQ hivemq =
        EmbeddedHiveMQ.builder()
            .withConfigurationFolder(conf)
            .withDataFolder(Files.createDirectories(dir.resolve("data")))
            .withExtensionsFolder(Files.createDirectories(dir.resolve("extensions")))
            .withEmbeddedExtension(accessExtension(credentials, refused))
            .build();
    try {
      hivemq.start().get(START_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      closeQuietly(hivemq);
      delete(dir);
      throw new IOException("the embedded MQTT broker did not start on port " + port + ": " + e, e);
    } catch (InterruptedException e) {
      closeQuietly(hivemq);
      delete(dir);
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while starting the embedded MQTT broker", e);
    }
    return new EmbeddedBroker(hivemq, dir, port, credentials, refused);
  }

  /** Starts a broker on {@code preferred} when that port is free, otherwise on any free port. */
  public static EmbeddedBroker startPreferring(Credentials credentials, int preferred)
      throws IOException {
    return start(credentials, isFree(preferred) ? preferred : freePort());
  }

  private static boolean isFree(int port) {
    try (ServerSocket probe = new ServerSocket(port)) {
      probe.setReuseAddress(true);
      return true;
    } catch (IOException taken) {
      return false;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static String config(int port) {
    return """
        <?xml version="1.0"?>
        <hivemq>
          <listeners>
            <tcp-listener>
              <port>%d</port>
              <bind-address>127.0.0.1</bind-address>
            </tcp-listener>
          </listeners>
          <mqtt>
            <queued-messages>
              <max-queue-size>1000000</max-queue-size>
            </queued-messages>
            <receive-maximum>
              <server-receive-maximum>1000</server-receive-maximum>
            </receive-maximum>
          </mqtt>
          <persistence>
            <mode>in-memory</mode>
          </persistence>
          <anonymous-usage-statistics>
            <enabled>false</enabled>
          </anonymous-usage-statistics>
        </hivemq>
        """
        .formatted(port);
  }

  private static EmbeddedExtension accessExtension(Credentials credentials, AtomicLong[] refused) {
    Access access = new Access(credentials, refused);
    return EmbeddedExtension.builder()
        .withId("openvpp-access")
        .withName("OpenVPP device identity and access")
        .withVersion("1")
        .withAuthor("OpenVPP")
        .withPriority(1000)
        .withStartPriority(1000)
        .withExtensionMain(
            new ExtensionMain() {
              @Override
              public void extensionStart(ExtensionStartInput in, ExtensionStartOutput out) {
                Services.securityRegistry().setAuthenticatorProvider(i -> access);
                Services.securityRegistry().setAuthorizerProvider(i -> access);
              }

              @Override
              public void extensionStop(ExtensionStopInput in, ExtensionStopOutput out) {}
            })
        .build();
  }

  /** Authentication by {@link Credentials}, authorisation by {@link BrokerAccess}. */
  private static final class Access
      implements SimpleAuthenticator, PublishAuthorizer, SubscriptionAuthorizer {
    private final Credentials credentials;
    private final AtomicLong connections;
    private final AtomicLong publishes;
    private final AtomicLong subscriptions;

    Access(Credentials credentials, AtomicLong[] refused) {
      this.credentials = credentials;
      this.connections = refused[0];
      this.publishes = refused[1];
      this.subscriptions = refused[2];
    }

    @Override
    public void onConnect(SimpleAuthInput in, SimpleAuthOutput out) {
      String user = in.getConnectPacket().getUserName().orElse("");
      byte[] password = in.getConnectPacket().getPassword().map(Access::bytes).orElse(new byte[0]);
      if (!user.isEmpty() && credentials.check(user, password)) {
        in.getConnectionInformation().getConnectionAttributeStore().putAsString(USER, user);
        out.authenticateSuccessfully();
        return;
      }
      connections.incrementAndGet();
      LOG.warn(
          "broker refused connection of client {} as user '{}': bad user name or password",
          in.getClientInformation().getClientId(),
          user);
      out.failAuthentication(
          ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD, "bad user name or password");
    }

    @Override
    public void authorizePublish(PublishAuthorizerInput in, PublishAuthorizerOutput out) {
      String user =
          userOf(in.getConnectionInformation().getConnectionAttributeStore().getAsString(USER));
      String topic = in.getPublishPacket().getTopic();
      if (BrokerAccess.mayPublish(user, topic)) {
        out.authorizeSuccessfully();
        return;
      }
      publishes.incrementAndGet();
      LOG.warn(
          "broker refused publish by '{}' (client {}) to {}: not under its own identity",
          user,
          in.getClientInformation().getClientId(),
          topic);
      out.failAuthorization(
          AckReasonCode.NOT_AUTHORIZED, "user " + user + " may not publish to " + topic);
    }

    @Override
    public void authorizeSubscribe(
        SubscriptionAuthorizerInput in, SubscriptionAuthorizerOutput out) {
      String user =
          userOf(in.getConnectionInformation().getConnectionAttributeStore().getAsString(USER));
      String filter = in.getSubscription().getTopicFilter();
      if (BrokerAccess.maySubscribe(user, filter)) {
        out.authorizeSuccessfully();
        return;
      }
      subscriptions.incrementAndGet();
      LOG.warn(
          "broker refused subscription by '{}' (client {}) to {}: not under its own identity",
          user,
          in.getClientInformation().getClientId(),
          filter);
      out.failAuthorization(
          SubackReasonCode.NOT_AUTHORIZED, "user " + user + " may not subscribe to " + filter);
    }

    private static String userOf(java.util.Optional<String> stored) {
      return stored.orElse("");
    }

    private static byte[] bytes(ByteBuffer b) {
      ByteBuffer copy = b.asReadOnlyBuffer();
      byte[] out = new byte[copy.remaining()];
      copy.get(out);
      return out;
    }
  }

  @Override
  public int port() {
    return port;
  }

  /** Adds a user (a device enrolled while the broker runs) or changes their password. */
  public void addUser(String user, String password) {
    credentials.put(user, password);
  }

  /** Connections refused for bad credentials so far. */
  public long refusedConnections() {
    return refusedConnections.get();
  }

  /** Publishes refused by the access rules so far. */
  public long refusedPublishes() {
    return refusedPublishes.get();
  }

  /** Subscriptions refused by the access rules so far. */
  public long refusedSubscriptions() {
    return refusedSubscriptions.get();
  }

  @Override
  public void close() throws IOException {
    closeQuietly(hivemq);
    delete(dir);
  }

  private static void closeQuietly(EmbeddedHiveMQ hivemq) {
    try {
      hivemq.stop().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn("the embedded MQTT broker did not stop cleanly: {}", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      hivemq.close();
    } catch (Exception e) {
      LOG.warn("closing the embedded MQTT broker: {}", e.toString());
    }
  }

  private static void delete(Path dir) throws IOException {
    try (var files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
