package org.openvpp.server.openadr;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.openvpp.openadr.auth.ClientCredentials;
import org.openvpp.openadr.auth.Clients;
import org.openvpp.openadr.auth.Role;
import org.openvpp.openadr.publish.Publications;
import org.openvpp.openadr.publish.Publisher;
import org.openvpp.openadr.vtn.InMemoryVtnRepository;
import org.openvpp.openadr.vtn.Vtn;
import org.openvpp.openadr.vtn.VtnConfig;
import org.openvpp.program.Program;
import org.openvpp.program.ProgramEvent;
import org.openvpp.server.cli.UsageException;
import org.openvpp.service.Service;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OpenVPP's own OpenADR 3.1.1 VTN, for partners: device clouds and aggregators whose VENs follow
 * OpenVPP's programs and events (docs/openadr.md). It serves on the loopback interface, its clients
 * from the clients file ({@code ./vpp openadr client create}); without the file, none (the VTN of
 * {@code ./vpp serve} never invents credentials), or one demo VEN client for {@code ./vpp up}.
 * OpenVPP publishes on it as business logic (an internal BL client, in memory only): every program
 * of the register, and every event of the service as it is created, changed (an extension, a new
 * window) or cancelled (deleted on the VTN), looked at every two seconds of the wall clock. Objects
 * live in the VTN's memory; after a restart the service publishes its programs and open events
 * again.
 *
 * <p>Partners' reports on the events stay on the VTN: they are not measured or paid yet (the
 * service measures sites from their meters).
 *
 * <p>Threads: one scheduler thread of its own publishes; {@link #close} from any.
 */
public final class PartnerVtn implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PartnerVtn.class);

  /** The port tried first when none is given; a free one if it is taken. */
  public static final int DEFAULT_PORT = 8081;

  private final Vtn vtn;
  private final Publisher publisher;
  private final Service service;
  private final Optional<ClientCredentials> demo;
  private final ScheduledExecutorService scheduler;
  private volatile boolean closing;
  private final Map<String, String> programs = new HashMap<>();
  private final Map<String, String> published = new HashMap<>();
  private final Set<String> done = new HashSet<>();

  private PartnerVtn(
      Vtn vtn, Publisher publisher, Service service, Optional<ClientCredentials> demo) {
    this.vtn = vtn;
    this.publisher = publisher;
    this.service = service;
    this.demo = demo;
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "partner-vtn");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Starts the VTN on {@code port} (0: a free one; {@link #DEFAULT_PORT} falls back to a free one
   * when taken) with the clients of {@code clientsFile}, and begins publishing {@code service}'s
   * programs and events. Without the file, it has no clients, or a demo VEN client made for this
   * run when {@code demoClient}.
   *
   * @throws IllegalStateException when the port cannot be had or the clients file is bad
   */
  public static PartnerVtn start(int port, Path clientsFile, boolean demoClient, Service service) {
    Clients clients;
    try {
      clients = OpenAdrCommand.load(clientsFile);
    } catch (UsageException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
    Optional<ClientCredentials> demo =
        Files.exists(clientsFile) || !demoClient
            ? Optional.empty()
            : Optional.of(clients.create(Role.VEN, "demo VEN (until this VTN stops)"));
    ClientCredentials bl = clients.create(Role.BL, "OpenVPP (in memory)");
    VtnConfig config = VtnConfig.onPort(port).withLocalCallbacks();
    Vtn vtn;
    try {
      vtn = Vtn.start(config, clients, new InMemoryVtnRepository(), Clock.systemUTC());
    } catch (RuntimeException e) {
      if (port != DEFAULT_PORT) {
        throw new IllegalStateException(
            "cannot start the partners' OpenADR VTN on port " + port + ": " + e.getMessage(), e);
      }
      vtn = Vtn.start(config.withPort(0), clients, new InMemoryVtnRepository(), Clock.systemUTC());
    }
    PartnerVtn p =
        new PartnerVtn(vtn, new Publisher(vtn.baseUrl(), bl, Clock.systemUTC()), service, demo);
    // publishSafely catches what it throws, so the future never completes exceptionally
    var unused = p.scheduler.scheduleWithFixedDelay(p::publishSafely, 0, 2, TimeUnit.SECONDS);
    return p;
  }

  private void publishSafely() {
    try {
      publish();
    } catch (RuntimeException e) {
      if (closing) {
        LOG.debug("the partners' VTN, closing: {}", e.getMessage());
      } else {
        LOG.warn("the partners' VTN: {}", e.getMessage());
      }
    }
  }

  /**
   * Publishes what changed since the last look: new programs, new, changed and cancelled events.
   */
  private void publish() {
    for (Program p : service.register().programs()) {
      if (!programs.containsKey(p.id())) {
        programs.put(p.id(), publisher.program(Publications.program(p)));
      }
    }
    for (ProgramEvent e : service.events().events()) {
      if (done.contains(e.id())) {
        continue;
      }
      Optional<String> program = Optional.ofNullable(programs.get(e.programId()));
      if (program.isEmpty()) {
        continue;
      }
      switch (e.state()) {
        case CANCELLED -> {
          if (published.remove(e.id()) != null) {
            publisher.cancel(e.id());
          }
          done.add(e.id());
        }
        case COMPLETED -> done.add(e.id());
        case SCHEDULED, ACTIVE -> {
          String shape = e.window() + " " + e.requested() + " " + e.targeting();
          if (!shape.equals(published.get(e.id()))) {
            publisher.event(e.id(), Publications.event(e, program.get()));
            published.put(e.id(), shape);
          }
        }
      }
    }
  }

  /** The VTN's base URL, for partners' VENs. */
  public URI baseUrl() {
    return vtn.baseUrl();
  }

  /** The demo VEN client made when there was no clients file. */
  public Optional<ClientCredentials> demo() {
    return demo;
  }

  @Override
  public void close() {
    closing = true; // a publication cut short by the close is no fault to report
    scheduler.shutdownNow();
    vtn.close();
  }
}
