package org.openvpp.server.run;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.IntPredicate;
import org.openvpp.aggregate.AggregationTree;
import org.openvpp.aggregate.GroupId;
import org.openvpp.aggregate.GroupTotals;
import org.openvpp.device.Battery;
import org.openvpp.device.DeviceId;
import org.openvpp.device.DeviceKind;
import org.openvpp.dispatch.ChargeDispatcher;
import org.openvpp.dispatch.Command;
import org.openvpp.dispatch.CommandNumbers;
import org.openvpp.dispatch.Dispatcher;
import org.openvpp.dispatch.ThermostatDispatcher;
import org.openvpp.event.GridEvent;
import org.openvpp.flex.DeviceEnvelopes;
import org.openvpp.flex.EnvelopeBlock;
import org.openvpp.flex.FlexEnvelope;
import org.openvpp.mv.EventPerformance;
import org.openvpp.mv.IntervalPerformance;
import org.openvpp.mv.PreEventBaseline;
import org.openvpp.plan.PeakReductionPlanner;
import org.openvpp.plan.Plan;
import org.openvpp.server.api.FleetView;
import org.openvpp.sim.fleet.Scenario;
import org.openvpp.sim.fleet.SimData;
import org.openvpp.sim.fleet.SimFleet;
import org.openvpp.time.Horizon;
import org.openvpp.time.Interval;
import org.openvpp.time.SimulationClock;
import org.openvpp.twin.TwinStore;
import org.openvpp.units.Energy;
import org.openvpp.units.EnergyPrice;
import org.openvpp.units.Money;
import org.openvpp.units.Power;
import org.openvpp.units.Temperature;

/**
 * The walking skeleton: one simulated fleet run through every boundary of the VPP.
 *
 * <p>Each one-minute control step, in this order:
 *
 * <ol>
 *   <li>the utility may announce its event (received as a {@link GridEvent} from the run's {@link
 *       UtilityEvents}: in process by default, the VEN of a utility's OpenADR VTN with {@link
 *       #from}), which the run's program ({@link RunEnrolment}) creates in its event book;
 *   <li>what is due in the program happens (consent lapses, opt-outs, the event's start and end),
 *       and the batteries the event book does not allow are marked opted out in the twins, which
 *       the planners, the tree and the dispatcher leave alone;
 *   <li>at each 15-minute boundary before the event ends, the planner re-plans the rest of the
 *       event from the fleet's envelope, summed from the twins in an {@link EnvelopeBlock}; at
 *       every boundary the batteries' available flexibility is measured and forecast for the rest
 *       of the run ({@link FlexForecast}), and a view is handed out;
 *   <li>the dispatcher compares the plan's target with the power the twins report and commands the
 *       batteries, looking ahead by the fleet's command latency so that they act on time;
 *   <li>the simulated fleet acts (after its command latency) and reports telemetry, which the twin
 *       store accepts by sequence number and the aggregation tree folds in incrementally;
 *   <li>stale twins are expired from the totals.
 * </ol>
 *
 * <p>At the end, M&amp;V compares the batteries' sub-metered energy with the counterfactual: a
 * second copy of the fleet, stepped alongside and never commanded, which is what would have
 * happened without the VPP. Only a simulation knows it; the report also gives what a pre-notice
 * baseline (the hour before the event's notice) would have credited, so a baseline method's error
 * is measured, not guessed. Nothing crosses a boundary except through these types: the planner sees
 * only envelopes, the dispatcher only twins, M&amp;V only meter data.
 *
 * <p>Time: the loop runs on a {@link SimulationClock}; a stepped clock is advanced by the loop (as
 * fast as the work allows), a scaled clock is waited for (a live demo).
 *
 * <p>Threads: the whole loop runs on the caller's thread; observers are called on it.
 */
public final class FleetRun {

  /** The control step. */
  public static final Duration STEP = Duration.ofMinutes(1);

  /** The metering and planning interval. */
  public static final Duration INTERVAL = Duration.ofMinutes(15);

  /** The program the simulated batteries are enrolled in: the tree's second level. */
  public static final String PROGRAM = "byo-battery";

  private static final int BASELINE_LOOKBACK = 4;
  // Batteries are let go over ten minutes after an event, not all at once.
  private static final Duration RELEASE_SPREAD = Duration.ofMinutes(10);
  private static final double ROTATE_BELOW = 0.5;

  /** Kept back from every car's time to its ready-by, beyond the lag. */
  private static final Duration CHARGE_MARGIN = Duration.ofMinutes(15);

  /** How long the chargers take to come back to full power after the event. */
  private static final Duration CHARGE_RELEASE = Duration.ofHours(2);

  /** The least distance from a comfort band's edge at which a held heat pump is let go. */
  private static final Temperature COMFORT_MARGIN = Temperature.ofCelsius(0.3);

  /** Over how long the held heat pumps are let go after the event. */
  private static final Duration THERMOSTAT_RELEASE = Duration.ofMinutes(30);

  private static final double PLAN_RELIABILITY = 0.97;
  // The simulated batteries' round trip; the planner discounts pre-event charge by it.
  private static final double ROUND_TRIP = 0.9;

