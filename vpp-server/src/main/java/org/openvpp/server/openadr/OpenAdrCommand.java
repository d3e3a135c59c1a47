package org.openvpp.server.openadr;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.openvpp.openadr.auth.ClientCredentials;
import org.openvpp.openadr.auth.Clients;
import org.openvpp.openadr.auth.ClientsFile;
import org.openvpp.openadr.auth.Role;
import org.openvpp.server.cli.Options;
import org.openvpp.server.cli.UsageException;

/**
 * {@code ./vpp openadr client create --name NAME --role ven|bl [--clients FILE]} and {@code ./vpp
 * openadr client list [--clients FILE]}: the clients of OpenVPP's VTN for partners (which {@code
 * ./vpp up} and {@code ./vpp serve} run), kept in a clients file ({@link ClientsFile}, default
 * {@code ~/.openvpp/openadr-clients.json}) that the VTN loads when it starts. {@code create} prints
 * the new client's id and secret once; the file keeps only a salted hash of the secret.
 */
public final class OpenAdrCommand {

  public static final String USAGE =
      """
      Usage: ./vpp openadr client create --name NAME --role ven|bl [--clients FILE]
             ./vpp openadr client list [--clients FILE]

        create   makes a client of OpenVPP's VTN for partners and prints its id and secret (shown
                 once: the file keeps only a salted hash); a partner trades them for a token at
                 the VTN's /auth/token. Role ven: a device cloud or aggregator that follows
                 OpenVPP's programs and events and reports; bl: business logic that publishes them.
        list     the clients in the file (ids, roles, names; never secrets)
        --clients FILE   the clients file (default ~/.openvpp/openadr-clients.json); ./vpp up
                 (--openadr-clients) and ./vpp serve (openadr.clients) load the same file
      """;

  private OpenAdrCommand() {}

  /** Runs {@code args} (after {@code openadr}); returns the exit code. */
  public static int run(List<String> args, PrintStream out) throws UsageException {
    if (args.isEmpty() || args.contains("--help") || args.contains("-h")) {
      out.print(USAGE);
      return 0;
    }
    if (args.size() < 2 || !args.get(0).equals("client")) {
      throw new UsageException(
          "openadr: expected 'client create' or 'client list'; try ./vpp openadr --help");
    }
    List<String> rest = args.subList(2, args.size());
    return switch (args.get(1)) {
      case "create" -> create(rest, out);
      case "list" -> list(rest, out);
      default ->
          throw new UsageException(
              "openadr client: unknown action '" + args.get(1) + "'; use create or list");
    };
  }

  private static int create(List<String> args, PrintStream out) throws UsageException {
    Options o =
        Options.parse(
            "openadr client create", args, Set.of("--name", "--role", "--clients"), Set.of());
    String name = o.text("--name", "").trim();
    if (name.isEmpty()) {
      throw new UsageException(
          "openadr client create: --name NAME is required (a name for people, unique)");
    }
    String roleText = o.text("--role", "");
    Role role =
        switch (roleText.toLowerCase(Locale.ROOT)) {
          case "ven" -> Role.VEN;
          case "bl" -> Role.BL;
          default ->
              throw new UsageException(
                  "openadr client create: --role must be ven or bl, was '" + roleText + "'");
        };
    Path file = file(o);
    Clients clients = load(file);
    if (clients.named(name).isPresent()) {
      throw new UsageException(
          "openadr client create: a client named '"
              + name
              + "' is already in "
              + file
              + " ("
              + clients.named(name).get().clientId()
              + "); choose another name");
    }
    ClientCredentials created = clients.create(role, name);
    try {
      ClientsFile.save(file, clients);
    } catch (IOException | SecurityException e) {
      throw new UsageException(
          "openadr client create: cannot write "
              + file
              + " ("
              + e
              + "); give another --clients FILE");
    }
    out.println("OPENADR_CLIENT_ID=" + created.clientId());
    out.println("OPENADR_CLIENT_SECRET=" + created.clientSecret());
    out.printf(
        Locale.ROOT,
        "OpenVPP: %s client '%s' written to %s; the secret is shown only now. The VTN of ./vpp up"
            + " and ./vpp serve loads this file when it starts (restart a running one).%n",
        role == Role.VEN ? "VEN" : "BL",
        name,
        file);
    return 0;
  }

  private static int list(List<String> args, PrintStream out) throws UsageException {
    Options o = Options.parse("openadr client list", args, Set.of("--clients"), Set.of());
    Path file = file(o);
    Clients clients = load(file);
    clients
        .all()
        .forEach(c -> out.println(c.clientId() + "  " + c.role() + "  " + c.description()));
    if (clients.all().isEmpty()) {
      out.println("OpenVPP: no clients in " + file);
    }
    return 0;
  }

  private static Path file(Options o) {
    String f = o.text("--clients", "");
    return f.isEmpty() ? ClientsFile.defaultPath() : Path.of(f);
  }

  /** The clients in {@code file}; none when it does not exist yet. */
  public static Clients load(Path file) throws UsageException {
    Clients clients = new Clients();
    if (!Files.exists(file)) {
      return clients;
    }
    try {
      ClientsFile.load(file, clients);
    } catch (NoSuchFileException e) {
      return clients;
    } catch (IOException e) {
      throw new UsageException("openadr: cannot read " + file + " (" + e + ")");
    } catch (IllegalArgumentException e) {
      throw new UsageException("openadr: " + e.getMessage());
    }
    return clients;
  }
}
