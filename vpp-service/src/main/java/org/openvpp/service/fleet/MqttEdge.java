package org.openvpp.service.fleet;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.openvpp.dispatch.Command;
import org.openvpp.dispatch.CommandLedger;
import org.openvpp.meter.MeterReading;
import org.openvpp.meter.ReadingVerdict;
import org.openvpp.mqtt.gateway.ClockPath;
import org.openvpp.mqtt.gateway.CommandPath;
import org.openvpp.mqtt.gateway.DeviceRegistrar;
import org.openvpp.mqtt.gateway.GatewayRouter;
import org.openvpp.mqtt.gateway.LateTelemetry;
import org.openvpp.mqtt.gateway.MeterHandler;
import org.openvpp.mqtt.gateway.MqttGateway;
import org.openvpp.mqtt.gateway.StatusHandler;
import org.openvpp.mqtt.gateway.TelemetryIngest;
import org.openvpp.mqtt.protocol.ClockCodec;
import org.openvpp.mqtt.protocol.Topics;
import org.openvpp.mqtt.protocol.Verdict;
import org.openvpp.service.clock.ServiceClock;
import org.openvpp.service.clock.Steps;
import org.openvpp.service.clock.WallSteps;
import org.openvpp.service.metering.MeterDesk;
import org.openvpp.twin.Telemetry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's edge on an MQTT broker, by the device protocol (docs/device-protocol.md): devices
 * register by their births and report telemetry into the fleet's twins (late reports kept in the
 * history, not the twins), statuses take them in and out of service, commands go out and are
 * acknowledged, resent and expired through the {@link CommandPath}; site meters' readings reach the
 * {@link MeterDesk} on the gateway's meter thread (acknowledged to the broker only once kept). The
 * gateway's session is persistent, so what was published while the service was down (readings,
 * acknowledgements, the world's clock) comes when it is back.
 *
 * <p><b>Steps.</b> On the wall clock, a step every minute ({@link WallSteps}). When the world is
 * simulated ({@code world} names its device cloud), the steps are the world's clock ticks: each
 * tick waits until every telemetry message and meter reading the world says it sent before it has
 * been handled here (the tick's {@code sent} counts against the gateway's; after a restart the
 * first tick sets the offset), and after the step the service answers with how many commands it
 * sent the world's devices, so the world steps only when they have all arrived.
 *
 * <p>Threads: the gateway's MQTT threads queue; everything else runs on the control loop's thread,
 * which drains the gateway (the meter thread calls the desk, which is thread-safe).
 */
public final class MqttEdge implements Edge {
  private static final Logger LOG = LoggerFactory.getLogger(MqttEdge.class);
  private static final Duration POLL = Duration.ofMillis(20);

  /** How long a tick waits for what the world sent before it, before counting it lost. */
  public static final Duration PATIENCE = Duration.ofSeconds(10);

  /** Where accepted and late reports go to be kept (the telemetry history). */
  public interface History {
    /** A report the twins accepted (called after the twin changed). */
    void accepted(Telemetry report);

    /** A valid report that came late or out of order: kept, not in the twin. */
    void late(Telemetry report);

    History NONE =
        new History() {
          @Override
          public void accepted(Telemetry report) {}

          @Override
          public void late(Telemetry report) {}
        };
  }

  private final MqttGateway gateway;
  private final TelemetryIngest ingest;
  private final CommandPath commands;
  private final DeviceRegistrar registrar;
  private final GatewayRouter router;
  private final DeviceLink link;
  private final Steps steps;
  private final WorldClock worldClock;
  private final Set<String> clouds = ConcurrentHashMap.newKeySet();
  private final Map<String, Long> sentBefore = new HashMap<>();

