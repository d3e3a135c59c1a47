package org.openvpp.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.openvpp.server.ServiceSettings;
import org.openvpp.sim.fleet.Scenario;
import org.openvpp.sim.fleet.ScenarioFile;
import org.openvpp.sim.fleet.SimData;
import org.openvpp.sim.fleet.SimFleet;
import org.openvpp.world.eval.Evaluation;
import org.openvpp.world.launch.Beside;

/**
 * A season of operation, as {@code ./vpp up --headless} runs it: the service (its records in the
 * embedded database) and the simulated world beside it, apart, meeting on the embedded broker and
 * over HTTP; {@code summer-season-ca}'s events (an extension, two cancellations), sign-ups through
 * the API with Green Button history, meters prompt, next-day and late. Full: 1,000 homes for 30
 * days; quick: 100 homes for 14. The baseline, measured in the same run, is the simulator alone
 * stepping the same homes (and the world's truth fleet) for a day: {@code sim_ratio} is how much of
 * the season's pace the world's own simulation takes.
 */
final class SeasonBenchmark implements Benchmark {

  @Override
  public String name() {
    return "season";
  }

  @Override
  public String description() {
    return "1,000 homes for 30 days, the service and the world apart (target speed >= 1,000)";
  }

  @Override
  public Map<String, Object> run(boolean quick) throws Exception {
    int homes = quick ? 100 : 1_000;
    int days = quick ? 14 : 30;
    Scenario s = ScenarioFile.load("summer-season-ca").withHomes(homes);
    double simOnly = simulatorAlone(s);
    Path folder = Files.createTempDirectory("openvpp-season");
    PrintStream quiet = new PrintStream(PrintStream.nullOutputStream());
    Map<String, Object> out = new LinkedHashMap<>();
    try (Beside b =
        Beside.start(
            s,
            new ServiceSettings.Embedded(folder.resolve("data")),
            folder.resolve("truth.bin"),
            0,
            0,
            Optional.empty(),
            0,
            quiet)) {
      long start = System.nanoTime();
      Evaluation.Figures f =
          b.run(
              Optional.of(days),
              day ->
                  System.out.printf(
                      Locale.ROOT,
                      "season: %s after %.0f s%n",
                      day.atZone(s.zone()).toLocalDate(),
                      (System.nanoTime() - start) / 1e9));
      double wall = (System.nanoTime() - start) / 1e9;
      Evaluation.print(f, s.zone(), s.misbehaviour(), System.out);
      double speed = days * 86_400.0 / wall;
      out.put("homes", homes);
      out.put("days", days);
      out.put("wall_s", round(wall));
      out.put("speed", Math.round(speed));
      out.put("events", f.events().size());
      out.put("committed_kwh", round(f.committedKwh()));
      out.put("delivered_baseline_kwh", round(f.creditedKwh()));
      out.put("delivered_true_kwh", round(f.trueKwh()));
      out.put("telemetry_lost", f.telemetryLost());
      out.put("meter_readings_lost", f.readingsLost());
      out.put("sim_only_speed", Math.round(simOnly));
      out.put("sim_ratio", Math.round(speed / simOnly * 10_000) / 10_000.0);
    } finally {
      delete(folder);
    }
    return out;
  }

  /** Simulated seconds per wall second of the simulator alone: the world's fleet and its truth. */
  private static double simulatorAlone(Scenario s) {
    SimData data = SimData.load();
    Scenario day = s.withHours(24);
    SimFleet fleet = SimFleet.build(day, data, "sim:");
    SimFleet shadow = SimFleet.build(day, data, "sim:");
    Instant t0 = day.start().toInstant();
    Duration step = Duration.ofMinutes(1);
    long start = System.nanoTime();
    for (Instant t = t0; t.isBefore(t0.plus(Duration.ofDays(1))); t = t.plus(step)) {
      fleet.step(t, step, SimFleet.NO_TELEMETRY);
      shadow.step(t, step, SimFleet.NO_TELEMETRY);
    }
    return 86_400.0 / ((System.nanoTime() - start) / 1e9);
  }

  private static double round(double x) {
    return Math.round(x * 10) / 10.0;
  }

  /** Deletes {@code folder} and all it holds. */
  static void delete(Path folder) throws IOException {
    try (Stream<Path> all = Files.walk(folder)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
