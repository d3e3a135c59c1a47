package org.openvpp.world.launch;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openvpp.server.Main;
import org.openvpp.server.cli.UsageException;

/**
 * The entry point of {@code ./vpp up} and {@code ./vpp sim}; every other command is the service's
 * ({@link Main}).
 */
public final class WorldMain {
  /** The commands that run a simulated world: this module's. */
  private static final java.util.Set<String> WORLD = java.util.Set.of("up", "sim", "backtest");

  private WorldMain() {}

  public static void main(String[] args) {
    // up prints its own account of the season; the service's messages at info level are for
    // VPP_LOG_LEVEL=info
    Optional<String> bad =
        Main.configureLogging(
            System.getenv(), args.length > 0 && args[0].equals("up") ? "WARN" : "INFO");
    if (bad.isPresent()) {
      System.err.println("error: " + bad.get());
      System.exit(2);
    }
    System.exit(run(args, System.out, System.err, System.getenv()));
  }

  /** Runs a command line; returns the exit code (0 ok, 1 failure, 2 bad usage). */
  public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
    if (args.length == 0 || !WORLD.contains(args[0])) {
      return Main.run(args, out, err, env);
    }
    List<String> rest = Arrays.asList(args).subList(1, args.length);
    try {
      return switch (args[0]) {
        case "up" -> Up.run(rest, out);
        case "sim" -> Sim.run(rest, out, env);
        default -> BacktestCommand.run(rest, out);
      };
    } catch (UsageException | IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      return 2;
    } catch (IllegalStateException e) {
      err.println("error: " + e.getMessage());
      return 1;
    }
  }
}
