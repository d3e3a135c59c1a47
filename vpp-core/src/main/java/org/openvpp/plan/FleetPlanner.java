package org.openvpp.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import org.openvpp.time.Horizon;

/**
 * Plans every battery of a fleet, interval by interval, for energy arbitrage with wear cost under
 * firm event commitments: the optimum of one linear program over the whole fleet, found by
 * decomposition.
 *
 * <h2>The problem</h2>
 *
 * For batteries {@code i} and intervals {@code k} of {@code h} hours, with charge {@code c_ik} and
 * discharge {@code d_ik} in kW at the grid, minimise {@code Σ_ik (π_k·h + g)·c_ik + (g −
 * π_k·h)·d_ik} (price {@code π_k} per kWh, wear {@code g = δ·h} for degradation {@code δ} per kWh
 * of throughput) subject to each battery's own constraints (power limits, energy held within {@code
 * [floor, capacity]} after every interval with charge and discharge efficiencies, at least its
 * final minimum at the end; see {@link StorageDp}) and one coupling constraint per event interval
 * {@code t}: {@code Σ_i (d_it − c_it) ≥ R_t}.
 *
 * <h2>The method: Lagrangian decomposition with aggregated column generation</h2>
 *
 * Pricing the coupling constraints at {@code λ_t ≥ 0} splits the problem by battery: each sees the
 * price {@code π_t·h + λ_t} in event intervals, and {@link StorageDp} finds its exact optimum in
 * {@code O(T·S)} on primitive arrays, all batteries in parallel. The sum of those optima plus
 * {@code λ·R} is the dual function {@code φ(λ)}, and every {@code φ(λ)} is a lower bound on the
 * optimum. Each evaluation also yields one fleet plan {@code x(λ)}, feasible for every battery,
 * with fleet cost {@code C_k} and event delivery {@code N_k}. Any convex combination {@code Σ_k
 * w_k·x(λ_k)} is again feasible for every battery (each battery's feasible set is convex), so the
 * small LP {@link MasterLp} — choose {@code w ≥ 0}, {@code Σ w = 1}, {@code Σ w_k·N_k ≥ R}, least
 * {@code Σ w_k·C_k} — gives a feasible fleet plan and an upper bound. Its LP dual is the
 * cutting-plane model of {@code φ}; its multipliers are the next {@code λ} (Kelley's method, here
 * stabilised by a box around the best {@code λ} so far that grows after good steps and shrinks
 * after bad ones, never below a thousandth of the largest price: where many batteries are
 * indifferent at the centre, the model needs many cuts before it sees the way up, and a box halved
 * at every bad step had shrunk to nothing before it did, leaving the search 1 % short for good).
 * The LP has zero duality gap, and the model is exact at the points it has seen, so upper and lower
 * bound meet; the planner stops when they are within {@code relativeGap}, which certifies the
 * plan's distance from the true LP optimum without solving it.
 *
 * <p>The plan is then built by a second master over the columns of the final combination, with one
 * convexity row per group of batteries instead of one for the fleet (disaggregated Dantzig–Wolfe):
 * the fleet is cut into at most 64 groups of consecutive ordinals, every evaluation keeps its
 * totals per group, and each group may mix the columns its own way. Its optimum is at most the
 * aggregated one (that solution is one of its own), and a basic solution has at most {@code groups
 * + |events|} positive weights, one per group at least, so at most {@code |events|} groups mix more
 * than one column. Each battery then re-solves only at the multipliers its group uses, about {@code
 * 1 + |events|/groups} solves per battery instead of one per column of the combination, and takes
 * the weighted sum of its plans, so the fleet's cost and delivery are exactly the master's. Charge
 * and discharge in the same interval are then netted where it pays, lowering both by amounts that
 * keep the energy held unchanged (and the event delivery no smaller).
 *
 * <p>Fleets above 4,000 batteries: the multipliers are first found on a stride sample (a fifth of
 * the fleet, at most 20,000) with the commitments scaled down in proportion, to a tenth of the
 * tolerance. The sample's best multipliers and those its final combination uses become the full
 * fleet's first columns, all evaluated in one sweep that solves each battery at every one of them
 * in turn (sharing the backward pass after the last event interval, see {@link StorageDp#keepFrom})
 * and keeps only totals per group, never a plan per multiplier. When the disaggregated master over
 * those columns certifies the gap, the build follows; otherwise the search goes on over the full
 * fleet. The certificate is always computed on the full fleet. Tried and dropped: solving the other
 * multipliers group by group until the master certifies. At the optimal multipliers most batteries
 * are indifferent between several plans (the event intervals cost them the same), the plans at the
 * best multipliers alone fall short of the commitment by about a tenth of the fleet's power, and
 * nearly every group has to mix.
 *
 * <p>Memory: the plan (two doubles per battery and interval, 1.5 GB for a million batteries × 96),
 * the fleet, and per column {@code groups × (|events| + 1)} totals.
 *
 * <p>How close: the returned plan is feasible for every battery and every commitment (up to
 * floating-point rounding), and its cost is at most {@code relativeGap·|cost|} above the lower
 * bound {@code φ(λ̂)}, itself at most the LP optimum; {@link FleetSchedule#gapBound()} reports the
 * certified gap. With no events the decomposition is exact in one pass.
 *
 * <p>Threads: {@link #plan} solves groups (or chunks of a sample) in parallel in the common
 * fork-join pool, one {@link StorageDp} per task; the planner itself is immutable.
 */