  /** What the VPP plans the batteries for. */
  public enum Objective {
    /** The utility's event alone: charge before it, the largest flat reduction through it. */
    PEAK_EVENT,
    /**
     * Energy arbitrage on the scenario's day-ahead prices all day, with the event as a firm
     * commitment ({@link DayPlanner}); the event alone when the scenario has no prices.
     */
    ARBITRAGE_AND_EVENT
  }

  private final Scenario scenario;
  private final SimData data;
  private final FleetLink.Opener link;
  private final Objective objective;
  private final RunEnrolment.Terms terms;
  private final java.util.function.Supplier<UtilityEvents> utility;
  private final PartnerReports partners;
  private final TelemetrySink telemetry;
  private final java.util.function.Supplier<ProgramRecords> records;

  /**
   * @throws IllegalArgumentException when the scenario ends before its event is over
   */
  public FleetRun(Scenario scenario, SimData data) {
    this(scenario, data, DirectLink.OPENER);
  }

  /**
   * A run whose fleet and VPP reach each other through {@code link} (in memory, or over MQTT).
   *
   * @throws IllegalArgumentException when the scenario ends before its event is over
   */
  public FleetRun(Scenario scenario, SimData data, FleetLink.Opener link) {
    this(scenario, data, link, Objective.PEAK_EVENT);
  }

  /**
   * A run through {@code link} that plans for {@code objective}.
   *
   * @throws IllegalArgumentException when the scenario ends before its event is over
   */
  public FleetRun(Scenario scenario, SimData data, FleetLink.Opener link, Objective objective) {
    this(scenario, data, link, objective, RunEnrolment.Terms.everyone());
  }

  /**
   * A run through {@code link} that plans for {@code objective}, its batteries' customers enrolled
   * and behaving by {@code terms} ({@link RunEnrolment}).
   *
   * @throws IllegalArgumentException when the scenario ends before its event is over
   */
  public FleetRun(
      Scenario scenario,
      SimData data,
      FleetLink.Opener link,
      Objective objective,
      RunEnrolment.Terms terms) {
    this(
        scenario,
        data,
        link,
        objective,
        terms,
        () -> new ScheduledUtility(scenario),
        PartnerReports.NONE,
        TelemetrySink.NONE,
        ProgramRecords::inMemory);
  }

  private FleetRun(
      Scenario scenario,
      SimData data,
      FleetLink.Opener link,
      Objective objective,
      RunEnrolment.Terms terms,
      java.util.function.Supplier<UtilityEvents> utility,
      PartnerReports partners,
      TelemetrySink telemetry,
      java.util.function.Supplier<ProgramRecords> records) {
    requireEventCovered(scenario);
    this.telemetry = telemetry;
    this.records = records;
    this.terms = terms;
    this.scenario = scenario;
    this.data = data;
    this.link = link;
    this.objective = objective;
    this.utility = utility;
    this.partners = partners;
  }

  /**
   * This run with its utility's event from {@code source} (asked at every step) instead of the
   * scenario's in-process {@link ScheduledUtility}.
   */
  public FleetRun from(UtilityEvents source) {
    return new FleetRun(
        scenario, data, link, objective, terms, () -> source, partners, telemetry, records);
  }

  /**
   * This run settling, with its own sites, the partners whose readings {@code reports} gives at its
   * end.
   */
  public FleetRun withPartners(PartnerReports reports) {
    return new FleetRun(
        scenario, data, link, objective, terms, utility, reports, telemetry, records);
  }

  /** This run, telling {@code sink} of every report its twins accept. */
  public FleetRun recordingTo(TelemetrySink sink) {
    return new FleetRun(
        scenario,
        data,
        link,
        objective,
        terms,
        utility,
        partners,
        java.util.Objects.requireNonNull(sink, "sink"),
        records);
  }

  /**
   * This run, keeping its program records (customers, sites, consents, enrolments, events,
   * opt-outs) in the stores {@code where} gives, a fresh set for each run.
   */
  public FleetRun keepingRecordsIn(java.util.function.Supplier<ProgramRecords> where) {
    return new FleetRun(
        scenario,
        data,
        link,
        objective,
        terms,
        utility,
        partners,
        telemetry,
        java.util.Objects.requireNonNull(where, "where"));
  }

  /** Whether {@link Objective#ARBITRAGE_AND_EVENT} trades in {@code scenario}: it has prices. */
  public static boolean arbitrageApplies(Scenario scenario) {
    return DayPlanner.applies(scenario);
  }

  /**
   * Checks that {@code scenario} runs until its event is over.
   *
   * @throws IllegalArgumentException when it ends before, saying how many hours it needs
   */
  public static void requireEventCovered(Scenario scenario) {
    Instant eventEnd =
        scenario.day().atTime(scenario.event().end()).atZone(scenario.zone()).toInstant();
    if (scenario.end().toInstant().isBefore(eventEnd)) {
      long needed =
          (long)
              Math.ceil(
                  Duration.between(scenario.start().toInstant(), eventEnd).toMinutes() / 60.0);
      throw new IllegalArgumentException(
          "--hours "
              + scenario.hours()
              + " ends before the utility's event ("
              + scenario.event().start()
              + "-"
              + scenario.event().end()
              + ") is over; simulate at least "
              + needed
              + " hours");
    }
  }

