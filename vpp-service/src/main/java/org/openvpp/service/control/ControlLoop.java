package org.openvpp.service.control;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.openvpp.aggregate.GroupId;
import org.openvpp.aggregate.GroupTotals;
import org.openvpp.device.DeviceKind;
import org.openvpp.dispatch.Command;
import org.openvpp.dispatch.CommandNumbers;
import org.openvpp.mv.baseline.DayCalendar;
import org.openvpp.program.Program;
import org.openvpp.program.ProgramEvent;
import org.openvpp.program.ProgramKind;
import org.openvpp.service.clock.ServiceClock;
import org.openvpp.service.events.EventDesk;
import org.openvpp.service.events.UtilityLink;
import org.openvpp.service.fleet.DeviceLink;
import org.openvpp.service.fleet.Fleet;
import org.openvpp.service.fleet.PreferenceDesk;
import org.openvpp.service.measure.EventResult;
import org.openvpp.service.measure.Measurement;
import org.openvpp.service.metering.MeterDesk;
import org.openvpp.service.prices.DayAheadPrices;
import org.openvpp.service.register.Register;
import org.openvpp.service.settle.SeasonBooks;
import org.openvpp.service.state.ServiceState;
import org.openvpp.service.view.FleetView;
import org.openvpp.service.view.ServiceView;
import org.openvpp.units.EnergyPrice;
import org.openvpp.units.Power;

/**
 * The control step: one a minute, for as long as the service runs, in ordered phases (each the job
 * of a part that knows nothing of the others):
 *
 * <ol>
 *   <li><b>Intake</b>: what the devices sent reaches the twins ({@link DeviceLink}); customers'
 *       preferences waiting in the {@link PreferenceDesk} are applied; the inputs polled on the
 *       service's clock are polled when due (the utility's VTN when the world is simulated, {@link
 *       UtilityLink}, events into the {@link EventDesk}; Green Button Connect feeds), and the price
 *       feeds ({@link DayAheadPrices}).
 *   <li><b>Program clock</b>: the event books move events along (scheduled → active → completed);
 *       when the register or the books changed, at every interval boundary and when a device
 *       registered, the {@link Fleet} places its devices and marks those the VPP may not command.
 *   <li><b>Planning</b>, at interval boundaries: each battery program sizes its new events'
 *       commitments and plans its batteries ({@link BatteryControl}); the batteries' flexibility is
 *       forecast ({@link FlexForecast}).
 *   <li><b>Dispatch</b>: each battery program follows its plan in closed loop; managed charging and
 *       thermostat programs act through their events ({@link LoadControl}); commands go out and
 *       unacknowledged ones are sent again.
 *   <li><b>Measurement and settlement</b>: events due are measured from the meter history ({@link
 *       Measurement}) and settled ({@link SeasonBooks}); a month that ended is closed.
 *   <li><b>Views</b>: at boundaries and when something changed, a snapshot for the API.
 * </ol>
 *
 * <p>Nothing resets at midnight and nothing ends: days, daylight-saving changes (23- and 25-hour
 * days, planned on the grid of real instants) and month ends are just instants to this loop.
 *
 * <p>Threads: one; every part it drives is confined to it or thread-safe.
 */
public final class ControlLoop {
  private final Tuning tuning;
  private final ServiceClock clock;
  private final Register register;
  private final Fleet fleet;
  private final DeviceLink link;
  private final PreferenceDesk preferences;
  private final DayAheadPrices prices;
  private final Commitments commitments;
  private final Measurement measurement;
  private final SeasonBooks books;
  private final List<Consumer<Instant>> inputs;
  private final EventDesk events;
  private final MeterDesk meters;
  private final Consumer<ServiceView> views;
  private final CommandNumbers numbers;
  private final ServiceState state;
  // command numbers below this may have been given: a restart numbers from here
  private long reserved;
  private final Map<String, BatteryControl> batteries = new LinkedHashMap<>();
  private final Map<String, LoadControl> loads = new LinkedHashMap<>();
  // each program's live events and batteries as last planned: a change plans again at once
  private final Map<String, String> planned = new HashMap<>();
  private final Map<String, Integer> reportingAtPlan = new HashMap<>();
  private final FlexForecast flex;
  private long seenVersion = -1;
  private long steps;
  private int placed;
  private Instant lastPricePoll = Instant.MIN;

