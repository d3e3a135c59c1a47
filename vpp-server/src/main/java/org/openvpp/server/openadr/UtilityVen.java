package org.openvpp.server.openadr;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.openvpp.event.GridEvent;
import org.openvpp.mv.EventPerformance;
import org.openvpp.mv.IntervalPerformance;
import org.openvpp.openadr.ven.EventInterval;
import org.openvpp.openadr.ven.EventListener;
import org.openvpp.openadr.ven.OpenAdrEvent;
import org.openvpp.openadr.ven.RefusedEvent;
import org.openvpp.openadr.ven.ReportRequest;
import org.openvpp.openadr.ven.Ven;
import org.openvpp.openadr.ven.VenConfig;
import org.openvpp.openadr.ven.VenException;
import org.openvpp.server.cli.UsageException;
import org.openvpp.server.run.RunReport;
import org.openvpp.server.run.UtilityEvents;
import org.openvpp.sim.fleet.Scenario;

/**
 * The run's utility event through OpenVPP's VEN ({@link Ven}, real HTTP, an OAuth2 token): the
 * {@link UtilityEvents} of {@code ./vpp up}. It follows one program on a utility's VTN (the {@link
 * StandInUtility}, or an outside VTN), hands the run the first event that asks a reduction within
 * the run's span (starting at least an hour into it), and after the run reports the run's M&amp;V
 * on that event back to the VTN.
 *
 * <p>Design note: how the simulated clock and the VEN's polling meet. The VEN does not poll on a
 * thread of its own; the control loop drives it. At each step {@link #poll} sets the VEN's time to
 * the step's simulated time, tells the stand-in utility that time (it publishes what is due), and
 * makes the VEN poll when the utility has just published something or {@link #POLL_EVERY} of
 * simulated time has passed since its last poll. What the utility published must then have been
 * seen by the VEN (followed or refused) before the step goes on: the VEN polls again until it has,
 * for at most {@link #SEE_TIMEOUT} of real time, and the run stops with an error that says so
 * rather than run without its event. So a stepped run is deterministic and receives the event at
 * the step the utility publishes it, as the in-process utility announced it. An outside VTN
 * publishes when it will: the run takes what the VEN has seen by the step (within a poll period of
 * simulated time). The VEN's clock is the run's: it reads an event starting "now" as the step's
 * time and knows an event has ended by the run's clock; its token is fetched again each simulated
 * hour, which is harmless.
 *
 * <p>Reports: once the run is over ({@link #report}), the VEN's report source holds the run's
 * M&amp;V ({@link RunReport#performance()}: the batteries' metered energy against the same fleet
 * without the VPP) and one more poll posts what the event asks for, per event interval: {@code
 * USAGE} (metered), {@code BASELINE} and {@code DELTA_USAGE} (metered less baseline: the delivered
 * reduction, negative) in kWh (or Wh, MWh), {@code DEMAND} (mean metered power) in kW, each the sum
 * over the run's 15-minute metering intervals in the event interval; an interval the M&amp;V does
 * not cover wholly is left out.
 *
 * <p>Threads: the run's thread only (the VEN's listener is called within its polls).
 */
public final class UtilityVen implements UtilityEvents, AutoCloseable {

  /** How often the VEN polls, in simulated time, when nothing was just published. */
  static final Duration POLL_EVERY = Duration.ofMinutes(5);

  /** How long (real time) the VEN may take to see what the stand-in utility published. */
  static final Duration SEE_TIMEOUT = Duration.ofSeconds(10);

  private static final Duration RETRY = Duration.ofMillis(200);
  // The run measures its event also by a baseline of the hour before it (FleetRun's pre-notice
  // baseline): an event must start at least that long after the run does.
  private static final Duration HISTORY = Duration.ofHours(1);
  private static final String VEN_NAME = "openvpp";