  /**
   * Runs the whole simulated span.
   *
   * @param clock the simulation clock, standing at the run's start
   * @param onMinute told of every control step
   * @param onEvent told when the utility's event is received
   */
  public RunReport run(
      SimulationClock clock, Consumer<MinuteSample> onMinute, Consumer<GridEvent> onEvent) {
    return run(clock, onMinute, onEvent, view -> {});
  }

  /**
   * Runs the whole simulated span, handing out snapshots of the VPP's state for the API.
   *
   * @param onView told a new {@link FleetView} at the start, every 15 minutes, when the event is
   *     announced, and at the end (made on the run's thread; immutable, so another thread may read
   *     it)
   */
  public RunReport run(
      SimulationClock clock,
      Consumer<MinuteSample> onMinute,
      Consumer<GridEvent> onEvent,
      Consumer<FleetView> onView) {
    return run(clock, onMinute, onEvent, onView, RunRequests.NONE);
  }

  /**
   * As {@link #run(SimulationClock, Consumer, Consumer, Consumer)}, applying {@code requests} (an
   * opt-out asked through the API, say) at the start of every step.
   */
  public RunReport run(
      SimulationClock clock,
      Consumer<MinuteSample> onMinute,
      Consumer<GridEvent> onEvent,
      Consumer<FleetView> onView,
      RunRequests requests) {
    long wallStart = System.nanoTime();
    Instant start = scenario.start().toInstant();
    Duration step = STEP;
    SimFleet fleet = SimFleet.build(scenario, data, link.idPrefix());
    // The same fleet, never commanded: what would have happened without the VPP. Only a
    // simulation has it; M&V is measured against it and the baseline method is judged by it.
    SimFleet shadow = SimFleet.build(scenario, data);
    TwinStore twins = new TwinStore(Duration.ofMinutes(5));
    AggregationTree tree = new AggregationTree(twins);
    twins.onChange(tree::update);
    TelemetrySink sink = telemetry;
    twins.onChange(d -> sink.accepted(twins, d));
    // fleet ▸ program ▸ region ▸ feeder. Every battery home asks to join one bring-your-own-battery
    // program (RunEnrolment); a battery the VPP may not command stays in the tree, measured, and
    // marked out of its control.
    GroupId program = GroupId.of(PROGRAM);
    tree.addGroup(program, GroupId.FLEET);
    List<List<GroupId>> feeders = new ArrayList<>();
    for (int r = 0; r < scenario.regions().size(); r++) {
      String name = PROGRAM + "/" + scenario.regions().get(r).name();
      GroupId region = GroupId.of(name);
      tree.addGroup(region, program);
      List<GroupId> inRegion = new ArrayList<>();
      for (int f = 0; f < fleet.feedersIn(r); f++) {
        GroupId feeder = GroupId.of(name + "/feeder-" + (f + 1));
        tree.addGroup(feeder, region);
        inRegion.add(feeder);
      }
      feeders.add(inRegion);
    }
    List<org.openvpp.device.Device> devices = fleet.devices();
    // Enrolment: which site, so which feeder, each device belongs to.
    Map<DeviceId, Integer> enrolled = new HashMap<>();
    for (int g = 0; g < devices.size(); g++) {
      enrolled.put(devices.get(g).id(), g);
    }
    // Each device is placed in the tree when it registers (in memory, or by its birth over MQTT).
    IntConsumer placed =
        ordinal -> {
          Integer g = enrolled.get(twins.device(ordinal).id());
          if (g != null && fleet.kind(g) == DeviceKind.BATTERY) {
            // The batteries are the dispatchable group; other kinds are watched, not controlled.
            int home = fleet.homeOf(g);
            tree.assign(ordinal, feeders.get(fleet.regionOf(home)).get(fleet.feederOf(home)));
          }
        };
    // The program, its customers and their enrolment, before the day starts.
    RunEnrolment enrolment = new RunEnrolment(scenario, fleet, terms, records.get());
    try (FleetLink wire = link.open(fleet, twins, clock)) {
      // Devices connect and report before the day starts.
      wire.connect(start, step, placed);
      // Connecting steps the fleet once, the minute before the start, so every device has
      // reported; the counterfactual takes the same minute, or its homes would run a minute behind
      // (its thermostats' and water heaters' cycles shifted, and M&V biased by them).
      shadow.step(start.minus(step), step, SimFleet.NO_TELEMETRY);
      return control(
          clock, onMinute, onEvent, onView, requests, wallStart, fleet, shadow, twins, tree, wire,
          enrolment);
    }
  }