  public ControlLoop(
      Tuning tuning,
      ServiceClock clock,
      Register register,
      Fleet fleet,
      DeviceLink link,
      PreferenceDesk preferences,
      DayAheadPrices prices,
      Commitments commitments,
      Measurement measurement,
      SeasonBooks books,
      List<Consumer<Instant>> inputs,
      EventDesk events,
      MeterDesk meters,
      Consumer<ServiceView> views,
      ServiceState state) {
    this.tuning = tuning;
    this.state = state;
    long from = state.get(COMMANDS, RESERVED).map(Long::parseLong).orElse(0L);
    this.numbers = new CommandNumbers(from);
    this.clock = clock;
    this.register = register;
    this.fleet = fleet;
    this.link = link;
    this.preferences = preferences;
    this.prices = prices;
    this.commitments = commitments;
    this.measurement = measurement;
    this.books = books;
    this.inputs = List.copyOf(inputs);
    this.events = events;
    this.meters = meters;
    this.views = views;
    this.flex = new FlexForecast(tuning.interval(), clock.zone());
    reserve(from);
  }

  private static final String COMMANDS = "commands";
  private static final String RESERVED = "reserved";
  private static final long BLOCK = 10_000_000L;

  /** Keeps that numbers up to {@code from + BLOCK} may be given. */
  private void reserve(long from) {
    reserved = from + BLOCK;
    state.put(COMMANDS, RESERVED, Long.toString(reserved), clock.instant());
  }

  /** Steps taken so far. */
  public long steps() {
    return steps;
  }

