package org.openvpp.service.chargers;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.openvpp.device.Device;
import org.openvpp.device.DeviceId;
import org.openvpp.device.EvCharger;
import org.openvpp.ocpp.charger.ConnectorRef;
import org.openvpp.ocpp.charging.ChargingNeeds;
import org.openvpp.ocpp.metering.Sample;
import org.openvpp.ocpp.transaction.Transaction;
import org.openvpp.program.SiteDevice;
import org.openvpp.service.fleet.MqttEdge;
import org.openvpp.twin.ChargeNeed;
import org.openvpp.twin.Telemetry;
import org.openvpp.twin.TwinStore;
import org.openvpp.units.Energy;
import org.openvpp.units.Power;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chargers connected over OCPP as the twins see them: what each charger told the central system
 * (statuses, transactions, meter samples, its EV's needs), folded into the twin of the EV charger
 * of the register whose id is its identity, and each report kept in the telemetry history.
 *
 * <p>Design note. A charger's twin is registered the first time it sends news, if the register has
 * it as an EV charger: its rate is the register's capacity, its car an assumed one ({@link
 * OcppSettings#vehicleCapacity}), since OCPP says nothing of the car; a twin that already exists (a
 * device that also spoke MQTT) is used as it is. What the twin is told:
 *
 * <ul>
 *   <li><b>power</b>: the last whole-charger {@code Power.Active.Import} sample; without one, the
 *       rise of the import register between two samples over the time between them; zero when the
 *       transaction ends or the connector becomes Available;
 *   <li><b>stored</b>: the EV's {@code SoC} sample times the assumed car's capacity, else zero;
 *   <li><b>plugged in</b>: a transaction is open, or a connector's status says a car is there;
 *   <li><b>need</b>: with the EV's 2.0.1 charging needs for the open transaction, the energy it
 *       asked for less what the register rose since, by its departure time (or the customer's
 *       ready-by time when it gave none); without needs, with a state of charge and the customer's
 *       ready-by time, what fills the assumed car by then; otherwise none, and the dispatcher
 *       leaves the car to charge as it would (docs/device-protocol.md says the same of MQTT
 *       chargers);
 *   <li><b>connected</b>: the WebSocket is open and not every connector is Unavailable or Faulted.
 * </ul>
 *
 * Reports are stamped with the service's clock when they arrive (a charger's own clock is not
 * trusted for the twin's staleness). An open connection is the charger's liveness: a connected
 * charger's twin is reported again with its last state once a minute ({@link #report}), so it does
 * not go stale between meter values that come every 15 minutes; those repeats are not kept in the
 * history.
 *
 * <p>Threads: the control loop's only (the twins are single-threaded).
 */
final class ChargerTwins {
  private static final Logger LOG = LoggerFactory.getLogger(ChargerTwins.class);
  private static final Duration KEEP_ALIVE = Duration.ofMinutes(1);

  /** Statuses of a connector with a car at it (1.6 and 2.0.1). */
  private static final Set<String> PLUGGED =
      Set.of("Preparing", "Charging", "SuspendedEV", "SuspendedEVSE", "Finishing", "Occupied");

  private static final Set<String> OUT_OF_SERVICE = Set.of("Unavailable", "Faulted");

  /** One charger's state as the central system told it. */
  private static final class Charger {
    final String identity;
    int ordinal = -1;
    boolean connected;
    final Map<ConnectorRef, String> statuses = new HashMap<>();
    Optional<Transaction> tx = Optional.empty();
    double powerKw;
    double registerWh = Double.NaN;
    Instant registerAt = Instant.MIN;
    double socPercent = Double.NaN;
    Optional<ChargingNeeds> needs = Optional.empty();
    double registerAtNeedsWh = Double.NaN;
    Instant applied = Instant.MIN;
    boolean dirty;

    Charger(String identity) {
      this.identity = identity;
    }

    boolean plugged() {
      return tx.isPresent() || statuses.values().stream().anyMatch(PLUGGED::contains);
    }

    boolean inService() {
      if (statuses.isEmpty()) {
        return true;
      }
      String whole = statuses.get(new ConnectorRef(0, 0));
      if (whole != null && OUT_OF_SERVICE.contains(whole)) {
        return false;
      }
      return statuses.entrySet().stream()
              .anyMatch(e -> e.getKey().evseId() > 0 && !OUT_OF_SERVICE.contains(e.getValue()))
          || statuses.keySet().stream().noneMatch(k -> k.evseId() > 0);
    }
  }