  private RunReport control(
      SimulationClock clock,
      Consumer<MinuteSample> onMinute,
      Consumer<GridEvent> onEvent,
      Consumer<FleetView> onView,
      RunRequests requests,
      long wallStart,
      SimFleet fleet,
      SimFleet shadow,
      TwinStore twins,
      AggregationTree tree,
      FleetLink wire,
      RunEnrolment enrolment) {
    Instant start = scenario.start().toInstant();
    Instant end = scenario.end().toInstant();
    Duration step = STEP;
    Horizon meterHorizon = Horizon.covering(new Interval(start, end), INTERVAL);
    int intervals = meterHorizon.count();
    List<org.openvpp.device.Device> devices = fleet.devices();
    int[] members = tree.members(GroupId.FLEET);

    // Commands act after the fleet's latency and telemetry comes back late: the dispatcher leads
    // by the one and gives devices the sum of both (plus a step) before judging them.
    long latencySteps =
        (long) Math.ceil(scenario.misbehaviour().latencyMaxSeconds() / step.toSeconds());
    long delaySteps =
        (long) Math.ceil(scenario.misbehaviour().telemetryDelayMaxSeconds() / step.toSeconds());
    Duration lead = step.multipliedBy(Math.max(1, latencySteps));
    CommandNumbers numbers = new CommandNumbers();
    Dispatcher dispatcher =
        new Dispatcher(
            twins,
            step,
            step.multipliedBy(5),
            step.multipliedBy(Math.max(2, latencySteps + delaySteps + 1)),
            step.multipliedBy(Math.max(1, latencySteps + delaySteps)),
            3,
            0.5,
            // The event-only plan releases the batteries once, after the event: spread it. The
            // day's trading plan moves through zero between blocks, where holding on would stray
            // from the plan. Calls rotate when the plan asks less than half of what the batteries
            // can sustain (a trading plan mostly does; the event asks nearly all).
            new Dispatcher.Policy(
                objective == Objective.PEAK_EVENT ? RELEASE_SPREAD : Duration.ZERO, ROTATE_BELOW),
            numbers);
    // Managed charging: in the event, the enrolled cars defer what they can and still be ready.
    int[] chargers = ofKind(twins, DeviceKind.EV_CHARGER);
    ChargeDispatcher charging =
        new ChargeDispatcher(
            twins,
            step,
            step.multipliedBy(5),
            step.multipliedBy(Math.max(2, latencySteps + delaySteps + 1)),
            step.multipliedBy(Math.max(1, latencySteps + delaySteps)),
            CHARGE_MARGIN,
            CHARGE_RELEASE,
            3,
            0.5,
            numbers);
    // Thermostats: in the event, resting heat pumps are held off while their homes stay in band.
    int[] thermostats = ofKind(twins, DeviceKind.THERMOSTAT);
    ThermostatDispatcher comfort =
        new ThermostatDispatcher(
            twins,
            step,
            step.multipliedBy(5),
            step.multipliedBy(Math.max(1, latencySteps + delaySteps)),
            COMFORT_MARGIN,
            THERMOSTAT_RELEASE,
            numbers);
    double thermostatAskKw = 0;
    Comfort comfortWatch = new Comfort(fleet, shadow);
    UtilityEvents utility = this.utility.get();
    PeakReductionPlanner planner = new PeakReductionPlanner(PLAN_RELIABILITY);
    double startStoredKwh = fleet.batteryStoredTotalKwh();
    double[] startKwh = new double[twins.size()];
    for (int d = 0; d < startKwh.length; d++) {
      startKwh[d] = twins.storedKwh(d);
    }
    Optional<DayPlanner> day =
        objective == Objective.ARBITRAGE_AND_EVENT && DayPlanner.applies(scenario)
            ? Optional.of(new DayPlanner(scenario, data, end, startKwh))
            : Optional.empty();
    Optional<GridEvent> event = Optional.empty();
    Optional<Plan> plan = Optional.empty();
    // The batteries' available flexibility, forecast at each boundary and measured; the scenario's
    // prices; and what was last asked of each kind, for the views.
    FlexForecast flex = new FlexForecast(INTERVAL);
    List<FleetView.Price> prices = prices(meterHorizon);
    Power lastTarget = Power.ZERO;
    double lastDeferKw = 0;
    double lastHoldKw = 0;

    double[] committedKw = new double[intervals];
    double[] availableKw = new double[intervals];
    double[] availableKwh = new double[intervals];
    double minMargin = Double.POSITIVE_INFINITY;
    int excludedPeak = 0;

    long steps = Duration.between(start, end).dividedBy(step);
    PartnerTwins partnerTwins = new PartnerTwins(twins);
    for (long m = 0; m < steps; m++) {
      Instant now = start.plus(step.multipliedBy(m));
      Pacer.reach(clock, now);
      Optional<GridEvent> announced = utility.poll(now);
      if (announced.isPresent()) {
        event = announced;
        enrolment.announced(announced.get(), now);
        onEvent.accept(announced.get());
      }
      int k = meterHorizon.indexOf(now);
      boolean boundary = meterHorizon.interval(k).start().equals(now);
      // Enrolment drives dispatch: lapses, opt-outs and the event's lifecycle by the clock, then
      // the batteries the VPP may not command now marked out of its control.
      boolean happened = enrolment.at(now);
      happened |= requests.apply(now, enrolment.book(), twins);
      flex.observe(twins, members, now);
      if (m == 0 || boundary || announced.isPresent() || happened) {
        enrolment.mark(twins, members, now);
        enrolment.markChargers(twins, chargers, now);
        enrolment.markThermostats(twins, thermostats, now);
      }
      if (boundary && event.isPresent()) {
        // Partners' reports on the event so far, into their twins (the API shows them).
        partnerTwins.update(partners.on(event.get()), now);
      }
      if (boundary) {
        GroupTotals totals = tree.totals(GroupId.FLEET);
        availableKw[k] = totals.availableDischarge().kilowatts();
        availableKwh[k] = totals.dischargeable().kilowattHours();
        boolean eventAhead = event.isPresent() && now.isBefore(event.get().window().end());
        if (day.isPresent()) {
          Power flat = Power.ZERO;
          if (eventAhead) {
            Plan peak = replan(planner, twins, dispatcher, members, event.get(), now);
            flat = flatReduction(peak, event.get().window());
            day.get().commitment(flat);
          }
          IntPredicate available =
              d -> twins.isOnline(d, now) && !dispatcher.isExcluded(d) && !twins.isOptedOut(d);
          plan =
              Optional.of(
                  day.get()
                      .plan(twins, members, available, now, event.map(GridEvent::window), flat));
        } else if (eventAhead) {
          plan = Optional.of(replan(planner, twins, dispatcher, members, event.get(), now));
        }
        Optional<Plan> planned = plan;
        flex.measured(now, availableKw[k]);
        flex.forecast(
            now,
            end,
            twins,
            members,
            d -> !dispatcher.isExcluded(d) && !twins.isOptedOut(d),
            t -> targetAt(planned, t));
      }
      if (m == 0 || boundary || announced.isPresent()) {
        onView.accept(
            FleetView.of(now, twins, tree, enrolment.register(), enrolment.book())
                .withRun(
                    flex.view(),
                    prices,
                    dispatchNow(
                        twins,
                        now,
                        members,
                        chargers,
                        thermostats,
                        dispatcher,
                        charging,
                        comfort,
                        lastTarget,
                        lastDeferKw,
                        lastHoldKw)));
      }
      if (boundary) {
        if (day.isPresent()) {
          // The firm part: what was promised the utility, in the event's intervals.
          boolean inEvent =
              event.isPresent() && event.get().window().contains(meterHorizon.interval(k).start());
          committedKw[k] = inEvent ? day.get().commitment().map(Power::kilowatts).orElse(0.0) : 0;
        } else {
          committedKw[k] = -targetAt(plan, now).kilowatts();
        }
      }
      // Commands take effect after the fleet's latency, so the dispatcher works that far ahead.
      Power target = targetAt(plan, now.plus(lead));
      Instant acting = now.plus(lead);
      // The block a target belongs to: the pre-event charge runs to the start, the event to its
      // end.
      Duration blockLeft =
          day.isPresent()
              ? untilTargetChanges(plan, acting)
              : event
                  .map(
                      e ->
                          acting.isBefore(e.window().start())
                              ? Duration.between(acting, e.window().start())
                              : Duration.between(acting, e.window().end()))
                  .orElse(Duration.ZERO);
      List<Command> commands =
          dispatcher.step(now, target, members, blockLeft.isNegative() ? Duration.ZERO : blockLeft);
      for (Command c : commands) {
        enrolment.sent(c, now);
        wire.send(c);
      }
      // The cars are asked to defer all they can through the event (a request of their whole
      // counterfactual: what would keep them from being late is kept by the dispatcher).
      boolean inEvent = event.isPresent() && event.get().window().contains(acting);
      Power defer = inEvent ? Power.ofKilowatts(charging.counterfactualKw()) : Power.ZERO;
      for (Command c : charging.step(now, defer, chargers)) {
        wire.send(c);
      }
      // The heat pumps are asked for what they drew when the event began (the first step they drew
      // anything): as much as they can.
      if (inEvent && thermostatAskKw == 0) {
        for (int d : thermostats) {
          thermostatAskKw += twins.isOnline(d, now) ? twins.powerKw(d) : 0;
        }
      }
      Power hold = inEvent ? Power.ofKilowatts(thermostatAskKw) : Power.ZERO;
      lastTarget = target;
      lastDeferKw = defer.kilowatts();
      lastHoldKw = hold.kilowatts();
      for (Command c : comfort.step(now, hold, thermostats)) {
        wire.send(c);
      }
      wire.step(now, step);
      shadow.step(now, step, SimFleet.NO_TELEMETRY);
      comfortWatch.step();
      Instant after = now.plus(step);
      tree.expireStale(after);
      excludedPeak = Math.max(excludedPeak, dispatcher.excludedCount());
      minMargin = Math.min(minMargin, fleet.minReserveMarginUnderCommand(after));
      GroupTotals totals = tree.totals(GroupId.FLEET);
      int hour = (int) Duration.between(start, now).toHours();
      double homeLoad = 0;
      for (int h = 0; h < fleet.homes(); h++) {
        homeLoad += fleet.homeLoadKw(h, hour);
      }
      onMinute.accept(
          new MinuteSample(
              after,
              homeLoad,
              totals.power().kilowatts(),
              target.kilowatts(),
              totals.availableDischarge().kilowatts(),
              fleet.netLoadKw(),
              shadow.netLoadKw(),
              event.isPresent() && event.get().window().contains(now)));
    }

    onView.accept(
        FleetView.of(end, twins, tree, enrolment.register(), enrolment.book())
            .withRun(
                flex.view(),
                prices,
                dispatchNow(
                    twins,
                    end,
                    members,
                    chargers,
                    thermostats,
                    dispatcher,
                    charging,
                    comfort,
                    lastTarget,
                    lastDeferKw,
                    lastHoldKw)));
    GridEvent received =
        event.orElseThrow(
            () ->
                new IllegalStateException(
                    "the run ended before the utility announced its event ("
                        + utility
                        + "); simulate more hours"));
    double[] batteryKwh = fleet.kindMeterTotalKwh(DeviceKind.BATTERY);
    double[] siteKwh = fleet.siteMeterTotalKwh();
    double[] withoutKwh = shadow.siteMeterTotalKwh();
    EventPerformance performance =
        EventPerformance.against(
            meterHorizon, shadow.kindMeterTotalKwh(DeviceKind.BATTERY), batteryKwh, committedKw);
    // An event received in the run's first hour (an outside VTN's, on it before the run began)
    // has no hour before its notice in the run: its baseline is the run's first hour.
    EventPerformance byBaseline =
        new PreEventBaseline(BASELINE_LOOKBACK)
            .measure(
                meterHorizon,
                batteryKwh,
                committedKw,
                Math.max(BASELINE_LOOKBACK, meterHorizon.indexOf(received.received())));
    List<IntervalRow> rows = new ArrayList<>();
    double hours = meterHorizon.stepHours();
    double peakNet = Double.NEGATIVE_INFINITY;
    double peakHome = Double.NEGATIVE_INFINITY;
    int p = 0;
    for (int k = 0; k < intervals; k++) {
      Interval iv = meterHorizon.interval(k);
      Optional<IntervalPerformance> perf = Optional.empty();
      if (p < performance.intervals().size()
          && performance.intervals().get(p).interval().equals(iv)) {
        perf = Optional.of(performance.intervals().get(p++));
      }
      if (received.window().contains(iv.start())) {
        peakNet = Math.max(peakNet, siteKwh[k] / hours);
        peakHome = Math.max(peakHome, withoutKwh[k] / hours);
      }
      rows.add(
          new IntervalRow(
              iv,
              availableKw[k],
              availableKwh[k],
              committedKw[k],
              batteryKwh[k] / hours,
              siteKwh[k] / hours,
              perf.map(x -> x.delivered().kilowatts()),
              perf.map(x -> x.shortfall().kilowatts())));
    }
    Optional<Money> cost = energyCost(siteKwh, meterHorizon);
    Optional<Money> costWithout = energyCost(withoutKwh, meterHorizon);
    // The batteries end the run holding more or less than they began with; what they gained is
    // worth the run's mean price, and what they lost was bought at it.
    double endKwh = fleet.batteryStoredTotalKwh();
    double endWithoutKwh = shadow.batteryStoredTotalKwh();
    Optional<Money> costCounted =
        cost.flatMap(
            c -> energyCost(spread(startStoredKwh - endKwh, intervals), meterHorizon).map(c::plus));
    Optional<Money> costWithoutCounted =
        costWithout.flatMap(
            c ->
                energyCost(spread(startStoredKwh - endWithoutKwh, intervals), meterHorizon)
                    .map(c::plus));
    int ignoring = 0;
    for (int g = 0; g < devices.size(); g++) {
      ignoring += fleet.kind(g) == DeviceKind.BATTERY && fleet.ignoresCommands(g) ? 1 : 0;
    }
    return new RunReport(
        scenario,
        received,
        rows,
        performance,
        byBaseline,
        members.length,
        ignoring,
        excludedPeak,
        dispatcher.commandsSent() + charging.commandsSent() + comfort.commandsSent(),
        wire.accepted(),
        wire.rejected(),
        wire.summary(),
        minMargin,
        peakNet,
        peakHome,
        cost,
        costWithout,
        costCounted,
        costWithoutCounted,
        endKwh,
        endWithoutKwh,
        Duration.ofNanos(System.nanoTime() - wallStart),
        RunSettlement.settle(
            scenario,
            enrolment,
            fleet,
            shadow,
            received,
            meterHorizon,
            committedKw,
            partners.on(received)),
        managedCharging(fleet, shadow, received, meterHorizon, chargers.length, charging, end),
        comfortWatch.report(
            received, meterHorizon, thermostats.length, thermostatAskKw, comfort.commandsSent()),
        siteMeters(fleet, start));
  }

