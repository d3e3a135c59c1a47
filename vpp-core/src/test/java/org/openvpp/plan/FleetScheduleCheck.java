package org.openvpp.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.openvpp.time.Horizon;

/**
 * An independent check of a {@link FleetSchedule}: it replays every battery's charge and discharge
 * through its own state-of-charge model and lists what breaks a limit or a commitment, and it
 * prices the plan from the request. Shares no code with the planner.
 */
public final class FleetScheduleCheck {

  /** Tolerance in kW and kWh. */
  public static final double TOLERANCE = 1e-6;

  private FleetScheduleCheck() {}

  /** The violations found; empty when the schedule is feasible. */
  public static List<String> violations(
      BatteryFleet fleet, FleetPlanRequest request, FleetSchedule schedule) {
    List<String> out = new ArrayList<>();
    Horizon horizon = request.horizon();
    int n = horizon.count();
    double h = horizon.stepHours();
    double[] net = new double[n];
    for (int i = 0; i < fleet.size(); i++) {
      PlannedBattery b = fleet.get(i);
      double e = b.initial().kilowattHours();
      double cap = b.capacity().kilowattHours();
      double floor = b.floor().kilowattHours();
      for (int k = 0; k < n; k++) {
        double c = schedule.charge(i, k).kilowatts();
        double d = schedule.discharge(i, k).kilowatts();
        if (c < -TOLERANCE || c > b.maxCharge().kilowatts() + TOLERANCE) {
          out.add("battery " + i + " interval " + k + ": charge " + c + " kW out of limits");
        }
        if (d < -TOLERANCE || d > b.maxDischarge().kilowatts() + TOLERANCE) {
          out.add("battery " + i + " interval " + k + ": discharge " + d + " kW out of limits");
        }
        e += h * (b.chargeEfficiency() * c - d / b.dischargeEfficiency());
        if (e < floor - TOLERANCE || e > cap + TOLERANCE) {
          out.add(
              "battery "
                  + i
                  + " interval "
                  + k
                  + ": holds "
                  + e
                  + " kWh outside ["
                  + floor
                  + ", "
                  + cap
                  + "]");
        }
        net[k] += d - c;
      }
      if (e < b.finalMinimum().kilowattHours() - TOLERANCE) {
        out.add("battery " + i + " ends at " + e + " kWh below " + b.finalMinimum());
      }
    }
    double[] owed = new double[n];
    Arrays.fill(owed, Double.NEGATIVE_INFINITY);
    for (EventCommitment ev : request.events()) {
      for (int k = 0; k < n; k++) {
        if (ev.window().contains(horizon.interval(k).start())) {
          owed[k] = Math.max(owed[k], ev.minimumDischarge().kilowatts());
        }
      }
    }
    for (int k = 0; k < n; k++) {
      if (net[k] < owed[k] - TOLERANCE * Math.max(1, owed[k])) {
        out.add("interval " + k + ": fleet gives " + net[k] + " kW, owes " + owed[k]);
      }
    }
    return out;
  }

  /** The cost of the schedule priced from the request: energy plus wear. */
  public static double cost(BatteryFleet fleet, FleetPlanRequest request, FleetSchedule schedule) {
    int n = request.horizon().count();
    double h = request.horizon().stepHours();
    double wear = request.degradation().perMegawattHour().amount().doubleValue() / 1_000;
    double total = 0;
    for (int k = 0; k < n; k++) {
      double price = request.prices().get(k).perMegawattHour().amount().doubleValue() / 1_000;
      for (int i = 0; i < fleet.size(); i++) {
        double c = schedule.charge(i, k).kilowatts();
        double d = schedule.discharge(i, k).kilowatts();
        total += price * h * (c - d) + wear * h * (c + d);
      }
    }
    return total;
  }
}
