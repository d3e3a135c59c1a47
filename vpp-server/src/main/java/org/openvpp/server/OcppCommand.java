package org.openvpp.server;

import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.openvpp.device.DeviceId;
import org.openvpp.ocpp.credentials.Password;
import org.openvpp.ocpp.credentials.PasswordHash;
import org.openvpp.server.cli.Options;
import org.openvpp.server.cli.UsageException;
import org.openvpp.service.chargers.StoredCredentials;
import org.openvpp.service.state.ServiceState;
import org.openvpp.store.Database;
import org.openvpp.store.Documents;

/**
 * {@code ./vpp ocpp password --config FILE --charger ID}: makes a charger's password for the OCPP
 * central system of a served service (security profiles 1 and 2), keeps its hash in the service's
 * database and prints it once.
 *
 * <p>The password is 20 random octets as 40 hexadecimal digits, which both versions take: a 2.0.1
 * charger's {@code SecurityCtrlr.BasicAuthPassword} (the text), a 1.6 charger's {@code
 * AuthorizationKey} (the octets the digits stand for). A running service reads it at the charger's
 * next connection ({@link StoredCredentials}).
 */
final class OcppCommand {
  static final String USAGE =
      """
      Usage: ./vpp ocpp password --config FILE --charger ID
        makes charger ID's password for the OCPP central system (security profiles 1 and 2), keeps
        its hash in the database of the serve configuration FILE, and prints it once
        --config FILE   ./vpp serve's configuration (docs/serve.md)
        --charger ID    the charger's identity: the id of an EV charger of a site in the register
      """;

  private OcppCommand() {}

  static int run(List<String> args, PrintStream out, Map<String, String> env)
      throws UsageException {
    if (args.isEmpty() || args.contains("--help") || args.contains("-h")) {
      out.print(USAGE);
      return 0;
    }
    if (!args.get(0).equals("password")) {
      throw new UsageException(
          "ocpp: unknown subcommand '" + args.get(0) + "'; the one there is: password");
    }
    Options o =
        Options.parse(
            "ocpp password",
            args.subList(1, args.size()),
            Set.of("--config", "--charger"),
            Set.of());
    String file = o.text("--config", "");
    String charger = o.text("--charger", "");
    if (file.isEmpty() || charger.isEmpty()) {
      throw new UsageException("ocpp password: --config FILE and --charger ID are required");
    }
    try {
      DeviceId.of(charger);
    } catch (IllegalArgumentException e) {
      throw new UsageException("ocpp password: --charger is a device id: " + e.getMessage());
    }
    if (charger.length() > 48) {
      throw new UsageException(
          "ocpp password: a charge point's identity has at most 48 characters, not "
              + charger.length());
    }
    ServiceSettings settings = ServeConfig.read(Path.of(file), env);
    if (settings.ocpp().isEmpty()) {
      throw new UsageException(
          "ocpp password: " + file + " runs no OCPP central system; add ocpp.port (docs/serve.md)");
    }
    if (!(settings.database() instanceof ServiceSettings.Postgres p)) {
      throw new UsageException("ocpp password: a served service's database is PostgreSQL");
    }
    byte[] octets = new byte[20];
    new SecureRandom().nextBytes(octets);
    String text = HexFormat.of().formatHex(octets);
    try (Database db = Database.open(p.url(), p.user(), p.password())) {
      new StoredCredentials(
              ServiceState.in(Documents.in(db)), Clock.systemUTC(), PasswordHash.DEFAULT_ITERATIONS)
          .set(charger, Password.ofAuthorizationKey(text));
    }
    out.printf(
        Locale.ROOT,
        "OpenVPP: charger %s's password (shown once; only its hash is kept): %s%n"
            + "  give it to the charger: 2.0.1 SecurityCtrlr.BasicAuthPassword, 1.6"
            + " AuthorizationKey; it replaces the one before at the charger's next connection%n",
        charger,
        text);
    return 0;
  }
}
