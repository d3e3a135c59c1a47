package org.openvpp.server;

import java.io.PrintStream;
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

/**
 * The service's entry point behind {@code ./vpp}: {@code serve}, {@code import}, {@code baseline}
 * and {@code help}. {@code up} and {@code sim} are the simulated world's (its launcher hands every
 * other command here).
 */
public final class Main {

  public static final String USAGE =
      """
      Usage: ./vpp COMMAND [OPTIONS]

      Commands:
        up         the service and a simulated world beside it, on the embedded defaults
                   (./vpp up --help)
        serve      the service: ./vpp serve --config FILE (PostgreSQL, an MQTT broker; the keys
                   are in docs/serve.md); it runs until stopped
        sim        the simulated world alone, as a client of a service elsewhere (./vpp sim --help)
        import     customers, sites and devices from CSV, or meter data from Green Button, through
                   a service's API (./vpp import --help)
        baseline   M&V baselines of a site's events from CSV files (./vpp baseline --help)
        openadr    credentials for partners of the OpenADR VTN:
                   ./vpp openadr client create --name NAME --role ven|bl (./vpp openadr --help)
        test       run the whole test suite (handled by the ./vpp script)
        bench      list or run benchmarks: ./vpp bench list | ./vpp bench NAME [--quick]
        help       show this text
      """;

  private Main() {}

  public static void main(String[] args) {
    configureLogging();
    System.exit(run(args, System.out, System.err, System.getenv()));
  }

  /**
   * OpenVPP's logging configuration, set before anything logs (not the one in the broker's jar):
   * {@code VPP_LOG_FORMAT=json} gives one JSON object per line, for a log collector.
   */
  public static void configureLogging() {
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty(
          "logback.configurationFile",
          "json".equalsIgnoreCase(System.getenv("VPP_LOG_FORMAT"))
              ? "openvpp-logback-json.xml"
              : "openvpp-logback.xml");
    }
  }

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
                    v.demo()
                        .map(
                            d ->
                                " (no clients file: a demo VEN client OPENADR_CLIENT_ID="
                                    + d.clientId()
                                    + " OPENADR_CLIENT_SECRET="
                                    + d.clientSecret()
                                    + ")")
                        .orElse("")));
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
