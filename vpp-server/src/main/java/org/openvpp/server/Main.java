package org.openvpp.server;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.openvpp.server.cli.Options;
import org.openvpp.server.cli.UsageException;
import org.openvpp.server.run.ConsoleReport;
import org.openvpp.server.run.FleetRun;
import org.openvpp.server.run.RunOptions;
import org.openvpp.server.run.RunReport;
import org.openvpp.server.web.Dashboard;
import org.openvpp.sim.data.FontanaHomes;
import org.openvpp.time.SimulationClock;

/** The entry point behind {@code ./vpp}: {@code up} and {@code help}. */
public final class Main {

  static final String USAGE =
      """
      Usage: ./vpp COMMAND [OPTIONS]

      Commands:
        up           run OpenVPP on a simulated fleet with the embedded defaults
        test         run the whole test suite (handled by the ./vpp script)
        bench        list or run benchmarks: ./vpp bench list | ./vpp bench NAME [--quick]
        help         show this text

      Options of 'up':
        --headless     run as fast as possible, print the table and summary, and exit
        --homes N      homes in the simulated fleet, each with a battery (default 200)
        --hours N      hours to simulate from midnight (default 24)
        --seed N       random seed of the fleet (default 1)
        --speed X      live runs: simulated seconds per real second (default 60)
        --port N       live runs: port of the dashboard (default 8080)
      """;

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs a command line; returns the process exit code (0 ok, 1 failure, 2 bad usage). */
  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0 || Set.of("help", "--help", "-h").contains(args[0])) {
      out.print(USAGE);
      return 0;
    }
    List<String> rest = Arrays.asList(args).subList(1, args.length);
    try {
      return switch (args[0]) {
        case "up" -> up(rest, out);
        default -> throw new UsageException("unknown command '" + args[0] + "'; try ./vpp help");
      };
    } catch (UsageException e) {
      err.println("error: " + e.getMessage());
      return 2;
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      return 2;
    }
  }

  private static int up(List<String> args, PrintStream out) throws UsageException {
    if (args.contains("--help") || args.contains("-h")) {
      out.print(USAGE);
      return 0;
    }
    Options o =
        Options.parse(
            "up",
            args,
            Set.of("--homes", "--hours", "--seed", "--speed", "--port"),
            Set.of("--headless"));
    int homes = o.integer("--homes", 200, 1, 1_000_000);
    int hours = o.integer("--hours", 24, 1, 168);
    int seed = o.integer("--seed", 1, Integer.MIN_VALUE, Integer.MAX_VALUE);
    double speed = o.decimal("--speed", 60, 0.1, 100_000);
    int port = o.integer("--port", 8080, 0, 65_535);
    RunOptions options = RunOptions.defaults(homes, hours, seed);
    FleetRun run = new FleetRun(options, FontanaHomes.load());
    out.printf(
        Locale.ROOT,
        "OpenVPP: simulating %d homes with batteries for %d h from %s (%s)%n",
        homes,
        hours,
        options.start().toLocalDateTime(),
        options.zone());
    if (o.flag("--headless")) {
      SimulationClock clock = SimulationClock.stepped(options.start().toInstant(), options.zone());
      RunReport report = run.run(clock, sample -> {}, event -> announce(event, options, out));
      ConsoleReport.print(report, out);
      return 0;
    }
    try (Dashboard dashboard = Dashboard.start(port, options.zone())) {
      out.printf(
          Locale.ROOT,
          "OpenVPP: dashboard at http://localhost:%d/ (fleet power, live); simulated time runs"
              + " %.0f× real time%n",
          dashboard.port(),
          speed);
      SimulationClock clock =
          SimulationClock.scaled(
              options.start().toInstant(), speed, Clock.systemUTC(), options.zone());
      RunReport report = run.run(clock, dashboard::publish, event -> announce(event, options, out));
      ConsoleReport.print(report, out);
      dashboard.finish(
          String.format(
              Locale.ROOT, "{\"deliveredRatio\":%.4f}", report.performance().deliveredRatio()));
      out.printf(
          Locale.ROOT,
          "OpenVPP: run finished; the dashboard stays at http://localhost:%d/ until Ctrl-C%n",
          dashboard.port());
      awaitShutdown();
    }
    return 0;
  }

  private static void announce(
      org.openvpp.event.GridEvent event, RunOptions options, PrintStream out) {
    out.printf(
        Locale.ROOT,
        "OpenVPP: %s received peak event %s for %s-%s%n",
        event.received().atZone(options.zone()).toLocalTime(),
        event.id(),
        event.window().start().atZone(options.zone()).toLocalTime(),
        event.window().end().atZone(options.zone()).toLocalTime());
  }

  private static void awaitShutdown() {
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
    try {
      stop.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
