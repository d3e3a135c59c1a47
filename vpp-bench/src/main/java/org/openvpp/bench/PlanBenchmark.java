package org.openvpp.bench;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.openvpp.plan.BatteryFleet;
import org.openvpp.plan.EventCommitment;
import org.openvpp.plan.FleetPlanRequest;
import org.openvpp.plan.FleetPlanner;
import org.openvpp.plan.FleetSchedule;
import org.openvpp.plan.FleetScheduleCheck;
import org.openvpp.plan.LpOracle;
import org.openvpp.sim.market.DayAheadPrices;
import org.openvpp.time.Horizon;
import org.openvpp.time.Interval;
import org.openvpp.units.EnergyPrice;
import org.openvpp.units.Money;
import org.openvpp.units.Power;

/**
 * The fleet planner against one monolithic LP: 10,000 heterogeneous batteries × 96 quarter hours of
 * energy arbitrage on CAISO day-ahead prices (2019-08-15, IRONMTN), wear at 20 $/MWh, and a firm
 * commitment to give half of what the fleet can hold flat through the 17:00–21:00 peak. The same
 * problem is solved by {@link FleetPlanner} and by HiGHS through OR-Tools ({@link LpOracle}) in the
 * same run; then the planner alone on a million batteries.
 */
final class PlanBenchmark implements Benchmark {

  private static final ZoneId PACIFIC = ZoneId.of("America/Los_Angeles");
  private static final LocalDate DAY = LocalDate.of(2019, 8, 15);

  /** How long HiGHS may take on the monolithic LP before it is stopped and the gap not measured. */
  private static final Duration LP_LIMIT = Duration.ofMinutes(10);

  private static final Horizon HORIZON =
      new Horizon(DAY.atStartOfDay(PACIFIC).toInstant(), Duration.ofMinutes(15), 96);

  @Override
  public String name() {
    return "plan";
  }

  @Override
  public String description() {
    return "plan 10,000 batteries × 96 intervals (arbitrage + peak event): planner vs HiGHS LP;"
        + " planner on 1,000,000";
  }

  @Override
  public Map<String, Object> run(boolean quick) {
    int devices = quick ? 1_000 : 10_000;
    int big = quick ? 100_000 : 1_000_000;
    List<EnergyPrice> hourly = DayAheadPrices.caiso2019().day(DAY);
    FleetPlanner planner = new FleetPlanner();

    BatteryFleet fleet = fleet(devices, 42);
    FleetPlanRequest request = request(fleet, hourly);
    System.out.printf("plan: %,d batteries, warming up%n", devices);
    planner.plan(fleet, request);
    double[] times = new double[3];
    FleetSchedule schedule = planner.plan(fleet, request);
    for (int i = 0; i < times.length; i++) {
      long t0 = System.nanoTime();
      schedule = planner.plan(fleet, request);
      times[i] = (System.nanoTime() - t0) / 1e9;
    }
    Arrays.sort(times);
    double vpp = times[1];
    int violations = FleetScheduleCheck.violations(fleet, request, schedule).size();
    double priced = FleetScheduleCheck.cost(fleet, request, schedule);
    System.out.printf(
        "plan: planner %.3f s (median of 3), cost %.4f USD, certified gap %.2e, %d passes,"
            + " %d violations%n",
        vpp, priced, schedule.gapBound(), schedule.passes(), violations);

    double[] bigRun = runLarge(planner, big, hourly);
    double vppBig = bigRun[0];

    System.out.printf(
        "plan: the same %,d batteries as one LP (%s)…%n", devices, LpOracle.solverId());
    LpOracle.Result lp = LpOracle.solve(fleet, request, LP_LIMIT);
    boolean solved = lp.status().equals("optimal");
    double gap = (priced - lp.objective()) / Math.abs(lp.objective());
    System.out.printf(
        "plan: %s %s in %.1f s (+%.1f s to build), objective %.4f%n",
        lp.solver(), lp.status(), lp.solveSeconds(), lp.buildSeconds(), lp.objective());

    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("devices", devices);
    figures.put("intervals", HORIZON.count());
    figures.put("vpp_s", BenchMain.round3(vpp));
    figures.put(
        "lp_s",
        solved ? BenchMain.round3(lp.solveSeconds()) : "> " + LP_LIMIT.toSeconds() + " (stopped)");
    figures.put("lp_build_s", BenchMain.round3(lp.buildSeconds()));
    figures.put("lp_solver", lp.solver());
    figures.put("lp_status", lp.status());
    figures.put("gap", solved ? gap : "not measured");
    figures.put(
        "speedup",
        solved ? Math.round(lp.solveSeconds() / vpp) : "> " + Math.round(lp.solveSeconds() / vpp));
    figures.put("vpp_cost_usd", BenchMain.round3(priced));
    figures.put("lp_cost_usd", solved ? BenchMain.round3(lp.objective()) : "not measured");
    figures.put("certified_gap", schedule.gapBound());
    figures.put("violations", violations);
    figures.put("passes", schedule.passes());
    if (quick) {
      figures.put("vpp_s_1m", "skipped in --quick; see vpp_s_100k");
      figures.put("vpp_s_100k", BenchMain.round3(vppBig));
    } else {
      figures.put("vpp_s_1m", BenchMain.round3(vppBig));
    }
    figures.put("certified_gap_big", bigRun[1]);
    figures.put("cores", Runtime.getRuntime().availableProcessors());
    return figures;
  }

