package org.openvpp.server.run;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.openvpp.device.Battery;
import org.openvpp.device.Device;
import org.openvpp.device.DeviceId;
import org.openvpp.device.DeviceKind;
import org.openvpp.event.GridEvent;
import org.openvpp.program.Consent;
import org.openvpp.program.Customer;
import org.openvpp.program.DispatchableDevice;
import org.openvpp.program.EnrolledDevice;
import org.openvpp.program.Enrolment;
import org.openvpp.program.Enrolments;
import org.openvpp.program.EventBook;
import org.openvpp.program.EventLimits;
import org.openvpp.program.EventSource;
import org.openvpp.program.Incentives;
import org.openvpp.program.OptOutRules;
import org.openvpp.program.Program;
import org.openvpp.program.ProgramEvent;
import org.openvpp.program.ProgramException;
import org.openvpp.program.Site;
import org.openvpp.program.Targeting;
import org.openvpp.sim.fleet.Scenario;
import org.openvpp.sim.fleet.SimFleet;
import org.openvpp.time.Interval;
import org.openvpp.twin.TwinStore;
import org.openvpp.units.Money;
import org.openvpp.units.Power;

/**
 * The run's program and its customers, built before the run starts, and what they decide during it:
 * the enrolment register and event book whose answers say which batteries the VPP may command.
 *
 * <p><b>Before the run.</b> Every home with a battery is a customer with one site; 30 days before
 * the run each gives consent and asks to enrol its battery (for its maximum discharge power) in one
 * bring-your-own-battery program, in home order. A request is refused, enrolled, or put on the
 * waiting list by {@link Enrolments}' rules: a customer who gave consent for control but not for
 * meter data is refused; requests beyond the program's capacity cap wait.
 *
 * <p><b>During the run</b> ({@link #at}, called by {@link FleetRun} every step): some consents
 * lapse (an expiry recorded when it was given, or a revocation recorded when it happens); when the
 * utility announces its event it is created in the event book (notices go to the participants),
 * some participants opt out after the notice, and the event follows the run's clock: scheduled at
 * the notice, active at its start, completed at its end.
 *
 * <p><b>What may be commanded.</b> A battery the VPP may not command is marked opted out in the
 * twins ({@link TwinStore#setOptedOut}), which the dispatcher, the planners' envelopes and the
 * aggregation tree leave alone. From the notice until the event ends, the run commands only the
 * devices {@link EventBook#dispatchable} allows: during the window, at that instant; before it, as
 * that question answers for the window's start with what is known now (so the event is planned and
 * pre-charged with the fleet that will serve it, and a site is left alone from its opt-out). At
 * other times, the devices whose enrolment is in force and whose consent allows control. The marks
 * are refreshed at every 15-minute boundary, at the announcement, and whenever something scheduled
 * here happens (a lapse, an opt-out, the event's start or end).
 *
 * <p>Single-threaded: on the run's thread.
 */
public final class RunEnrolment {

  /**
   * How the run's customers behave: seeded shares, and exact cases for tests.
   *
   * @param capacityShare the program's capacity cap as a share of the fleet's battery kW (above 1:
   *     no cap binds)
   * @param meterRefusedShare customers who consent to control but not to meter data (refused)
   * @param lapseShare enrolled customers whose consent lapses during the run (half expire, half
   *     revoke), at a time drawn over the run
   * @param optOutShare participants who opt out of the event between its notice and the cutoff
   * @param seed of the draws
   * @param revocations exact cases: home → when its customer revokes consent
   * @param optOuts exact cases: homes whose customers opt out of the event right after the notice
   */
  public record Terms(
      double capacityShare,
      double meterRefusedShare,
      double lapseShare,
      double optOutShare,
      long seed,
      Map<Integer, Instant> revocations,
      Set<Integer> optOuts) {
    public Terms {
      revocations = Map.copyOf(revocations);
      optOuts = Set.copyOf(optOuts);
      if (!(capacityShare > 0)) {
        throw new IllegalArgumentException("capacityShare must be positive, was " + capacityShare);
      }
    }

    /** Every battery enrolled, no cap binding, nobody changes their mind. */
    public static Terms everyone() {
      return new Terms(2, 0, 0, 0, 0, Map.of(), Set.of());
    }

    /**
     * What {@code ./vpp up} runs: the program sized at 95 % of the fleet's battery kW (the last
     * homes to ask wait), 1 % of customers refused for want of meter-data consent, 3 % whose
     * consent lapses during the day, 2 % who opt out of the event. Illustrative shares, not
     * measured ones; seeded by the scenario.
     */
    public static Terms realistic(long seed) {
      return new Terms(0.95, 0.01, 0.03, 0.02, seed, Map.of(), Set.of());
    }

    Terms withCapacityShare(double share) {
      return new Terms(
          share, meterRefusedShare, lapseShare, optOutShare, seed, revocations, optOuts);
    }

    Terms withRevocation(int home, Instant at) {
      Map<Integer, Instant> r = new HashMap<>(revocations);
      r.put(home, at);
      return new Terms(capacityShare, meterRefusedShare, lapseShare, optOutShare, seed, r, optOuts);
    }

    Terms withOptOut(int home) {
      Set<Integer> o = new HashSet<>(optOuts);
      o.add(home);
      return new Terms(
          capacityShare, meterRefusedShare, lapseShare, optOutShare, seed, revocations, o);
    }
  }

