package org.openvpp.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.openvpp.server.ServiceSettings;
import org.openvpp.sim.fleet.Scenario;
import org.openvpp.sim.fleet.ScenarioFile;
import org.openvpp.sim.fleet.Season;
import org.openvpp.world.World;
import org.openvpp.world.eval.Evaluation;
import org.openvpp.world.eval.Evaluation.EventFigures;
import org.openvpp.world.launch.Beside;

/**
 * Whether OpenVPP delivers what it commits (issue 16): a summer and a winter month as {@code ./vpp
 * up --headless} runs them (the service and the simulated world apart), with 5 % of devices
 * ignoring commands and the scenarios' offline spells and telemetry delays, each with at least ten
 * events that run. Per season and over both: what the battery program committed, what it delivered
 * by its baseline and truly (against the same sites without the VPP), the worst tenth of events,
 * the events under 95 %, how much of what the batteries could truly have held was committed
 * (utilisation), the rebound after events, the share of the thermostats' draw they held off (the
 * service asks them to hold off what they draw; the program commits nothing), the 10-in-10
 * baseline's move by the VPP, and minutes a battery under command sat below its customer's reserve.
 * The winter month has heating mornings: its thermostats are the ones that can give.
 *
 * <p>The summer month is {@code summer-season-ca} with two more events (Aug 2 and Aug 21, 17:00 to
 * 20:00, five hours' notice), so that ten run; the winter month is {@code winter-season-ca} (eleven
 * run). Quick: 100 homes; full: 1,000.
 */
final class CommitmentBenchmark implements Benchmark {

  @Override
  public String name() {
    return "commitment";
  }

  @Override
  public String description() {
    return "summer and winter months, >= 10 events each: delivery against commitment (issue 16)";
  }

  @Override
  public Map<String, Object> run(boolean quick) throws Exception {
    int homes = quick ? 100 : 1_000;
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("homes", homes);
    List<EventFigures> batteryAll = new ArrayList<>();
    List<EventFigures> thermostatAll = new ArrayList<>();
    long breaches = 0;
    for (Scenario s : List.of(summer(homes), winter(homes))) {
      long start = System.nanoTime();
      Run r = run(s);
      double wall = (System.nanoTime() - start) / 1e9;
      Map<String, Object> season = figures(r.battery(), r.thermostat());
      season.put("reserve_breach_minutes", r.reserveBreachMinutes());
      season.put("wall_s", Math.round(wall));
      out.put(s.name(), season);
      batteryAll.addAll(r.battery());
      thermostatAll.addAll(r.thermostat());
      breaches += r.reserveBreachMinutes();
    }
    out.putAll(figures(batteryAll, thermostatAll));
    out.put("customer_limits_broken", breaches);
    return out;
  }

  /** The summer month with two more events, so that ten run. */
  static Scenario summer(int homes) {
    Scenario s = ScenarioFile.load("summer-season-ca").withHomes(homes);
    Season season = s.season();
    List<Season.SeasonEvent> events = new ArrayList<>(season.events());
    for (int day : new int[] {1, 20}) {
      events.add(
          new Season.SeasonEvent(
              day,
              LocalTime.of(17, 0),
              LocalTime.of(20, 0),
              Duration.ofHours(5),
              Optional.empty(),
              Optional.empty()));
    }
    events.sort(Comparator.comparingInt(Season.SeasonEvent::day));
    return withFivePercentIgnoring(
        s.withSeason(
            new Season(
                season.days(), season.historyDays(), events, season.signups(), season.meters())));
  }

  static Scenario winter(int homes) {
    return withFivePercentIgnoring(ScenarioFile.load("winter-season-ca").withHomes(homes));
  }

  private static Scenario withFivePercentIgnoring(Scenario s) {
    return s.withMisbehaviour(s.misbehaviour().withIgnoringShare(0.05));
  }

  private record Run(
      List<EventFigures> battery, List<EventFigures> thermostat, long reserveBreachMinutes) {}