public final class FleetPlanner {

  private static final int CHUNK = 256;
  private static final double MIN_RADIUS = 1e-3;
  private static final int SAMPLE_ABOVE = 4_000;
  private static final int SAMPLE_SIZE = 20_000;

  /**
   * Most groups with a convexity row of their own in the final master: the build solves every
   * battery once, and at most one group per event interval again at each further multiplier it
   * mixes.
   */
  private static final int GROUPS = 64;

  private final double relativeGap;
  private final int maxIterations;
  private final int sampleAbove;

  /** A planner that stops at a certified relative gap of 10⁻⁴ or after 300 iterations. */
  public FleetPlanner() {
    this(1e-4, 300);
  }

  /**
   * @param relativeGap stop when {@code (upper − lower) ≤ relativeGap·|upper|}; in (0, 1)
   * @param maxIterations most dual iterations (passes over the fleet) before giving the best plan
   */
  public FleetPlanner(double relativeGap, int maxIterations) {
    this(relativeGap, maxIterations, SAMPLE_ABOVE);
  }

  /** As above, with the fleet size above which the multipliers are first sought on a sample. */
  FleetPlanner(double relativeGap, int maxIterations, int sampleAbove) {
    if (!(relativeGap > 0 && relativeGap < 1)) {
      throw new IllegalArgumentException("relativeGap must be in (0, 1), was " + relativeGap);
    }
    if (maxIterations < 1) {
      throw new IllegalArgumentException("maxIterations must be positive, was " + maxIterations);
    }
    this.relativeGap = relativeGap;
    this.maxIterations = maxIterations;
    this.sampleAbove = sampleAbove;
  }

