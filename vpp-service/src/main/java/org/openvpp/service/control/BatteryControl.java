package org.openvpp.service.control;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.IntPredicate;
import org.jspecify.annotations.Nullable;
import org.openvpp.aggregate.GroupId;
import org.openvpp.device.Battery;
import org.openvpp.dispatch.Command;
import org.openvpp.dispatch.CommandNumbers;
import org.openvpp.dispatch.Dispatcher;
import org.openvpp.flex.DeviceEnvelopes;
import org.openvpp.flex.EnvelopeBlock;
import org.openvpp.flex.FlexEnvelope;
import org.openvpp.mv.baseline.DayCalendar;
import org.openvpp.plan.BatteryFleet;
import org.openvpp.plan.EventCommitment;
import org.openvpp.plan.FleetPlanRequest;
import org.openvpp.plan.FleetPlanner;
import org.openvpp.plan.FleetSchedule;
import org.openvpp.plan.PeakReductionPlanner;
import org.openvpp.plan.Plan;
import org.openvpp.plan.PlannedBattery;
import org.openvpp.program.ProgramEvent;
import org.openvpp.service.prices.DayAheadPrices;
import org.openvpp.service.state.ServiceState;
import org.openvpp.service.view.Alert;
import org.openvpp.time.Horizon;
import org.openvpp.time.Interval;
import org.openvpp.twin.TwinStore;
import org.openvpp.units.Energy;
import org.openvpp.units.EnergyPrice;
import org.openvpp.units.Money;
import org.openvpp.units.Power;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One battery program's planning and closed-loop dispatch.
 *
 * <p><b>Commitments.</b> The first time the program plans an event (at the interval boundary after
 * its notice), it sizes what to promise: the largest flat discharge the batteries it may command
 * can hold through the window, charged before it ({@link PeakReductionPlanner}, 97 % of it), scaled
 * to the batteries still there at the event's end at the P90 ({@link BatteryLosses}), less what
 * they usually give on their own at those hours ({@link BatteryRecord}; the site baselines already
 * hold that part, so it is no reduction), capped by the event's request; {@link Commitments} keeps
 * the promise and the usual part, and the plans hold both. A battery the dispatcher caught not
 * following its commands is neither planned on nor promised from for {@link #NOT_COUNTED_ON} after
 * (the dispatcher itself tries it again at each release).
 *
 * <p><b>The plan.</b> When the day-ahead prices of the program's market node are known from now to
 * the end of a day (today's, and tomorrow's once published), the batteries trade against them with
 * a wear cost ({@link FleetPlanner}), every event commitment (with its usual part) firm, each
 * battery above its customer's reserve (with headroom for the command lag) and ending the horizon
 * holding at least what it held at the start of today; when the fleet can no longer hold a
 * commitment (devices lost), it commits what it still can, found by halving, and M&amp;V shows the
 * shortfall. On a day without an event of the program, the trading plan rests in the hours the
 * program's baselines look at ({@link BaselineHours}): the batteries are released then, so trading
 * neither raises nor lowers a baseline. Without prices the program plans its next event alone
 * (charge before, the flat reduction through it) and idles otherwise. Plans are made again at every
 * interval boundary while an event is ahead or on, when events or prices change, and every {@link
 * Tuning#replanEvery} otherwise.
 *
 * <p><b>Dispatch.</b> A {@link Dispatcher} follows the plan's target one command lag ahead and
 * corrects with telemetry every step. In the {@link #HOLD_BEFORE} before an event a zero target
 * holds the batteries idle ({@link Dispatcher#hold}): released, they would spend on their homes'
 * load the charge the plan keeps for the event, which the plan does not foresee.
 *
 * <p>Threads: the control loop's.
 */
final class BatteryControl {
  private static final Logger LOG = LoggerFactory.getLogger(BatteryControl.class);

  /** Wear cost of throughput, at the grid connection. */
  static final EnergyPrice WEAR = EnergyPrice.perMegawattHour(Money.of("20", Money.USD));

  private static final double PLAN_RELIABILITY = 0.97;
  private static final double HEADROOM_KWH = 0.25;
  private static final double ROTATE_BELOW = 0.5;
  private static final Duration RELEASE_SPREAD = Duration.ofMinutes(10);

  /** How long before an event a zero target holds the batteries instead of releasing them. */
  static final Duration HOLD_BEFORE = Duration.ofHours(12);

  /** How long a battery caught not following commands is not planned on (nor promised from). */
  static final Duration NOT_COUNTED_ON = Duration.ofDays(7);

  private final String programId;
  private final GroupId group;
  private final Tuning tuning;
  private final Dispatcher dispatcher;
  private final BiFunction<BatteryFleet, FleetPlanRequest, FleetSchedule> planner;
  private final PeakReductionPlanner peak = new PeakReductionPlanner(PLAN_RELIABILITY);
  private static final String RECORD = "battery-record";
  private static final String LOSSES = "battery-losses";

  private final ServiceState state;
  private final BatteryRecord record;
  private final ZoneId zone;
  private final BatteryLosses losses = new BatteryLosses();
  private Optional<Plan> plan = Optional.empty();
  // when each battery was last seen excluded by the dispatcher, by ordinal (null: never)
  private @Nullable Instant[] strayedAt = new Instant[0];
  private boolean trading;
  private Instant plannedAt = Instant.MIN;
  private LocalDate day = LocalDate.MIN;
  private double[] dayStartKwh = new double[0];
  private Power lastTarget = Power.ZERO;
  private boolean warned;
  private long failures;
  private Optional<Alert> alert = Optional.empty();

  BatteryControl(
      String programId,
      TwinStore twins,
      Tuning tuning,
      ZoneId zone,
      boolean trades,
      CommandNumbers numbers,
      ServiceState state) {
    this(programId, twins, tuning, zone, trades, numbers, state, new FleetPlanner()::plan);
  }

  /**
   * @param state where the program's battery record and losses are kept across restarts
   * @param planner the trading planner ({@link FleetPlanner#plan} but in tests)
   */
  BatteryControl(
      String programId,
      TwinStore twins,
      Tuning tuning,
      ZoneId zone,
      boolean trades,
      CommandNumbers numbers,
      ServiceState state,
      BiFunction<BatteryFleet, FleetPlanRequest, FleetSchedule> planner) {
    this.programId = programId;
    this.planner = planner;
    this.state = state;
    this.record = new BatteryRecord(tuning.interval(), zone);
    this.zone = zone;
    try {
      state.get(RECORD, programId).ifPresent(record::read);
      state.get(LOSSES, programId).ifPresent(losses::read);
    } catch (IllegalArgumentException e) {
      LOG.warn(
          "program {}: its battery record is unreadable, begun afresh ({})",
          programId,
          e.getMessage());
    }
    this.group = GroupId.of(programId);
    this.tuning = tuning;
    this.dispatcher =
        new Dispatcher(
            twins,
            tuning.step(),
            tuning.ttl(),
            tuning.response(),
            tuning.lag(),
            3,
            0.5,
            // A trading plan moves through zero between blocks, where holding on would stray from
            // it; an event-only plan releases the batteries once, after the event: spread that.
            new Dispatcher.Policy(trades ? Duration.ZERO : RELEASE_SPREAD, ROTATE_BELOW),
            numbers);
  }

  String programId() {
    return programId;
  }

  Dispatcher dispatcher() {
    return dispatcher;
  }

  /** The target the batteries were last asked for. */
  Power lastTarget() {
    return lastTarget;
  }

  /** The plan in force, if any. */
  Optional<Plan> plan() {
    return plan;
  }

  /** Whether the plan in force trades against prices (else it plans events alone or idles). */
  boolean trading() {
    return trading;
  }

  /** Plans that failed since the service started. */
  long failures() {
    return failures;
  }

  /** The planner's failure, while planning fails and a fallback is in force. */
  Optional<Alert> alert() {
    return alert;
  }

  /** Whether a plan is due at this boundary. */
  boolean due(Instant now, boolean changed, List<ProgramEvent> live) {
    return plan.isEmpty()
        || changed
        || !live.isEmpty()
        || !now.isBefore(plannedAt.plus(tuning.replanEvery()));
  }

  /**
   * Notes each battery's stored energy at the start of each local day (the day's final minimum).
   */
  void observeDay(Instant now, ZoneId zone, TwinStore twins, int[] batteries) {
    LocalDate today = now.atZone(zone).toLocalDate();
    if (today.equals(day) && dayStartKwh.length >= twins.size()) {
      return;
    }
    double[] next = Arrays.copyOf(dayStartKwh, twins.size());
    if (!today.equals(day)) {
      Arrays.fill(next, Double.NaN);
    }
    for (int d : batteries) {
      if (d >= dayStartKwh.length || !today.equals(day) || Double.isNaN(next[d])) {
        next[d] = twins.hasReported(d) ? twins.storedKwh(d) : Double.NaN;
      }
    }
    dayStartKwh = next;
    day = today;
  }

  /**
   * Plans from {@code now} for the program's batteries.
   *
   * @param live the program's events not over yet, earliest first
   */
  void plan(
      Instant at,
      TwinStore twins,
      int[] batteries,
      List<ProgramEvent> live,
      Commitments commitments,
      DayCalendar calendar,
      BaselineHours baselineHours,
      DayAheadPrices prices,
      Optional<String> node) {
    // Planned on the interval grid: off a boundary (an event just changed) from the interval now
    // in.
    long grid = tuning.interval().toSeconds();
    Instant now = Instant.ofEpochSecond(Math.floorDiv(at.getEpochSecond(), grid) * grid);
    plannedAt = now;
    IntPredicate available = countedOn(twins, at);
    try {
      planFrom(
          now,
          twins,
          batteries,
          available,
          live,
          commitments,
          calendar,
          baselineHours,
          prices,
          node);
      if (alert.isPresent()) {
        LOG.info("program {}: planning works again", programId);
        alert = Optional.empty();
      }
    } catch (RuntimeException failed) {
      fallBack(now, twins, batteries, available, live, commitments, failed);
    }
  }

  private void planFrom(
      Instant now,
      TwinStore twins,
      int[] batteries,
      IntPredicate available,
      List<ProgramEvent> live,
      Commitments commitments,
      DayCalendar calendar,
      BaselineHours baselineHours,
      DayAheadPrices prices,
      Optional<String> node) {
    for (ProgramEvent e : live) {
      if (commitments.of(e.id()).isEmpty()) {
        commit(e, now, twins, batteries, available, commitments, calendar);
      } else if (commitments.sizedUntil(e.id()).filter(e.window().end()::isAfter).isPresent()) {
        extended(e, now, twins, batteries, available, commitments, calendar);
      }
    }
    Optional<Instant> until = node.flatMap(n -> prices.knownUntil(n, now));
    Instant lastEventEnd =
        live.stream().map(e -> e.window().end()).max(Instant::compareTo).orElse(now);
    if (until.isPresent()
        && until.get().isAfter(now.plus(tuning.interval()))
        && !lastEventEnd.isAfter(until.get())) {
      Horizon horizon = Horizon.covering(new Interval(now, until.get()), tuning.interval());
      Optional<List<EnergyPrice>> hourly = prices.perInterval(node.orElseThrow(), horizon, now);
      if (hourly.isPresent()) {
        Set<LocalDate> eventDays = new HashSet<>();
        for (ProgramEvent e : live) {
          eventDays.add(e.window().start().atZone(zone).toLocalDate());
          eventDays.add(e.window().end().minusNanos(1).atZone(zone).toLocalDate());
        }
        plan =
            Optional.of(
                baselineHours.rest(
                    dayPlan(twins, batteries, available, live, commitments, horizon, hourly.get()),
                    eventDays,
                    zone));
        trading = true;
        return;
      }
    }
    trading = false;
    plan =
        live.isEmpty()
            ? Optional.empty()
            : Optional.of(
                eventPlan(twins, batteries, available, live.get(0), now, usual(commitments, live)));
  }

  /**
   * Records this control step's discharge of the program's batteries, and which of them it can
   * count on.
   */
  void record(Instant now, TwinStore twins, int[] batteries) {
    boolean dayEnded = record.observe(now, tuning.step(), twins, batteries);
    losses.observe(tuning.step(), batteries, countedOn(twins, now));
    if (dayEnded) {
      state.put(RECORD, programId, record.write(), now);
      state.put(LOSSES, programId, losses.write(), now);
    }
  }

  /**
   * The batteries plans and promises count on at {@code at}: online, not opted out, and not caught
   * ignoring commands lately.
   */
  private IntPredicate countedOn(TwinStore twins, Instant at) {
    return d ->
        twins.isOnline(d, at)
            && !dispatcher.isExcluded(d)
            && !strayed(d, at)
            && !twins.isOptedOut(d)
            && twins.device(d) instanceof Battery;
  }

  /**
   * Sizes the promise to an event: the flat discharge the batteries can hold through it ({@link
   * #eventPlan}) less what they usually give on their own at those hours ({@link BatteryRecord}),
   * which the baseline already holds; within what the event asked for.
   */
  private void commit(
      ProgramEvent e,
      Instant now,
      TwinStore twins,
      int[] batteries,
      IntPredicate available,
      Commitments commitments,
      DayCalendar calendar) {
    Optional<BatteryRecord.Usual> usual = record.usual(e.window(), calendar, tuning.step());
    double usualKw = usual.map(BatteryRecord.Usual::peakKw).orElse(0.0);
    Hold hold = holdable(e, now, twins, batteries, available, usualKw);
    double flat = hold.kw();
    double kept = hold.kept();
    double promise = Math.max(0, flat - usualKw);
    commitments.commit(
        e.id(),
        Power.ofKilowatts(promise),
        Power.ofKilowatts(Math.min(usualKw, flat)),
        e.window().end(),
        now);
    if (usual.isEmpty()) {
      LOG.info(
          "program {}: event {} committed {} kW; no record yet of what the batteries give on their"
              + " own at those hours, so none is allowed for",
          programId,
          e.id(),
          Math.round(promise * 10) / 10.0);
    } else {
      LOG.info(
          "program {}: event {} committed {} kW: the batteries can hold {} kW through it ({} % of"
              + " them kept at the P90) and usually give {} kW on their own then ({} days)",
          programId,
          e.id(),
          Math.round(promise * 10) / 10.0,
          Math.round(flat * 10) / 10.0,
          Math.round(kept * 1000) / 10.0,
          Math.round(usualKw * 10) / 10.0,
          usual.get().days().size());
    }
  }

  /**
   * The flat discharge the batteries counted on now can hold from now through the event ({@link
   * #eventPlan}), scaled to those still there at its end at the P90 ({@link BatteryLosses}).
   */
  private Hold holdable(
      ProgramEvent e,
      Instant now,
      TwinStore twins,
      int[] batteries,
      IntPredicate available,
      double usualKw) {
    Plan p = eventPlan(twins, batteries, available, e, now, usualKw);
    int counted = 0;
    for (int d : batteries) {
      counted += available.test(d) ? 1 : 0;
    }
    double kept = losses.p10Share(counted, Duration.between(now, e.window().end()));
    return new Hold(flatReduction(p, e.window()).kilowatts() * kept, kept);
  }

  /** What the batteries can hold flat, kW, and the share of them kept at the P90 it counts. */
  private record Hold(double kw, double kept) {}

  /**
   * An event extended past the window its promise was sized for: the promise is kept if the
   * batteries can hold it to the new end, else lowered to the mean of what was promised for the
   * part gone and what they can hold for the rest (it never grows); the usual part is taken over
   * the longer window ({@link Commitments#revise}).
   */
  private void extended(
      ProgramEvent e,
      Instant now,
      TwinStore twins,
      int[] batteries,
      IntPredicate available,
      Commitments commitments,
      DayCalendar calendar) {
    double usualKw =
        record
            .usual(e.window(), calendar, tuning.step())
            .map(BatteryRecord.Usual::peakKw)
            .orElse(0.0);
    double flat = holdable(e, now, twins, batteries, available, usualKw).kw();
    double before = commitments.of(e.id()).map(Power::kilowatts).orElse(0.0);
    Power kept =
        commitments.revise(
            e.id(),
            e.window(),
            Power.ofKilowatts(Math.max(0, flat - usualKw)),
            Power.ofKilowatts(Math.min(usualKw, flat)),
            now);
    LOG.info(
        "program {}: event {} extended to {}: commitment {} kW over the whole window (was {} kW;"
            + " the batteries can hold {} kW from now to the new end)",
        programId,
        e.id(),
        e.window().end(),
        Math.round(kept.kilowatts() * 10) / 10.0,
        Math.round(before * 10) / 10.0,
        Math.round(flat * 10) / 10.0);
  }

  /** What the batteries usually give on their own through the first live event. */
  private static double usual(Commitments commitments, List<ProgramEvent> live) {
    String id = live.get(0).id();
    double firm = commitments.discharge(id).map(Power::kilowatts).orElse(0.0);
    double promise = commitments.of(id).map(Power::kilowatts).orElse(0.0);
    return Math.max(0, firm - promise);
  }

  /**
   * A plan failed (a fault of the planner's, never of the fleet's, which {@link #dayPlan} handles):
   * the simple event plan while an event is ahead, else the last good plan while it lasts, else
   * idle; counted, logged once a spell, and an alert until planning works again.
   */
  private void fallBack(
      Instant now,
      TwinStore twins,
      int[] batteries,
      IntPredicate available,
      List<ProgramEvent> live,
      Commitments commitments,
      RuntimeException failed) {
    failures++;
    String fallback;
    Optional<Plan> simple = Optional.empty();
    if (!live.isEmpty()) {
      try {
        simple =
            Optional.of(
                eventPlan(twins, batteries, available, live.get(0), now, usual(commitments, live)));
      } catch (RuntimeException again) {
        failed.addSuppressed(again);
      }
    }
    if (simple.isPresent()) {
      plan = simple;
      trading = false;
      fallback = "the simple event plan";
    } else if (plan.isPresent() && plan.get().horizon().indexOf(now) >= 0) {
      fallback = "the last good plan, made at " + plan.get().horizon().start();
    } else {
      plan = Optional.empty();
      trading = false;
      fallback = "idle";
    }
    String message = String.valueOf(failed.getMessage());
    if (alert.isEmpty()) {
      LOG.warn("program {}: planning failed ({}); following {}", programId, message, fallback);
      LOG.debug("program {}: the planner's failure", programId, failed);
    }
    Instant since = alert.map(Alert::since).orElse(now);
    long count = alert.map(Alert::count).orElse(0L) + 1;
    alert =
        Optional.of(
            new Alert("planner of program " + programId, fallback, message, since, now, count));
  }

  /** This step's commands: the plan's target one command lag ahead, corrected by telemetry. */
  List<Command> dispatch(Instant now, int[] batteries, List<ProgramEvent> live) {
    Instant acting = now.plus(tuning.lead());
    Power target = targetAt(plan, acting);
    Duration blockLeft;
    if (trading) {
      blockLeft = untilTargetChanges(plan, acting);
    } else if (!live.isEmpty()) {
      Interval w = live.get(0).window();
      blockLeft =
          acting.isBefore(w.start())
              ? Duration.between(acting, w.start())
              : Duration.between(acting, w.end());
    } else {
      blockLeft = Duration.ZERO;
    }
    lastTarget = target;
    // Before an event the batteries keep what the plan charged: a zero there is a hold, not a
    // release (released, a battery spends on its home's load the energy the event needs).
    boolean beforeEvent =
        !live.isEmpty()
            && acting.isBefore(live.get(0).window().start())
            && !acting.isBefore(live.get(0).window().start().minus(HOLD_BEFORE))
            && plan.isPresent();
    List<Command> out =
        target.watts() == 0 && beforeEvent
            ? dispatcher.hold(now, batteries)
            : dispatcher.step(
                now, target, batteries, blockLeft.isNegative() ? Duration.ZERO : blockLeft);
    for (int d : batteries) {
      if (dispatcher.isExcluded(d)) {
        if (d >= strayedAt.length) {
          strayedAt = Arrays.copyOf(strayedAt, Math.max(d + 1, 2 * strayedAt.length));
        }
        strayedAt[d] = now;
      }
    }
    return out;
  }

  /**
   * Whether the dispatcher caught {@code d} not following its commands within {@link
   * #NOT_COUNTED_ON} of {@code now}. The dispatcher gives such a battery another chance at each
   * release; plans and promises do not count on it until it has followed for that long.
   */
  private boolean strayed(int d, Instant now) {
    return d < strayedAt.length
        && strayedAt[d] != null
        && strayedAt[d].plus(NOT_COUNTED_ON).isAfter(now);
  }

  /**
   * The event-only plan: charge before the event, the largest flat discharge through it, within
   * what the event asked for and what the batteries usually give on their own then ({@code
   * usualKw}).
   */
  private Plan eventPlan(
      TwinStore twins,
      int[] members,
      IntPredicate available,
      ProgramEvent e,
      Instant now,
      double usualKw) {
    long grid = tuning.interval().toSeconds();
    Instant end = e.window().end().isAfter(now) ? e.window().end() : now.plus(tuning.interval());
    end = Instant.ofEpochSecond(Math.floorDiv(end.getEpochSecond() + grid - 1, grid) * grid);
    Horizon horizon = Horizon.covering(new Interval(now, end), tuning.interval());
    EnvelopeBlock block = new EnvelopeBlock(horizon, members.length);
    double roundTrip = 0;
    int batteries = 0;
    for (int i = 0; i < members.length; i++) {
      int d = members[i];
      FlexEnvelope envelope =
          available.test(d) && twins.device(d) instanceof Battery b
              ? DeviceEnvelopes.battery(
                  b,
                  Energy.ofKilowattHours(twins.storedKwh(d)),
                  // the floor the day plan keeps: the reserve and headroom for the command lag
                  Energy.ofKilowattHours(
                      Math.min(
                          twins.reserveKwh(d) + HEADROOM_KWH, b.usableCapacity().kilowattHours())),
                  horizon)
              : FlexEnvelope.none(horizon);
      block.set(i, envelope);
      if (twins.device(d) instanceof Battery b) {
        roundTrip += b.oneWayEfficiency() * b.oneWayEfficiency();
        batteries++;
      }
    }
    return peak.plan(
        group,
        block.sum(members.length),
        e.window(),
        e.requested().map(r -> r.plus(Power.ofKilowatts(usualKw))),
        batteries == 0 ? 0.9 : Math.clamp(roundTrip / batteries, 0.01, 1));
  }

  private Plan dayPlan(
      TwinStore twins,
      int[] members,
      IntPredicate available,
      List<ProgramEvent> live,
      Commitments commitments,
      Horizon horizon,
      List<EnergyPrice> hourly) {
    List<Integer> planned = new ArrayList<>();
    for (int d : members) {
      if (available.test(d)) {
        planned.add(d);
      }
    }
    if (planned.isEmpty()) {
      return Plan.idle(group, horizon);
    }
    int n = horizon.count();
    double hours = horizon.stepHours() * n;
    BatteryFleet fleet = new BatteryFleet(planned.size());
    for (int i = 0; i < planned.size(); i++) {
      int d = planned.get(i);
      Battery b = (Battery) twins.device(d);
      double cap = b.usableCapacity().kilowattHours();
      double floor = Math.min(twins.reserveKwh(d) + HEADROOM_KWH, cap);
      double eta = b.oneWayEfficiency();
      double initial = Math.clamp(twins.storedKwh(d), floor, cap);
      double reach = Math.min(cap, initial + b.maxCharge().kilowatts() * eta * hours);
      double start =
          d < dayStartKwh.length && !Double.isNaN(dayStartKwh[d]) ? dayStartKwh[d] : initial;
      double finalMin = Math.clamp(start, floor, reach);
      fleet.set(
          i,
          new PlannedBattery(
              b.usableCapacity(),
              Energy.ofKilowattHours(floor),
              b.maxCharge(),
              b.maxDischarge(),
              eta,
              eta,
              Energy.ofKilowattHours(initial),
              Energy.ofKilowattHours(finalMin)));
    }
    List<EventCommitment> firm = new ArrayList<>();
    for (ProgramEvent e : live) {
      commitments
          .discharge(e.id())
          .filter(kw -> kw.watts() > 0)
          .ifPresent(kw -> firm.add(new EventCommitment(e.window(), kw)));
    }
    try {
      return schedule(fleet, horizon, hourly, firm);
    } catch (IllegalArgumentException cannot) {
      if (firm.isEmpty()) {
        throw cannot;
      }
      // The fleet can no longer hold the promise (devices lost or opted out): plan the most it can
      // still hold, found by halving the gap between a scale that fails and one that holds (7
      // halvings: within 1 % of the promise); M&V shows the shortfall against the promise.
      double holds = 0;
      double fails = 1;
      Plan best = schedule(fleet, horizon, hourly, List.of());
      for (int attempt = 0; attempt < 7; attempt++) {
        double scale = (holds + fails) / 2;
        List<EventCommitment> less = new ArrayList<>();
        for (EventCommitment c : firm) {
          less.add(new EventCommitment(c.window(), c.minimumDischarge().times(scale)));
        }
        try {
          best = schedule(fleet, horizon, hourly, less);
          holds = scale;
        } catch (IllegalArgumentException stillCannot) {
          fails = scale;
        }
      }
      if (!warned) {
        warned = true;
        LOG.warn(
            "program {}: the batteries can no longer hold what was committed; planning {} % of"
                + " it ({})",
            programId, Math.round(holds * 100), cannot.getMessage());
      }
      return best;
    }
  }

  private Plan schedule(
      BatteryFleet fleet, Horizon horizon, List<EnergyPrice> hourly, List<EventCommitment> firm) {
    return new Plan(
        group,
        horizon,
        planner
            .apply(fleet, new FleetPlanRequest(horizon, hourly, WEAR, firm))
            .fleetPlan()
            .targetsKw());
  }

  /** The flat reduction a peak plan holds through the event (its first interval in the window). */
  static Power flatReduction(Plan peak, Interval window) {
    Horizon h = peak.horizon();
    for (int k = 0; k < h.count(); k++) {
      if (window.contains(h.interval(k).start())) {
        return Power.ofKilowatts(Math.max(0, -peak.target(k).kilowatts()));
      }
    }
    return Power.ZERO;
  }

  static Power targetAt(Optional<Plan> plan, Instant at) {
    if (plan.isEmpty()) {
      return Power.ZERO;
    }
    int k = plan.get().horizon().indexOf(at);
    return k < 0 ? Power.ZERO : plan.get().target(k);
  }

  /** How long from {@code at} until the plan's target next changes by more than 1 %. */
  static Duration untilTargetChanges(Optional<Plan> plan, Instant at) {
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
}
