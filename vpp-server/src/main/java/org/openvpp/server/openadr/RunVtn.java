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
import org.openvpp.server.run.PartnerReports;

/**
 * The OpenADR 3.1.1 VTN beside {@code ./vpp up}: on the loopback interface, its clients from the
 * clients file ({@code ./vpp openadr client create}), or one demo VEN client for this run when
 * there is no file; OpenVPP publishes the run's program and, when the utility announces it, the
 * run's event on it as its business logic (an internal BL client, in memory only), so a partner's
 * VEN sees them. Objects live in memory: they are gone when the run stops. The VTN keeps real time
 * for its objects and tokens (a partner's token lasts an hour of the wall clock); the event's
 * window is in the run's simulated time. At the run's end it gives the run the partners' reports on
 * the event ({@link #on}), which the settlement measures and pays.
 */
public final class RunVtn implements PartnerReports, AutoCloseable {

  /** The port tried first when none is given; a free one if it is taken. */
  public static final int DEFAULT_PORT = 8081;

  private final Vtn vtn;
  private final Publisher publisher;
  private final PrintStream out;
  private String programId = "";
  private final java.util.Map<String, String> published = new java.util.HashMap<>();

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
      published.put(event.id(), id);
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

  /**
   * The partners' readings on {@code event} as published here: each report's {@code USAGE} payloads
   * (KWH, or WH, the units its payload descriptor gives), per 15-minute interval (an interval's own
   * {@code intervalPeriod}, or its resource's shifted by the interval's id), summed over the
   * report's resources and over a partner's reports, by the VTN's client id. Intervals of another
   * length are left out, with a warning.
   */
  @Override
  public java.util.List<PartnerReports.Reading> on(GridEvent event) {
    String id = published.get(event.id());
    if (id == null) {
      return java.util.List.of();
    }
    java.util.List<com.fasterxml.jackson.databind.JsonNode> reports;
    try {
      reports = publisher.reports(id);
    } catch (IllegalStateException e) {
      out.println(
          "OpenVPP: warning: partners' reports were not read from the VTN: " + e.getMessage());
      return java.util.List.of();
    }
    java.util.Map<String, java.util.Map<java.time.Instant, Double>> usage =
        new java.util.TreeMap<>();
    for (com.fasterxml.jackson.databind.JsonNode r : reports) {
      String partner = r.path("clientID").asText(r.path("clientName").asText("unknown"));
      double factor = 1;
      for (com.fasterxml.jackson.databind.JsonNode d : r.path("payloadDescriptors")) {
        if (d.path("payloadType").asText().equals("USAGE")
            && d.path("units").asText("KWH").equals("WH")) {
          factor = 0.001;
        }
      }
      java.util.Map<java.time.Instant, Double> byInterval =
          usage.computeIfAbsent(partner, x -> new java.util.TreeMap<>());
      for (com.fasterxml.jackson.databind.JsonNode resource : r.path("resources")) {
        for (com.fasterxml.jackson.databind.JsonNode i : resource.path("intervals")) {
          com.fasterxml.jackson.databind.JsonNode period =
              i.has("intervalPeriod") ? i.path("intervalPeriod") : resource.path("intervalPeriod");
          java.time.Instant start;
          java.time.Duration length;
          try {
            start = java.time.Instant.parse(period.path("start").asText());
            length = java.time.Duration.parse(period.path("duration").asText());
          } catch (java.time.format.DateTimeParseException e) {
            continue;
          }
          if (!i.has("intervalPeriod")) {
            start = start.plus(length.multipliedBy(i.path("id").asInt()));
          }
          if (!length.equals(FleetRun.INTERVAL)) {
            out.printf(
                Locale.ROOT,
                "OpenVPP: warning: partner %s reported an interval of %s; only %s intervals are"
                    + " measured%n",
                partner,
                length,
                FleetRun.INTERVAL);
            continue;
          }
          for (com.fasterxml.jackson.databind.JsonNode p : i.path("payloads")) {
            if (p.path("type").asText().equals("USAGE") && p.path("values").path(0).isNumber()) {
              byInterval.merge(start, p.path("values").path(0).asDouble() * factor, Double::sum);
            }
          }
        }
      }
    }
    java.util.List<PartnerReports.Reading> readings = new java.util.ArrayList<>();
    usage.forEach((partner, kwh) -> readings.add(new PartnerReports.Reading(partner, kwh)));
    return readings;
  }

  public URI baseUrl() {
    return vtn.baseUrl();
  }

  @Override
  public void close() {
    vtn.close();
  }
}
