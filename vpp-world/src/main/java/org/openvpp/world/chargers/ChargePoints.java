package org.openvpp.world.chargers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.openvpp.device.Device;
import org.openvpp.device.DeviceId;
import org.openvpp.device.EvCharger;
import org.openvpp.dispatch.Command;
import org.openvpp.twin.Telemetry;
import org.openvpp.units.Power;
import org.openvpp.world.chargers.ChargePoint.Limit;
import org.openvpp.world.chargers.ChargePoint.Reading;
import org.openvpp.world.chargers.ChargePoint.Status;
import org.openvpp.world.chargers.ChargePoint.Version;
import org.openvpp.world.cloud.FleetCloud;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated homes' EV chargers as OCPP charge points of a central system, instead of devices of
 * the maker's cloud on the broker: each one its own WebSocket at {@code {base}/ocpp/{device id}},
 * speaking 1.6J or 2.0.1 (chosen per charger), with the sessions the simulation gives it.
 *
 * <p>Design note. The world's lockstep with the service holds over OCPP as it does over the broker:
 * after each step of the fleet, {@link #flush} sends every charger's news and waits for every
 * answer, so everything is in the central system's queue before the world's next clock tick reaches
 * the service; the charging profiles the service sends in its step are counted as commands, and the
 * fleet steps only when they have all come ({@link #arrived}). Per charger and step, in order:
 * connect (a charger in an offline spell drops its connection without a goodbye, and connects again
 * when it ends); boot until accepted (a charger the register does not know yet is answered Pending,
 * and boots again a step later); then the connector's status when it changed, the transaction's
 * start when a car plugs in (1.6 StartTransaction, 2.0.1 TransactionEvent Started followed by
 * NotifyEVChargingNeeds with the driver's departure and the energy wanted) or its end when it
 * leaves, and the meter values of an open transaction (the import register, the power, the car's
 * state of charge; 2.0.1 as TransactionEvent Updated). A start or end that happens while offline is
 * sent after the reconnection (2.0.1 marks it {@code offline}). The register integrates the
 * reported power. A SetChargingProfile becomes a command to the simulated charger (its first
 * period's limit, from its start until its {@code validTo}), so a profile that is not renewed
 * lapses as the command would; ClearChargingProfile lifts it.
 *
 * <p>Threads: {@link #report}, {@link #online}, {@link #flush} and {@link #commands} on the
 * world's; the central system's CALLs on the connections' threads, which only queue commands.
 */
public final class ChargePoints implements FleetCloud.Elsewhere, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ChargePoints.class);
  private static final long TIMEOUT_MS = 10_000;

  /** Which versions the chargers speak. */
  public enum Versions {
    V16,
    V201,
    /** Half and half, by the charger's id. */
    BOTH;

    /** From {@code 1.6}, {@code 2.0.1} or {@code both}. */
    public static Versions parse(String s) {
      return switch (s) {
        case "1.6" -> V16;
        case "2.0.1" -> V201;
        case "both" -> BOTH;
        default ->
            throw new IllegalArgumentException(
                "OCPP versions are 1.6, 2.0.1 or both, was '" + s + "'");
      };
    }

    Version of(DeviceId id) {
      return switch (this) {
        case V16 -> Version.V16;
        case V201 -> Version.V201;
        case BOTH -> Math.floorMod(id.value().hashCode(), 2) == 0 ? Version.V16 : Version.V201;
      };
    }
  }

  /** One simulated charger's side of OCPP. */
  private final class Charger implements OcppClient.Handler {
    final DeviceId id;
    final Version version;
    final Power maxRate;
    final double carKwh;
    Optional<OcppClient> client = Optional.empty();
    boolean offline;
    final List<Instant> drops = new ArrayList<>();
    boolean accepted;
    boolean everAccepted;
    Instant bootDue = Instant.MIN;
    Optional<Telemetry> latest = Optional.empty();
    Optional<Instant> registerAt = Optional.empty();
    double registerWh;
    Optional<Status> sentStatus = Optional.empty();

    /** The open transaction as sent (or queued): 1.6 id once answered, 2.0.1 our own id. */
    boolean inTransaction;

    Optional<String> txId = Optional.empty();
    int seqNo;
    int transactions;
    boolean needsSent;
    final List<Pending> queued = new ArrayList<>();
    long commandSeq;
    volatile Optional<Limit> limit = Optional.empty();

    Charger(DeviceId id, Version version, Power maxRate, double carKwh) {
      this.id = id;
      this.version = version;
      this.maxRate = maxRate;
      this.carKwh = carKwh;
    }

    @Override
    public ObjectNode answer(String action, JsonNode payload) throws OcppClient.Failed {
      Instant now = clockNow;
      switch (action) {
        case "SetChargingProfile" -> {
          Limit l;
          try {
            l = ChargePoint.limitOf(version, payload, now);
          } catch (RuntimeException e) {
            throw new OcppClient.Failed(
                "PropertyConstraintViolation", String.valueOf(e.getMessage()));
          }
          limit = Optional.of(l);
          received(now, Duration.ofNanos(System.nanoTime() - tickNanos));
          inbox.add(
              new Command(
                  id,
                  ++commandSeq,
                  l.limit(),
                  l.from(),
                  l.until().isAfter(l.from()) ? l.until() : l.from().plusSeconds(1)));
          arrived.incrementAndGet();
          return ChargePoint.status("Accepted");
        }
        case "ClearChargingProfile" -> {
          Optional<Limit> was = limit;
          if (was.isEmpty()) {
            return ChargePoint.status("Unknown");
          }
          limit = Optional.empty();
          inbox.add(
              new Command(
                  id,
                  ++commandSeq,
                  maxRate,
                  now,
                  was.get().until().isAfter(now) ? was.get().until() : now.plusSeconds(1)));
          return ChargePoint.status("Accepted");
        }
        case "GetCompositeSchedule" -> {
          Power in =
              limit
                  .filter(l -> l.until().isAfter(now) && !l.from().isAfter(now))
                  .map(Limit::limit)
                  .orElse(maxRate);
          return ChargePoint.composite(version, payload, in, now);
        }
        default -> throw new OcppClient.Failed("NotImplemented", action + " is not simulated");
      }
    }

    @Override
    public void closed(String reason) {
      if (!offline) {
        LOG.debug("charger {}: connection {}", id, reason);
      }
    }
  }

  /** A transaction message waiting to be sent: a start or an end. */
  private record Pending(boolean start, Reading at, boolean offline) {}

  private final HttpClient http;
  private final URI base;
  private final Map<DeviceId, Charger> chargers = new HashMap<>();
  private final ConcurrentLinkedQueue<Command> inbox = new ConcurrentLinkedQueue<>();
  private final AtomicLong arrived = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();
  private final AtomicLong messages = new AtomicLong();
  private volatile Instant clockNow = Instant.EPOCH;
  private volatile long tickNanos = System.nanoTime();
  private final Map<Instant, List<Duration>> fanOut = new java.util.TreeMap<>();
  private final AtomicLong meterValues = new AtomicLong();

  private ChargePoints(URI base, List<Device> devices, Versions versions) {
    this.base = base;
    this.http =
        HttpClient.newBuilder()
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    for (Device d : devices) {
      if (d instanceof EvCharger ev) {
        chargers.put(
            d.id(),
            new Charger(
                d.id(),
                versions.of(d.id()),
                ev.maxRate(),
                ev.vehicle().batteryCapacity().kilowattHours()));
      }
    }
  }

  /**
   * The EV chargers among {@code devices} as charge points of the central system at {@code base}
   * ({@code ws://host:port}); they connect at the first {@link #flush}.
   */
  public static ChargePoints of(URI base, List<Device> devices, Versions versions) {
    if (!base.toString().matches("wss?://[^/\\s]+(:\\d{1,5})?/?")) {
      throw new IllegalArgumentException(
          "the central system's address is ws://host:port (or wss://), was '" + base + "'");
    }
    return new ChargePoints(base, devices, versions);
  }

  @Override
  public void ticking() {
    tickNanos = System.nanoTime();
  }

  private void received(Instant step, Duration sinceTick) {
    synchronized (fanOut) {
      fanOut.computeIfAbsent(step, x -> new ArrayList<>()).add(sinceTick);
    }
  }

  /**
   * For each step of the world's clock in which profiles came, how long after its tick each came
   * (by the wall): the service's step, its dispatch and the profiles' way here.
   */
  public Map<Instant, List<Duration>> profileFanOut() {
    synchronized (fanOut) {
      Map<Instant, List<Duration>> copy = new java.util.TreeMap<>();
      fanOut.forEach((k, v) -> copy.put(k, List.copyOf(v)));
      return copy;
    }
  }

  /** Meter values sent so far (1.6 MeterValues and 2.0.1 TransactionEvent Updated). */
  public long meterValues() {
    return meterValues.get();
  }

  @Override
  public boolean carries(DeviceId device) {
    return chargers.containsKey(device);
  }

  @Override
  public void report(Telemetry t) {
    Charger c = chargers.get(t.device());
    if (c == null) {
      return;
    }
    // the register integrates the power reported since the last report
    c.registerAt.ifPresent(
        from -> {
          double hours = Math.max(0, Duration.between(from, t.at()).toMillis()) / 3_600_000.0;
          c.registerWh += Math.max(0, t.power().watts()) * hours;
        });
    c.registerAt = Optional.of(t.at());
    c.latest = Optional.of(t);
  }

  @Override
  public void online(DeviceId device, boolean online, Instant at) {
    Charger c = chargers.get(device);
    if (c == null) {
      return;
    }
    c.offline = !online;
    if (!online) {
      c.drops.add(at);
      c.client.ifPresent(OcppClient::abort);
      c.client = Optional.empty();
      c.accepted = false;
    }
  }

  @Override
  public long arrived() {
    return arrived.get();
  }

  @Override
  public void commands(Consumer<Command> deliver) {
    for (Command c = inbox.poll(); c != null; c = inbox.poll()) {
      deliver.accept(c);
    }
  }

  /**
   * The version charger {@code id} speaks ({@code 1.6} or {@code 2.0.1}), if it is one of these.
   */
  public Optional<String> version(DeviceId id) {
    return Optional.ofNullable(chargers.get(id)).map(c -> c.version.subprotocol().substring(4));
  }

  /** When charger {@code id} dropped its connection for an offline spell, in order. */
  public List<Instant> drops(DeviceId id) {
    return Optional.ofNullable(chargers.get(id)).map(c -> List.copyOf(c.drops)).orElse(List.of());
  }

  /** Chargers connected now. */
  public int connected() {
    return (int) chargers.values().stream().filter(c -> c.client.isPresent()).count();
  }

  /** Chargers whose boot was accepted on their connection now. */
  public int accepted() {
    return (int) chargers.values().stream().filter(c -> c.accepted).count();
  }

  /** Chargers whose boot was accepted at least once. */
  public int everAccepted() {
    return (int) chargers.values().stream().filter(c -> c.everAccepted).count();
  }

  /** How many chargers there are. */
  public int size() {
    return chargers.size();
  }

  /** CALLs the central system answered with a CALLERROR, or that failed, so far. */
  public long errors() {
    return errors.get();
  }

  /** CALLs sent so far. */
  public long messages() {
    return messages.get();
  }

  /** Transactions started so far, over all chargers. */
  public long transactions() {
    return chargers.values().stream().mapToLong(c -> c.transactions).sum();
  }

  @Override
  public void flush(Instant at) {
    clockNow = at;
    connect();
    List<CompletableFuture<?>> all = new ArrayList<>();
    for (Charger c : chargers.values()) {
      if (c.client.isEmpty()) {
        queueTransaction(c, at, true);
        continue;
      }
      all.add(exchange(c, c.client.get(), at));
    }
    await(all, "the chargers' messages at " + at);
  }

  /** Opens the connections of the chargers that should be online and are not. */
  private void connect() {
    Map<Charger, CompletableFuture<OcppClient>> opening = new HashMap<>();
    for (Charger c : chargers.values()) {
      if (!c.offline && (c.client.isEmpty() || !c.client.get().open())) {
        c.client = Optional.empty();
        c.accepted = false;
        opening.put(
            c,
            OcppClient.connect(
                http, base, c.id.value(), c.version.subprotocol(), Optional.empty(), c));
      }
    }
    await(List.copyOf(opening.values()), "the chargers' connections");
    int failed = 0;
    for (Map.Entry<Charger, CompletableFuture<OcppClient>> e : opening.entrySet()) {
      CompletableFuture<OcppClient> f = e.getValue();
      if (f.isDone() && !f.isCompletedExceptionally()) {
        e.getKey().client = Optional.of(f.join());
        e.getKey().bootDue = Instant.MIN;
      } else {
        failed++;
        f.cancel(true);
      }
    }
    if (failed > 0) {
      LOG.warn("{} of {} chargers could not connect to {}", failed, opening.size(), base);
    }
  }

  /** Queues a start or an end when the car came or left; {@code offline} marks it for 2.0.1. */
  private void queueTransaction(Charger c, Instant at, boolean offline) {
    if (c.latest.isEmpty()) {
      return;
    }
    boolean plugged = c.latest.get().pluggedIn().orElse(false);
    if (plugged != c.inTransaction) {
      c.inTransaction = plugged;
      c.queued.add(new Pending(plugged, reading(c, at), offline));
    }
  }

  private Reading reading(Charger c, Instant at) {
    Telemetry t = c.latest.orElseThrow();
    Optional<Double> soc =
        t.pluggedIn().orElse(false)
            ? Optional.of(Math.min(100, 100 * t.stored().kilowattHours() / c.carKwh))
            : Optional.empty();
    return new Reading(
        t.at().isAfter(at) ? t.at() : at, Math.round(c.registerWh), t.power().watts(), soc);
  }

  /** One charger's exchange for the step, as a chain of CALLs one after the other. */
  private CompletableFuture<?> exchange(Charger c, OcppClient client, Instant at) {
    CompletableFuture<?> chain = CompletableFuture.completedFuture(null);
    if (!c.accepted) {
      if (at.isBefore(c.bootDue)) {
        return chain;
      }
      return call(client, "BootNotification", ChargePoint.boot(c.version))
          .thenAccept(
              a -> {
                String status = a.path("status").asText();
                c.accepted = status.equals("Accepted");
                c.everAccepted |= c.accepted;
                c.bootDue = at.plusSeconds(Math.max(1, a.path("interval").asLong(60)));
                if (c.accepted) {
                  c.sentStatus = Optional.empty();
                }
              });
    }
    if (c.latest.isEmpty()) {
      return chain;
    }
    queueTransaction(c, at, false);
    Telemetry t = c.latest.get();
    Status now =
        !t.pluggedIn().orElse(false)
            ? Status.AVAILABLE
            : t.power().watts() > 50 ? Status.CHARGING : Status.SUSPENDED;
    if (c.sentStatus.isEmpty() || c.sentStatus.get() != now) {
      c.sentStatus = Optional.of(now);
      chain =
          chain.thenCompose(
              x -> call(client, "StatusNotification", ChargePoint.status(c.version, now, at)));
    }
    List<Pending> sending = List.copyOf(c.queued);
    c.queued.clear();
    for (Pending p : sending) {
      chain = chain.thenCompose(x -> transaction(c, client, p, now));
    }
    if (c.inTransaction && sending.stream().noneMatch(p -> !p.start())) {
      Reading r = reading(c, at);
      chain = chain.thenCompose(x -> meter(c, client, r, now));
      Optional<org.openvpp.twin.ChargeNeed> need = t.need();
      if (c.version == Version.V201 && !c.needsSent && need.isPresent()) {
        c.needsSent = true;
        chain =
            chain.thenCompose(
                x ->
                    c.txId.isEmpty()
                        ? CompletableFuture.completedFuture(null)
                        : call(
                            client,
                            "NotifyEVChargingNeeds",
                            ChargePoint.needs201(
                                need.get().energy().kilowattHours(),
                                need.get().readyBy(),
                                c.maxRate)));
      }
    }
    return chain;
  }

  private CompletableFuture<?> transaction(Charger c, OcppClient client, Pending p, Status now) {
    if (c.version == Version.V16) {
      if (p.start()) {
        c.transactions++;
        return call(
                client,
                "StartTransaction",
                ChargePoint.start16(idTag(c), p.at().registerWh(), p.at().at()))
            .thenAccept(
                a -> {
                  c.txId = Optional.of(Integer.toString(a.path("transactionId").asInt()));
                });
      }
      Optional<String> tx = c.txId;
      c.txId = Optional.empty();
      return tx.isEmpty()
          ? CompletableFuture.completedFuture(null)
          : call(
              client,
              "StopTransaction",
              ChargePoint.stop16(Integer.parseInt(tx.get()), p.at().registerWh(), p.at().at()));
    }
    if (p.start()) {
      c.transactions++;
      c.txId = Optional.of(c.id.value() + "-" + c.transactions);
      c.seqNo = 0;
      c.needsSent = false;
      return call(
          client,
          "TransactionEvent",
          ChargePoint.event201(
              "Started",
              "CablePluggedIn",
              c.txId.get(),
              c.seqNo++,
              p.offline(),
              Optional.of(idTag(c)),
              now,
              p.at()));
    }
    Optional<String> tx = c.txId;
    c.txId = Optional.empty();
    return tx.isEmpty()
        ? CompletableFuture.completedFuture(null)
        : call(
            client,
            "TransactionEvent",
            ChargePoint.event201(
                "Ended",
                "EVDeparted",
                tx.get(),
                c.seqNo++,
                p.offline(),
                Optional.empty(),
                now,
                p.at()));
  }

  private CompletableFuture<?> meter(Charger c, OcppClient client, Reading r, Status now) {
    if (c.txId.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    meterValues.incrementAndGet();
    if (c.version == Version.V16) {
      return call(client, "MeterValues", ChargePoint.meter16(Integer.parseInt(c.txId.get()), r));
    }
    return call(
        client,
        "TransactionEvent",
        ChargePoint.event201(
            "Updated",
            "MeterValuePeriodic",
            c.txId.get(),
            c.seqNo++,
            false,
            Optional.empty(),
            now,
            r));
  }

  private static String idTag(Charger c) {
    return "SIM-" + Integer.toHexString(c.id.value().hashCode()).toUpperCase(java.util.Locale.ROOT);
  }

  /** A CALL whose CALLERROR is counted and logged, not thrown: the step goes on. */
  private CompletableFuture<JsonNode> call(OcppClient client, String action, ObjectNode payload) {
    messages.incrementAndGet();
    return client
        .call(action, payload)
        .exceptionally(
            e -> {
              long n = errors.incrementAndGet();
              if (n <= 10) {
                LOG.warn("a simulated charger's {} failed: {}", action, e.getMessage());
              }
              return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
            });
  }

  private static void await(List<? extends CompletableFuture<?>> all, String what) {
    if (all.isEmpty()) {
      return;
    }
    try {
      CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
          .get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      LOG.warn("{}: not all done after {} s; the world goes on", what, TIMEOUT_MS / 1000);
    } catch (ExecutionException e) {
      // a failed connection: counted by the caller
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted waiting for " + what, e);
    }
  }

  @Override
  public void close() {
    for (Charger c : chargers.values()) {
      c.client.ifPresent(OcppClient::close);
      c.client = Optional.empty();
    }
    http.close();
  }
}