  /**
   * What became of the run's enrolment.
   *
   * @param requested battery homes that asked to enrol
   * @param enrolled enrolled before the run
   * @param refused refused (reasons by code in the log of the register)
   * @param waiting on the program's waiting list
   * @param lapsed enrolled customers whose consent expired or was revoked during the run
   * @param participants sites the event asked (enrolled when it was created)
   * @param optedOut participants who opted out of the event
   * @param dispatchableAtStart devices the event book allowed at the event's start
   * @param dispatched devices sent at least one discharge command during the event
   * @param capacityCap the program's capacity cap
   * @param lifecycle the event as it stood after each change of state, in order
   * @param notices notices sent to the battery event's participants
   * @param cars EV homes that asked to enrol their charger in the managed-charging program
   * @param carsEnrolled chargers enrolled
   * @param carsOptedOut managed-charging participants who opted out of the event
   * @param thermostats homes with a thermostat that asked to enrol it in the thermostat program
   * @param thermostatsEnrolled thermostats enrolled
   * @param thermostatsOptedOut thermostat participants who opted out of the event
   */
  public record Summary(
      int requested,
      int enrolled,
      int refused,
      int waiting,
      int lapsed,
      int participants,
      int optedOut,
      int dispatchableAtStart,
      int dispatched,
      Power capacityCap,
      List<ProgramEvent> lifecycle,
      int notices,
      int cars,
      int carsEnrolled,
      int carsOptedOut,
      int thermostats,
      int thermostatsEnrolled,
      int thermostatsOptedOut) {
    public Summary {
      lifecycle = List.copyOf(lifecycle);
    }
  }

  static final String PROGRAM_ID = FleetRun.PROGRAM;
  static final String EV_PROGRAM_ID = "managed-ev";
  static final String THERMOSTAT_PROGRAM_ID = "smart-thermostat";

  /**
   * A program for one kind of flexible load (EV chargers, thermostats): every home with such a
   * device asks to enrol it under its site's consent (a battery home's own, given for all its
   * devices; others consent when they enrol, fully). No capacity cap binds and no incentive is
   * paid: the run measures what the devices deliver, it does not settle it. The utility's event is
   * created in its book too, and its participants opt out at the run's share, drawn on their own.
   */
  private static final class ManagedProgram {
    final String id;
    final DeviceKind kind;
    final long salt;
    final List<Integer> homes = new ArrayList<>();
    final Set<Integer> enrolled = new HashSet<>();
    final TreeMap<Instant, List<Integer>> optOuts = new TreeMap<>();

    ManagedProgram(String id, DeviceKind kind, long salt) {
      this.id = id;
      this.kind = kind;
      this.salt = salt;
    }

    String eventId(GridEvent e) {
      return e.id() + ":" + id;
    }
  }

  static final Money PAY_PER_KWH = Money.usd("2.00");
  private static final Duration CONSENT_AGE = Duration.ofDays(30);