  private final TwinStore twins;
  private final RegisterAdmission register;
  private final MqttEdge.History history;
  private final OcppSettings settings;
  private final ZoneId zone;
  private final Predicate<String> connected;
  private final Map<String, Charger> chargers = new HashMap<>();
  private long reports;
  private long ignored;

  /**
   * @param connected whether the charger {@code identity} has an open connection now
   */
  ChargerTwins(
      TwinStore twins,
      RegisterAdmission register,
      MqttEdge.History history,
      OcppSettings settings,
      ZoneId zone,
      Predicate<String> connected) {
    this.twins = twins;
    this.register = register;
    this.history = history;
    this.settings = settings;
    this.zone = zone;
    this.connected = connected;
  }

  /** Whether {@code device} is a charger that spoke OCPP to this service. */
  boolean knows(DeviceId device) {
    Charger c = chargers.get(device.value());
    return c != null && c.ordinal >= 0;
  }

  /** The open transaction of charger {@code identity}, if it has one. */
  Optional<Transaction> openTransaction(String identity) {
    Charger c = chargers.get(identity);
    return c == null ? Optional.empty() : c.tx;
  }

  /** Reports folded into twins so far. */
  long reports() {
    return reports;
  }

  /** News of chargers that are not EV chargers of the register, dropped. */
  long ignored() {
    return ignored;
  }

  /**
   * Folds one piece of news into its charger's state; {@link #report} tells the twins what changed.
   */
  void apply(Arrival a) {
    Charger c = chargers.computeIfAbsent(a.identity(), Charger::new);
    if (!ensureTwin(c)) {
      ignored++;
      return;
    }
    switch (a) {
      case Arrival.Connection x -> {
        c.connected = connected.test(c.identity);
        markConnected(c);
        return;
      }
      case Arrival.Statuses s -> {
        c.statuses.clear();
        s.connectors().forEach((ref, st) -> c.statuses.put(ref, st.status()));
        if (c.tx.isEmpty() && !c.plugged()) {
          c.powerKw = 0;
        }
        markConnected(c);
      }
      case Arrival.Meter m -> meter(c, m.report().samples());
      case Arrival.Tx t -> transaction(c, t.transaction());
      case Arrival.Needs n -> {
        c.needs = Optional.of(n.needs());
        c.registerAtNeedsWh = c.registerWh;
      }
    }
    c.dirty = true;
  }

  /**
   * Reports each charger whose state changed since the last call to its twin and the history (one
   * report per charger: the history keeps one per device and instant), and each connected charger's
   * last state again when its twin was last told a minute ago.
   */
  void report(Instant now) {
    for (Charger c : chargers.values()) {
      if (c.ordinal < 0) {
        continue;
      }
      if (c.dirty) {
        c.dirty = false;
        report(c, now, true);
      } else if (c.connected && !now.isBefore(c.applied.plus(KEEP_ALIVE))) {
        report(c, now, false);
      }
    }
  }

  private boolean ensureTwin(Charger c) {
    if (c.ordinal >= 0) {
      return true;
    }
    Optional<SiteDevice> known = register.charger(c.identity);
    if (known.isEmpty()) {
      return false;
    }
    SiteDevice d = known.get();
    Optional<Integer> existing = twins.ordinalOf(d.id());
    if (existing.isPresent()) {
      Device twin = twins.device(existing.get());
      if (!(twin instanceof EvCharger)) {
        LOG.warn(
            "charger {} is registered as a {} by its birth; its OCPP news is dropped",
            c.identity,
            twin.kind());
        return false;
      }
      c.ordinal = existing.get();
    } else {
      c.ordinal =
          twins.register(
              new EvCharger(d.id(), d.capacity(), false, settings.vehicle(d.capacity())));
      LOG.info("charger {} (site {}) has a twin, over OCPP", c.identity, d.siteId());
    }
    c.connected = connected.test(c.identity);
    return true;
  }

  private void markConnected(Charger c) {
    twins.setConnected(c.ordinal, c.connected && c.inService());
  }

