package org.openvpp.service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.openvpp.openadr.ven.VenConfig;
import org.openvpp.service.clock.ServiceClock;
import org.openvpp.service.clock.Steps;
import org.openvpp.service.control.Commitments;
import org.openvpp.service.control.ControlLoop;
import org.openvpp.service.control.Tuning;
import org.openvpp.service.events.EventDesk;
import org.openvpp.service.events.UtilityLink;
import org.openvpp.service.fleet.Edge;
import org.openvpp.service.fleet.Fleet;
import org.openvpp.service.fleet.PreferenceDesk;
import org.openvpp.service.measure.Measurement;
import org.openvpp.service.metering.ConnectPoller;
import org.openvpp.service.metering.MeterDesk;
import org.openvpp.service.prices.DayAheadPrices;
import org.openvpp.service.register.Register;
import org.openvpp.service.settle.SeasonBooks;
import org.openvpp.service.view.ServiceView;
import org.openvpp.settle.Ledger;
import org.openvpp.units.Money;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The long-running VPP, wired from its parts, each with one job: the {@link Register} (programs,
 * customers, sites, devices, consents, enrolments), the {@link EventDesk} (events from the
 * utility's VTN and from operators), the {@link MeterDesk} (meter readings into the history), the
 * {@link Fleet} (twins by the device protocol), the {@link ControlLoop} (program clock, planning,
 * dispatch), {@link Measurement} (M&amp;V from stored meter data) and the {@link SeasonBooks}
 * (settlement), with {@link ServiceView} snapshots for the API.
 *
 * <p>It knows the world only through its interfaces: its {@link Edge} (the device protocol, meter
 * readings, and, when the world is simulated, the world's clock), the utility's VTN, the price
 * feeds, and the API's calls into the register and the desks. It runs step after step until
 * stopped: on the wall clock's minutes, or on the world's ticks.
 *
 * <p>Threads: {@link #run} is the control loop's thread (the caller's, or {@link #start}'s); the
 * register, the desks, the books' reads and {@link #view} are safe from any thread.
 */
public final class Service implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Service.class);
  private static final String CLOCK = "clock";
  private static final String CLOCK_KEY = "service";

  /** Where the service's records are kept and what it is told to do. */
  public record Parts(
      ServiceClock clock,
      Tuning tuning,
      Records records,
      DayAheadPrices prices,
      Map<String, List<String>> utilityPrograms,
      Optional<VenConfig> utility,
      List<ConnectPoller.Feed> greenButtonFeeds,
      Duration greenButtonEvery,
      Duration settleAfter) {
    public Parts {
      Objects.requireNonNull(clock, "clock");
      Objects.requireNonNull(tuning, "tuning");
      Objects.requireNonNull(records, "records");
      Objects.requireNonNull(prices, "prices");
      utilityPrograms = Map.copyOf(utilityPrograms);
      Objects.requireNonNull(utility, "utility");
      greenButtonFeeds = List.copyOf(greenButtonFeeds);
      Objects.requireNonNull(greenButtonEvery, "greenButtonEvery");
      Objects.requireNonNull(settleAfter, "settleAfter");
    }
  }

  private final Parts parts;
  private final Register register;
  private final EventDesk events;
  private final MeterDesk meters;
  private final Fleet fleet;
  private final PreferenceDesk preferences;
  private final Measurement measurement;
  private final SeasonBooks books;
  private final Commitments commitments;
  private final Optional<UtilityLink> utility;
  private final Edge edge;
  private final ControlLoop loop;
  private final AtomicReference<ServiceView> view;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean stopping;
  private volatile Optional<Thread> thread = Optional.empty();
  private volatile Optional<Throwable> failure = Optional.empty();

  private Service(Parts p, Edge.RegisterFactory edges) {
    this.parts = p;
    Records r = p.records();
    if (p.clock().follows()) {
      // a restarted service following a world stands where the world last took it
      r.state()
          .get(CLOCK, CLOCK_KEY)
          .map(Instant::parse)
          .filter(at -> at.isAfter(p.clock().instant()))
          .ifPresent(p.clock()::moveTo);
    }
    this.register = new Register(r.stores(), p.clock(), r.unit());
    this.events = new EventDesk(register, p.utilityPrograms());
    this.meters = new MeterDesk(register, r.history(), p.clock());
    this.fleet = new Fleet(Duration.ofMinutes(5));
    this.preferences = new PreferenceDesk(r.preferences());
    this.measurement =
        new Measurement(
            register,
            r.history(),
            r.state(),
            p.clock().zone(),
            p.tuning().interval(),
            p.settleAfter());
    meters.onArrival(measurement::arrival);
    this.books =
        new SeasonBooks(register, new Ledger(Money.USD, r.ledger()), r.state(), p.clock().zone());
    this.commitments = new Commitments(r.state());
    this.view = new AtomicReference<>(ServiceView.empty(p.clock().instant()));
    this.utility =
        p.utility()
            .map(
                config ->
                    new UtilityLink(
                        config,
                        events,
                        p.clock(),
                        measurement::result,
                        p.utilityPrograms().values().stream()
                            .flatMap(List::stream)
                            .distinct()
                            .toList()));
    this.edge = edges.open(fleet, meters, p.clock(), register);
    ConnectPoller connect =
        new ConnectPoller(p.greenButtonFeeds(), register, meters, p.greenButtonEvery());
    List<java.util.function.Consumer<Instant>> inputs = new java.util.ArrayList<>();
    if (p.clock().follows()) {
      utility.ifPresent(u -> inputs.add(u::pollIfDue));
    }
    inputs.add(connect::pollIfDue);
    this.loop =
        new ControlLoop(
            p.tuning(),
            p.clock(),
            register,
            fleet,
            edge.link(),
            preferences,
            p.prices(),
            commitments,
            measurement,
            books,
            inputs,
            events,
            meters,
            view::set,
            r.state());
    // what a crash left undone: a measured revision not yet settled; the accreditation
    books.restore(measurement.results(), p.clock().instant());
  }

  /**
   * Assembles the service: opens its edge, connects its VEN (a VTN that refuses the credentials or
   * cannot be reached stops it here, saying which).
   */
  public static Service assemble(Parts parts, Edge.Factory edges) {
    return assemble(parts, Edge.RegisterFactory.of(edges));
  }

  /**
   * Assembles the service on an edge that admits devices by the register (chargers over OCPP); as
   * {@link #assemble(Parts, Edge.Factory)} otherwise.
   */
  public static Service assemble(Parts parts, Edge.RegisterFactory edges) {
    Service s = new Service(parts, edges);
    try {
      s.utility.ifPresent(UtilityLink::connect);
      if (!parts.clock().follows()) {
        s.utility.ifPresent(UtilityLink::start);
      }
    } catch (RuntimeException e) {
      s.close();
      throw e;
    }
    return s;
  }

  /** Runs the control loop on this thread until {@link #close} (or the steps end). */
  public void run() throws InterruptedException {
    try {
      Steps steps = edge.steps();
      while (!stopping) {
        Optional<Steps.Step> step = steps.next();
        if (step.isEmpty()) {
          break;
        }
        Instant at = step.get().at();
        if (parts.clock().follows()) {
          if (at.isBefore(parts.clock().instant())) {
            // a tick the world sent again after its answer was lost: that step was taken
            steps.done(at, Map.of());
            continue;
          }
          parts.clock().moveTo(at);
        }
        loop.step(at);
        steps.done(at, edge.link().takeSent());
        if (parts.clock().follows()) {
          Instant next = step.get().next().isAfter(at) ? step.get().next() : at;
          parts.clock().moveTo(next);
          parts.records().state().put(CLOCK, CLOCK_KEY, next.toString(), next);
        }
      }
    } finally {
      stopped.countDown();
    }
  }

  /** Runs the control loop on a thread of its own. */
  public Service start() {
    Thread t =
        new Thread(
            () -> {
              try {
                run();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } catch (RuntimeException | Error e) {
                failure = Optional.of(e);
                LOG.error("the control loop stopped: {}", e.toString(), e);
              }
            },
            "vpp-control");
    thread = Optional.of(t);
    t.start();
    return this;
  }

  /** Why the control loop stopped, if it failed. */
  public Optional<Throwable> failure() {
    return failure;
  }

  /** The latest snapshot. */
  public ServiceView view() {
    return view.get();
  }

  public Register register() {
    return register;
  }

  public EventDesk events() {
    return events;
  }

  public MeterDesk meters() {
    return meters;
  }

  public PreferenceDesk preferences() {
    return preferences;
  }

  public SeasonBooks books() {
    return books;
  }

  public Measurement measurement() {
    return measurement;
  }

  public ServiceClock clock() {
    return parts.clock();
  }

  public Optional<UtilityLink> utility() {
    return utility;
  }

  /** Waits until the control loop has stopped. */
  public void awaitStop() throws InterruptedException {
    stopped.await();
  }

  @Override
  public void close() {
    stopping = true;
    preferences.close();
    edge.steps().close();
    thread.ifPresent(
        t -> {
          try {
            t.join(Duration.ofSeconds(30).toMillis());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    utility.ifPresent(UtilityLink::close);
    edge.close();
    parts.records().telemetry().ifPresent(t -> t.close());
  }
}
