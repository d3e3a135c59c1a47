package org.openvpp.service.events;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import org.openvpp.openadr.ven.EventInterval;
import org.openvpp.openadr.ven.OpenAdrEvent;
import org.openvpp.openadr.ven.ReportRequest;
import org.openvpp.openadr.ven.ReportSource;
import org.openvpp.openadr.ven.Ven;
import org.openvpp.openadr.ven.VenConfig;
import org.openvpp.service.measure.EventResult;
import org.openvpp.time.Interval;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OpenVPP as a VEN of a utility's VTN: its events into the {@link EventDesk}, and, once an event is
 * measured, the reports it asks for back to the VTN (USAGE, BASELINE, DELTA_USAGE in kWh per
 * interval, DEMAND in kW), summed over the measured participant sites of every OpenVPP program the
 * utility program maps to.
 *
 * <p><b>Two ways to poll.</b> On the wall clock the VEN polls on its own thread every poll period
 * ({@link #start}). When the world is simulated the control loop polls it at the step its period
 * comes due in the world's time ({@link #pollIfDue}), so a run at any speed sees the VTN as it
 * would at 1× and a headless run is repeatable.
 *
 * <p>Threads: {@link #pollIfDue} on the control loop's; the listener and report source run on
 * whichever thread polls (the desk and the results are thread-safe).
 */
public final class UtilityLink implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(UtilityLink.class);

  private final Ven ven;
  private final VenConfig config;
  private final ScheduledExecutorService scheduler;
  private Instant nextPoll = Instant.MIN;
  private int failures;

  /**
   * @param results the latest M&amp;V of each OpenVPP event, by id ({@code PROGRAM:VTN_EVENT_ID})
   */
  public UtilityLink(
      VenConfig config,
      EventDesk desk,
      InstantSource clock,
      Function<String, Optional<EventResult>> results,
      List<String> programsOf) {
    this.config = Objects.requireNonNull(config, "config");
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "openadr-ven");
              t.setDaemon(true);
              return t;
            });
    this.ven =
        Ven.create(
            config,
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(),
            clock,
            scheduler,
            desk,
            reports(results, programsOf),
            exchange -> {});
  }

  /** Connects now: refused credentials or an unreachable VTN throw at once, naming the VTN. */
  public void connect() {
    ven.connect();
  }

  /** Polls on the VEN's own thread, every poll period of the wall clock. */
  public void start() {
    ven.start();
  }

  /**
   * Polls now if the poll period has passed in the service's time since the last poll (the first
   * call polls); returns whether it polled.
   */
  public boolean pollIfDue(Instant now) {
    if (now.isBefore(nextPoll)) {
      return false;
    }
    Ven.PollResult r = ven.pollNow();
    if (r.ok()) {
      failures = 0;
    } else if (failures++ == 0) {
      LOG.warn("the utility's VTN at {}: {}", config.vtn(), r.message());
    }
    nextPoll = now.plus(r.next().orElse(config.maxBackoff()));
    return true;
  }

  /** The events the VEN follows now. */
  public List<OpenAdrEvent> events() {
    return ven.events();
  }

  /** Reports posted so far. */
  public int reportsPosted() {
    return ven.reportsPosted();
  }

  public VenConfig config() {
    return config;
  }

  @Override
  public void close() {
    ven.close();
    scheduler.shutdownNow();
  }

  /** The measured values of an OpenADR event's intervals, over the OpenVPP events it became. */
  static ReportSource reports(
      Function<String, Optional<EventResult>> results, List<String> programsOf) {
    return (OpenAdrEvent event, ReportRequest request, EventInterval interval) -> {
      double metered = 0;
      double baseline = 0;
      boolean any = false;
      for (String program : programsOf) {
        Optional<EventResult> r = results.apply(program + ":" + event.id());
        if (r.isEmpty()) {
          continue;
        }
        Optional<double[]> sums = sums(r.get(), interval.window());
        if (sums.isPresent()) {
          metered += sums.get()[0];
          baseline += sums.get()[1];
          any = true;
        }
      }
      if (!any) {
        return OptionalDouble.empty();
      }
      double hours = interval.window().length().toSeconds() / 3600.0;
      OptionalDouble kwh =
          switch (request.payloadType()) {
            case "USAGE" -> OptionalDouble.of(metered);
            case "BASELINE" -> OptionalDouble.of(baseline);
            case "DELTA_USAGE" -> OptionalDouble.of(metered - baseline);
            default -> OptionalDouble.empty();
          };
      if (kwh.isPresent()) {
        return switch (request.units()) {
          case "", "KWH" -> kwh;
          case "WH" -> OptionalDouble.of(kwh.getAsDouble() * 1000);
          case "MWH" -> OptionalDouble.of(kwh.getAsDouble() / 1000);
          default -> OptionalDouble.empty();
        };
      }
      if (request.payloadType().equals("DEMAND")) {
        double kw = metered / hours;
        return switch (request.units()) {
          case "", "KW" -> OptionalDouble.of(kw);
          case "W" -> OptionalDouble.of(kw * 1000);
          case "MW" -> OptionalDouble.of(kw / 1000);
          default -> OptionalDouble.empty();
        };
      }
      return OptionalDouble.empty();
    };
  }

  /** Metered and baseline kWh of the measured sites over {@code window}; empty if not covered. */
  private static Optional<double[]> sums(EventResult r, Interval window) {
    int n = 0;
    for (var s : r.sites()) {
      n = Math.max(n, s.meteredByInterval().size());
    }
    if (n == 0) {
      return Optional.empty();
    }
    long step = r.window().length().toSeconds() / n;
    long from = (window.start().getEpochSecond() - r.window().start().getEpochSecond());
    long to = (window.end().getEpochSecond() - r.window().start().getEpochSecond());
    if (from < 0 || to > r.window().length().toSeconds() || from % step != 0 || to % step != 0) {
      return Optional.empty();
    }
    double metered = 0;
    double baseline = 0;
    for (var s : r.sites()) {
      if (s.meteredByInterval().size() != n) {
        continue;
      }
      for (int i = (int) (from / step); i < to / step; i++) {
        metered += s.meteredByInterval().get(i);
        baseline += s.baselineByInterval().get(i);
      }
    }
    return Optional.of(new double[] {metered, baseline});
  }
}
