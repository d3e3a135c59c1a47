package org.openvpp.plan;

import com.google.ortools.Loader;
import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPVariable;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.openvpp.time.Horizon;

/**
 * The oracle: the same fleet problem as {@link FleetPlanner} written as one monolithic LP and
 * solved by HiGHS through OR-Tools' MPSolver (GLOP when HiGHS is missing). Written from the public
 * API only (battery values, prices, events), so it shares nothing with the planner but the problem.
 *
 * <p>Variables per battery {@code i} and interval {@code k}: charge {@code c ∈ [0, C_i]}, discharge
 * {@code d ∈ [0, D_i]} (kW at the grid), and energy held at the end {@code e ∈ [floor_i,
 * capacity_i]} ({@code [max(floor_i, final_i), capacity_i]} for the last). Rows: {@code e_k −
 * e_{k−1} − h·η_c·c_k + h·d_k/η_d = 0} ({@code e_0} the initial energy), and per event interval
 * {@code Σ_i (d_ik − c_ik) ≥ R_k}. Objective {@code Σ (π_k·h + δ·h)·c + (δ·h − π_k·h)·d}.
 */
public final class LpOracle {

  /** The optimum, how long building and solving took, and which solver did it. */
  public record Result(
      String solver, String status, double objective, double buildSeconds, double solveSeconds) {}

  private LpOracle() {}

  /** The solver id used: HiGHS when this OR-Tools build has it, else GLOP. */
  public static String solverId() {
    Loader.loadNativeLibraries();
    MPSolver s = MPSolver.createSolver("HIGHS");
    if (s != null) {
      s.delete();
      return "HIGHS";
    }
    return "GLOP";
  }

  public static Result solve(BatteryFleet fleet, FleetPlanRequest request) {
    return solve(fleet, request, Duration.ZERO);
  }

  /**
   * As {@link #solve(BatteryFleet, FleetPlanRequest)}, stopping the solver after {@code limit}
   * (zero: no limit); a stopped solve has a status other than "optimal" and a NaN objective.
   */
  public static Result solve(BatteryFleet fleet, FleetPlanRequest request, Duration limit) {
    Loader.loadNativeLibraries();
    String id = solverId();
    long t0 = System.nanoTime();
    MPSolver solver = MPSolver.createSolver(id);
    if (solver == null) {
      throw new IllegalStateException("OR-Tools has no " + id + " solver");
    }
    Horizon horizon = request.horizon();
    int n = horizon.count();
    double h = horizon.stepHours();
    double[] price = new double[n];
    for (int k = 0; k < n; k++) {
      price[k] = request.prices().get(k).perMegawattHour().amount().doubleValue() / 1_000;
    }
    double wear = request.degradation().perMegawattHour().amount().doubleValue() / 1_000 * h;
    double[] required = new double[n];
    Arrays.fill(required, Double.NaN);
    for (EventCommitment e : request.events()) {
      for (int k = 0; k < n; k++) {
        if (e.window().contains(horizon.interval(k).start())) {
          double kw = e.minimumDischarge().kilowatts();
          required[k] = Double.isNaN(required[k]) ? kw : Math.max(required[k], kw);
        }
      }
    }
    @Nullable MPConstraint[] coupling = new MPConstraint[n];
    for (int k = 0; k < n; k++) {
      if (!Double.isNaN(required[k])) {
        coupling[k] = solver.makeConstraint(required[k], Double.POSITIVE_INFINITY, "");
      }
    }
    MPObjective objective = solver.objective();
    for (int i = 0; i < fleet.size(); i++) {
      PlannedBattery b = fleet.get(i);
      double cap = b.capacity().kilowattHours();
      double floor = b.floor().kilowattHours();
      double etaC = b.chargeEfficiency();
      double etaD = b.dischargeEfficiency();
      @Nullable MPVariable previous = null;
      double initial = b.initial().kilowattHours();
      for (int k = 0; k < n; k++) {
        MPVariable c = solver.makeNumVar(0, b.maxCharge().kilowatts(), "");
        MPVariable d = solver.makeNumVar(0, b.maxDischarge().kilowatts(), "");
        double low = k == n - 1 ? Math.max(floor, b.finalMinimum().kilowattHours()) : floor;
        MPVariable e = solver.makeNumVar(low, cap, "");
        double rhs = previous == null ? initial : 0;
        MPConstraint balance = solver.makeConstraint(rhs, rhs, "");
        balance.setCoefficient(e, 1);
        if (previous != null) {
          balance.setCoefficient(previous, -1);
        }
        balance.setCoefficient(c, -h * etaC);
        balance.setCoefficient(d, h / etaD);
        objective.setCoefficient(c, price[k] * h + wear);
        objective.setCoefficient(d, wear - price[k] * h);
        MPConstraint row = coupling[k];
        if (row != null) {
          row.setCoefficient(d, 1);
          row.setCoefficient(c, -1);
        }
        previous = e;
      }
    }
    objective.setMinimization();
    if (limit.isPositive()) {
      solver.setTimeLimit(limit.toMillis());
    }
    long t1 = System.nanoTime();
    MPSolver.ResultStatus status = solver.solve();
    long t2 = System.nanoTime();
    double value = status == MPSolver.ResultStatus.OPTIMAL ? objective.value() : Double.NaN;
    solver.delete();
    return new Result(
        id, status.toString().toLowerCase(Locale.ROOT), value, (t1 - t0) / 1e9, (t2 - t1) / 1e9);
  }
}