  private MqttEdge(
      MqttGateway.Settings settings,
      Optional<String> world,
      Fleet fleet,
      MeterDesk meters,
      ServiceClock clock,
      History history,
      Duration wallStep) {
    this.gateway = MqttGateway.connect(settings, meterHandler(meters), clock);
    this.ingest = TelemetryIngest.withDefaults(fleet.twins(), clock, (LateTelemetry) history::late);
    // Every report the twins accept while a telemetry message is routed goes to the history (a
    // batch's each); other changes of a twin (a preference, a mark) are not reports.
    fleet
        .twins()
        .onChange(
            d -> {
              if (routingTelemetry) {
                history.accepted(reportOf(fleet, d));
              }
            });
    this.commands =
        new CommandPath(
            gateway, new CommandLedger(Duration.ofSeconds(90), 2, Duration.ofMinutes(5)), clock);
    this.registrar =
        new DeviceRegistrar(
            fleet.twins(),
            ordinal -> {
              String id = fleet.twins().device(ordinal).id().value();
              int colon = id.indexOf(':');
              if (colon > 0) {
                clouds.add(id.substring(0, colon));
              }
            });
    WorldClock tick = new WorldClock(world.orElse(""));
    this.worldClock = tick;
    this.router =
        new GatewayRouter(
            registrar,
            ingest,
            commands,
            new StatusHandler(fleet.twins()),
            world.isPresent() ? new ClockPath(tick) : (topic, payload) -> Verdict.BAD_TOPIC);
    this.link = new Link();
    this.steps = world.isPresent() ? tick : new WallSteps(clock, wallStep);
    world.ifPresent(clouds::add);
    LOG.info(
        "device gateway on {} ({})",
        settings.brokerUri(),
        world.map(w -> "following the world's clock of cloud " + w).orElse("on the wall clock"));
  }

  private boolean routingTelemetry;

  /** Routes one message; reports the twins accept on the way are told to the history. */
  private Verdict route(String topic, byte[] payload) {
    routingTelemetry = topic.endsWith("/telemetry");
    try {
      return router.accept(topic, payload);
    } finally {
      routingTelemetry = false;
    }
  }

  private static Telemetry reportOf(Fleet fleet, int d) {
    var twins = fleet.twins();
    return new Telemetry(
        twins.device(d).id(),
        Instant.ofEpochMilli(twins.lastSeenMillis(d)),
        twins.sequence(d),
        org.openvpp.units.Power.ofKilowatts(twins.powerKw(d)),
        org.openvpp.units.Energy.ofKilowattHours(twins.storedKwh(d)),
        twins.temperature(d),
        twins.pluggedIn(d),
        twins.chargeNeed(d));
  }

  /**
   * An edge factory for the service: the gateway on {@code settings}; the world's clock of cloud
   * {@code world} when given, else the wall clock's minutes.
   */
  public static Edge.Factory factory(
      MqttGateway.Settings settings, Optional<String> world, History history, Duration wallStep) {
    return (fleet, meters, clock) ->
        new MqttEdge(settings, world, fleet, meters, clock, history, wallStep);
  }

  /**
   * The meter desk behind the gateway's meter path; the messages that queued together are offered
   * as one list, so their readings are kept in one transaction.
   */
  private static MeterHandler meterHandler(MeterDesk desk) {
    return new MeterHandler() {
      @Override
      public Outcome accept(
          Topics.MeterTopic from, List<MeterReading> readings, Instant receivedAt) {
        return acceptAll(List.of(new Batch(from, readings, receivedAt))).get(0);
      }

      @Override
      public List<Outcome> acceptAll(List<Batch> batches) {
        List<MeterReading> all = new ArrayList<>();
        for (Batch b : batches) {
          all.addAll(b.readings());
        }
        List<ReadingVerdict> v = desk.offer(all);
        List<Outcome> outcomes = new ArrayList<>(batches.size());
        int at = 0;
        for (Batch b : batches) {
          List<Refused> refused = new ArrayList<>();
          for (int i = 0; i < b.readings().size(); i++) {
            ReadingVerdict verdict = v.get(at + i);
            if (verdict != ReadingVerdict.ACCEPTED) {
              refused.add(new Refused(i, verdict));
            }
          }
          at += b.readings().size();
          outcomes.add(new Outcome(refused));
        }
        return outcomes;
      }
    };
  }

  @Override
  public DeviceLink link() {
    return link;
  }

  @Override
  public Steps steps() {
    return steps;
  }

  @Override
  public void close() {
    steps.close();
    gateway.close();
  }

  /** The gateway as the control loop's link to the devices. */
  private final class Link implements DeviceLink {
    @Override
    public void drain() {
      int n;
      do {
        n = gateway.drain(MqttEdge.this::route, 10_000, Duration.ZERO);
      } while (n > 0);
    }

    @Override
    public void send(Command command) {
      commands.send(command);
    }

    @Override
    public int tick() {
      return commands.tick();
    }

