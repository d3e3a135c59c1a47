package org.openvpp.server.openadr;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.openvpp.openadr.auth.ClientCredentials;
import org.openvpp.openadr.auth.Clients;
import org.openvpp.openadr.auth.Role;
import org.openvpp.openadr.publish.Publications;
import org.openvpp.openadr.publish.Publisher;
import org.openvpp.openadr.vtn.InMemoryVtnRepository;
import org.openvpp.openadr.vtn.Vtn;
import org.openvpp.openadr.vtn.VtnConfig;
import org.openvpp.server.run.ScheduledUtility;
import org.openvpp.sim.fleet.Scenario;
import org.openvpp.time.Interval;

/**
 * The utility of a run that follows no outside VTN: a second instance of vpp-openadr's VTN on the
 * loopback interface, with two clients of its own (the utility's business logic, and a VEN client
 * for OpenVPP), where the utility publishes a demand-response program when it starts and, at the
 * scenario's notice time by the run's simulated clock, the scenario's event ({@link
 * ScheduledUtility}: the same name, window and whole-fleet target), through the VTN's HTTP API as
 * any BL would ({@link Publisher}).
 *
 * <p>Design note. The utility has no clock of its own: {@link UtilityVen} tells it the step's
 * simulated time before the VEN polls ({@link #publishDue}), and it publishes what is due by then,
 * so in a stepped run the event is published, and seen by the VEN, in the same step as the
 * in-process utility would have announced it. The event is cut in 15-minute intervals (the run's
 * metering interval), each {@code SIMPLE} level 2 (a peak event without a figure), and asks for the
 * reports {@code USAGE} and {@code BASELINE} and {@code DELTA_USAGE} in kWh, so the VEN reports per
 * metering interval. The VTN keeps real time for its objects and tokens. Threads: called on the
 * run's thread; the VTN serves on its own.
 */
public final class StandInUtility implements AutoCloseable {

  /** The port tried first when none is given; a free one if it is taken. */
  public static final int DEFAULT_PORT = 8082;

  /** The program the stand-in utility publishes, unless told another name. */
  public static final String DEFAULT_PROGRAM = "peak-rewards";

  /** The SIMPLE level of the utility's peak event: "high load shed". */
  private static final int PEAK_LEVEL = 2;

  private static final Duration INTERVAL = Duration.ofMinutes(15);

  // The clients live in this process for this run only: fewer PBKDF2 rounds than a lasting
  // clients file, or every token the VEN fetches would cost a good part of a second.
  private static final int ITERATIONS = 10_000;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** An event published on the VTN: its name, the VTN's id, and the simulated time. */
  record Published(String name, String id, Instant at) {}

  private record Due(Instant at, String name, Function<String, ObjectNode> body) {}

  private final Vtn vtn;
  private final Publisher publisher;
  private final ClientCredentials blClient;
  private final ClientCredentials venClient;
  private final String programName;
  private final String programId;
  private final List<Due> due = new ArrayList<>();

  private StandInUtility(
      Vtn vtn,
      Publisher publisher,
      ClientCredentials blClient,
      ClientCredentials venClient,
      String programName,
      String programId) {
    this.vtn = vtn;
    this.publisher = publisher;
    this.blClient = blClient;
    this.venClient = venClient;
    this.programName = programName;
    this.programId = programId;
  }

  /**
   * Starts the utility's VTN on {@code port} (when {@code portGiven}; else {@link #DEFAULT_PORT} or
   * a free one), publishes the program {@code programName} and schedules {@code scenario}'s event.
   *
   * @throws IllegalStateException when the VTN cannot start on a given port, or the program cannot
   *     be published
   */
  public static StandInUtility start(
      Scenario scenario, String programName, int port, boolean portGiven) {
    Clients clients = new Clients(new SecureRandom(), ITERATIONS);
    ClientCredentials bl = clients.create(Role.BL, "the utility's business logic (stand-in)");
    ClientCredentials ven = clients.create(Role.VEN, "OpenVPP");
    VtnConfig config = VtnConfig.onPort(portGiven ? port : DEFAULT_PORT);
    Vtn vtn;
    try {
      vtn = Vtn.start(config, clients, new InMemoryVtnRepository(), Clock.systemUTC());
    } catch (RuntimeException e) {
      if (portGiven) {
        throw new IllegalStateException(
            "cannot start the stand-in utility's VTN on port "
                + port
                + ": "
                + e.getMessage()
                + " (try --utility-port N)",
            e);
      }
      vtn = Vtn.start(config.withPort(0), clients, new InMemoryVtnRepository(), Clock.systemUTC());
    }
    try {
      Publisher publisher = new Publisher(vtn.baseUrl(), bl, Clock.systemUTC());
      String id =
          publisher.program(
              Publications.program(programName, "the stand-in utility's demand response"));
      StandInUtility utility = new StandInUtility(vtn, publisher, bl, ven, programName, id);
      ScheduledUtility event = new ScheduledUtility(scenario);
      utility.schedule(
          event.announceAt(),
          event.eventName(),
          program -> peakEvent(program, event.eventName(), event.window()));
      return utility;
    } catch (RuntimeException e) {
      vtn.close();
      throw e;
    }
  }

