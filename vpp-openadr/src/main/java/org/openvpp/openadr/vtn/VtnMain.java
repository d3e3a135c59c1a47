package org.openvpp.openadr.vtn;

import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.openvpp.openadr.auth.ClientCredentials;
import org.openvpp.openadr.auth.Clients;
import org.openvpp.openadr.auth.ClientsFile;
import org.openvpp.openadr.auth.Role;

/**
 * Runs a VTN by itself, in memory, until stopped, for trying it out (docs/openadr.md): {@code
 * [--port N] [--host ADDRESS] [--mqtt tcp://host:port] [--local-callbacks] [--tls keystore.p12]},
 * the key store's password in {@code VTN_TLS_PASSWORD}, {@code [--clients FILE]} (the clients
 * {@code ./vpp openadr client create} wrote). Without a clients file it creates one business-logic
 * client and one VEN client and prints their ids and secrets, which exist only in this process. The
 * command line of vpp-server is to replace this.
 */
public final class VtnMain {

  private VtnMain() {}

  public static void main(String[] args) throws InterruptedException, java.io.IOException {
    VtnConfig config = VtnConfig.onPort(8080);
    Optional<Path> clientsFile = Optional.empty();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--port" -> config = config.withPort(Integer.parseInt(value(args, ++i)));
        case "--mqtt" -> config = config.withMqtt(URI.create(value(args, ++i)), "openadr3");
        case "--host" -> config = config.withHost(value(args, ++i));
        case "--local-callbacks" -> config = config.withLocalCallbacks();
        case "--clients" -> clientsFile = Optional.of(Path.of(value(args, ++i)));
        case "--tls" ->
            config =
                config.withTls(
                    new TlsConfig(
                        Path.of(value(args, ++i)),
                        Optional.ofNullable(System.getenv("VTN_TLS_PASSWORD")).orElse("")));
        default ->
            throw new IllegalArgumentException(
                "unknown option "
                    + args[i]
                    + "; use --port N, --host ADDRESS, --mqtt URI, --local-callbacks, --tls KEYSTORE.p12,"
                    + " --clients FILE");
      }
    }
    Clients clients = new Clients();
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    if (clientsFile.isPresent()) {
      ClientsFile.load(clientsFile.get(), clients);
    }
    Vtn vtn = Vtn.start(config, clients, new InMemoryVtnRepository(), Clock.systemUTC());
    out.println("VTN=" + vtn.baseUrl());
    if (clientsFile.isPresent()) {
      out.println("CLIENTS=" + clientsFile.get() + " (" + clients.all().size() + ")");
    } else {
      ClientCredentials bl = clients.create(Role.BL, "business logic");
      ClientCredentials ven = clients.create(Role.VEN, "a VEN");
      out.println("BL_ID=" + bl.clientId());
      out.println("BL_SECRET=" + bl.clientSecret());
      out.println("VEN_ID=" + ven.clientId());
      out.println("VEN_SECRET=" + ven.clientSecret());
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  vtn.close();
                  stopped.countDown();
                }));
    stopped.await();
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      throw new IllegalArgumentException(args[i - 1] + " needs a value");
    }
    return args[i];
  }
}