  /**
   * Which utility to follow.
   *
   * @param vtn an outside VTN's base URL; empty: start the stand-in utility
   * @param clientId the VEN client the outside VTN's operator gave (not used for the stand-in)
   * @param clientSecret its secret
   * @param program the program to follow, by name
   * @param port the stand-in's port, when {@code portGiven}
   * @param portGiven whether the port was chosen
   */
  public record Options(
      Optional<URI> vtn,
      String clientId,
      String clientSecret,
      String program,
      int port,
      boolean portGiven) {
    @Override
    public String toString() {
      return "Options["
          + vtn
          + ", client "
          + clientId
          + ", secret hidden, program "
          + program
          + "]";
    }
  }

  private final URI url;
  private final String program;
  private final Optional<StandInUtility> utility;
  private final Scenario scenario;
  private final PrintStream out;
  private final AtomicReference<Instant> time;
  private final ScheduledExecutorService unused = Executors.newSingleThreadScheduledExecutor();
  private final Ven ven;
  private final Set<String> seen = new HashSet<>();
  private @Nullable GridEvent pending;
  private @Nullable String followed;
  private boolean handed;
  private @Nullable Instant lastPoll;
  private boolean failing;
  private @Nullable EventPerformance measured;
  private Duration seeTimeout = SEE_TIMEOUT;
  private int ignored;

  private UtilityVen(
      VenConfig config, Optional<StandInUtility> utility, Scenario scenario, PrintStream out) {
    this.url = config.vtn();
    this.program = config.programNames().get(0);
    this.utility = utility;
    this.scenario = scenario;
    this.out = out;
    this.time = new AtomicReference<>(scenario.start().toInstant());
    this.ven =
        Ven.create(
            config,
            HttpClient.newHttpClient(),
            time::get,
            unused,
            new Listener(),
            this::value,
            x -> {});
  }

  /**
   * Starts the stand-in utility (unless {@code options} name an outside VTN), connects OpenVPP's
   * VEN to the utility's VTN, and prints where it is.
   *
   * @throws IllegalStateException when the VTN refuses the VEN's credentials, cannot be reached, or
   *     the stand-in cannot start (what to do in the message)
   */
  public static UtilityVen start(Scenario scenario, Options options, PrintStream out) {
    Optional<StandInUtility> standIn =
        options.vtn().isPresent()
            ? Optional.empty()
            : Optional.of(
                StandInUtility.start(
                    scenario, options.program(), options.port(), options.portGiven()));
    VenConfig config =
        standIn
            .map(
                s ->
                    VenConfig.of(
                        s.baseUrl(),
                        s.venClient().clientId(),
                        s.venClient().clientSecret(),
                        VEN_NAME,
                        List.of(s.programName())))
            .orElseGet(
                () ->
                    VenConfig.of(
                        options.vtn().orElseThrow(),
                        options.clientId(),
                        options.clientSecret(),
                        VEN_NAME,
                        List.of(options.program())))
            .withPolling(POLL_EVERY, POLL_EVERY.multipliedBy(2));
    UtilityVen source = new UtilityVen(config, standIn, scenario, out);
    try {
      if (standIn.isPresent()) {
        standIn.get().describe(scenario, out);
      } else {
        out.printf(
            Locale.ROOT,
            "OpenVPP: utility VTN at %s: OpenVPP's VEN follows program %s as client %s%n",
            config.vtn(),
            options.program(),
            options.clientId());
      }
      source.connect();
      return source;
    } catch (RuntimeException e) {
      source.close();
      throw e;
    }
  }