  /** Plans {@code size} batteries once: seconds and certified gap. The fleet is dropped after. */
  private static double[] runLarge(FleetPlanner planner, int size, List<EnergyPrice> hourly) {
    BatteryFleet large = fleet(size, 7);
    FleetPlanRequest request = request(large, hourly);
    System.out.printf("plan: %,d batteries%n", size);
    long t0 = System.nanoTime();
    FleetSchedule schedule = planner.plan(large, request);
    double seconds = (System.nanoTime() - t0) / 1e9;
    System.out.printf(
        "plan: planner on %,d batteries %.2f s, certified gap %.2e, %d passes%n",
        size, seconds, schedule.gapBound(), schedule.passes());
    return new double[] {seconds, schedule.gapBound()};
  }

  /**
   * Heterogeneous home batteries: 5–20 kWh, 2.5–7 kW each way, a reserve of 10–30 %, 92–98 %
   * efficient each way, holding anything from the reserve to full; one in five must end at least
   * where it started.
   */
  static BatteryFleet fleet(int size, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    BatteryFleet f = new BatteryFleet(size);
    for (int i = 0; i < size; i++) {
      double cap = 5 + 15 * random.nextDouble();
      double floor = cap * (0.1 + 0.2 * random.nextDouble());
      double charge = 2.5 + 4.5 * random.nextDouble();
      double discharge = 2.5 + 4.5 * random.nextDouble();
      double etaC = 0.92 + 0.06 * random.nextDouble();
      double etaD = 0.92 + 0.06 * random.nextDouble();
      double initial = floor + (cap - floor) * random.nextDouble();
      double fin = random.nextInt(5) == 0 ? initial : floor;
      f.set(i, cap, floor, charge, discharge, etaC, etaD, initial, fin);
    }
    return f;
  }

  /** The day's prices, 20 $/MWh of wear, and the peak commitment. */
  static FleetPlanRequest request(BatteryFleet f, List<EnergyPrice> hourly) {
    ZonedDateTime start = DAY.atTime(17, 0).atZone(PACIFIC);
    Interval peak = new Interval(start.toInstant(), start.plusHours(4).toInstant());
    double flat = 0;
    for (int i = 0; i < f.size(); i++) {
      var b = f.get(i);
      double energy = (b.capacity().kilowattHours() - b.floor().kilowattHours());
      flat += Math.min(b.maxDischarge().kilowatts(), energy * b.dischargeEfficiency() / 4);
    }
    EventCommitment event = new EventCommitment(peak, Power.ofKilowatts(flat * 0.5));
    EnergyPrice wear = EnergyPrice.perMegawattHour(Money.usd("20"));
    return FleetPlanRequest.hourly(HORIZON, hourly, wear, List.of(event));
  }
}
