package org.openvpp.server.run;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.function.IntConsumer;
import org.openvpp.dispatch.Command;
import org.openvpp.dispatch.CommandLedger;
import org.openvpp.mqtt.broker.BrokerAccess;
import org.openvpp.mqtt.gateway.CommandPath;
import org.openvpp.mqtt.gateway.DeviceRegistrar;
import org.openvpp.mqtt.gateway.GatewayRouter;
import org.openvpp.mqtt.gateway.MqttGateway;
import org.openvpp.mqtt.gateway.StatusHandler;
import org.openvpp.mqtt.gateway.TelemetryIngest;
import org.openvpp.mqtt.protocol.Verdict;
import org.openvpp.server.sim.SimBridge;
import org.openvpp.sim.fleet.SimFleet;
import org.openvpp.twin.TwinStore;

/**
 * The fleet as a device cloud on an MQTT broker, the VPP behind its gateway: devices register from
 * their births, report telemetry that the gateway validates into the twins, and take commands sent
 * through the {@link CommandPath} (recorded in a {@link CommandLedger}, acknowledged, retried).
 *
 * <p>Steps stay synchronous by counting: every message the simulated cloud publishes reaches the
 * gateway's one subscription once, so a step waits until the gateway has handled as many messages
 * as the cloud has published, and before the fleet steps, until the cloud has received as many
 * commands as were sent. A message that does not come within {@link #PATIENCE} is counted as lost
 * and logged, and the run goes on (QoS 0 telemetry may be dropped by a broker under pressure).
 *
 * <p>Threads: all calls on the run's thread; MQTT client threads only queue.
 */
public final class MqttLink implements FleetLink {

  private static final System.Logger LOG = System.getLogger(MqttLink.class.getName());

  /** How long a step waits for messages in flight before counting them lost. */
  public static final Duration PATIENCE = Duration.ofSeconds(10);

  private static final Duration POLL = Duration.ofMillis(50);

  /**
   * Opens links to the broker at {@code brokerUri}: the gateway connects as {@link
   * BrokerAccess#GATEWAY_USER}, the fleet as device cloud {@code cloud}.
   */
  public static Opener opener(
      String brokerUri, String gatewayPassword, String cloud, String cloudPassword) {
    Objects.requireNonNull(brokerUri, "brokerUri");
    return new Opener() {
      @Override
      public String idPrefix() {
        return cloud + ":";
      }

      @Override
      public FleetLink open(SimFleet fleet, TwinStore twins, Clock clock) {
        return new MqttLink(fleet, twins, clock, brokerUri, gatewayPassword, cloud, cloudPassword);
      }
    };
  }

  private final SimFleet fleet;
  private final String brokerUri;
  private final MqttGateway gateway;
  private final TelemetryIngest ingest;
  private final CommandPath commands;
  private final DeviceRegistrar registrar;
  private final GatewayRouter router;
  // Where a device that registers goes: set by connect(), before any birth is handled.
  private IntConsumer placed = ordinal -> {};
  private final SimBridge bridge;
  private long handled;
  private long sent;
  private long lostMessages;
  private long lateCommands;

  private MqttLink(
      SimFleet fleet,
      TwinStore twins,
      Clock clock,
      String brokerUri,
      String gatewayPassword,
      String cloud,
      String cloudPassword) {
    this.fleet = fleet;
    this.brokerUri = brokerUri;
    this.gateway =
        MqttGateway.connect(
            new MqttGateway.Settings(
                brokerUri,
                "vpp-gateway-1",
                BrokerAccess.GATEWAY_USER,
                gatewayPassword,
                "vpp-gateway",
                1_000_000));
    this.ingest = TelemetryIngest.withDefaults(twins, clock);
    this.commands =
        new CommandPath(
            gateway, new CommandLedger(Duration.ofSeconds(90), 2, Duration.ofMinutes(5)), clock);
    this.registrar = new DeviceRegistrar(twins, ordinal -> placed.accept(ordinal));
    this.router = new GatewayRouter(registrar, ingest, commands, new StatusHandler(twins));
    // Births and statuses wait in the gateway's queue until connect() takes them.
    try {
      this.bridge = SimBridge.connect(fleet, brokerUri, cloud, cloudPassword);
    } catch (RuntimeException e) {
      gateway.close();
      throw e;
    }
  }

  @Override
  public void connect(Instant at, Duration step, IntConsumer placed) {
    this.placed = placed;
    bridge.step(at.minus(step), step);
    awaitMessages();
    int n = fleet.devices().size();
    if (registrar.registered() < n) {
      throw new IllegalStateException(
          "only "
              + registrar.registered()
              + " of "
              + n
              + " devices registered through "
              + brokerUri
              + " within "
              + PATIENCE.toSeconds()
              + " s; see the log for refused births");
    }
  }

  @Override
  public void send(Command command) {
    commands.send(command);
    sent++;
  }

  @Override
  public void step(Instant now, Duration dt) {
    sent += commands.tick();
    awaitCommands();
    bridge.step(now, dt);
    awaitMessages();
  }

  /** Waits until the cloud has every command sent (they travel at QoS 1). */
  private void awaitCommands() {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (bridge.arrived() < sent) {
      if (System.nanoTime() > deadline) {
        long late = sent - bridge.arrived();
        lateCommands += late;
        LOG.log(
            Level.WARNING,
            "{0} commands had not reached the simulated fleet after {1} s; it steps without them",
            late,
            PATIENCE.toSeconds());
        return;
      }
      Thread.onSpinWait();
      // Acknowledgements of earlier commands may be waiting meanwhile.
      handled += gateway.drain(router, 10_000, Duration.ofMillis(1));
    }
  }

  /**
   * Waits until the gateway has handled every message the cloud published. Messages the broker kept
   * from an earlier session (the retained births of a previous run on an external broker) are
   * handled too but not counted: they are not what this cloud sent, and counting them let a step
   * end before the cloud's own telemetry had arrived.
   */
  private void awaitMessages() {
    long expected = bridge.messages();
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (handled - gateway.retainedFed() < expected) {
      handled += gateway.drain(router, 10_000, POLL);
      if (handled - gateway.retainedFed() < expected && System.nanoTime() > deadline) {
        long lost = expected - (handled - gateway.retainedFed());
        lostMessages += lost;
        LOG.log(
            Level.WARNING,
            "{0} messages published by the simulated fleet had not reached the gateway after {1}"
                + " s; counted as lost",
            lost,
            PATIENCE.toSeconds());
        handled = expected + gateway.retainedFed();
      }
    }
  }

  @Override
  public long accepted() {
    return ingest.count(Verdict.ACCEPTED);
  }

  @Override
  public long rejected() {
    long all = 0;
    for (long c : ingest.counts().values()) {
      all += c;
    }
    return all - accepted();
  }

  /** The command ledger: every command sent and its outcome. */
  public CommandLedger ledger() {
    return commands.ledger();
  }

  @Override
  public String summary() {
    CommandLedger ledger = commands.ledger();
    return String.format(
        Locale.ROOT,
        "MQTT %s: %,d messages from the fleet (%,d lost), %d devices registered by birth; %,d"
            + " commands (%,d late), %,d acknowledged, %,d resent, %,d expired unacknowledged",
        brokerUri,
        bridge.messages(),
        lostMessages,
        registrar.registered(),
        ledger.entries().size(),
        lateCommands,
        ledger.count(CommandLedger.State.ACCEPTED),
        commands.resent(),
        ledger.count(CommandLedger.State.EXPIRED));
  }

  @Override
  public void close() {
    bridge.close();
    gateway.close();
  }
}