    @Override
    public Map<String, Long> takeSent() {
      Map<String, Long> out = new HashMap<>();
      for (String cloud : clouds) {
        long now = gateway.commandsSent(cloud);
        long before = sentBefore.getOrDefault(cloud, 0L);
        sentBefore.put(cloud, now);
        if (now > before) {
          out.put(cloud, now - before);
        }
      }
      return out;
    }

    @Override
    public Map<String, Long> telemetry() {
      TelemetryIngest.Summary s = ingest.summary();
      Map<String, Long> out = new HashMap<>();
      out.put("accepted", s.accepted());
      out.put("late", s.late());
      s.refused().forEach((v, n) -> out.put(v.key(), n));
      out.put("lost", worldClock.lost);
      return out;
    }

    @Override
    public String summary() {
      TelemetryIngest.Summary s = ingest.summary();
      return String.format(
          java.util.Locale.ROOT,
          "%,d telemetry reports accepted, %,d kept but late, %,d refused; %d devices registered by"
              + " birth; %,d commands, %,d resent",
          s.accepted(),
          s.late(),
          s.refusedTotal(),
          registrar.registered(),
          commands.ledger().issued(),
          commands.resent());
    }

    @Override
    public void close() {}
  }

  /** The world's clock: the steps are its ticks. See the design note of {@link MqttEdge}. */
  private final class WorldClock implements Steps, org.openvpp.mqtt.gateway.ClockHandler {
    private final String cloud;
    private Optional<ClockCodec.Tick> pending = Optional.empty();
    private Optional<ClockCodec.Tick> current = Optional.empty();
    private boolean first = true;
    private long telemetryOffset;
    private long meterOffset;
    private long lost;
    private volatile boolean closed;

    WorldClock(String cloud) {
      this.cloud = cloud;
    }

    @Override
    public Verdict tick(String from, ClockCodec.Tick tick) {
      if (!from.equals(cloud)) {
        return Verdict.BAD_TOPIC;
      }
      pending = Optional.of(tick);
      return Verdict.ACCEPTED;
    }

    @Override
    public Optional<Step> next() {
      while (pending.isEmpty()) {
        if (closed) {
          return Optional.empty();
        }
        gateway.drain(MqttEdge.this::route, 10_000, POLL);
      }
      ClockCodec.Tick t = pending.get();
      pending = Optional.empty();
      if (first) {
        // after a (re)start: what arrived by now is all there is of what came before
        long quiet = System.nanoTime() + Duration.ofMillis(200).toNanos();
        while (System.nanoTime() < quiet) {
          gateway.drain(MqttEdge.this::route, 10_000, POLL);
        }
        telemetryOffset = Math.max(0, t.telemetrySent() - gateway.telemetryMessages(cloud));
        meterOffset = Math.max(0, t.metersSent() - gateway.meterMessagesHandled(cloud));
        first = false;
      }
      long deadline = System.nanoTime() + PATIENCE.toNanos();
      while (gateway.telemetryMessages(cloud) + telemetryOffset < t.telemetrySent()
          || gateway.meterMessagesHandled(cloud) + meterOffset < t.metersSent()) {
        if (System.nanoTime() > deadline) {
          long missing =
              (t.telemetrySent() - gateway.telemetryMessages(cloud) - telemetryOffset)
                  + Math.max(0, t.metersSent() - gateway.meterMessagesHandled(cloud) - meterOffset);
          lost += Math.max(0, missing);
          LOG.warn(
              "{} messages the world sent before its tick at {} had not come after {} s; counted"
                  + " lost",
              missing,
              t.at(),
              PATIENCE.toSeconds());
          telemetryOffset =
              Math.max(telemetryOffset, t.telemetrySent() - gateway.telemetryMessages(cloud));
          meterOffset = Math.max(meterOffset, t.metersSent() - gateway.meterMessagesHandled(cloud));
          break;
        }
        gateway.drain(MqttEdge.this::route, 10_000, POLL);
      }
      current = Optional.of(t);
      return Optional.of(new Step(t.at(), t.next()));
    }

    @Override
    public void done(Instant at, Map<String, Long> sent) {
      ClockCodec.Tick t = current.orElseThrow();
      gateway.publishClockAck(
          cloud, new ClockCodec.Ack(t.sequence(), at, sent.getOrDefault(cloud, 0L)));
    }

    @Override
    public void close() {
      closed = true;
    }
  }
}