  /** Runs the step at {@code now}. */
  public void step(Instant now) {
    ZoneId zone = clock.zone();
    boolean boundary = now.getEpochSecond() % tuning.interval().toSeconds() == 0;
    // 1. intake
    link.drain();
    for (; placed < fleet.twins().size(); placed++) {
      preferences.registered(placed, fleet.twins());
    }
    boolean changed = preferences.apply(now, fleet.twins());
    for (Consumer<Instant> input : inputs) {
      input.accept(now);
    }
    boolean newPrices = false;
    if (boundary || !lastPricePoll.isAfter(now.minus(tuning.interval()))) {
      newPrices = prices.poll(now);
      lastPricePoll = now;
    }
    // 2. program clock
    List<ProgramEvent> moved = register.locked(true, b -> b.book().advance(now));
    long version = register.version();
    boolean registerChanged = version != seenVersion;
    if (registerChanged || boundary || fleet.hasNewDevices() || !moved.isEmpty() || steps == 0) {
      register.locked(
          false,
          b -> {
            fleet.refresh(b, now);
            return Boolean.TRUE;
          });
      seenVersion = register.version();
      changed = true;
    }
    List<Program> programs = register.programs();
    Map<String, List<ProgramEvent>> live = liveEvents(now);
    // 3. planning
    // The days a baseline leaves out: every day an event of any program began (as M&V has them).
    Set<LocalDate> eventDays = new HashSet<>();
    for (ProgramEvent e : events.events()) {
      if (e.began()) {
        eventDays.add(e.window().start().atZone(zone).toLocalDate());
      }
    }
    DayCalendar calendar = DayCalendar.usNerc(eventDays);
    for (Program p : programs) {
      if (isBattery(p.kind())) {
        BatteryControl c =
            batteries.computeIfAbsent(
                p.id(),
                id ->
                    new BatteryControl(
                        id, fleet.twins(), tuning, zone, prices.any(), numbers, state));
        int[] members = ofKind(fleet.members(p.id()), DeviceKind.BATTERY);
        c.observeDay(now, zone, fleet.twins(), members);
        c.record(now, fleet.twins(), members);
        List<ProgramEvent> ahead = live.getOrDefault(p.id(), List.of());
        // A change of the program's events or of its batteries plans again at once, and so does a
        // tenth more or fewer of them reporting (the first reports after a start, an outage).
        String signature = signature(ahead) + " batteries " + java.util.Arrays.hashCode(members);
        int reporting = reporting(members, now);
        int before = reportingAtPlan.getOrDefault(p.id(), -1);
        boolean moreOrFewer =
            before < 0
                || (reporting != before
                    && Math.abs(reporting - before) * 10 >= Math.max(1, before));
        boolean eventsChanged = !signature.equals(planned.get(p.id()));
        if (eventsChanged
            || moreOrFewer
            || (boundary && c.due(now, registerChanged || newPrices || !moved.isEmpty(), ahead))) {
          BaselineHours hours = BaselineHours.of(events.events(), p.id(), now, zone);
          c.plan(
              now, fleet.twins(), members, ahead, commitments, calendar, hours, prices, nodeOf(p));
          planned.put(p.id(), signature);
          reportingAtPlan.put(p.id(), reporting);
        }
      } else if (p.kind() == ProgramKind.MANAGED_EV_CHARGING) {
        loads.computeIfAbsent(
            p.id(), id -> LoadControl.charging(id, fleet.twins(), tuning, numbers));
      } else if (p.kind() == ProgramKind.THERMOSTAT) {
        loads.computeIfAbsent(
            p.id(), id -> LoadControl.thermostats(id, fleet.twins(), tuning, numbers));
      }
    }
    int[] allBatteries = fleet.tree().members(GroupId.FLEET);
    flex.observe(fleet.twins(), allBatteries, now);
    if (boundary) {
      GroupTotals totals = fleet.tree().totals(GroupId.FLEET);
      flex.measured(now, totals.availableDischarge().kilowatts());
      flex.forecast(
          now,
          now.plus(java.time.Duration.ofDays(1)),
          fleet.twins(),
          allBatteries,
          d -> !fleet.twins().isOptedOut(d),
          this::plannedPower);
    }
    // 4. dispatch
    for (BatteryControl c : batteries.values()) {
      int[] members = ofKind(fleet.members(c.programId()), DeviceKind.BATTERY);
      send(c.dispatch(now, members, live.getOrDefault(c.programId(), List.of())));
    }
    for (LoadControl c : loads.values()) {
      send(
          c.dispatch(
              now, fleet.members(c.programId()), live.getOrDefault(c.programId(), List.of())));
    }
    link.tick();
    if (numbers.last() > reserved - BLOCK / 2) {
      reserve(numbers.last());
    }
    fleet.tree().expireStale(now.plus(tuning.step()));
    // 5. measurement and settlement
    List<EventResult> measured =
        measurement.step(now, id -> commitments.of(id).map(Power::kilowatts).orElse(0.0));
    for (EventResult r : measured) {
      books.settle(r, now);
    }
    books.closeMonths(
        now,
        (programId, month) ->
            SeasonBooks.earners(
                measurement.results().stream()
                    .filter(r -> r.programId().equals(programId))
                    .filter(
                        r ->
                            java.time.YearMonth.from(r.window().start().atZone(zone)).equals(month))
                    .toList()));
    // 6. views
    if (boundary || changed || !moved.isEmpty() || !measured.isEmpty() || steps == 0) {
      views.accept(view(now));
    }
    steps++;
  }

  private void send(List<Command> commands) {
    for (Command c : commands) {
      link.send(c);
    }
  }

  /** Each program's events not over yet at {@code now}, earliest first. */
  private Map<String, List<ProgramEvent>> liveEvents(Instant now) {
    Map<String, List<ProgramEvent>> out = new HashMap<>();
    for (ProgramEvent e : events.events()) {
      boolean open =
          (e.state() == ProgramEvent.State.SCHEDULED || e.state() == ProgramEvent.State.ACTIVE)
              && now.isBefore(e.window().end());
      if (open) {
        out.computeIfAbsent(e.programId(), k -> new ArrayList<>()).add(e);
      }
    }
    out.values().forEach(l -> l.sort(Comparator.comparing(e -> e.window().start())));
    return out;
  }

  /** How many of {@code members} are online and the VPP may command. */
  private int reporting(int[] members, Instant now) {
    int n = 0;
    for (int d : members) {
      n += fleet.twins().isOnline(d, now) && !fleet.twins().isOptedOut(d) ? 1 : 0;
    }
    return n;
  }

  private static String signature(List<ProgramEvent> events) {
    StringBuilder b = new StringBuilder();
    for (ProgramEvent e : events) {
      b.append(e.id())
          .append(' ')
          .append(e.window())
          .append(' ')
          .append(e.state())
          .append(' ')
          .append(e.requested())
          .append(';');
    }
    return b.toString();
  }

  private Optional<String> nodeOf(Program p) {
    return p.regions().stream().sorted().findFirst().flatMap(prices::nodeOf);
  }