  /** Every home's site meter over the run, by the meter id its site is enrolled with. */
  private Map<String, org.openvpp.mv.baseline.MeterData> siteMeters(SimFleet fleet, Instant start) {
    Map<String, org.openvpp.mv.baseline.MeterData> meters = new HashMap<>();
    for (int h = 0; h < fleet.homes(); h++) {
      meters.put(
          "meter-" + h,
          org.openvpp.mv.baseline.MeterData.of(
              scenario.zone(), start, INTERVAL, fleet.siteMeterKwh(h)));
    }
    return meters;
  }

  /**
   * Watches every simulated home with a thermostat, with and without the VPP: how far outside its
   * comfort band (the customer's, as its device states it) its air goes.
   */
  private static final class Comfort {
    private final SimFleet fleet;
    private final SimFleet shadow;
    private final double[] worst;
    private final double[] worstWithout;

    Comfort(SimFleet fleet, SimFleet shadow) {
      this.fleet = fleet;
      this.shadow = shadow;
      worst = new double[fleet.thermostats().size()];
      worstWithout = new double[worst.length];
    }

    void step() {
      var with = fleet.thermostats();
      var without = shadow.thermostats();
      for (int i = 0; i < worst.length; i++) {
        var band = with.spec(i).thermostat();
        worst[i] = Math.max(worst[i], outside(with.indoorC(i), band));
        worstWithout[i] = Math.max(worstWithout[i], outside(without.indoorC(i), band));
      }
    }