  private final Enrolments register;
  private final EventBook book;
  private final Program program;
  private final Terms terms;
  private final Set<Integer> sited = new HashSet<>();
  private final ManagedProgram chargers;
  private final ManagedProgram thermostats;
  // battery homes in enrolment order, their device and kW
  private final List<Integer> homes = new ArrayList<>();
  private final Map<Integer, Battery> batteryOf = new HashMap<>();
  private final Set<Integer> enrolledHomes = new HashSet<>();
  private int refused;
  private int waiting;
  private final Set<Integer> lapsedHomes = new HashSet<>();
  // scheduled happenings: revocations by instant (home), opt-outs chosen at the notice
  private final TreeMap<Instant, List<Integer>> revocations = new TreeMap<>();
  private final TreeMap<Instant, List<Integer>> expiries = new TreeMap<>();
  private final TreeMap<Instant, List<Integer>> optOuts = new TreeMap<>();
  private Optional<GridEvent> event = Optional.empty();
  private final Set<DeviceId> discharged = new HashSet<>();
  private int dispatchableAtStart;
  private double availableAtStartKw;
  private final List<ProgramEvent> lifecycle = new ArrayList<>();

  RunEnrolment(Scenario scenario, SimFleet fleet, Terms terms) {
    this(scenario, fleet, terms, ProgramRecords.inMemory());
  }

  /** The run's enrolment, its records kept in {@code records} (which must start empty). */
  RunEnrolment(Scenario scenario, SimFleet fleet, Terms terms, ProgramRecords records) {
    this.register = records.register();
    this.book = records.book(register);
    this.terms = terms;
    Instant start = scenario.start().toInstant();
    Instant end = scenario.end().toInstant();
    Instant consented = start.minus(CONSENT_AGE);
    List<String> regions = new ArrayList<>();
    for (Scenario.Region r : scenario.regions()) {
      regions.add(r.name());
    }
    List<Device> devices = fleet.devices();
    double fleetKw = 0;
    for (int g = 0; g < devices.size(); g++) {
      if (devices.get(g) instanceof Battery b && fleet.kind(g) == DeviceKind.BATTERY) {
        fleetKw += b.maxDischarge().kilowatts();
        homes.add(fleet.homeOf(g));
        batteryOf.put(fleet.homeOf(g), b);
      }
    }
    var zone = scenario.zone();
    var first = scenario.start().withDayOfYear(1).toLocalDate();
    Interval season =
        new Interval(
            first.atStartOfDay(zone).toInstant(),
            first.plusYears(1).atStartOfDay(zone).toInstant());
    EventLimits limits =
        new EventLimits(season, 20, Duration.ofHours(6), Duration.ofHours(60), Duration.ZERO);
    program =
        new Program(
            PROGRAM_ID,
            "Bring your own battery (" + scenario.start().getYear() + ")",
            org.openvpp.program.ProgramKind.BYO_BATTERY,
            Set.of(DeviceKind.BATTERY),
            Set.copyOf(regions),
            Power.ofKilowatts(Math.max(1, fleetKw * terms.capacityShare())),
            Math.max(1, fleet.homes()),
            limits,
            Incentives.none(Money.USD).withPerKwh(PAY_PER_KWH),
            new OptOutRules(5, Duration.ofHours(1), false),
            Set.of());
    register.putProgram(program);
    SplittableRandom random = new SplittableRandom(terms.seed() ^ 0x6e726f6c6d656e74L);
    long span = Duration.between(start, end).toSeconds();
    for (int i = 0; i < homes.size(); i++) {
      int h = homes.get(i);
      Battery b = battery(h);
      String site = site(h);
      sited.add(h);
      register.addCustomer(new Customer(customer(h), "Home " + h));
      register.addSite(
          new Site(
              site,
              customer(h),
              "meter-" + h,
              regions.get(fleet.regionOf(h)) + "/feeder-" + (fleet.feederOf(h) + 1),
              regions.get(fleet.regionOf(h))));
      // Draws in a fixed order per home, whatever the shares, so changing one share moves no
      // other customer's fate.
      boolean meterRefused = random.nextDouble() < terms.meterRefusedShare();
      boolean lapses = random.nextDouble() < terms.lapseShare();
      boolean expires = random.nextBoolean();
      Instant lapseAt = start.plusSeconds(random.nextLong(Math.max(1, span)));
      Optional<Instant> expiry = Optional.empty();
      Instant revoke = terms.revocations().get(h);
      if (revoke == null && lapses && !meterRefused) {
        if (expires) {
          expiry = Optional.of(lapseAt);
        } else {
          revoke = lapseAt;
        }
      }
      Instant asked = consented.plusSeconds(i);
      register.recordConsent(
          new Consent(
              consent(h),
              site,
              "the owner of home " + h,
              asked,
              meterRefused
                  ? Set.of(Consent.Scope.CONTROL)
                  : Set.of(Consent.Scope.CONTROL, Consent.Scope.METER_DATA),
              expiry,
              Optional.empty()));
      try {
        Enrolment e =
            register.enrol(
                "enrolment-" + h,
                PROGRAM_ID,
                site,
                List.of(new EnrolledDevice(b.id(), DeviceKind.BATTERY, b.maxDischarge())),
                consent(h),
                asked);
        if (e.status() == Enrolment.Status.ENROLLED) {
          enrolledHomes.add(h);
          if (revoke != null) {
            revocations.computeIfAbsent(revoke, x -> new ArrayList<>()).add(h);
          }
          expiry.ifPresent(x -> expiries.computeIfAbsent(x, y -> new ArrayList<>()).add(h));
        } else {
          waiting++;
        }
      } catch (ProgramException e) {
        refused++;
      }
    }
    chargers = new ManagedProgram(EV_PROGRAM_ID, DeviceKind.EV_CHARGER, 0x65762d6f7074L);
    thermostats = new ManagedProgram(THERMOSTAT_PROGRAM_ID, DeviceKind.THERMOSTAT, 0x74682d6f7074L);
    int requests =
        enrol(
            chargers,
            "Managed EV charging",
            org.openvpp.program.ProgramKind.MANAGED_EV_CHARGING,
            fleet,
            regions,
            limits,
            consented,
            homes.size());
    enrol(
        thermostats,
        "Smart thermostats",
        org.openvpp.program.ProgramKind.THERMOSTAT,
        fleet,
        regions,
        limits,
        consented,
        requests);
  }