  private static Run run(Scenario s) throws IOException {
    Path folder = Files.createTempDirectory("openvpp-commitment");
    PrintStream quiet = new PrintStream(PrintStream.nullOutputStream());
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
              Optional.empty(),
              day ->
                  System.out.printf(
                      Locale.ROOT,
                      "commitment: %s %s after %.0f s%n",
                      s.name(),
                      day.atZone(s.zone()).toLocalDate(),
                      (System.nanoTime() - start) / 1e9));
      Evaluation.print(f, s.zone(), s.misbehaviour(), System.out);
      List<EventFigures> battery =
          f.events().stream()
              .filter(e -> e.programId().equals(World.BATTERY_PROGRAM))
              .filter(e -> e.committedKwh() > 0 && e.trueKwh().isPresent())
              .toList();
      List<EventFigures> thermostat =
          f.events().stream()
              .filter(e -> e.programId().equals(World.THERMOSTAT_PROGRAM))
              .filter(e -> e.revision() > 0 && e.truly().kindKwh().isPresent())
              .toList();
      return new Run(battery, thermostat, b.world().reserveBreachMinutes());
    } finally {
      SeasonBenchmark.delete(folder);
    }
  }

  /** The figures of the battery program's events and the thermostat program's. */
  static Map<String, Object> figures(List<EventFigures> battery, List<EventFigures> thermostat) {
    Map<String, Object> out = new LinkedHashMap<>();
    double committed = battery.stream().mapToDouble(EventFigures::committedKwh).sum();
    double credited = battery.stream().mapToDouble(EventFigures::creditedKwh).sum();
    double truly = battery.stream().mapToDouble(e -> e.trueKwh().orElseThrow()).sum();
    double[] ratios =
        battery.stream()
            .mapToDouble(e -> e.trueKwh().orElseThrow() / e.committedKwh())
            .sorted()
            .toArray();
    out.put("events", battery.size());
    out.put("committed_kwh", round1(committed));
    out.put("delivered_baseline_kwh", round1(credited));
    out.put("delivered_true_kwh", round1(truly));
    out.put(
        "ratio_true_mean", BenchMain.round3(Arrays.stream(ratios).average().orElse(Double.NaN)));
    out.put("ratio_true_p10", BenchMain.round3(BenchMain.percentile(ratios, 10)));
    out.put("events_below_95pct", Arrays.stream(ratios).filter(r -> r < 0.95).count());
    List<EventFigures> held =
        battery.stream().filter(e -> e.truly().holdableKwh().isPresent()).toList();
    double heldCommitted = held.stream().mapToDouble(EventFigures::committedKwh).sum();
    double holdable = held.stream().mapToDouble(e -> e.truly().holdableKwh().orElseThrow()).sum();
    out.put("holdable_true_kwh", round1(holdable));
    out.put(
        "commitment_utilisation",
        BenchMain.round3(holdable > 0 ? heldCommitted / holdable : Double.NaN));
    double[] rebound =
        battery.stream()
            .flatMap(e -> e.truly().reboundRatio().stream())
            .mapToDouble(Double::doubleValue)
            .toArray();
    out.put(
        "rebound_peak_ratio", BenchMain.round3(Arrays.stream(rebound).max().orElse(Double.NaN)));
    out.put(
        "rebound_peak_ratio_mean",
        BenchMain.round3(Arrays.stream(rebound).average().orElse(Double.NaN)));
    double[] reference =
        battery.stream()
            .flatMap(e -> e.truly().baselineMove().stream())
            .mapToDouble(Evaluation.BaselineMove::reference)
            .toArray();
    double[] adjusted =
        battery.stream()
            .flatMap(e -> e.truly().baselineMove().stream())
            .mapToDouble(Evaluation.BaselineMove::adjusted)
            .toArray();
    out.put(
        "baseline_reference_move_max_abs",
        BenchMain.round3(Arrays.stream(reference).map(Math::abs).max().orElse(Double.NaN)));
    out.put(
        "baseline_reference_move_mean",
        BenchMain.round3(Arrays.stream(reference).average().orElse(Double.NaN)));
    out.put(
        "baseline_move_max_abs",
        BenchMain.round3(Arrays.stream(adjusted).map(Math::abs).max().orElse(Double.NaN)));
    out.put(
        "baseline_move_mean",
        BenchMain.round3(Arrays.stream(adjusted).average().orElse(Double.NaN)));
    // Through an event the service asks the enrolled heat pumps to hold off what they draw: what
    // the fleet's thermostats would have drawn without the VPP is the ask, what they did not draw
    // is the response (the thermostats not enrolled draw the same in both, so count in the ask).
    double asked = thermostat.stream().mapToDouble(e -> e.truly().kindKwh().orElseThrow()[1]).sum();
    double gave =
        thermostat.stream().mapToDouble(e -> e.truly().kindReductionKwh().orElseThrow()).sum();
    out.put("thermostat_events", thermostat.size());
    out.put("thermostat_draw_without_vpp_kwh", round1(asked));
    out.put("thermostat_true_kwh", round1(gave));
    out.put("thermostat_response_ratio", BenchMain.round3(asked > 0 ? gave / asked : Double.NaN));
    return out;
  }

  private static double round1(double x) {
    return Math.round(x * 10) / 10.0;
  }
}