  private void meter(Charger c, java.util.List<Sample> samples) {
    boolean powerSampled = false;
    for (Sample s : samples) {
      boolean whole = s.phase().isEmpty();
      if (whole && s.measurand().equals(Sample.POWER_IMPORT) && s.power().isPresent()) {
        c.powerKw = s.power().get().kilowatts();
        powerSampled = true;
      } else if (s.isImportRegister()) {
        double wh = s.value();
        if (!powerSampled
            && !Double.isNaN(c.registerWh)
            && s.timestamp().isAfter(c.registerAt)
            && wh >= c.registerWh) {
          double hours = Duration.between(c.registerAt, s.timestamp()).toMillis() / 3_600_000.0;
          c.powerKw = (wh - c.registerWh) / 1_000 / hours;
        }
        if (Double.isNaN(c.registerWh) || !s.timestamp().isBefore(c.registerAt)) {
          c.registerWh = wh;
          c.registerAt = s.timestamp();
        }
      } else if (s.measurand().equals(Sample.STATE_OF_CHARGE)
          && s.value() >= 0
          && s.value() <= 100) {
        c.socPercent = s.value();
      }
    }
  }

  private void transaction(Charger c, Transaction t) {
    if (t.open()) {
      if (c.tx.isEmpty() || !c.tx.get().id().equals(t.id())) {
        c.needs = Optional.empty();
      }
      c.tx = Optional.of(t);
      t.meterLast()
          .ifPresent(
              e -> {
                if (Double.isNaN(c.registerWh)) {
                  c.registerWh = e.wattHours();
                  c.registerAt = t.started();
                }
              });
    } else if (c.tx.isPresent() && c.tx.get().id().equals(t.id())) {
      c.tx = Optional.empty();
      c.needs = Optional.empty();
      c.powerKw = 0;
      c.socPercent = Double.NaN;
    }
  }

  private void report(Charger c, Instant now, boolean keep) {
    int d = c.ordinal;
    long sequence = twins.sequence(d) == Long.MIN_VALUE ? 1 : twins.sequence(d) + 1;
    double capacityKwh = twins.capacityKwh(d);
    Telemetry t =
        new Telemetry(
            twins.device(d).id(),
            now,
            sequence,
            Power.ofKilowatts(c.powerKw),
            Energy.ofKilowattHours(
                Double.isNaN(c.socPercent) ? 0 : c.socPercent / 100 * capacityKwh),
            Optional.empty(),
            Optional.of(c.plugged()),
            need(c, d, now, capacityKwh));
    if (twins.apply(t) == TwinStore.Outcome.ACCEPTED) {
      c.applied = now;
      markConnected(c);
      if (keep) {
        reports++;
        history.accepted(t);
      }
    }
  }

  private Optional<ChargeNeed> need(Charger c, int d, Instant now, double capacityKwh) {
    if (!c.plugged()) {
      return Optional.empty();
    }
    Optional<Instant> customer = twins.readyBy(d).map(t -> next(t, now));
    if (c.needs.isPresent()
        && c.tx.isPresent()
        && c.needs.get().transactionId().equals(c.tx.get().id())) {
      ChargingNeeds n = c.needs.get();
      Optional<Instant> by = n.departure().or(() -> customer);
      if (n.energy().isPresent() && by.isPresent()) {
        double since =
            Double.isNaN(c.registerAtNeedsWh) || Double.isNaN(c.registerWh)
                ? 0
                : Math.max(0, c.registerWh - c.registerAtNeedsWh);
        double left = Math.max(0, n.energy().get().wattHours() - since);
        return Optional.of(new ChargeNeed(Energy.ofWattHours(left), by.get()));
      }
    }
    if (!Double.isNaN(c.socPercent) && customer.isPresent()) {
      double left = Math.max(0, (100 - c.socPercent) / 100 * capacityKwh);
      return Optional.of(new ChargeNeed(Energy.ofKilowattHours(left), customer.get()));
    }
    return Optional.empty();
  }

  /** The next {@code time} of day at or after {@code now}, in the service's zone. */
  private Instant next(LocalTime time, Instant now) {
    ZonedDateTime today = now.atZone(zone).with(time);
    return today.toInstant().isBefore(now) ? today.plusDays(1).toInstant() : today.toInstant();
  }
}
