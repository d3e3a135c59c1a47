package org.openvpp.server.openadr;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import org.openvpp.event.GridEvent;
import org.openvpp.openadr.auth.ClientCredentials;
import org.openvpp.openadr.auth.Clients;
import org.openvpp.openadr.auth.Role;
import org.openvpp.openadr.publish.Publications;
import org.openvpp.openadr.publish.Publisher;
import org.openvpp.openadr.vtn.InMemoryVtnRepository;
import org.openvpp.openadr.vtn.Vtn;
import org.openvpp.openadr.vtn.VtnConfig;
import org.openvpp.server.cli.UsageException;
import org.openvpp.server.run.FleetRun;

/**
 * The OpenADR 3.1.1 VTN beside {@code ./vpp up}: on the loopback interface, its clients from the
 * clients file ({@code ./vpp openadr client create}), or one demo VEN client for this run when
 * there is no file; OpenVPP publishes the run's program and, when the utility announces it, the
 * run's event on it as its business logic (an internal BL client, in memory only), so a partner's
 * VEN sees them. Objects live in memory: they are gone when the run stops. The VTN keeps real time
 * for its objects and tokens (a partner's token lasts an hour of the wall clock); the event's
 * window is in the run's simulated time.
 */
public final class RunVtn implements AutoCloseable {

  /** The port tried first when none is given; a free one if it is taken. */
  public static final int DEFAULT_PORT = 8081;

  private final Vtn vtn;
  private final Publisher publisher;
  private final PrintStream out;
  private String programId = "";

  private RunVtn(Vtn vtn, Publisher publisher, PrintStream out) {
    this.vtn = vtn;
    this.publisher = publisher;
    this.out = out;
  }

  /**
   * Starts the VTN on {@code port} (when {@code portGiven}; else {@link #DEFAULT_PORT} or a free
   * one), its clients from {@code clientsFile}, and prints its base URL.
   */
  public static RunVtn start(int port, boolean portGiven, Path clientsFile, PrintStream out)
      throws UsageException {
    boolean fromFile = Files.exists(clientsFile);
    Clients clients = OpenAdrCommand.load(clientsFile);
    int partners = clients.all().size();
    ClientCredentials demo = null;
    if (!fromFile) {
      demo = clients.create(Role.VEN, "demo VEN (this run only)");
    }
    ClientCredentials bl = clients.create(Role.BL, "OpenVPP (this run only)");
    VtnConfig config = VtnConfig.onPort(portGiven ? port : DEFAULT_PORT).withLocalCallbacks();
    Vtn vtn;
    try {
      vtn = Vtn.start(config, clients, new InMemoryVtnRepository(), Clock.systemUTC());
    } catch (RuntimeException e) {
      if (portGiven) {
        throw new IllegalStateException(
            "cannot start the OpenADR VTN on port "
                + port
                + ": "
                + e.getMessage()
                + " (try --openadr-port N)",
            e);
      }
      vtn = Vtn.start(config.withPort(0), clients, new InMemoryVtnRepository(), Clock.systemUTC());
    }
    out.printf(
        Locale.ROOT,
        "OpenVPP: OpenADR 3.1.1 VTN at %s (programs and events for partners' VENs; docs/openadr.md)%n",
        vtn.baseUrl());
    if (demo != null) {
      out.printf(
          Locale.ROOT,
          "OpenVPP: no OpenADR clients file %s; a demo VEN client for this run: OPENADR_CLIENT_ID=%s"
              + " OPENADR_CLIENT_SECRET=%s (./vpp openadr client create makes lasting ones)%n",
          clientsFile,
          demo.clientId(),
          demo.clientSecret());
    } else {
      out.printf(Locale.ROOT, "OpenVPP: OpenADR clients from %s (%d)%n", clientsFile, partners);
    }
    RunVtn running = new RunVtn(vtn, new Publisher(vtn.baseUrl(), bl, Clock.systemUTC()), out);
    running.publishProgram();
    return running;
  }

  private void publishProgram() {
    try {
      programId =
          publisher.program(
              Publications.program(FleetRun.PROGRAM, "OpenVPP run program " + FleetRun.PROGRAM));
    } catch (IllegalStateException e) {
      out.println(
          "OpenVPP: warning: the run's program was not published on the VTN: " + e.getMessage());
    }
  }

  /** Publishes the utility's event as an event of the run's program; a failure is a warning. */
  public void publish(GridEvent event) {
    if (programId.isEmpty()) {
      return;
    }
    try {
      String id = publisher.event(event, programId);
      out.printf(
          Locale.ROOT, "OpenVPP: event %s published on the VTN as event %s%n", event.id(), id);
    } catch (IllegalStateException e) {
      out.println(
          "OpenVPP: warning: event "
              + event.id()
              + " was not published on the VTN: "
              + e.getMessage());
    }
  }

  public URI baseUrl() {
    return vtn.baseUrl();
  }

  @Override
  public void close() {
    vtn.close();
  }
}