  /** The utility's peak event: see the design note. */
  static ObjectNode peakEvent(String programId, String name, Interval window) {
    ObjectNode e = JSON.createObjectNode();
    e.put("programID", programId);
    e.put("eventName", name);
    e.put("priority", 0);
    ArrayNode reports = e.putArray("reportDescriptors");
    report(reports, "USAGE", "DIRECT_READ");
    report(reports, "BASELINE", "ESTIMATED");
    report(reports, "DELTA_USAGE", "ESTIMATED");
    ObjectNode d = e.putArray("payloadDescriptors").addObject();
    d.put("objectType", "EVENT_PAYLOAD_DESCRIPTOR");
    d.put("payloadType", "SIMPLE");
    boolean cut = window.length().toSeconds() % INTERVAL.toSeconds() == 0;
    Duration each = cut ? INTERVAL : window.length();
    ObjectNode period = e.putObject("intervalPeriod");
    period.put("start", window.start().toString());
    period.put("duration", each.toString());
    ArrayNode intervals = e.putArray("intervals");
    long n = window.length().dividedBy(each);
    for (int i = 0; i < n; i++) {
      ObjectNode interval = intervals.addObject();
      interval.put("id", i);
      ObjectNode simple = interval.putArray("payloads").addObject();
      simple.put("type", "SIMPLE");
      simple.putArray("values").add(PEAK_LEVEL);
    }
    return e;
  }

  private static void report(ArrayNode into, String type, String reading) {
    ObjectNode r = into.addObject();
    r.put("payloadType", type);
    r.put("readingType", reading);
    r.put("units", "KWH");
  }

  /**
   * Schedules another event, published at {@code at} of simulated time; {@code body} makes its
   * {@code eventRequest} from the program's id (tests give the utility a malformed one).
   */
  void schedule(Instant at, String name, Function<String, ObjectNode> body) {
    due.add(new Due(at, name, body));
    due.sort(Comparator.comparing(Due::at));
  }

  /**
   * Publishes every event due at or before {@code now} of simulated time, in order; returns them.
   *
   * @throws IllegalStateException when the VTN refuses one (its answer in the message)
   */
  List<Published> publishDue(Instant now) {
    List<Published> out = new ArrayList<>();
    while (!due.isEmpty() && !due.get(0).at().isAfter(now)) {
      Due d = due.remove(0);
      out.add(new Published(d.name(), publisher.event(d.name(), d.body().apply(programId)), now));
    }
    return out;
  }

  /** Prints where the utility is and what it will do. */
  void describe(Scenario scenario, PrintStream out) {
    out.printf(
        Locale.ROOT,
        "OpenVPP: utility VTN at %s (a stand-in on this machine; --utility-vtn URL follows a"
            + " real one): program %s; it publishes the scenario's event at %s, simulated time%n",
        baseUrl(),
        programName,
        new ScheduledUtility(scenario).announceAt().atZone(scenario.zone()).toLocalTime());
  }

  public URI baseUrl() {
    return vtn.baseUrl();
  }

  /** The VEN client the utility gave OpenVPP. */
  ClientCredentials venClient() {
    return venClient;
  }

  /** The utility's own BL client (tests read the VEN's reports with it). */
  ClientCredentials blClient() {
    return blClient;
  }

  String programName() {
    return programName;
  }

  @Override
  public void close() {
    vtn.close();
  }
}