  /**
   * The utility {@code ./vpp up} follows, from its options {@code --utility-vtn}, {@code
   * --utility-program}, {@code --utility-port} and the environment variables {@code
   * VPP_UTILITY_CLIENT_ID} and {@code VPP_UTILITY_CLIENT_SECRET} ({@code env} answers "" for one
   * that is not set).
   */
  public static Options options(org.openvpp.server.cli.Options o, UnaryOperator<String> env)
      throws UsageException {
    String url = o.text("--utility-vtn", "");
    String program = o.text("--utility-program", StandInUtility.DEFAULT_PROGRAM).trim();
    if (program.isEmpty()) {
      throw new UsageException("up: --utility-program needs a program name");
    }
    int utilityPort = o.integer("--utility-port", StandInUtility.DEFAULT_PORT, 0, 65_535);
    boolean portGiven = !o.text("--utility-port", "").isEmpty();
    if (url.isEmpty()) {
      return new Options(Optional.empty(), "", "", program, utilityPort, portGiven);
    }
    if (portGiven) {
      throw new UsageException(
          "up: --utility-port is the stand-in utility's port; with --utility-vtn there is none");
    }
    URI vtn;
    try {
      vtn = new URI(url);
    } catch (java.net.URISyntaxException e) {
      throw new UsageException("up: --utility-vtn is not a URL: " + e.getMessage());
    }
    if (!java.util.Set.of("http", "https")
            .contains(java.util.Objects.requireNonNullElse(vtn.getScheme(), ""))
        || vtn.getHost() == null) {
      throw new UsageException(
          "up: --utility-vtn needs the VTN's http(s) base URL, for example"
              + " https://vtn.utility.example/openadr3/3.1.1; was '"
              + url
              + "'");
    }
    String id = env.apply("VPP_UTILITY_CLIENT_ID");
    String secret = env.apply("VPP_UTILITY_CLIENT_SECRET");
    if (id.isBlank() || secret.isEmpty()) {
      throw new UsageException(
          "up: --utility-vtn needs the VEN client the utility gave OpenVPP in the environment"
              + " variables VPP_UTILITY_CLIENT_ID and VPP_UTILITY_CLIENT_SECRET");
    }
    return new Options(Optional.of(vtn), id, secret, program, 0, false);
  }

  private void connect() {
    try {
      ven.connect();
    } catch (VenException e) {
      throw new IllegalStateException(
          switch (e.kind()) {
            case CREDENTIALS ->
                e.getMessage()
                    + " (OpenVPP's VEN reads them from VPP_UTILITY_CLIENT_ID and"
                    + " VPP_UTILITY_CLIENT_SECRET); the run does not start without its utility";
            case UNREACHABLE ->
                "cannot reach the utility VTN: "
                    + e.getMessage()
                    + "; check --utility-vtn (its base URL, e.g. https://vtn.example/openadr3/3.1.1)";
            case PROTOCOL ->
                "the utility VTN at "
                    + url
                    + " answered OpenVPP's VEN unexpectedly: "
                    + e.getMessage();
          },
          e);
    }
  }

  /** How long the VEN may take to see what the stand-in published (tests shorten it). */
  void seeTimeout(Duration timeout) {
    seeTimeout = timeout;
  }

  /** The utility VTN's base URL. */
  public URI vtn() {
    return url;
  }

  /** The stand-in utility, when the run has no outside VTN. */
  Optional<StandInUtility> standIn() {
    return utility;
  }

  /** Events the VEN refused so far. */
  public int refusedCount() {
    return ven.refusedCount();
  }

  @Override
  public Optional<GridEvent> poll(Instant now) {
    time.set(now);
    List<StandInUtility.Published> published =
        utility.map(u -> u.publishDue(now)).orElse(List.of());
    for (StandInUtility.Published p : published) {
      out.printf(
          Locale.ROOT,
          "OpenVPP: %s the utility published event %s on its VTN (event %s)%n",
          now.atZone(scenario.zone()).toLocalTime(),
          p.name(),
          p.id());
    }
    Instant last = lastPoll;
    if (!published.isEmpty() || last == null || !now.isBefore(last.plus(POLL_EVERY))) {
      pollUntilSeen(published, now);
      lastPoll = now;
    }
    GridEvent e = pending;
    if (e == null || handed) {
      return Optional.empty();
    }
    handed = true;
    return Optional.of(e);
  }