    private static double outside(double air, org.openvpp.sim.thermal.ThermostatSettings band) {
      return Math.max(0, Math.max(air - band.comfortHighC(), band.comfortLowC() - air));
    }

    RunReport.Thermostats report(
        GridEvent event, Horizon horizon, int members, double askedKw, long commands) {
      KindInEvent e =
          KindInEvent.of(
              fleet.kindMeterTotalKwh(DeviceKind.THERMOSTAT),
              shadow.kindMeterTotalKwh(DeviceKind.THERMOSTAT),
              event,
              horizon);
      int warmer = 0;
      double worstExtra = 0;
      for (int i = 0; i < worst.length; i++) {
        double extra = worst[i] - worstWithout[i];
        if (extra > 0.05) {
          warmer++;
        }
        worstExtra = Math.max(worstExtra, extra);
      }
      return new RunReport.Thermostats(
          members,
          askedKw,
          e.meanReductionKw(),
          e.peakAfterKw(),
          e.peakAfterWithoutKw(),
          warmer,
          worstExtra,
          commands);
    }
  }

  /**
   * One kind of device's metered energy in and after the event, against the same devices without
   * the VPP.
   */
  private record KindInEvent(
      double savedKwh, double meanReductionKw, double peakAfterKw, double peakAfterWithoutKw) {

    static KindInEvent of(double[] with, double[] without, GridEvent event, Horizon horizon) {
      double hours = horizon.stepHours();
      double saved = 0;
      double eventHours = 0;
      double peakAfter = 0;
      double peakAfterWithout = 0;
      for (int k = 0; k < horizon.count(); k++) {
        Instant at = horizon.interval(k).start();
        if (event.window().contains(at)) {
          saved += without[k] - with[k];
          eventHours += hours;
        } else if (!at.isBefore(event.window().end())) {
          peakAfter = Math.max(peakAfter, with[k] / hours);
          peakAfterWithout = Math.max(peakAfterWithout, without[k] / hours);
        }
      }
      return new KindInEvent(
          saved, eventHours > 0 ? saved / eventHours : 0, peakAfter, peakAfterWithout);
    }
  }

