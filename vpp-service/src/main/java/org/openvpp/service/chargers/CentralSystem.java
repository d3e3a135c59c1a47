package org.openvpp.service.chargers;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.openvpp.dispatch.Command;
import org.openvpp.ocpp.charger.LifeCycle;
import org.openvpp.ocpp.charging.LimitProfile;
import org.openvpp.ocpp.charging.ProfileTracker;
import org.openvpp.ocpp.charging.Purpose;
import org.openvpp.ocpp.charging.SmartCharging;
import org.openvpp.ocpp.credentials.PasswordHash;
import org.openvpp.ocpp.metering.MeterListener;
import org.openvpp.ocpp.metering.MeterReport;
import org.openvpp.ocpp.rpc.Answer;
import org.openvpp.ocpp.rpc.Call;
import org.openvpp.ocpp.rpc.Schemas;
import org.openvpp.ocpp.server.CallHandler;
import org.openvpp.ocpp.server.ChargerSession;
import org.openvpp.ocpp.server.OcppConfig;
import org.openvpp.ocpp.server.OcppServer;
import org.openvpp.ocpp.server.SecurityProfile;
import org.openvpp.ocpp.server.TlsKeystore;
import org.openvpp.ocpp.transaction.Transaction;
import org.openvpp.ocpp.transaction.Transactions;
import org.openvpp.service.clock.ServiceClock;
import org.openvpp.service.clock.Steps;
import org.openvpp.service.fleet.DeviceLink;
import org.openvpp.service.fleet.Edge;
import org.openvpp.service.fleet.Fleet;
import org.openvpp.service.fleet.MqttEdge;
import org.openvpp.service.metering.MeterDesk;
import org.openvpp.service.register.Register;
import org.openvpp.service.state.ServiceState;
import org.openvpp.units.Power;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's OCPP central system beside another edge (the device protocol's): chargers connect
 * over OCPP 1.6J or 2.0.1 as EV chargers of the register, everything else goes on through the other
 * edge as before.
 *
 * <p>Design note. Composition, not a second loop: the OCPP server (vpp-ocpp) answers chargers on
 * its connections' threads and hands what matters to the twins ({@link Arrival}s) through a queue,
 * which the control loop empties when it drains the link, before the other edge's news; the twins
 * stay single-threaded ({@link ChargerTwins}). The handlers run {@code LifeCycle → SmartCharging →
 * Transactions}, with the register deciding admission ({@link RegisterAdmission}), the passwords
 * ({@link StoredCredentials}) and the open transactions and 1.6 ids ({@link StoredTransactions})
 * kept in the service's documents, so a restart keeps them. The link routes each command: one for a
 * charger that spoke OCPP to this service becomes a charging profile of one constant limit (the
 * setpoint, never below zero: OCPP profiles do not discharge) from the command's issue until its
 * expiry ({@code validTo}), so a charger whose VPP goes silent falls back to its own default when
 * the command would have expired; a TxProfile on the open transaction's EVSE when there is one,
 * else a TxDefaultProfile for the whole charger. Profile ids are fixed per EVSE, so each replaces
 * the last. A {@link ProfileTracker} follows each (accepted, rejected, timed out, closed), counted
 * in the link's summary as the MQTT path counts its acknowledgements; there are no resends (the
 * dispatcher sends fresh setpoints). Profiles sent are counted by the device cloud their charger's
 * id names (before a {@code :}), as the MQTT edge counts commands, so a simulated world whose
 * chargers speak OCPP waits for them before it steps. A command for a charger that is not connected
 * now is counted as undelivered and dropped; every other command goes to the other edge.
 *
 * <p>Threads: {@link #link} and {@link #steps} as the other edge's (the control loop's); the
 * server's threads queue and read the register and the documents, which are thread-safe.
 */
public final class CentralSystem implements Edge {
  private static final Logger LOG = LoggerFactory.getLogger(CentralSystem.class);

  /** How often an accepted charger sends a Heartbeat. */
  static final Duration HEARTBEAT = Duration.ofMinutes(5);

  /** How long a pending or rejected charger waits before it boots again. */
  static final Duration RETRY = Duration.ofMinutes(1);

  /** How far ahead a profile's validTo may be: commands live minutes, never this long. */
  static final Duration MAX_VALIDITY = Duration.ofHours(1);

  /** The id of the TxDefaultProfile the VPP sets; a TxProfile's is this plus its EVSE. */
  static final int PROFILE_ID = 9_000;

  /** The stack level of the VPP's profiles: above a charger's own defaults at level 0. */
  static final int STACK_LEVEL = 5;

  /** Makes the edge, and keeps it for who started it (to print its port, say). */
  public static final class Factory implements Edge.RegisterFactory {
    private final Edge.Factory inner;
    private final OcppSettings settings;
    private final ServiceState state;
    private final MqttEdge.History history;
    private final int iterations;
    private Optional<CentralSystem> opened = Optional.empty();

    private Factory(
        Edge.Factory inner,
        OcppSettings settings,
        ServiceState state,
        MqttEdge.History history,
        int iterations) {
      this.inner = inner;
      this.settings = settings;
      this.state = state;
      this.history = history;
      this.iterations = iterations;
    }

    @Override
    public synchronized Edge open(
        Fleet fleet, MeterDesk meters, ServiceClock clock, Register register) {
      Edge other = inner.open(fleet, meters, clock);
      try {
        CentralSystem c =
            new CentralSystem(other, settings, state, history, iterations, fleet, clock, register);
        opened = Optional.of(c);
        return c;
      } catch (RuntimeException e) {
        other.close();
        throw e;
      }
    }

    /** The central system, once the service opened it. */
    public synchronized Optional<CentralSystem> opened() {
      return opened;
    }
  }

  /**
   * The central system beside the edge {@code inner} makes.
   *
   * @param state where passwords, open transactions and 1.6 ids are kept
   * @param history where chargers' reports are kept (the telemetry history)
   */
  public static Factory around(
      Edge.Factory inner, OcppSettings settings, ServiceState state, MqttEdge.History history) {
    return new Factory(inner, settings, state, history, PasswordHash.DEFAULT_ITERATIONS);
  }

  /** {@link #around} hashing passwords with {@code iterations} (tests use fewer, to run fast). */
  public static Factory around(
      Edge.Factory inner,
      OcppSettings settings,
      ServiceState state,
      MqttEdge.History history,
      int iterations) {
    return new Factory(inner, settings, state, history, iterations);
  }

  private final Edge other;
  private final ServiceClock clock;
  private final ConcurrentLinkedQueue<Arrival> arrivals = new ConcurrentLinkedQueue<>();
  private final StoredCredentials credentials;
  private final RegisterAdmission admission;
  private final ChargerTwins chargerTwins;
  private final Transactions transactions;
  private final ProfileTracker tracker;
  private final OcppServer server;
  private final ChargerOperations operations;
  private final DeviceLink link;
  private final AtomicLong undelivered = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();

  /** Profiles sent since the last {@link DeviceLink#takeSent}, by the device cloud of the id. */
  private final Map<String, Long> sentTo = new HashMap<>();

  private CentralSystem(
      Edge other,
      OcppSettings settings,
      ServiceState state,
      MqttEdge.History history,
      int iterations,
      Fleet fleet,
      ServiceClock clock,
      Register register) {
    this.other = other;
    this.clock = clock;
    Schemas schemas;
    try {
      schemas = Schemas.load(settings.schemas());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          "the OCPP central system needs the OCPP JSON schemas: "
              + e.getMessage()
              + " (give their folder, which holds 1.6/ and 2.0.1/, with ocpp.schemas)",
          e);
    }
    this.credentials = new StoredCredentials(state, clock, iterations);
    this.admission = new RegisterAdmission(register);
    StoredTransactions kept = new StoredTransactions(state, clock);
    this.transactions =
        new Transactions(
            admission,
            meterListener(),
            kept::nextId,
            t -> {
              kept.changed(t);
              arrivals.add(new Arrival.Tx(t, clock.instant()));
            });
    for (Transaction t : kept.open()) {
      transactions.restore(t);
      arrivals.add(new Arrival.Tx(t, clock.instant()));
    }
    SmartCharging smart =
        new SmartCharging(
            clock, needs -> arrivals.add(new Arrival.Needs(needs)), transactions, transactions);
    LifeCycle life = new LifeCycle(admission, clock, HEARTBEAT, RETRY, smart);
    this.tracker = new ProfileTracker(clock, MAX_VALIDITY);
    OcppConfig config =
        new OcppConfig(
            settings.host(),
            settings.port(),
            Duration.ofSeconds(30),
            Duration.ofSeconds(1),
            65_536,
            SecurityProfile.of(settings.securityProfile()),
            settings.keystore().map(p -> new TlsKeystore(p, settings.keystorePassword())));
    CallHandler observed = new Observed(life);
    this.server =
        config.securityProfile().checksPasswords()
            ? OcppServer.start(config, schemas, observed, clock, credentials)
            : OcppServer.start(config, schemas, observed, clock);
    this.chargerTwins =
        new ChargerTwins(
            fleet.twins(),
            admission,
            history,
            settings,
            clock.zone(),
            id -> server.charger(id).map(ChargerSession::open).orElse(false));
    this.operations = new ChargerOperations(server, admission, transactions, clock, credentials);
    this.link = new Link();
  }

  private MeterListener meterListener() {
    return new MeterListener() {
      @Override
      public void samples(MeterReport report) {
        arrivals.add(new Arrival.Meter(report, clock.instant()));
      }

      @Override
      public void skipped(String charger, String reason) {
        LOG.info("charger {}: a meter sample skipped: {}", charger, reason);
      }
    };
  }

  /** Tells the twins of connections and statuses, around the life cycle's answers. */
  private final class Observed implements CallHandler {
    private final LifeCycle life;

    Observed(LifeCycle life) {
      this.life = life;
    }

    @Override
    public Answer handle(ChargerSession charger, Call call) {
      Answer a = life.handle(charger, call);
      if (call.action().equals("StatusNotification") && a instanceof Answer.Result) {
        life.charger(charger.identity())
            .ifPresent(
                s ->
                    arrivals.add(
                        new Arrival.Statuses(charger.identity(), s.connectors(), clock.instant())));
      }
      return a;
    }

    @Override
    public void connected(ChargerSession charger) {
      arrivals.add(new Arrival.Connection(charger.identity(), clock.instant()));
      life.connected(charger);
    }

    @Override
    public void disconnected(ChargerSession charger) {
      arrivals.add(new Arrival.Connection(charger.identity(), clock.instant()));
      life.disconnected(charger);
    }
  }

  /** The port the central system listens on. */
  public int port() {
    return server.port();
  }

  /** How many chargers are connected now. */
  public int connected() {
    return server.connected();
  }

  /** The chargers' passwords (for an operator's command that sets one). */
  public StoredCredentials credentials() {
    return credentials;
  }

  /** An operator's operations on the chargers (the API's). */
  public ChargerOperations operations() {
    return operations;
  }

  /** The profiles sent, and what became of them. */
  public ProfileTracker profiles() {
    return tracker;
  }

  /** The transactions of charger {@code identity} this process saw, by start. */
  public java.util.List<Transaction> transactions(String identity) {
    return transactions.transactions(identity);
  }

  /** Unknown chargers that booted and await an operator linking them to a site. */
  public java.util.Set<String> awaiting() {
    return admission.awaiting().keySet();
  }

  @Override
  public DeviceLink link() {
    return link;
  }

  @Override
  public Steps steps() {
    return other.steps();
  }

  @Override
  public void close() {
    try {
      server.close();
    } finally {
      other.close();
    }
  }

  /** Sends {@code c} to its charger as a profile; false when the charger is not connected. */
  private boolean sendProfile(Command c) {
    String identity = c.device().value();
    Optional<ChargerSession> session = server.charger(identity).filter(ChargerSession::open);
    if (session.isEmpty()) {
      return false;
    }
    Power limit = c.setpoint().watts() < 0 ? Power.ZERO : c.setpoint();
    Optional<Transaction> tx = chargerTwins.openTransaction(identity);
    int evse = tx.flatMap(Transaction::connector).map(r -> r.evseId()).orElse(0);
    LimitProfile profile;
    try {
      profile =
          tx.isPresent() && evse > 0
              ? LimitProfile.constant(
                  PROFILE_ID + evse,
                  evse,
                  Purpose.TX,
                  STACK_LEVEL,
                  c.issued(),
                  limit,
                  c.expires(),
                  Optional.of(tx.get().id()))
              : LimitProfile.constant(
                  PROFILE_ID,
                  0,
                  Purpose.TX_DEFAULT,
                  STACK_LEVEL,
                  c.issued(),
                  limit,
                  c.expires(),
                  Optional.empty());
      var sent = tracker.send(session.get(), profile);
      int colon = identity.indexOf(':');
      sentTo.merge(colon > 0 ? identity.substring(0, colon) : "", 1L, Long::sum);
      var unused =
          sent.thenAccept(
              e -> {
                if (e.state() != ProfileTracker.State.ACCEPTED) {
                  LOG.info(
                      "charger {}: profile {} {}: {}",
                      e.charger(),
                      e.profile().id(),
                      e.state().name().toLowerCase(Locale.ROOT),
                      e.reason().orElse(""));
                }
              });
    } catch (IllegalArgumentException e) {
      refused.incrementAndGet();
      LOG.warn("charger {}: command {} not sent as a profile: {}", identity, c, e.getMessage());
    }
    return true;
  }

  /** The other edge's link, with the chargers over OCPP beside it. */
  private final class Link implements DeviceLink {
    @Override
    public void drain() {
      Instant now = clock.instant();
      for (Arrival a = arrivals.poll(); a != null; a = arrivals.poll()) {
        chargerTwins.apply(a);
      }
      chargerTwins.report(now);
      other.link().drain();
    }

    @Override
    public void send(Command command) {
      if (chargerTwins.knows(command.device())
          || server.charger(command.device().value()).isPresent()) {
        if (!sendProfile(command)) {
          undelivered.incrementAndGet();
        }
      } else {
        other.link().send(command);
      }
    }

    @Override
    public int tick() {
      var unused = tracker.forgetBefore(clock.instant().minus(Duration.ofHours(1)));
      return other.link().tick();
    }

    @Override
    public Map<String, Long> takeSent() {
      Map<String, Long> out = new HashMap<>(other.link().takeSent());
      sentTo.forEach((cloud, n) -> out.merge(cloud, n, Long::sum));
      sentTo.clear();
      return out;
    }

    @Override
    public Map<String, Long> telemetry() {
      Map<String, Long> out = new HashMap<>(other.link().telemetry());
      out.put("ocpp_reports", chargerTwins.reports());
      out.put("ocpp_ignored", chargerTwins.ignored());
      return out;
    }

    @Override
    public String summary() {
      return other.link().summary()
          + String.format(
              Locale.ROOT,
              "; OCPP: %d chargers connected, %,d reports; %,d profiles sent (%,d accepted, %,d"
                  + " rejected, %,d timed out, %,d closed, %,d pending), %,d not sent, %,d for"
                  + " chargers not connected",
              server.connected(),
              chargerTwins.reports(),
              tracker.sent(),
              tracker.count(ProfileTracker.State.ACCEPTED),
              tracker.count(ProfileTracker.State.REJECTED),
              tracker.count(ProfileTracker.State.TIMED_OUT),
              tracker.count(ProfileTracker.State.CLOSED),
              tracker.count(ProfileTracker.State.PENDING),
              refused.get(),
              undelivered.get());
    }

    @Override
    public void close() {
      other.link().close();
    }
  }
}
