package org.openvpp.service.measure;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.openvpp.mv.baseline.Baseline;
import org.openvpp.mv.baseline.BaselineEstimate;
import org.openvpp.mv.baseline.BaselineException;
import org.openvpp.mv.baseline.Baselines;
import org.openvpp.mv.baseline.DayCalendar;
import org.openvpp.mv.baseline.MeterData;
import org.openvpp.program.Consent;
import org.openvpp.program.Program;
import org.openvpp.program.ProgramEvent;
import org.openvpp.program.ProgramKind;
import org.openvpp.program.Site;
import org.openvpp.service.metering.MeterDesk;
import org.openvpp.service.metering.MeterHistory;
import org.openvpp.service.register.Register;
import org.openvpp.service.state.ServiceState;
import org.openvpp.time.Interval;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * M&amp;V from stored meter data: each event measured site by site with its program's baseline
 * method from the meter history, measured again when readings arrive late.
 *
 * <p><b>When.</b> An event is measured {@code settleAfter} its end (an hour, so a smart meter's
 * last interval is in): a completed event over its window, one cancelled after it began up to its
 * cancellation (rounded up to the interval), one cancelled before it began not at all. A reading
 * that arrives later for a participant site inside what a measurement read (the event, and the
 * look-back before it: {@value #LOOKBACK_DAYS} days) measures that site again, and the event's next
 * revision goes to settlement, which reverses the last one; a site whose readings were missing
 * ({@code NO_DATA}) is measured when they come.
 *
 * <p><b>How.</b> The participants are the sites the event asked (its book's participants); each
 * site whose customer's consent to meter data covered the event is measured from its history at the
 * program's interval: the baseline by the program's method ({@link Program.Measurement}), or, when
 * its history is too short for it ({@code NOT_ENOUGH_HISTORY}), by the program's fallback, and the
 * result names the method and the days it used. Every day on which the site took part in an event
 * of any program is an event day, never a reference day. Delivered = baseline − metered, per
 * interval and in all.
 *
 * <p>Results are kept in the service's state (kind {@code measurement}), so a restart neither
 * measures twice nor forgets. Threads: {@link #arrival} from any thread (a queue); {@link #results}
 * and {@link #result} from any (the HTTP face, the VEN's reports on the wall clock: the control
 * loop, the only writer, changes the results under their lock); the rest on the control loop's.
 */
public final class Measurement {
  private static final Logger LOG = LoggerFactory.getLogger(Measurement.class);
  static final int LOOKBACK_DAYS = 46;
  private static final String KIND = "measurement";

  private final Register register;
  private final MeterHistory history;
  private final ServiceState state;
  private final ZoneId zone;
  private final Duration interval;
  private final Duration settleAfter;
  private final Map<String, EventResult> results = new LinkedHashMap<>();
  private final ConcurrentLinkedQueue<MeterDesk.Arrival> arrivals = new ConcurrentLinkedQueue<>();
  private final Map<String, Set<String>> dirty = new LinkedHashMap<>();

  public Measurement(
      Register register,
      MeterHistory history,
      ServiceState state,
      ZoneId zone,
      Duration interval,
      Duration settleAfter) {
    this.register = register;
    this.history = history;
    this.state = state;
    this.zone = zone;
    this.interval = interval;
    this.settleAfter = settleAfter;
    for (String body : state.all(KIND).values()) {
      EventResult r = ResultJson.read(body);
      results.put(r.eventId(), r);
      // readings that came while the service was stopped (or before it measured again) are in
      // the history: look again at the sites that had none
      for (SiteResult s : r.sites()) {
        if (s.status() == SiteResult.Status.NO_DATA) {
          dirty.computeIfAbsent(r.eventId(), k -> new LinkedHashSet<>()).add(s.siteId());
        }
      }
    }
  }

  /** Told of readings kept (any thread); the control loop looks at them at its next step. */
  public void arrival(MeterDesk.Arrival a) {
    arrivals.add(a);
  }

  /** The latest result of every event measured, in the order first measured. */
  public List<EventResult> results() {
    synchronized (results) {
      return List.copyOf(results.values());
    }
  }

  public Optional<EventResult> result(String eventId) {
    synchronized (results) {
      return Optional.ofNullable(results.get(eventId));
    }
  }

  /**
   * Measures what is due at {@code now}: events ended {@code settleAfter} ago and not yet measured,
   * and sites of measured events whose readings arrived late.
   *
   * @param committedKw each event's committed reduction, kW (0 when none)
   * @return the new results (revisions), for settlement, in order
   */
  public List<EventResult> step(Instant now, Function<String, Double> committedKw) {
    List<ProgramEvent> events = register.locked(false, b -> b.book().events());
    Map<String, ProgramEvent> byId = new HashMap<>();
    for (ProgramEvent e : events) {
      byId.put(e.id(), e);
    }
    takeArrivals(byId);
    List<EventResult> out = new ArrayList<>();
    for (ProgramEvent e : events) {
      Optional<Interval> span = measuredSpan(e);
      if (span.isEmpty() || now.isBefore(span.get().end().plus(settleAfter))) {
        continue;
      }
      EventResult before = results.get(e.id());
      Set<String> again = dirty.remove(e.id());
      if (before != null && again == null) {
        continue;
      }
      EventResult r = measure(e, span.get(), now, committedKw.apply(e.id()), before, again);
      if (before != null && sameFigures(before, r)) {
        continue;
      }
      synchronized (results) {
        results.put(e.id(), r);
      }
      state.put(KIND, e.id(), ResultJson.write(r), now);
      out.add(r);
      LOG.info(
          "event {} measured (revision {}): {} sites, {} kWh delivered against {} committed",
          e.id(),
          r.revision(),
          r.count(SiteResult.Status.MEASURED),
          Math.round(r.deliveredKwh() * 10) / 10.0,
          Math.round(r.committedKwh() * 10) / 10.0);
    }
    return out;
  }

  /** Marks the measured events whose read data a late arrival changed. */
  private void takeArrivals(Map<String, ProgramEvent> events) {
    MeterDesk.Arrival a;
    while ((a = arrivals.poll()) != null) {
      for (EventResult r : results.values()) {
        Interval read = new Interval(lookbackStart(r.window()), r.window().end());
        if (!read.overlaps(a.span()) || !a.receivedAt().isAfter(r.measuredAt())) {
          continue;
        }
        boolean participant = false;
        for (SiteResult s : r.sites()) {
          if (s.siteId().equals(a.siteId())) {
            participant = true;
            break;
          }
        }
        if (participant && events.containsKey(r.eventId())) {
          dirty.computeIfAbsent(r.eventId(), k -> new HashSet<>()).add(a.siteId());
        }
      }
    }
  }

  private Instant lookbackStart(Interval window) {
    return window
        .start()
        .atZone(zone)
        .toLocalDate()
        .minusDays(LOOKBACK_DAYS)
        .atStartOfDay(zone)
        .toInstant();
  }

  /** What of {@code e} is measured, if anything. */
  private Optional<Interval> measuredSpan(ProgramEvent e) {
    return switch (e.state()) {
      case COMPLETED -> Optional.of(e.window());
      case CANCELLED -> {
        Instant at = e.stateSince();
        if (!at.isAfter(e.window().start())) {
          yield Optional.empty();
        }
        long step = interval.toSeconds();
        long from = e.window().start().getEpochSecond();
        long k = (at.getEpochSecond() - from + step - 1) / step;
        Instant end = e.window().start().plusSeconds(k * step);
        yield Optional.of(
            new Interval(
                e.window().start(), end.isAfter(e.window().end()) ? e.window().end() : end));
      }
      case SCHEDULED, ACTIVE -> Optional.empty();
    };
  }

  private EventResult measure(
      ProgramEvent e,
      Interval span,
      Instant now,
      double committed,
      @Nullable EventResult before,
      @Nullable Set<String> only) {
    record Part(Site site, boolean consent, boolean optedOut) {}
    List<Part> parts = new ArrayList<>();
    Set<LocalDate> eventDays = new HashSet<>();
    Map<String, ProgramEvent> elsewhere = new HashMap<>();
    Program p =
        register.locked(
            false,
            b -> {
              Program mine = b.register().program(e.programId());
              // A site in overlapping events of several programs is measured once, in the event
              // of the program that ranks first: its meter cannot tell the programs apart.
              for (ProgramEvent other : b.book().events()) {
                if (other.programId().equals(e.programId())
                    || !other.began()
                    || !other.window().overlaps(span)
                    || !ranksBefore(b.register().program(other.programId()), other, mine, e)) {
                  continue;
                }
                for (String sid : b.book().participants(other.id())) {
                  elsewhere.putIfAbsent(sid, other);
                }
              }
              Map<String, List<Consent>> consentsOf = new HashMap<>();
              for (Consent c : b.register().consents()) {
                consentsOf.computeIfAbsent(c.siteId(), k -> new ArrayList<>()).add(c);
              }
              for (String sid : b.book().participants(e.id())) {
                Site site = b.register().site(sid);
                boolean consent = false;
                for (Consent c : consentsOf.getOrDefault(sid, List.of())) {
                  if (c.allows(Consent.Scope.METER_DATA, span.start())
                      && c.allows(Consent.Scope.METER_DATA, span.end().minusNanos(1))) {
                    consent = true;
                    break;
                  }
                }
                boolean out =
                    b.book()
                        .optOutOf(e.id(), sid)
                        .map(o -> o.at().isBefore(span.end()))
                        .orElse(false);
                parts.add(new Part(site, consent, out));
              }
              // Event days: every day with an event of any program that began (one cancelled
              // before it began never did).
              for (ProgramEvent other : b.book().events()) {
                if (other.began()) {
                  eventDays.add(other.window().start().atZone(zone).toLocalDate());
                }
              }
              return mine;
            });
    Map<String, SiteResult> previous = new HashMap<>();
    if (before != null) {
      for (SiteResult s : before.sites()) {
        previous.put(s.siteId(), s);
      }
    }
    List<String> meters = new ArrayList<>();
    for (Part x : parts) {
      boolean again =
          only == null || only.contains(x.site().id()) || !previous.containsKey(x.site().id());
      if (x.consent() && again && !elsewhere.containsKey(x.site().id())) {
        meters.add(x.site().meterId());
      }
    }
    Interval read =
        new Interval(
            lookbackStart(span),
            span.start().atZone(zone).toLocalDate().plusDays(1).atStartOfDay(zone).toInstant());
    Map<String, MeterData> data =
        meters.isEmpty() ? Map.of() : history.history(meters, read, zone, interval);
    List<SiteResult> sites = new ArrayList<>();
    for (Part x : parts) {
      String sid = x.site().id();
      SiteResult kept = previous.get(sid);
      if (kept != null && only != null && !only.contains(sid)) {
        sites.add(kept);
      } else if (elsewhere.containsKey(sid)) {
        ProgramEvent other = elsewhere.get(sid);
        sites.add(
            SiteResult.unmeasured(
                sid,
                x.site().customerId(),
                SiteResult.Status.MEASURED_ELSEWHERE,
                "measured in event "
                    + other.id()
                    + " of program "
                    + other.programId()
                    + ", which overlaps this one: a site's meter is counted once",
                x.optedOut()));
      } else if (!x.consent()) {
        sites.add(
            SiteResult.unmeasured(
                sid,
                x.site().customerId(),
                SiteResult.Status.NO_CONSENT,
                "no consent to meter data in force over the event",
                x.optedOut()));
      } else {
        sites.add(site(x.site(), x.optedOut(), data.get(x.site().meterId()), span, p, eventDays));
      }
    }
    return new EventResult(
        e.id(),
        e.programId(),
        span,
        before == null ? 1 : before.revision() + 1,
        now,
        committed,
        sites);
  }

  private SiteResult site(
      Site site,
      boolean optedOut,
      @Nullable MeterData m,
      Interval span,
      Program p,
      Set<LocalDate> eventDays) {
    String customer = site.customerId();
    if (m == null) {
      return SiteResult.unmeasured(
          site.id(),
          customer,
          SiteResult.Status.NO_DATA,
          "no readings of meter " + site.meterId(),
          optedOut);
    }
    int first = m.indexOf(span.start());
    int n = (int) (span.length().toSeconds() / interval.toSeconds());
    List<Double> metered = new ArrayList<>(n);
    double meteredKwh = 0;
    for (int i = 0; i < n; i++) {
      if (first < 0 || first + i >= m.count() || !m.hasReading(first + i)) {
        return SiteResult.unmeasured(
            site.id(),
            customer,
            SiteResult.Status.NO_DATA,
            "meter " + site.meterId() + " has not reported the event's intervals yet",
            optedOut);
      }
      metered.add(m.kwh(first + i));
      meteredKwh += m.kwh(first + i);
    }
    DayCalendar calendar = DayCalendar.usNerc(eventDays);
    BaselineEstimate estimate;
    boolean fallback = false;
    Baseline method = Baselines.byName(p.measurement().baseline()).orElseThrow();
    try {
      estimate = method.estimate(m, span, calendar);
    } catch (BaselineException e) {
      if (e.reason() != BaselineException.Reason.NOT_ENOUGH_HISTORY) {
        return SiteResult.unmeasured(
            site.id(),
            customer,
            SiteResult.Status.NO_BASELINE,
            String.valueOf(e.getMessage()),
            optedOut);
      }
      try {
        estimate =
            Baselines.byName(p.measurement().fallback()).orElseThrow().estimate(m, span, calendar);
        fallback = true;
      } catch (BaselineException f) {
        return SiteResult.unmeasured(
            site.id(),
            customer,
            SiteResult.Status.NO_BASELINE,
            e.getMessage() + "; fallback: " + String.valueOf(f.getMessage()),
            optedOut);
      }
    }
    List<Double> baseline = new ArrayList<>(n);
    double baselineKwh = 0;
    for (int i = 0; i < n; i++) {
      baseline.add(estimate.kwh(i));
      baselineKwh += estimate.kwh(i);
    }
    return new SiteResult(
        site.id(),
        customer,
        SiteResult.Status.MEASURED,
        estimate.method(),
        fallback,
        estimate.referenceDays(),
        estimate.basis(),
        baselineKwh,
        meteredKwh,
        baselineKwh - meteredKwh,
        optedOut,
        baseline,
        metered);
  }

  /**
   * Whether a site in both events is measured in {@code a} rather than {@code b}: batteries'
   * programs first, then managed charging, thermostats, the rest; then by program and event id.
   */
  private static boolean ranksBefore(Program pa, ProgramEvent a, Program pb, ProgramEvent b) {
    int ka = rank(pa.kind());
    int kb = rank(pb.kind());
    if (ka != kb) {
      return ka < kb;
    }
    int byProgram = pa.id().compareTo(pb.id());
    return byProgram != 0 ? byProgram < 0 : a.id().compareTo(b.id()) < 0;
  }

  private static int rank(ProgramKind k) {
    return switch (k) {
      case BYO_BATTERY, LEASED_BATTERY -> 0;
      case MANAGED_EV_CHARGING -> 1;
      case THERMOSTAT -> 2;
      case WHOLESALE_AGGREGATION -> 3;
    };
  }

  private static boolean sameFigures(EventResult a, EventResult b) {
    if (a.sites().size() != b.sites().size()) {
      return false;
    }
    for (int i = 0; i < a.sites().size(); i++) {
      SiteResult x = a.sites().get(i);
      SiteResult y = b.sites().get(i);
      if (x.status() != y.status()
          || !x.method().equals(y.method())
          || Math.abs(x.deliveredKwh() - y.deliveredKwh()) > 1e-9
          || Math.abs(x.baselineKwh() - y.baselineKwh()) > 1e-9) {
        return false;
      }
    }
    return true;
  }
}
