package org.openvpp.server.run;

import java.lang.System.Logger.Level;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntPredicate;
import org.openvpp.device.Battery;
import org.openvpp.plan.BatteryFleet;
import org.openvpp.plan.EventCommitment;
import org.openvpp.plan.FleetPlanRequest;
import org.openvpp.plan.FleetPlanner;
import org.openvpp.plan.FleetSchedule;
import org.openvpp.plan.Plan;
import org.openvpp.plan.PlannedBattery;
import org.openvpp.sim.fleet.Scenario;
import org.openvpp.sim.fleet.SimData;
import org.openvpp.time.Horizon;
import org.openvpp.time.Interval;
import org.openvpp.twin.TwinStore;
import org.openvpp.units.Energy;
import org.openvpp.units.EnergyPrice;
import org.openvpp.units.Money;
import org.openvpp.units.Power;

/**
 * Plans the batteries for the rest of the run with the {@link FleetPlanner}: energy arbitrage on
 * the scenario's day-ahead prices, with wear, and the utility's event as a firm commitment once it
 * is known. Called at every 15-minute boundary, so the plan recedes with the day and starts from
 * what the twins report.
 *
 * <p>Who is planned: the batteries that are online, not left out by the dispatcher and not opted
 * out by their customers, each from its reported stored energy, with its customer's reserve as the
 * floor, and required to end the run holding at least what it held at the start of the day (so the
 * plan does not sell the morning's charge at the end of the horizon), as far as it can reach.
 *
 * <p>The commitment is fixed when the event is first planned (what {@link #commitment(Power)} is
 * given, from the flat-reduction planner, as the VPP promises the utility) and then kept; if the
 * fleet can no longer meet it (devices lost), the plan commits what the fleet can still hold flat
 * instead and the shortfall shows in M&amp;V.
 */
final class DayPlanner {

  private static final System.Logger LOG = System.getLogger(DayPlanner.class.getName());

  /** Wear cost of throughput, at the grid connection. */
  static final EnergyPrice WEAR = EnergyPrice.perMegawattHour(Money.of("20", Money.USD));

  private static final double HEADROOM_KWH = 0.25;

  private final Scenario scenario;
  private final SimData data;
  private final Instant end;
  private final FleetPlanner planner = new FleetPlanner();
  private final double[] startKwh;
  private Optional<Power> commitment = Optional.empty();
  private boolean warned;

  /**
   * @param startKwh each twin's stored energy at the start of the run, by ordinal
   */
  DayPlanner(Scenario scenario, SimData data, Instant end, double[] startKwh) {
    this.scenario = scenario;
    this.data = data;
    this.end = end;
    this.startKwh = startKwh.clone();
  }

  /** Whether the scenario has prices to plan against. */
  static boolean applies(Scenario scenario) {
    return scenario.prices() != Scenario.Prices.NONE;
  }

  /** The commitment to the utility, once fixed. */
  Optional<Power> commitment() {
    return commitment;
  }

  /** Fixes the commitment to the event at {@code flat}, unless it is fixed already. */
  void commitment(Power flat) {
    if (commitment.isEmpty()) {
      commitment = Optional.of(flat);
    }
  }

  /**
   * Plans from {@code now} to the end of the run for the {@code members} that {@code available}
   * admits; the event's window is {@code window} once known.
   *
   * @param fallback the flat reduction the fleet can still hold now, used when the commitment can
   *     no longer be met
   */
  Plan plan(
      TwinStore twins,
      int[] members,
      IntPredicate available,
      Instant now,
      Optional<Interval> window,
      Power fallback) {
    Horizon horizon = Horizon.covering(new Interval(now, end), FleetRun.INTERVAL);
    int n = horizon.count();
    List<Integer> planned = new ArrayList<>();
    for (int d : members) {
      if (available.test(d) && twins.device(d) instanceof Battery) {
        planned.add(d);
      }
    }
    if (planned.isEmpty()) {
      // No battery may be planned now (all offline, excluded or opted out): nothing to trade or
      // commit until one comes back; the next boundary plans again.
      LOG.log(
          Level.WARNING,
          "no battery is available to plan at {0}; the batteries stay idle until one is",
          now);
      return Plan.idle(org.openvpp.aggregate.GroupId.FLEET, horizon);
    }
    BatteryFleet fleet = new BatteryFleet(planned.size());
    double hours = horizon.stepHours() * n;
    for (int i = 0; i < planned.size(); i++) {
      int d = planned.get(i);
      Battery b = (Battery) twins.device(d);
      double cap = b.usableCapacity().kilowattHours();
      // Headroom above the reserve: commands act up to a minute late, and a plan to the edge
      // would have the lag carry a battery past it.
      double floor = Math.min(twins.reserveKwh(d) + HEADROOM_KWH, cap);
      double eta = b.oneWayEfficiency();
      double initial = Math.clamp(twins.storedKwh(d), floor, cap);
      double reach = Math.min(cap, initial + b.maxCharge().kilowatts() * eta * hours);
      double finalMin = Math.clamp(startKwh[d], floor, reach);
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
    List<EnergyPrice> prices = new ArrayList<>(n);
    for (int k = 0; k < n; k++) {
      ZonedDateTime local = horizon.interval(k).start().atZone(scenario.zone());
      prices.add(data.caiso2019().day(local.toLocalDate()).get(local.getHour()));
    }
    Optional<EventCommitment> event =
        window
            .filter(w -> w.end().isAfter(now))
            .flatMap(w -> commitment.map(c -> new EventCommitment(w, c)));
    try {
      return schedule(fleet, horizon, prices, event);
    } catch (IllegalArgumentException cannot) {
      if (event.isEmpty()) {
        throw cannot;
      }
      // The fleet can no longer hold the promise (devices lost or left out): commit the most it
      // still can, in steps of 5 %, and let M&V show the shortfall against the promise.
      double kw = Math.min(fallback.kilowatts(), event.get().minimumDischarge().kilowatts());
      for (int attempt = 0; attempt < 40; attempt++, kw *= 0.95) {
        try {
          Plan p =
              schedule(
                  fleet,
                  horizon,
                  prices,
                  Optional.of(new EventCommitment(event.get().window(), Power.ofKilowatts(kw))));
          if (!warned) {
            warned = true;
            LOG.log(
                Level.WARNING,
                "the fleet can no longer hold the committed {0}; it plans {1} kW now ({2})",
                commitment.orElseThrow(),
                Math.round(kw * 10) / 10.0,
                cannot.getMessage());
          }
          return p;
        } catch (IllegalArgumentException stillCannot) {
          // try less
        }
      }
      return schedule(fleet, horizon, prices, Optional.empty());
    }
  }

  private Plan schedule(
      BatteryFleet fleet,
      Horizon horizon,
      List<EnergyPrice> prices,
      Optional<EventCommitment> event) {
    FleetSchedule s =
        planner.plan(
            fleet,
            new FleetPlanRequest(horizon, prices, WEAR, event.map(List::of).orElse(List.of())));
    return s.fleetPlan();
  }
}