  /** Enrols every device of {@code p}'s kind in its program; returns the next request's number. */
  private int enrol(
      ManagedProgram p,
      String name,
      org.openvpp.program.ProgramKind programKind,
      SimFleet fleet,
      List<String> regions,
      EventLimits limits,
      Instant consented,
      int requests) {
    List<Device> devices = fleet.devices();
    double kw = 0;
    List<Device> found = new ArrayList<>();
    List<Power> power = new ArrayList<>();
    for (int g = 0; g < devices.size(); g++) {
      Device d = devices.get(g);
      if (fleet.kind(g) != p.kind) {
        continue;
      }
      Power rated =
          switch (d) {
            case org.openvpp.device.EvCharger c -> c.maxRate();
            case org.openvpp.device.Thermostat t -> t.hvacPower();
            default -> throw new IllegalStateException("no managed program for " + d.kind());
          };
      kw += rated.kilowatts();
      p.homes.add(fleet.homeOf(g));
      found.add(d);
      power.add(rated);
    }
    register.putProgram(
        new Program(
            p.id,
            name,
            programKind,
            Set.of(p.kind),
            Set.copyOf(regions),
            Power.ofKilowatts(Math.max(1, 2 * kw)),
            Math.max(1, fleet.homes()),
            limits,
            Incentives.none(Money.USD),
            new OptOutRules(5, Duration.ofHours(1), false),
            Set.of()));
    int n = requests;
    for (int i = 0; i < p.homes.size(); i++) {
      int h = p.homes.get(i);
      Instant asked = consented.plusSeconds(n++);
      if (sited.add(h)) {
        register.addCustomer(new Customer(customer(h), "Home " + h));
        register.addSite(
            new Site(
                site(h),
                customer(h),
                "meter-" + h,
                regions.get(fleet.regionOf(h)) + "/feeder-" + (fleet.feederOf(h) + 1),
                regions.get(fleet.regionOf(h))));
        register.recordConsent(
            new Consent(
                consent(h),
                site(h),
                "the owner of home " + h,
                asked,
                Set.of(Consent.Scope.CONTROL, Consent.Scope.METER_DATA),
                Optional.empty(),
                Optional.empty()));
      }
      try {
        Enrolment e =
            register.enrol(
                "enrolment-" + p.id + "-" + h,
                p.id,
                site(h),
                List.of(new EnrolledDevice(found.get(i).id(), p.kind, power.get(i))),
                consent(h),
                asked);
        if (e.status() == Enrolment.Status.ENROLLED) {
          p.enrolled.add(h);
        }
      } catch (ProgramException e) {
        // refused: the site's consent does not allow it (counted as not enrolled)
      }
    }
    return n;
  }

  static String site(int home) {
    return "site-" + home;
  }

  static String customer(int home) {
    return "customer-" + home;
  }

  private static String consent(int home) {
    return "consent-" + home;
  }

  Enrolments register() {
    return register;
  }