  /** Every device of {@code kind} among the twins, by ordinal. */
  private static int[] ofKind(TwinStore twins, DeviceKind kind) {
    int n = 0;
    int[] all = new int[twins.size()];
    for (int d = 0; d < twins.size(); d++) {
      if (twins.device(d).kind() == kind) {
        all[n++] = d;
      }
    }
    return java.util.Arrays.copyOf(all, n);
  }

  /**
   * What managed charging delivered: the chargers' metered energy against the same chargers without
   * the VPP, in the event and after it, and whether any car left with less than it would have had
   * (the counterfactual car charged at full rate from its arrival, so it had what was possible).
   */
  private static RunReport.Charging managedCharging(
      SimFleet fleet,
      SimFleet shadow,
      GridEvent event,
      Horizon horizon,
      int chargers,
      ChargeDispatcher charging,
      Instant end) {
    KindInEvent e =
        KindInEvent.of(
            fleet.kindMeterTotalKwh(DeviceKind.EV_CHARGER),
            shadow.kindMeterTotalKwh(DeviceKind.EV_CHARGER),
            event,
            horizon);
    // Every session that began in the run: one that ended is judged by what the car left with,
    // one still going by what it will have if it charges at full rate from the end.
    long endMinute = end.toEpochMilli() / 60_000L;
    int judged = 0;
    int late = 0;
    double shortKwh = 0;
    for (int i = 0; i < fleet.evs().size(); i++) {
      if (fleet.evs().arrivalMinute(i) >= endMinute) {
        continue;
      }
      judged++;
      double missing =
          shadow.evs().projectedKwh(i, endMinute) - fleet.evs().projectedKwh(i, endMinute);
      if (missing > 0.01) {
        late++;
        shortKwh += missing;
      }
    }
    return new RunReport.Charging(
        chargers,
        e.savedKwh(),
        e.meanReductionKw(),
        e.peakAfterKw(),
        e.peakAfterWithoutKw(),
        judged,
        late,
        shortKwh,
        charging.commandsSent());
  }

  /**
   * Plans the rest of the event from the fleet's envelope, summed over the twins of the devices
   * that are online and have not been caught ignoring commands.
   */
  private static Plan replan(
      PeakReductionPlanner planner,
      TwinStore twins,
      Dispatcher dispatcher,
      int[] members,
      GridEvent event,
      Instant now) {
    Interval rest = new Interval(now, event.window().end());
    Horizon horizon = Horizon.covering(rest, INTERVAL);
    EnvelopeBlock block = new EnvelopeBlock(horizon, members.length);
    for (int i = 0; i < members.length; i++) {
      int d = members[i];
      FlexEnvelope envelope =
          twins.isOnline(d, now)
                  && !dispatcher.isExcluded(d)
                  && !twins.isOptedOut(d)
                  && twins.device(d) instanceof Battery b
              ? DeviceEnvelopes.battery(
                  b,
                  Energy.ofKilowattHours(twins.storedKwh(d)),
                  Energy.ofKilowattHours(twins.reserveKwh(d)),
                  horizon)
              : FlexEnvelope.none(horizon);
      block.set(i, envelope);
    }
    return planner.plan(
        event.target(), block.sum(members.length), event.window(), event.requested(), ROUND_TRIP);
  }

