package org.openvpp.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import org.openvpp.sim.fleet.Scenario;
import org.openvpp.sim.fleet.ScenarioFile;
import org.openvpp.sim.fleet.SimData;
import org.openvpp.sim.fleet.SimFleet;

/**
 * The fleet simulator alone: 100,000 homes (40 % with a battery, 30 % with an EV, 70 % with a
 * thermostat, 50 % with PV, 20 % with a water heater) for 24 hours at one-minute steps, on all
 * cores; the baseline is the same fleet simulated on one thread, so the ratio is the parallel
 * speed-up. A device step is one device simulated for one minute (household load not counted).
 */
final class SimBenchmark implements Benchmark {

  @Override
  public String name() {
    return "sim";
  }

  @Override
  public String description() {
    return "simulate 100,000 homes for 24 h at 1-minute steps (target <= 60 s on 2 cores)";
  }

  @Override
  public Map<String, Object> run(boolean quick) throws Exception {
    int homes = quick ? 10_000 : 100_000;
    Scenario base = ScenarioFile.load("summer-peak-ca");
    Scenario s =
        new Scenario(
            "bench-sim",
            "the simulator benchmark's fleet",
            base.day(),
            24,
            base.seed(),
            homes,
            Math.max(1, homes / 500),
            base.regions(),
            new Scenario.DeviceMix(0.4, 0.3, 0.7, 0.5, 0.2),
            base.misbehaviour(),
            base.event(),
            base.prices());
    SimData data = SimData.load();

    // Warm up the JIT on a small fleet first, so both measured runs see compiled code.
    simulate(SimFleet.build(s.withHomes(2_000), data));

    long buildStart = System.nanoTime();
    long devices = SimFleet.build(s, data).devices().size();
    double buildS = (System.nanoTime() - buildStart) / 1e9;
    // Each run builds its own fleet, so only one is in memory at a time. The one-thread baseline
    // runs first and last, the parallel run between, so drift hits both alike.
    double baseS1 = oneThread(() -> simulate(SimFleet.build(s, data)));
    double wallS = simulate(SimFleet.build(s, data));
    double baseS2 = oneThread(() -> simulate(SimFleet.build(s, data)));
    double baseS = Math.min(baseS1, baseS2);
    System.out.printf(
        "%,d homes, %,d devices: built in %.1f s, simulated in %.1f s (one thread: %.1f s, %.1f s)%n",
        homes, devices, buildS, wallS, baseS1, baseS2);
    long minutes = 24 * 60;
    long steps = devices * minutes;
    long baseSteps = steps;
    double rate = steps / wallS;
    double baseRate = baseSteps / baseS;
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("homes", homes);
    figures.put("hours", 24);
    figures.put("devices", devices);
    figures.put("device_steps", steps);
    figures.put("wall_s", BenchMain.round3(wallS));
    figures.put("device_steps_per_s", Math.round(rate));
    figures.put("build_s", BenchMain.round3(buildS));
    figures.put("one_thread_device_steps_per_s", Math.round(baseRate));
    figures.put("speedup_vs_one_thread", BenchMain.round3(rate / baseRate));
    figures.put("cores", Runtime.getRuntime().availableProcessors());
    return figures;
  }

  private static double oneThread(java.util.concurrent.Callable<Double> work) throws Exception {
    ForkJoinPool one = new ForkJoinPool(1);
    try {
      return one.submit(work).get();
    } finally {
      one.shutdown();
    }
  }

  private static double simulate(SimFleet fleet) {
    Instant start = fleet.scenario().start().toInstant();
    long t0 = System.nanoTime();
    for (int m = 0; m < 24 * 60; m++) {
      fleet.step(start.plus(Duration.ofMinutes(m)), Duration.ofMinutes(1), SimFleet.NO_TELEMETRY);
    }
    return (System.nanoTime() - t0) / 1e9;
  }
}