  EventBook book() {
    return book;
  }

  Program program() {
    return program;
  }

  /** Battery homes in enrolment order. */
  List<Integer> homes() {
    return List.copyOf(homes);
  }

  Optional<GridEvent> event() {
    return event;
  }

  /** The utility announced its event at {@code now}: create it and choose who opts out. */
  void announced(GridEvent e, Instant now) {
    event = Optional.of(e);
    ProgramEvent created =
        book.create(
            e.id(),
            PROGRAM_ID,
            EventSource.UTILITY_OPENADR,
            e.window(),
            Targeting.wholeProgram(),
            e.requested(),
            now);
    lifecycle.add(created);
    for (ManagedProgram p : List.of(chargers, thermostats)) {
      book.create(
          p.eventId(e),
          p.id,
          EventSource.UTILITY_OPENADR,
          e.window(),
          Targeting.wholeProgram(),
          e.requested(),
          now);
    }
    Instant cutoff = e.window().start().minus(program.optOut().cutoffBeforeStart());
    long room = Math.max(1, Duration.between(now, cutoff).toSeconds());
    SplittableRandom random = new SplittableRandom(terms.seed() ^ 0x6f70742d6f7574L);
    for (int h : homes) {
      boolean draw = random.nextDouble() < terms.optOutShare();
      long after = random.nextLong(room);
      if (!book.participants(e.id()).contains(site(h))) {
        continue;
      }
      if (terms.optOuts().contains(h)) {
        optOuts.computeIfAbsent(now, x -> new ArrayList<>()).add(h);
      } else if (draw) {
        Instant at = now.plusSeconds(after);
        optOuts.computeIfAbsent(at.isAfter(cutoff) ? cutoff : at, x -> new ArrayList<>()).add(h);
      }
    }
    for (ManagedProgram p : List.of(chargers, thermostats)) {
      SplittableRandom own = new SplittableRandom(terms.seed() ^ p.salt);
      for (int h : p.homes) {
        boolean draw = own.nextDouble() < terms.optOutShare();
        long after = own.nextLong(room);
        if (draw && book.participants(p.eventId(e)).contains(site(h))) {
          Instant at = now.plusSeconds(after);
          p.optOuts
              .computeIfAbsent(at.isAfter(cutoff) ? cutoff : at, x -> new ArrayList<>())
              .add(h);
        }
      }
    }
  }

  /**
   * Applies what happens by {@code now} (lapses, opt-outs, the event's lifecycle); returns whether
   * anything did, so the caller refreshes the marks.
   */
  boolean at(Instant now) {
    boolean changed = false;
    while (!revocations.isEmpty() && !revocations.firstKey().isAfter(now)) {
      var due = revocations.pollFirstEntry();
      for (int h : due.getValue()) {
        register.revokeConsent(consent(h), due.getKey());
        lapsedHomes.add(h);
      }
      changed = true;
    }
    while (!expiries.isEmpty() && !expiries.firstKey().isAfter(now)) {
      lapsedHomes.addAll(expiries.pollFirstEntry().getValue());
      changed = true;
    }
    if (event.isPresent()) {
      String id = event.get().id();
      while (!optOuts.isEmpty() && !optOuts.firstKey().isAfter(now)) {
        var due = optOuts.pollFirstEntry();
        for (int h : due.getValue()) {
          book.optOut(id, site(h), due.getKey());
        }
        changed = true;
      }
      for (ManagedProgram p : List.of(chargers, thermostats)) {
        while (!p.optOuts.isEmpty() && !p.optOuts.firstKey().isAfter(now)) {
          var due = p.optOuts.pollFirstEntry();
          for (int h : due.getValue()) {
            book.optOut(p.eventId(event.get()), site(h), due.getKey());
          }
          changed = true;
        }
      }
      List<ProgramEvent> moved = ofBatteryEvent(book.advance(now), id);
      if (!moved.isEmpty()) {
        lifecycle.addAll(moved);
        changed = true;
        if (book.event(id).state() == ProgramEvent.State.ACTIVE) {
          List<DispatchableDevice> devices = book.dispatchable(id, now);
          dispatchableAtStart = devices.size();
          availableAtStartKw = 0;
          for (DispatchableDevice d : devices) {
            availableAtStartKw += d.capacity().kilowatts();
          }
        }
      }
    }
    return changed;
  }

