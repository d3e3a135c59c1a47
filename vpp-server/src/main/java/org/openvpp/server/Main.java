package org.openvpp.server;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.openvpp.server.baseline.BaselineCommand;
import org.openvpp.server.cli.ImportCommand;
import org.openvpp.server.cli.Options;
import org.openvpp.server.cli.UsageException;
import org.openvpp.server.finance.FinanceCommand;

/**
 * The service's entry point behind {@code ./vpp}: {@code serve}, {@code import}, {@code baseline},
 * {@code openadr}, {@code ocpp}, {@code finance} and {@code help}. {@code up} and {@code sim} are
 * the simulated world's (its launcher hands every other command here).
 */
public final class Main {

  /** The launcher's {@code ./vpp help} lists the commands; this only points there. */
  public static final String USAGE =
      """
      Usage: ./vpp COMMAND [OPTIONS]: ./vpp help lists the commands, ./vpp COMMAND --help the options
      """;

  private Main() {}

  public static void main(String[] args) {
    Optional<String> bad = configureLogging(System.getenv(), "INFO");
    if (bad.isPresent()) {
      System.err.println("error: " + bad.get());
      System.exit(2);
    }
    System.exit(run(args, System.out, System.err, System.getenv()));
  }

  /**
   * OpenVPP's logging configuration, set before anything logs (not the one in the broker's jar),
   * from the environment: {@code VPP_LOG_FORMAT} {@code text} (the default) or {@code json} (one
   * JSON object per line, for a log collector), and {@code VPP_LOG_LEVEL}, the level of OpenVPP's
   * own loggers ({@code error}, {@code warn}, {@code info}, {@code debug} or {@code trace}; default
   * {@code defaultLevel}). Other libraries log warnings and errors only.
   *
   * @return what is wrong with either variable, when something is
   */
  public static Optional<String> configureLogging(Map<String, String> env, String defaultLevel) {
    String format = env.getOrDefault("VPP_LOG_FORMAT", "text").toLowerCase(Locale.ROOT);
    if (!format.equals("text") && !format.equals("json")) {
      return Optional.of(
          "VPP_LOG_FORMAT must be text or json, was '" + env.get("VPP_LOG_FORMAT") + "'");
    }
    String level = env.getOrDefault("VPP_LOG_LEVEL", defaultLevel).toUpperCase(Locale.ROOT);
    if (!LOG_LEVELS.contains(level)) {
      return Optional.of(
          "VPP_LOG_LEVEL must be one of error, warn, info, debug, trace, was '"
              + env.get("VPP_LOG_LEVEL")
              + "'");
    }
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty(
          "logback.configurationFile",
          format.equals("json") ? "openvpp-logback-json.xml" : "openvpp-logback.xml");
    }
    System.setProperty("openvpp.log.level", level);
    return Optional.empty();
  }

  private static final Set<String> LOG_LEVELS = Set.of("ERROR", "WARN", "INFO", "DEBUG", "TRACE");

  /** Runs a command line; returns the process exit code (0 ok, 1 failure, 2 bad usage). */
  public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
    if (args.length == 0 || Set.of("help", "--help", "-h").contains(args[0])) {
      out.print(USAGE);
      return 0;
    }
    List<String> rest = Arrays.asList(args).subList(1, args.length);
    try {
      return switch (args[0]) {
        case "serve" -> serve(rest, out, env);
        case "import" -> ImportCommand.run(rest, out, env);
        case "baseline" -> BaselineCommand.run(rest, out);
        case "openadr" -> org.openvpp.server.openadr.OpenAdrCommand.run(rest, out);
        case "ocpp" -> OcppCommand.run(rest, out, env);
        case "finance" -> FinanceCommand.run(rest, out);
        case "up", "sim" ->
            throw new UsageException(
                args[0] + " is the simulated world's: run it as ./vpp " + args[0]);
        default -> throw new UsageException("unknown command '" + args[0] + "'; try ./vpp help");
      };
    } catch (UsageException | IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      return 2;
    } catch (IllegalStateException e) {
      err.println("error: " + e.getMessage());
      return 1;
    }
  }

  /** {@code ./vpp serve --config FILE}: the service, until stopped. */
  private static int serve(List<String> args, PrintStream out, Map<String, String> env)
      throws UsageException {
    if (args.contains("--help") || args.contains("-h")) {
      out.println("Usage: ./vpp serve --config FILE   (the keys are in docs/serve.md)");
      return 0;
    }
    Options o = Options.parse("serve", args, Set.of("--config"), Set.of());
    String file = o.text("--config", "");
    if (file.isEmpty()) {
      throw new UsageException("serve: --config FILE is required (see docs/serve.md)");
    }
    ServiceSettings settings = ServeConfig.read(Path.of(file), env);
    Launch launch = Launch.start(settings);
    // Ctrl-C or a TERM signal: the service stops its loop and closes its records cleanly
    Runtime.getRuntime().addShutdownHook(new Thread(launch::close, "vpp-stop"));
    out.printf(
        Locale.ROOT,
        "OpenVPP: the service runs: records in %s, devices on %s, API and dashboard at"
            + " http://localhost:%d/ (OpenAPI at /openapi.json); its clock %s%n",
        launch.where(),
        settings.broker(),
        launch.face().port(),
        settings
            .world()
            .map(c -> "follows the world of device cloud " + c)
            .orElse("is the wall's"));
    launch
        .partners()
        .ifPresent(
            v ->
                out.printf(
                    Locale.ROOT,
                    "OpenVPP: OpenADR 3.1.1 VTN for partners' VENs at %s%s%n",
                    v.baseUrl(),
                    settings
                        .partners()
                        .map(ServiceSettings.Partners::clients)
                        .filter(f -> !Files.exists(f))
                        .map(
                            f ->
                                "; no clients file "
                                    + f
                                    + ", so no partner can log in (./vpp openadr client create"
                                    + " makes one; start again to load it)")
                        .orElse("")));
    launch
        .ocpp()
        .ifPresent(
            c ->
                out.printf(
                    Locale.ROOT,
                    "OpenVPP: OCPP central system for chargers on port %d"
                        + " (ws%s://host:%d/ocpp/DEVICE-ID, security profile %d)%n",
                    c.port(),
                    settings.ocpp().map(x -> x.securityProfile() == 2).orElse(false) ? "s" : "",
                    c.port(),
                    settings.ocpp().map(x -> x.securityProfile()).orElse(0)));
    settings
        .admin()
        .ifPresent(
            a ->
                out.printf(
                    Locale.ROOT,
                    "OpenVPP: operator admin '%s' (POST /api/v1/auth/login)%n",
                    a.user()));
    try {
      launch.service().awaitStop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Optional<Throwable> failure = launch.service().failure();
    launch.close();
    if (failure.isPresent()) {
      throw new IllegalStateException(
          "the service's control loop stopped: " + failure.get(), failure.get());
    }
    return 0;
  }
}
