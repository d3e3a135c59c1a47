package org.openvpp.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openvpp.server.run.FleetRun;
import org.openvpp.server.run.RunReport;
import org.openvpp.sim.fleet.Scenario;
import org.openvpp.sim.fleet.ScenarioFile;
import org.openvpp.sim.fleet.SimData;
import org.openvpp.sim.fleet.SimFleet;
import org.openvpp.time.SimulationClock;

/**
 * The whole walking skeleton (simulate, twins, aggregation, plan, dispatch, M&amp;V) for a day at
 * one-minute steps, against the baseline of the simulator alone stepping the same fleet: the ratio
 * is what the VPP's own work costs per simulated minute.
 */
final class SkeletonBenchmark implements Benchmark {

  private static final int REPEATS = 5;

  @Override
  public String name() {
    return "skeleton";
  }

  @Override
  public String description() {
    return "24 h headless summer-peak-ca run of 10,000 homes: full VPP loop vs the simulator alone";
  }

  @Override
  public Map<String, Object> run(boolean quick) {
    int homes = quick ? 1_000 : 10_000;
    SimData data = SimData.load();
    Scenario scenario = ScenarioFile.load("summer-peak-ca").withHomes(homes);
    double[] full = new double[REPEATS];
    double[] simOnly = new double[REPEATS];
    RunReport last = null;
    for (int r = 0; r < REPEATS; r++) {
      // Alternate the two so that drift in the machine's speed hits both alike.
      long t0 = System.nanoTime();
      last =
          new FleetRun(scenario, data)
              .run(
                  SimulationClock.stepped(scenario.start().toInstant(), scenario.zone()),
                  s -> {},
                  e -> {});
      full[r] = (System.nanoTime() - t0) / 1e6;
      t0 = System.nanoTime();
      simulateAlone(scenario, data);
      simOnly[r] = (System.nanoTime() - t0) / 1e6;
      System.out.printf(
          "run %d: full loop %.0f ms, simulator alone %.0f ms%n", r + 1, full[r], simOnly[r]);
    }
    double fullMs = median(full);
    double simMs = median(simOnly);
    long minutes = Duration.ofHours(24).toMinutes();
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("homes", homes);
    figures.put("simulated_minutes", minutes);
    figures.put("full_loop_ms_median", BenchMain.round3(fullMs));
    figures.put("simulator_alone_ms_median", BenchMain.round3(simMs));
    figures.put("vpp_cost_ratio", BenchMain.round3(fullMs / simMs));
    figures.put("device_minutes_per_second", Math.round(homes * minutes / (fullMs / 1000)));
    figures.put("speed_vs_real_time", Math.round(minutes * 60_000 / fullMs));
    if (last != null) {
      figures.put("delivered_ratio", BenchMain.round3(last.performance().deliveredRatio()));
    }
    return figures;
  }

  private static void simulateAlone(Scenario scenario, SimData data) {
    Instant start = scenario.start().toInstant();
    SimFleet fleet = SimFleet.build(scenario, data);
    long[] sink = {0};
    for (int m = 0; m < 24 * 60; m++) {
      fleet.step(start.plus(Duration.ofMinutes(m)), FleetRun.STEP, t -> sink[0] += t.sequence());
    }
    if (sink[0] == 42) {
      System.out.print("");
    }
  }

  private static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    return v[v.length / 2];
  }
}