  /**
   * Plans {@code fleet} (every ordinal set) for {@code request}.
   *
   * @throws IllegalArgumentException when a battery cannot reach its final minimum, or the fleet
   *     cannot meet a commitment
   */
  public FleetSchedule plan(BatteryFleet fleet, FleetPlanRequest request) {
    Horizon horizon = request.horizon();
    int n = horizon.count();
    if ((long) fleet.size() * n > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          fleet.size() + " batteries × " + n + " intervals exceed one array; split the fleet");
    }
    double h = horizon.stepHours();
    double[] base = new double[n];
    double maxBase = 0;
    for (int k = 0; k < n; k++) {
      base[k] = request.pricePerKwh(k) * h;
      maxBase = Math.max(maxBase, Math.abs(base[k]));
    }
    double wear = request.degradationPerKwh() * h;
    double[] required = request.requiredDischargeKw();
    int[] events = IntStream.range(0, n).filter(k -> !Double.isNaN(required[k])).toArray();
    int m = events.length;
    double[] r = new double[m];
    for (int i = 0; i < m; i++) {
      r[i] = required[events[i]];
    }
    double totalDischarge = checkFleet(fleet, n, h, r, events);
    Problem p =
        new Problem(
            horizon, request.currency(), fleet, n, h, base, wear, events, Math.max(maxBase, wear));