  private void pollUntilSeen(List<StandInUtility.Published> published, Instant now) {
    long deadline = System.nanoTime() + seeTimeout.toNanos();
    while (true) {
      Ven.PollResult r = ven.pollNow();
      if (r.next().isEmpty()) {
        throw new IllegalStateException(
            "OpenVPP's VEN stopped following the utility VTN at " + url + ": " + r.message());
      }
      List<String> missing = new ArrayList<>();
      published.stream().filter(p -> !seen.contains(p.id())).forEach(p -> missing.add(p.id()));
      if (missing.isEmpty()) {
        if (!r.ok() && !failing) {
          out.println(
              "OpenVPP: warning: the utility VTN failed a poll ("
                  + r.message()
                  + "); the VEN tries again every "
                  + POLL_EVERY.toMinutes()
                  + " simulated minutes");
        }
        failing = !r.ok();
        return;
      }
      if (System.nanoTime() - deadline > 0) {
        throw new IllegalStateException(
            String.format(
                Locale.ROOT,
                "the utility published event %s at %s (simulated) but OpenVPP's VEN had not seen"
                    + " it within %.1f s (last poll: %s); the run stops rather than go on without"
                    + " its event",
                missing,
                now.atZone(scenario.zone()).toLocalTime(),
                seeTimeout.toMillis() / 1000.0,
                r.message()));
      }
      // A pause in real time between two HTTP polls of a VTN that has not shown the event yet (or
      // failed the poll): the wait is for another server, not for the simulated clock.
      try {
        Thread.sleep(RETRY.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted waiting for the VEN to see " + missing, e);
      }
    }
  }

  /**
   * Reports the run's M&amp;V on its event to the utility VTN, as the event asks (see the design
   * note); prints what was sent. Returns the reports posted.
   */
  public int report(RunReport run) {
    measured = run.performance();
    Instant end = run.scenario().end().toInstant();
    time.set(end.isAfter(time.get()) ? end : time.get());
    int before = ven.reportsPosted();
    Ven.PollResult r = ven.pollNow();
    int posted = ven.reportsPosted() - before;
    if (posted > 0) {
      out.printf(
          Locale.ROOT,
          "OpenVPP: reported the run's M&V on event %s to the utility VTN at %s%n",
          run.event().id(),
          url);
    } else if (!r.ok()) {
      out.println("OpenVPP: warning: no report reached the utility VTN (" + r.message() + ")");
    } else if (ven.events().stream().noneMatch(e -> e.id().equals(run.event().id()))
        || ven.events().stream()
            .filter(e -> e.id().equals(run.event().id()))
            .allMatch(e -> e.reports().isEmpty())) {
      out.println("OpenVPP: the utility's event asks for no reports; none sent");
    } else {
      out.println(
          "OpenVPP: warning: no report was posted to the utility VTN (see the VEN's log lines)");
    }
    return posted;
  }

  /** The run's M&amp;V over one event interval: see the design note. */
  private OptionalDouble value(OpenAdrEvent event, ReportRequest request, EventInterval interval) {
    EventPerformance mv = measured;
    if (mv == null || !event.id().equals(followed)) {
      return OptionalDouble.empty();
    }
    double hours = 0;
    double actual = 0;
    double baseline = 0;
    Duration covered = Duration.ZERO;
    for (IntervalPerformance p : mv.intervals()) {
      var iv = p.interval();
      if (iv.start().isBefore(interval.window().start())
          || iv.end().isAfter(interval.window().end())) {
        continue;
      }
      double h = iv.length().toSeconds() / 3600.0;
      hours += h;
      actual += p.actual().kilowatts() * h;
      baseline += p.baseline().kilowatts() * h;
      covered = covered.plus(iv.length());
    }
    if (hours == 0 || !covered.equals(interval.window().length())) {
      return OptionalDouble.empty();
    }
    OptionalDouble energyKwh =
        switch (request.payloadType()) {
          case "USAGE" -> OptionalDouble.of(actual);
          case "BASELINE" -> OptionalDouble.of(baseline);
          case "DELTA_USAGE" -> OptionalDouble.of(actual - baseline);
          default -> OptionalDouble.empty();
        };
    if (energyKwh.isPresent()) {
      return switch (request.units()) {
        case "", "KWH" -> energyKwh;
        case "WH" -> OptionalDouble.of(energyKwh.getAsDouble() * 1000);
        case "MWH" -> OptionalDouble.of(energyKwh.getAsDouble() / 1000);
        default -> OptionalDouble.empty();
      };
    }
    if (request.payloadType().equals("DEMAND")) {
      double kw = actual / hours;
      return switch (request.units()) {
        case "", "KW" -> OptionalDouble.of(kw);
        case "W" -> OptionalDouble.of(kw * 1000);
        case "MW" -> OptionalDouble.of(kw / 1000);
        default -> OptionalDouble.empty();
      };
    }
    return OptionalDouble.empty();
  }

  private final class Listener implements EventListener {
    @Override
    public void event(Change change, OpenAdrEvent e) {
      seen.add(e.id());
      String at = time.get().atZone(scenario.zone()).toLocalTime().toString();
      if (change == Change.CANCELLED) {
        if (e.id().equals(followed)) {
          out.printf(
              Locale.ROOT,
              "OpenVPP: warning: %s the utility cancelled event %s; a run in progress keeps the"
                  + " event it received (cancelling it is not done yet)%n",
              at,
              e.id());
        }
        return;
      }
      if (followed != null) {
        if (!e.id().equals(followed)) {
          out.printf(
              Locale.ROOT,
              "OpenVPP: warning: %s the utility VTN has another event %s (%s); the run follows"
                  + " one event, %s, and leaves it%n",
              at,
              e.id(),
              e.window(),
              followed);
        } else if (change == Change.UPDATED) {
          out.printf(
              Locale.ROOT,
              "OpenVPP: warning: %s the utility changed event %s; the run keeps the version it"
                  + " received (updates are not applied yet)%n",
              at,
              e.id());
        }
        return;
      }
      Optional<GridEvent> grid = e.toGridEvent(time.get());
      if (grid.isEmpty()) {
        out.printf(
            Locale.ROOT,
            "OpenVPP: %s event %s of the utility asks no reduction (%s); not acted on%n",
            at,
            e.id(),
            e.units().keySet());
        ignored++;
        return;
      }
      Instant start = scenario.start().toInstant();
      Instant end = scenario.end().toInstant();
      if (e.window().start().isBefore(start.plus(HISTORY)) || e.window().end().isAfter(end)) {
        out.printf(
            Locale.ROOT,
            "OpenVPP: %s event %s of the utility runs %s, outside the run's simulated span"
                + " (%s to %s, less its first hour, the baseline's); not acted on%n",
            at,
            e.id(),
            e.window(),
            start,
            end);
        ignored++;
        return;
      }
      followed = e.id();
      pending = grid.get();
    }

    @Override
    public void refused(RefusedEvent refusal) {
      seen.add(refusal.eventId());
      out.printf(
          Locale.ROOT,
          "OpenVPP: %s OpenVPP's VEN refused an event from the utility VTN: %s%n",
          time.get().atZone(scenario.zone()).toLocalTime(),
          refusal.getMessage());
    }
  }

  /** What the VEN followed and found, for the run's error when it ends without an event. */
  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "OpenVPP's VEN followed program %s on the utility VTN at %s: %d event(s) refused, %d not"
            + " acted on",
        program,
        url,
        ven.refusedCount(),
        ignored);
  }

  @Override
  public void close() {
    ven.close();
    unused.shutdownNow();
    utility.ifPresent(StandInUtility::close);
  }
}
