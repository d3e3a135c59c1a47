package org.openvpp.world.utility;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.openvpp.openadr.auth.ClientCredentials;
import org.openvpp.openadr.auth.Clients;
import org.openvpp.openadr.auth.Role;
import org.openvpp.openadr.publish.Publications;
import org.openvpp.openadr.publish.Publisher;
import org.openvpp.openadr.vtn.InMemoryVtnRepository;
import org.openvpp.openadr.vtn.Vtn;
import org.openvpp.openadr.vtn.VtnConfig;
import org.openvpp.sim.fleet.Season;
import org.openvpp.time.Interval;

/**
 * The world's utility: a VTN of its own (vpp-openadr's, on the loopback interface) whose business
 * logic publishes a demand-response program, then each of the season's events at its notice, an
 * extension halfway through an event that has one, and a cancellation (OpenADR deletes the event)
 * an hour before or after the start of one that has one, all by the world's clock, through the
 * VTN's HTTP API as any utility's BL would. OpenVPP's VEN follows the VTN like any other.
 *
 * <p>Design note. The utility has no clock of its own: the world tells it the time ({@link #due})
 * before its step, and it does what is due by then, so the service, polling the VTN at its own step
 * in the world's time, sees each change in the step it was made. Each event is cut in 15-minute
 * intervals (the service's metering interval), each {@code SIMPLE} level 2 (a peak event without a
 * figure), and asks for {@code USAGE}, {@code BASELINE} and {@code DELTA_USAGE} in kWh. The VTN
 * keeps real time for its objects and tokens. Threads: {@link #due} on the world's thread; the VTN
 * serves on its own.
 */
public final class StandInUtility implements AutoCloseable {

  /** The program the stand-in utility publishes, unless told another name. */
  public static final String DEFAULT_PROGRAM = "peak-rewards";

  private static final int PEAK_LEVEL = 2;
  private static final Duration INTERVAL = Duration.ofMinutes(15);
  // Clients in this process for this run only: fewer PBKDF2 rounds than a lasting clients file.
  private static final int ITERATIONS = 10_000;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What the utility did, at the world's time. */
  public record Change(Instant at, String event, Kind kind, Interval window) {
    /** Created, extended or cancelled. */
    public enum Kind {
      CREATED,
      EXTENDED,
      CANCELLED
    }
  }

  private record Due(Instant at, String name, Change.Kind kind, Interval window) {}

  private final Vtn vtn;
  private final Publisher publisher;
  private final ClientCredentials venClient;
  private final String programName;
  private final String programId;
  private final List<Due> due = new ArrayList<>();
  private final List<Change> done = new ArrayList<>();

  private StandInUtility(
      Vtn vtn,
      Publisher publisher,
      ClientCredentials venClient,
      String programName,
      String programId) {
    this.vtn = vtn;
    this.publisher = publisher;
    this.venClient = venClient;
    this.programName = programName;
    this.programId = programId;
  }

  /**
   * Starts the utility's VTN on {@code port} (0: a free one), publishes the program and schedules
   * {@code season}'s events from {@code first} (the season's first day, local in {@code zone}).
   */
  public static StandInUtility start(
      Season season, LocalDate first, ZoneId zone, String programName, int port) {
    Clients clients = new Clients(new SecureRandom(), ITERATIONS);
    ClientCredentials bl = clients.create(Role.BL, "the utility's business logic (stand-in)");
    ClientCredentials ven = clients.create(Role.VEN, "OpenVPP");
    Vtn vtn =
        Vtn.start(VtnConfig.onPort(port), clients, new InMemoryVtnRepository(), Clock.systemUTC());
    try {
      Publisher publisher = new Publisher(vtn.baseUrl(), bl, Clock.systemUTC());
      String id =
          publisher.program(
              Publications.program(programName, "the stand-in utility's demand response"));
      StandInUtility u = new StandInUtility(vtn, publisher, ven, programName, id);
      for (Season.SeasonEvent e : season.events()) {
        LocalDate day = first.plusDays(e.day());
        Instant start = ZonedDateTime.of(day, e.start(), zone).toInstant();
        Instant end = ZonedDateTime.of(day, e.end(), zone).toInstant();
        String name = String.format(Locale.ROOT, "peak-%s-%s", day, e.start()).replace(":", "");
        Interval window = new Interval(start, end);
        u.due.add(new Due(start.minus(e.notice()), name, Change.Kind.CREATED, window));
        if (e.extendTo().isPresent()) {
          Instant longer = ZonedDateTime.of(day, e.extendTo().get(), zone).toInstant();
          Instant half = start.plus(Duration.between(start, end).dividedBy(2));
          u.due.add(new Due(half, name, Change.Kind.EXTENDED, new Interval(start, longer)));
        }
        if (e.cancel().isPresent()) {
          Instant at =
              e.cancel().get() == Season.SeasonEvent.Cancel.BEFORE
                  ? start.minus(Duration.ofHours(1))
                  : start.plus(Duration.ofHours(1));
          u.due.add(new Due(at, name, Change.Kind.CANCELLED, window));
        }
      }
      u.due.sort(Comparator.comparing(Due::at));
      return u;
    } catch (RuntimeException e) {
      vtn.close();
      throw e;
    }
  }

  /**
   * Does what is due at or before {@code now} of the world's time, in order; returns what it did.
   *
   * @throws IllegalStateException when the VTN refuses a change (its answer in the message)
   */
  public List<Change> due(Instant now) {
    List<Change> out = new ArrayList<>();
    while (!due.isEmpty() && !due.get(0).at().isAfter(now)) {
      Due d = due.remove(0);
      switch (d.kind()) {
        case CREATED, EXTENDED ->
            publisher.event(d.name(), peakEvent(programId, d.name(), d.window()));
        case CANCELLED -> publisher.cancel(d.name());
      }
      Change c = new Change(now, d.name(), d.kind(), d.window());
      out.add(c);
      done.add(c);
    }
    return out;
  }

  /** Everything the utility did so far. */
  public List<Change> changes() {
    return List.copyOf(done);
  }

  /** A peak event: see the design note. */
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

  /** The reports VENs posted on the utility's event {@code name}, oldest first. */
  public List<com.fasterxml.jackson.databind.JsonNode> reports(String vtnEventId) {
    return publisher.reports(vtnEventId);
  }

  /** The VTN's base URL, for a VEN. */
  public URI baseUrl() {
    return vtn.baseUrl();
  }

  /** The VEN client the utility gave OpenVPP. */
  public ClientCredentials venClient() {
    return venClient;
  }

  public String programName() {
    return programName;
  }

  @Override
  public void close() {
    vtn.close();
  }
}