    int[] all = IntStream.range(0, fleet.size()).toArray();
    Search full;
    int iterations = 0;
    if (m > 0 && fleet.size() > sampleAbove) {
      int sampleSize = Math.max(1, Math.min(SAMPLE_SIZE, fleet.size() / 5));
      int stride = fleet.size() / sampleSize;
      int[] sample = IntStream.range(0, sampleSize).map(i -> i * stride).toArray();
      double share = (double) sample.length / fleet.size();
      double[] rs = r.clone();
      for (int i = 0; i < m; i++) {
        rs[i] *= share;
      }
      Search s = new Search(p, sample, rs, List.of());
      s.radius = p.priceScale;
      s.run(relativeGap / 10, maxIterations);
      iterations += (int) Math.ceil(s.columns.size() * share);
      List<double[]> seeds = s.seeds();
      // One sweep solves every battery at every seed, keeping only the totals per group.
      full = new Search(p, all, r, p.sweep(seeds, r));
      iterations += seeds.size();
      if (!full.convergedGrouped(relativeGap)) {
        int before = full.columns.size();
        full.radius = Math.min(full.radius, s.radius);
        full.run(relativeGap, maxIterations);
        iterations += full.columns.size() - before;
      }
    } else {
      full = new Search(p, all, r, List.of());
      if (m > 0) {
        full.run(relativeGap, maxIterations);
      }
      iterations += full.columns.size();
    }
    MasterLp.Solution sol = full.grouped != null ? full.grouped : full.upper;
    if (sol.unmet.length > 0 && max(sol.unmet) > 1e-7) {
      int worst = argmax(sol.unmet);
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "the fleet cannot meet the commitment of %.1f kW in interval %d (%s); its full"
                  + " discharge power is %.1f kW, and energy or other commitments limit it"
                  + " further",
              r[worst],
              events[worst],
              horizon.interval(events[worst]),
              totalDischarge));
    }
    return p.build(full, iterations);
  }

  private static double checkFleet(BatteryFleet f, int n, double h, double[] r, int[] events) {
    double total = 0;
    for (int i = 0; i < f.size(); i++) {
      double reach =
          Math.min(
              f.capacityKwh[i], f.initialKwh[i] + n * h * f.chargeEfficiency[i] * f.maxChargeKw[i]);
      if (f.finalKwh[i] > reach + 1e-9) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT,
                "battery %d cannot reach its final minimum of %.2f kWh: from %.2f kWh it reaches"
                    + " at most %.2f kWh in %d intervals",
                i,
                f.finalKwh[i],
                f.initialKwh[i],
                reach,
                n));
      }
      total += f.maxDischargeKw[i];
    }
    for (int i = 0; i < r.length; i++) {
      if (r[i] > total) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT,
                "the fleet cannot meet the commitment of %.1f kW in interval %d: its batteries"
                    + " together discharge at most %.1f kW",
                r[i],
                events[i],
                total));
      }
    }
    return total;
  }

  private static double max(double[] v) {
    double x = Double.NEGATIVE_INFINITY;
    for (double d : v) {
      x = Math.max(x, d);
    }
    return x;
  }

  private static int argmax(double[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) {
      if (v[i] > v[best]) {
        best = i;
      }
    }
    return best;
  }

  /** One fleet plan at multipliers λ, by its totals only. */
  private static final class Column {
    private final double[] lambda;
    private final double cost;
    private final double[] delivery;
    private final double phi;
    // Per group g of the full fleet: delivery at [g·(m+1) + i], cost at [g·(m+1) + m]; empty for a
    // sample.
    private final double[] groups;

    Column(double[] lambda, double cost, double[] delivery, double phi, double[] groups) {
      this.lambda = lambda;
      this.cost = cost;
      this.delivery = delivery;
      this.phi = phi;
      this.groups = groups;
    }

    double[] lambda() {
      return lambda;
    }

    double cost() {
      return cost;
    }

    double[] delivery() {
      return delivery;
    }

    double phi() {
      return phi;
    }
  }

  /** The fleet, the prices and the per-battery solver: evaluations and the final build. */
  private static final class Problem {
    final BatteryFleet f;
    final int n;
    final double h;
    final double[] base;
    final double wear;
    final int[] events;
    final double priceScale;
    final Horizon horizon;
    final java.util.Currency currency;
    final int groups;
    final int groupSize;

    Problem(
        Horizon horizon,
        java.util.Currency currency,
        BatteryFleet f,
        int n,
        double h,
        double[] base,
        double wear,
        int[] events,
        double priceScale) {
      this.horizon = horizon;
      this.currency = currency;
      this.f = f;
      this.n = n;
      this.h = h;
      this.base = base;
      this.wear = wear;
      this.events = events;
      this.priceScale = priceScale > 0 ? priceScale : 1e-6;
      this.groupSize = (f.size() + GROUPS - 1) / GROUPS;
      this.groups = (f.size() + groupSize - 1) / groupSize;
    }

    int groupEnd(int g) {
      return Math.min(f.size(), (g + 1) * groupSize);
    }

    /** Adds battery plan {@code (c, d)}'s event delivery and own cost into {@code a[at..]}. */
    private void accumulate(double[] c, double[] d, double[] a, int at) {
      int m = events.length;
      double own = 0;
      for (int k = 0; k < n; k++) {
        own += (base[k] + wear) * c[k] + (wear - base[k]) * d[k];
      }
      a[at + m] += own;
      for (int i = 0; i < m; i++) {
        a[at + i] += d[events[i]] - c[events[i]];
      }
    }

    /**
     * Evaluates the dual function over the whole fleet at each of {@code lambdas} in one sweep,
     * each battery at every multiplier in turn, keeping the totals per group and no plans.
     */
    List<Column> sweep(List<double[]> lambdas, double[] r) {
      int m = events.length;
      int w = m + 1;
      int q = lambdas.size();
      List<double[]> costs = lambdas.stream().map(this::costs).toList();
      double[][] per = new double[groups][];
      IntStream.range(0, groups)
          .parallel()
          .forEach(
              g -> {
                StorageDp dp = new StorageDp(n, h);
                dp.keepFrom(events.length > 0 ? events[events.length - 1] + 1 : n);
                double[] c = new double[n];
                double[] d = new double[n];
                double[] a = new double[q * w];
                for (int o = g * groupSize, to = groupEnd(g); o < to; o++) {
                  for (int j = 0; j < q; j++) {
                    solve(dp, o, costs.get(j), c, d, 0, j > 0);
                    accumulate(c, d, a, j * w);
                  }
                }
                per[g] = a;
              });
      List<Column> columns = new ArrayList<>();
      for (int j = 0; j < q; j++) {
        double[] byGroup = new double[groups * w];
        double[] total = new double[w];
        for (int g = 0; g < groups; g++) {
          System.arraycopy(per[g], j * w, byGroup, g * w, w);
          for (int i = 0; i < w; i++) {
            total[i] += per[g][j * w + i];
          }
        }
        double[] lambda = lambdas.get(j);
        double[] delivery = Arrays.copyOf(total, m);
        double phi = total[m];
        for (int i = 0; i < m; i++) {
          phi += lambda[i] * (r[i] - delivery[i]);
        }
        columns.add(new Column(lambda.clone(), total[m], delivery, phi, byGroup));
      }
      return columns;
    }

    double[] costs(double[] lambda) {
      double[] cost = base.clone();
      for (int i = 0; i < events.length; i++) {
        cost[events[i]] += lambda[i];
      }
      return cost;
    }

    void solve(StorageDp dp, int o, double[] cost, double[] c, double[] d, int offset) {
      solve(dp, o, cost, c, d, offset, false);
    }

    /** Solves battery {@code o}, resuming from the kept part of its previous solve if asked. */
    void solve(
        StorageDp dp, int o, double[] cost, double[] c, double[] d, int offset, boolean resume) {
      dp.solve(
          f.capacityKwh[o],
          f.floorKwh[o],
          f.maxChargeKw[o],
          f.maxDischargeKw[o],
          f.chargeEfficiency[o],
          f.dischargeEfficiency[o],
          f.initialKwh[o],
          f.finalKwh[o],
          cost,
          wear,
          c,
          d,
          offset,
          resume);
    }

    /** Evaluates the dual function at {@code lambda} over {@code ordinals}, in parallel. */
    Column evaluate(double[] lambda, int[] ordinals, double[] r) {
      int m = events.length;
      double[] cost = costs(lambda);
      int chunks = (ordinals.length + CHUNK - 1) / CHUNK;
      double[] acc =
          IntStream.range(0, chunks)
              .parallel()
              .mapToObj(
                  ch -> {
                    StorageDp dp = new StorageDp(n, h);
                    double[] c = new double[n];
                    double[] d = new double[n];
                    double[] a = new double[m + 1];
                    int to = Math.min(ordinals.length, (ch + 1) * CHUNK);
                    for (int x = ch * CHUNK; x < to; x++) {
                      solve(dp, ordinals[x], cost, c, d, 0);
                      double own = 0;
                      for (int k = 0; k < n; k++) {
                        own += (base[k] + wear) * c[k] + (wear - base[k]) * d[k];
                      }
                      a[m] += own;
                      for (int i = 0; i < m; i++) {
                        a[i] += d[events[i]] - c[events[i]];
                      }
                    }
                    return a;
                  })
              .reduce(
                  (x, y) -> {
                    for (int i = 0; i < x.length; i++) {
                      x[i] += y[i];
                    }
                    return x;
                  })
              .orElseGet(() -> new double[m + 1]);
      double[] delivery = Arrays.copyOf(acc, m);
      double phi = acc[m];
      for (int i = 0; i < m; i++) {
        phi += lambda[i] * (r[i] - delivery[i]);
      }
      return new Column(lambda.clone(), acc[m], delivery, phi, new double[0]);
    }

    /** Nets battery {@code o}'s plan, adds its event delivery into {@code a}, returns its cost. */
    private double finish(int o, double[] charge, double[] discharge, int off, double[] a) {
      int m = events.length;
      net(o, charge, discharge, off);
      double own = 0;
      for (int k = 0; k < n; k++) {
        own += (base[k] + wear) * charge[off + k] + (wear - base[k]) * discharge[off + k];
      }
      for (int i = 0; i < m; i++) {
        a[i] += discharge[off + events[i]] - charge[off + events[i]];
      }
      return own;
    }

    private FleetSchedule schedule(
        Search search, double[] charge, double[] discharge, double cost, int passes) {
      int m = events.length;
      double[] lambda = new double[n];
      double[] best = search.best().lambda();
      for (int i = 0; i < m; i++) {
        lambda[events[i]] = best[i];
      }
      return new FleetSchedule(
          horizon, currency, f.size(), charge, discharge, cost, search.bestPhi(), lambda, passes);
    }

    /**
     * The plan of every battery: the weighted sum of its plans at its group's columns, the weights
     * from the disaggregated master over the columns the search's final combination uses.
     */
    FleetSchedule build(Search search, int iterations) {
      int size = f.size();
      int m = events.length;
      double[][] weights = search.groupWeights();
      List<double[]> costs = new ArrayList<>();
      for (Column c : search.columns) {
        costs.add(costs(c.lambda()));
      }
      double[] charge = new double[size * n];
      double[] discharge = new double[size * n];
      double[][] per = new double[groups][];
      IntStream.range(0, groups)
          .parallel()
          .forEach(
              g -> {
                StorageDp dp = new StorageDp(n, h);
                double[] c = new double[n];
                double[] d = new double[n];
                double[] a = new double[m + 1];
                double[] wg = weights[g];
                for (int o = g * groupSize, to = groupEnd(g); o < to; o++) {
                  int off = o * n;
                  for (int j = 0; j < wg.length; j++) {
                    if (wg[j] == 0) {
                      continue;
                    }
                    solve(dp, o, costs.get(j), c, d, 0);
                    for (int k = 0; k < n; k++) {
                      charge[off + k] += wg[j] * c[k];
                      discharge[off + k] += wg[j] * d[k];
                    }
                  }
                  a[m] += finish(o, charge, discharge, off, a);
                }
                per[g] = a;
              });
      double cost = 0;
      long solves = 0;
      for (int g = 0; g < groups; g++) {
        cost += per[g][m];
        long used = Arrays.stream(weights[g]).filter(x -> x > 0).count();
        solves += used * (groupEnd(g) - g * groupSize);
      }
      int passes = iterations + (int) Math.ceil((double) solves / size);
      return schedule(search, charge, discharge, cost, passes);
    }

    /**
     * Where a battery both charges and discharges in an interval and that does not pay, lowers
     * charge by {@code α} and discharge by {@code η_c·η_d·α}: the energy held is unchanged, net
     * discharge grows by {@code (1 − η_c·η_d)·α}, and the cost falls by {@code α·(a·(1 − ρ) + g·(1
     * + ρ))}.
     */
    private void net(int o, double[] charge, double[] discharge, int off) {
      double rho = f.chargeEfficiency[o] * f.dischargeEfficiency[o];
      for (int k = 0; k < n; k++) {
        double c = charge[off + k];
        double d = discharge[off + k];
        if (c > 0 && d > 0 && base[k] * (1 - rho) + wear * (1 + rho) > 0) {
          double alpha = Math.min(c, d / rho);
          charge[off + k] = c - alpha;
          discharge[off + k] = Math.max(0, d - rho * alpha);
        }
      }
    }
  }

  /** The stabilised cutting-plane search over the multipliers, on a set of batteries. */
  private static final class Search {
    final Problem p;
    final int[] ordinals;
    final double[] r;
    final List<Column> columns = new ArrayList<>();
    final double nScale;
    double cScale;
    double radius;
    int center;
    MasterLp.Solution upper;
    // The disaggregated master over every column, once it has certified the gap.
    MasterLp.@Nullable Solution grouped;

    Search(Problem p, int[] ordinals, double[] r, List<Column> initial) {
      this.p = p;
      this.ordinals = ordinals;
      this.r = r;
      double cap = 0;
      for (int o : ordinals) {
        cap += p.f.maxDischargeKw[o] + p.f.maxChargeKw[o];
      }
      nScale = cap > 0 ? cap : 1;
      int m = r.length;
      columns.addAll(initial);
      if (columns.isEmpty()) {
        columns.add(eval(new double[m]));
      }
      cScale = Math.max(Math.abs(columns.get(0).cost()), nScale * p.priceScale);
      radius = p.priceScale;
      center = 0;
      for (int k = 1; k < columns.size(); k++) {
        if (columns.get(k).phi() > columns.get(center).phi()) {
          center = k;
        }
      }
      upper = master(zeros(m), filled(m, bigLambda()));
    }

    Column best() {
      return columns.get(center);
    }

    /**
     * Whether the disaggregated master over every column so far (on the full fleet) is feasible and
     * within {@code tolerance} of the best lower bound; if so it is kept for the build.
     */
    boolean convergedGrouped(double tolerance) {
      if (r.length == 0 || p.groups < 2 || columns.get(0).groups.length == 0) {
        return false;
      }
      int[] use = IntStream.range(0, columns.size()).toArray();
      MasterLp.Solution g = groupedMaster(use);
      double ub = g.value * cScale;
      if (max(g.unmet) <= 1e-9
          && ub - bestPhi() <= tolerance * Math.max(Math.abs(ub), 1e-12 * cScale)) {
        grouped = g;
        return true;
      }
      return false;
    }

    /** The disaggregated master over columns {@code use}: column {@code g·|use| + x} is use[x]. */
    private MasterLp.Solution groupedMaster(int[] use) {
      int m = r.length;
      int w = m + 1;
      int groups = p.groups;
      int q = use.length;
      int cols = groups * q;
      int[] group = new int[cols];
      double[] cost = new double[cols];
      double[][] delivery = new double[cols][m];
      for (int g = 0; g < groups; g++) {
        for (int x = 0; x < q; x++) {
          double[] byGroup = columns.get(use[x]).groups;
          int col = g * q + x;
          group[col] = g;
          cost[col] = byGroup[g * w + m] / cScale;
          for (int i = 0; i < m; i++) {
            delivery[col][i] = byGroup[g * w + i] / nScale;
          }
        }
      }
      double[] rs = new double[m];
      double[] lo = new double[m];
      double[] hi = new double[m];
      for (int i = 0; i < m; i++) {
        rs[i] = r[i] / nScale;
        hi[i] = bigLambda() * nScale / cScale;
      }
      return MasterLp.solve(cols, group, groups, cost, delivery, rs, lo, hi);
    }

    /** Per group, the weight of each column from a disaggregated master over {@code use}. */
    private double[][] weightsOf(MasterLp.Solution g, int[] use) {
      int q = use.length;
      double[][] out = new double[p.groups][columns.size()];
      for (int gr = 0; gr < p.groups; gr++) {
        double sum = 0;
        for (int x = 0; x < q; x++) {
          double v = g.weights[gr * q + x];
          sum += v > 1e-12 ? v : 0;
        }
        for (int x = 0; x < q; x++) {
          double v = g.weights[gr * q + x];
          out[gr][use[x]] = v > 1e-12 ? v / sum : 0;
        }
      }
      return out;
    }

    /** The dual function at {@code lambda}: with totals per group when over the whole fleet. */
    private Column eval(double[] lambda) {
      return ordinals.length == p.f.size()
          ? p.sweep(List.of(lambda), r).get(0)
          : p.evaluate(lambda, ordinals, r);
    }

    /**
     * The weight of each column for each group: the disaggregated master (one convexity row per
     * group) over the columns the final combination uses, whose optimum is at most the aggregated
     * one's and mixes at most one group per event interval; the aggregated weights for every group
     * should that master come out worse through rounding.
     */
    double[][] groupWeights() {
      MasterLp.Solution certified = grouped;
      if (certified != null) {
        return weightsOf(certified, IntStream.range(0, columns.size()).toArray());
      }
      double[] agg = upper.weights;
      int[] use = IntStream.range(0, columns.size()).filter(k -> agg[k] > 1e-12).toArray();
      if (r.length > 0 && p.groups > 1 && use.length > 1) {
        MasterLp.Solution g = groupedMaster(use);
        if (max(g.unmet) <= 1e-9 && g.value <= upper.value + 1e-12 * (1 + Math.abs(upper.value))) {
          return weightsOf(g, use);
        }
      }
      double aggSum = Arrays.stream(agg).sum();
      double[][] out = new double[p.groups][columns.size()];
      for (int gr = 0; gr < p.groups; gr++) {
        for (int k : use) {
          out[gr][k] = agg[k] / aggSum;
        }
      }
      return out;
    }

    double bestPhi() {
      return columns.get(center).phi();
    }

    private double bigLambda() {
      double maxSeen = 0;
      for (Column c : columns) {
        for (double l : c.lambda()) {
          maxSeen = Math.max(maxSeen, l);
        }
      }
      return 1e4 * (p.priceScale + maxSeen);
    }

    void run(double tolerance, int maxIterations) {
      int m = r.length;
      for (int it = 0; it < maxIterations; it++) {
        upper = master(zeros(m), filled(m, bigLambda()));
        double lower = bestPhi();
        boolean feasible = max(upper.unmet) <= 1e-9;
        double ub = upper.value * cScale;
        if (feasible && ub - lower <= tolerance * Math.max(Math.abs(ub), 1e-12 * cScale)) {
          return;
        }
        double[] hat = best().lambda();
        double[] lo = new double[m];
        double[] hi = new double[m];
        for (int i = 0; i < m; i++) {
          lo[i] = Math.max(0, hat[i] - radius);
          hi[i] = hat[i] + radius;
        }
        MasterLp.Solution boxed = master(lo, hi);
        double predicted = boxed.value * cScale - lower;
        double[] next = new double[m];
        boolean onEdge = false;
        for (int i = 0; i < m; i++) {
          next[i] = boxed.lambda[i] * cScale / nScale;
          if (Math.abs(next[i] - hi[i]) < 1e-9 * radius
              || (lo[i] > 0 && Math.abs(next[i] - lo[i]) < 1e-9 * radius)) {
            onEdge = true;
          }
        }
        Column col = eval(next);
        columns.add(col);
        if (col.phi() >= lower + 0.1 * predicted && col.phi() > lower) {
          center = columns.size() - 1;
          if (onEdge) {
            radius *= 2;
          }
        } else if (col.phi() < lower) {
          radius = Math.max(radius * 0.5, MIN_RADIUS * p.priceScale);
        }
      }
      upper = master(zeros(m), filled(m, bigLambda()));
    }

    /**
     * Seeds for a larger fleet: the best multipliers, then those of the final combination by
     * decreasing weight.
     */
    List<double[]> seeds() {
      List<double[]> out = new ArrayList<>();
      out.add(best().lambda());
      IntStream.range(0, columns.size())
          .filter(k -> k != center && upper.weights[k] > 1e-12)
          .boxed()
          .sorted((a, b) -> Double.compare(upper.weights[b], upper.weights[a]))
          .forEach(k -> out.add(columns.get(k).lambda()));
      return out;
    }

    private MasterLp.Solution master(double[] lo, double[] hi) {
      int m = r.length;
      int cols = columns.size();
      double[] cost = new double[cols];
      double[][] delivery = new double[cols][];
      for (int k = 0; k < cols; k++) {
        Column c = columns.get(k);
        cost[k] = c.cost() / cScale;
        delivery[k] = new double[m];
        for (int i = 0; i < m; i++) {
          delivery[k][i] = c.delivery()[i] / nScale;
        }
      }
      double[] rs = new double[m];
      double[] los = new double[m];
      double[] his = new double[m];
      for (int i = 0; i < m; i++) {
        rs[i] = r[i] / nScale;
        los[i] = lo[i] * nScale / cScale;
        his[i] = hi[i] * nScale / cScale;
      }
      return MasterLp.solve(cols, cost, delivery, rs, los, his);
    }

    private static double[] zeros(int m) {
      return new double[m];
    }

    private static double[] filled(int m, double v) {
      double[] x = new double[m];
      Arrays.fill(x, v);
      return x;
    }
  }
}
