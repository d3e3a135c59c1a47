package org.openvpp.world.launch;

import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openvpp.server.cli.Options;
import org.openvpp.server.cli.UsageException;
import org.openvpp.sim.fleet.Scenario;
import org.openvpp.sim.fleet.ScenarioFile;
import org.openvpp.world.World;

/** What {@code up} and {@code sim} share: the season a scenario names, and the months it spans. */
final class Seasons {
  static final String DEFAULT_SCENARIO = "summer-season-ca";

  private Seasons() {}

  /** The options both commands take about the world's season. */
  static final List<String> OPTIONS =
      List.of("--scenario", "--homes", "--seed", "--days", "--speed");

  /**
   * The scenario {@code --scenario} names (a shipped one or a YAML file), with {@code --homes} and
   * {@code --seed}. A scenario without a {@code season:} block is a season of its own hours.
   */
  static Scenario scenario(Options o) throws UsageException {
    Scenario s;
    try {
      s = ScenarioFile.load(o.text("--scenario", DEFAULT_SCENARIO));
    } catch (IllegalArgumentException e) {
      throw new UsageException(String.valueOf(e.getMessage()));
    }
    s = s.withHomes(o.integer("--homes", s.homes(), 1, 1_000_000));
    return s.withSeed(o.integer("--seed", (int) s.seed(), Integer.MIN_VALUE, Integer.MAX_VALUE));
  }

  /** {@code --days N}: how many of the season's days to live (empty: all of them). */
  static Optional<Integer> days(Options o, Scenario s) throws UsageException {
    String d = o.text("--days", "");
    return d.isEmpty()
        ? Optional.empty()
        : Optional.of(o.integer("--days", s.season().days(), 1, s.season().days()));
  }

  /** The months from the world's first day to the day it stopped. */
  static List<YearMonth> months(World w) {
    ZoneId zone = w.zone();
    List<YearMonth> out = new ArrayList<>();
    YearMonth last = YearMonth.from(w.now().minusSeconds(1).atZone(zone));
    for (YearMonth m = YearMonth.from(w.first().atZone(zone));
        !m.isAfter(last);
        m = m.plusMonths(1)) {
      out.add(m);
    }
    return out;
  }
}