  /** The batteries' planned power at {@code at}, over every battery program. */
  private Power plannedPower(Instant at) {
    double kw = 0;
    for (BatteryControl c : batteries.values()) {
      kw += BatteryControl.targetAt(c.plan(), at).kilowatts();
    }
    return Power.ofKilowatts(kw);
  }

  static boolean isBattery(ProgramKind kind) {
    return kind == ProgramKind.BYO_BATTERY
        || kind == ProgramKind.LEASED_BATTERY
        || kind == ProgramKind.WHOLESALE_AGGREGATION;
  }

  private int[] ofKind(int[] ordinals, DeviceKind kind) {
    int n = 0;
    int[] out = new int[ordinals.length];
    for (int d : ordinals) {
      if (fleet.twins().device(d).kind() == kind) {
        out[n++] = d;
      }
    }
    return java.util.Arrays.copyOf(out, n);
  }

  private ServiceView view(Instant now) {
    FleetView fleetView =
        register.locked(
            false, b -> FleetView.of(now, fleet.twins(), fleet.tree(), b.register(), b.book()));
    List<FleetView.Dispatch> dispatch = new ArrayList<>();
    for (BatteryControl c : batteries.values()) {
      dispatch.add(
          row(
              c.programId(),
              DeviceKind.BATTERY,
              ofKind(fleet.members(c.programId()), DeviceKind.BATTERY),
              now,
              Optional.of(c.lastTarget().kilowatts()),
              Optional.empty(),
              c.dispatcher().commandsSent(),
              c.dispatcher()::isExcluded));
    }
    for (LoadControl c : loads.values()) {
      int[] m = fleet.members(c.programId());
      dispatch.add(
          row(
              c.programId(),
              m.length > 0 ? fleet.twins().device(m[0]).kind() : DeviceKind.EV_CHARGER,
              m,
              now,
              Optional.empty(),
              Optional.of(c.lastAsk().kilowatts()),
              c.commandsSent(),
              d -> false));
    }
    fleetView = fleetView.withRun(flex.view(), priceView(now), dispatch);
    Map<String, Double> committed = new HashMap<>();
    commitments.all().forEach((k, v) -> committed.put(k, v.kilowatts()));
    return new ServiceView(
        now,
        fleetView,
        measurement.results(),
        committed,
        books.accreditation(),
        link.telemetry(),
        meters.counts(),
        events.refusals(),
        steps,
        batteries.values().stream().flatMap(c -> c.alert().stream()).toList(),
        batteries.values().stream().mapToLong(BatteryControl::failures).sum());
  }

  /** Today's and tomorrow's prices (once known) of the first node, hour by hour. */
  private List<FleetView.Price> priceView(Instant now) {
    List<FleetView.Price> out = new ArrayList<>();
    if (prices.nodes().isEmpty()) {
      return out;
    }
    String node = prices.nodes().get(0);
    ZoneId zone = clock.zone();
    LocalDate today = now.atZone(zone).toLocalDate();
    Instant end = today.plusDays(2).atStartOfDay(zone).toInstant();
    for (Instant at = today.atStartOfDay(zone).toInstant();
        at.isBefore(end);
        at = at.plusSeconds(3600)) {
      Optional<EnergyPrice> p = prices.at(node, at, now);
      if (p.isPresent()) {
        out.add(new FleetView.Price(at, at.plusSeconds(3600), p.get().perMegawattHour().amount()));
      }
    }
    return out;
  }

  private FleetView.Dispatch row(
      String program,
      DeviceKind kind,
      int[] devices,
      Instant now,
      Optional<Double> targetKw,
      Optional<Double> reductionKw,
      long commands,
      java.util.function.IntPredicate excluded) {
    double measuredKw = 0;
    int online = 0;
    int out = 0;
    int left = 0;
    for (int d : devices) {
      boolean on = fleet.twins().isOnline(d, now);
      measuredKw += on ? fleet.twins().powerKw(d) : 0;
      online += on ? 1 : 0;
      out += fleet.twins().isOptedOut(d) ? 1 : 0;
      left += excluded.test(d) ? 1 : 0;
    }
    return new FleetView.Dispatch(
        program,
        kind.name(),
        targetKw,
        reductionKw,
        measuredKw,
        commands,
        devices.length,
        online,
        left,
        out);
  }
}