  private static double[] spread(double kwh, int intervals) {
    double[] each = new double[intervals];
    java.util.Arrays.fill(each, kwh / intervals);
    return each;
  }

  /** The scenario's day-ahead prices over {@code horizon}, hour by hour; none without prices. */
  private List<FleetView.Price> prices(Horizon horizon) {
    if (scenario.prices() == Scenario.Prices.NONE) {
      return List.of();
    }
    List<FleetView.Price> out = new ArrayList<>();
    Instant end = horizon.end();
    for (Instant at = horizon.start(); at.isBefore(end); ) {
      var local = at.atZone(scenario.zone());
      Instant next = local.plusHours(1).withMinute(0).withSecond(0).withNano(0).toInstant();
      Instant until = next.isAfter(end) ? end : next;
      EnergyPrice price = data.caiso2019().day(local.toLocalDate()).get(local.getHour());
      out.add(new FleetView.Price(at, until, price.perMegawattHour().amount()));
      at = until;
    }
    return out;
  }

  /**
   * What the VPP asks of each program's devices now and what they do: the batteries' target, the
   * chargers' deferral, the heat pumps' hold, against the power their twins report.
   */
  private static List<FleetView.Dispatch> dispatchNow(
      TwinStore twins,
      Instant now,
      int[] batteries,
      int[] chargers,
      int[] thermostats,
      Dispatcher dispatcher,
      ChargeDispatcher charging,
      ThermostatDispatcher comfort,
      Power target,
      double deferKw,
      double holdKw) {
    return List.of(
        dispatchRow(
            twins,
            now,
            PROGRAM,
            DeviceKind.BATTERY,
            batteries,
            Optional.of(target.kilowatts()),
            Optional.empty(),
            dispatcher.commandsSent(),
            dispatcher::isExcluded),
        dispatchRow(
            twins,
            now,
            RunEnrolment.EV_PROGRAM_ID,
            DeviceKind.EV_CHARGER,
            chargers,
            Optional.empty(),
            Optional.of(deferKw),
            charging.commandsSent(),
            charging::isExcluded),
        dispatchRow(
            twins,
            now,
            RunEnrolment.THERMOSTAT_PROGRAM_ID,
            DeviceKind.THERMOSTAT,
            thermostats,
            Optional.empty(),
            Optional.of(holdKw),
            comfort.commandsSent(),
            d -> false));
  }

  private static FleetView.Dispatch dispatchRow(
      TwinStore twins,
      Instant now,
      String program,
      DeviceKind kind,
      int[] devices,
      Optional<Double> targetKw,
      Optional<Double> reductionKw,
      long commands,
      IntPredicate excluded) {
    double measured = 0;
    int online = 0;
    int out = 0;
    int left = 0;
    for (int d : devices) {
      boolean on = twins.isOnline(d, now);
      measured += on ? twins.powerKw(d) : 0;
      online += on ? 1 : 0;
      out += twins.isOptedOut(d) ? 1 : 0;
      left += excluded.test(d) ? 1 : 0;
    }
    return new FleetView.Dispatch(
        program,
        kind.name(),
        targetKw,
        reductionKw,
        measured,
        commands,
        devices.length,
        online,
        left,
        out);
  }

  /** What the fleet's metered energy costs at the scenario's hourly prices, exactly. */
  private Optional<Money> energyCost(double[] kwh, Horizon horizon) {
    if (scenario.prices() == Scenario.Prices.NONE) {
      return Optional.empty();
    }
    Money total = Money.zero(Money.USD);
    for (int k = 0; k < kwh.length; k++) {
      var local = horizon.interval(k).start().atZone(scenario.zone());
      EnergyPrice price = data.caiso2019().day(local.toLocalDate()).get(local.getHour());
      total = total.plus(price.costOf(Energy.ofKilowattHours(kwh[k])));
    }
    return Optional.of(total.rounded());
  }

  /** The flat reduction a peak plan holds through the event (its first interval in the window). */
  private static Power flatReduction(Plan peak, Interval window) {
    Horizon h = peak.horizon();
    for (int k = 0; k < h.count(); k++) {
      if (window.contains(h.interval(k).start())) {
        return Power.ofKilowatts(Math.max(0, -peak.target(k).kilowatts()));
      }
    }
    return Power.ZERO;
  }

  /** How long from {@code at} until the plan's target next changes by more than 1 %. */
  private static Duration untilTargetChanges(Optional<Plan> plan, Instant at) {
    if (plan.isEmpty()) {
      return Duration.ZERO;
    }
    Horizon h = plan.get().horizon();
    int k = h.indexOf(at);
    if (k < 0) {
      return Duration.ZERO;
    }
    double now = plan.get().target(k).kilowatts();
    int j = k + 1;
    while (j < h.count()
        && Math.abs(plan.get().target(j).kilowatts() - now) <= 0.01 * Math.abs(now)) {
      j++;
    }
    Instant change = j < h.count() ? h.interval(j).start() : h.interval(h.count() - 1).end();
    return Duration.between(at, change);
  }

  private static Power targetAt(Optional<Plan> plan, Instant now) {
    if (plan.isEmpty()) {
      return Power.ZERO;
    }
    int k = plan.get().horizon().indexOf(now);
    return k < 0 ? Power.ZERO : plan.get().target(k);
  }
}