  /**
   * Completes the event at its end if the run stopped on its last minute.
   *
   * @throws IllegalStateException when the event is not completed then
   */
  void complete(GridEvent e) {
    lifecycle.addAll(ofBatteryEvent(book.advance(e.window().end()), e.id()));
    if (book.event(e.id()).state() != ProgramEvent.State.COMPLETED) {
      throw new IllegalStateException("the run's event did not complete in its event book");
    }
  }

  private static List<ProgramEvent> ofBatteryEvent(List<ProgramEvent> moved, String id) {
    List<ProgramEvent> ours = new ArrayList<>();
    for (ProgramEvent p : moved) {
      if (p.id().equals(id)) {
        ours.add(p);
      }
    }
    return ours;
  }

  /** Marks in {@code twins} every battery of {@code members} the VPP may not command now. */
  void mark(TwinStore twins, int[] members, Instant now) {
    mark(twins, members, now, PROGRAM_ID, event.map(GridEvent::id));
  }

  /** Marks in {@code twins} every EV charger of {@code chargers} the VPP may not command now. */
  void markChargers(TwinStore twins, int[] chargers, Instant now) {
    mark(twins, chargers, now, this.chargers.id, event.map(this.chargers::eventId));
  }

  /** Marks in {@code twins} every thermostat of {@code members} the VPP may not command now. */
  void markThermostats(TwinStore twins, int[] members, Instant now) {
    mark(twins, members, now, thermostats.id, event.map(thermostats::eventId));
  }

  private void mark(
      TwinStore twins, int[] members, Instant now, String programId, Optional<String> eventId) {
    Set<DeviceId> allowed = new HashSet<>();
    Optional<GridEvent> e = event.filter(x -> now.isBefore(x.window().end()));
    if (e.isPresent() && eventId.isPresent()) {
      Instant ask = now.isBefore(e.get().window().start()) ? e.get().window().start() : now;
      for (DispatchableDevice d : book.dispatchable(eventId.get(), ask)) {
        allowed.add(d.id());
      }
    } else {
      for (Enrolment en : register.enrolledAt(programId, now)) {
        if (register.consent(en.consentId()).allows(Consent.Scope.CONTROL, now)) {
          for (EnrolledDevice d : en.devices()) {
            allowed.add(d.id());
          }
        }
      }
    }
    // The dispatcher commands no battery marked so: one it was commanding gets its release (a zero
    // setpoint, no top-up), one never ours nothing at all.
    for (int d : members) {
      twins.setOptedOut(d, !allowed.contains(twins.device(d).id()));
    }
  }

  /** Notes a command sent at {@code now}: a discharge during the event counts as dispatched. */
  void sent(org.openvpp.dispatch.Command c, Instant now) {
    if (event.isPresent() && event.get().window().contains(now) && c.setpoint().watts() < 0) {
      discharged.add(c.device());
    }
  }

  /** Whether the device was sent a discharge command during the event. */
  boolean discharged(DeviceId device) {
    return discharged.contains(device);
  }

  /** The enrolled capacity of the devices the event book allowed at the event's start. */
  Power availableAtStart() {
    return Power.ofKilowatts(availableAtStartKw);
  }

  Battery battery(int home) {
    return Objects.requireNonNull(batteryOf.get(home), "no battery in home " + home);
  }

  private int optedOut(ManagedProgram p) {
    if (event.isEmpty()) {
      return 0;
    }
    String id = p.eventId(event.get());
    int n = 0;
    for (String site : book.participants(id)) {
      n += book.optOutOf(id, site).isPresent() ? 1 : 0;
    }
    return n;
  }

  Summary summary() {
    int participants = 0;
    int optedOut = 0;
    if (event.isPresent()) {
      String id = event.get().id();
      participants = book.participants(id).size();
      for (String s : book.participants(id)) {
        optedOut += book.optOutOf(id, s).isPresent() ? 1 : 0;
      }
    }
    return new Summary(
        homes.size(),
        enrolledHomes.size(),
        refused,
        waiting,
        lapsedHomes.size(),
        participants,
        optedOut,
        dispatchableAtStart,
        discharged.size(),
        program.capacityCap(),
        lifecycle,
        (int)
            book.notices().stream()
                .filter(n -> event.isPresent() && n.eventId().equals(event.get().id()))
                .count(),
        chargers.homes.size(),
        chargers.enrolled.size(),
        optedOut(chargers),
        thermostats.homes.size(),
        thermostats.enrolled.size(),
        optedOut(thermostats));
  }
}
