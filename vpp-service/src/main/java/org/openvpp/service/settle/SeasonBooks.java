package org.openvpp.service.settle;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.openvpp.mv.SitePerformance;
import org.openvpp.program.Program;
import org.openvpp.service.measure.EventResult;
import org.openvpp.service.measure.SiteResult;
import org.openvpp.service.register.Register;
import org.openvpp.service.state.ServiceState;
import org.openvpp.settle.Account;
import org.openvpp.settle.CapacityAccreditation;
import org.openvpp.settle.EventSettlement;
import org.openvpp.settle.Ledger;
import org.openvpp.settle.LineKind;
import org.openvpp.settle.MonthlySettlement;
import org.openvpp.settle.Participation;
import org.openvpp.settle.Posting;
import org.openvpp.settle.Statement;
import org.openvpp.settle.Transaction;
import org.openvpp.time.Interval;
import org.openvpp.units.Energy;
import org.openvpp.units.Money;
import org.openvpp.units.Power;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The books of a season, in one double-entry ledger that outlives every restart.
 *
 * <p><b>Events.</b> Each revision of an event's M&amp;V is settled when it is made: the buyer's
 * payment (its per-kWh rate × what the measured sites delivered, to the cent) as the program's
 * revenue, and each measured participant's incentives ({@link EventSettlement}: per kWh, per event,
 * a share of the revenue; an opted-out site earns none of it). The postings of revision {@code n}
 * carry ids {@code EVENT@rN/…}; a later revision first reverses every posting of the one before, so
 * the ledger shows the correction, never an edit.
 *
 * <p><b>Months.</b> When the service's local month turns, each program's month is closed: the
 * monthly lines of every enrolment in force at its end ({@link MonthlySettlement}: capacity
 * payments, the leased batteries' fee and their credits per event taken part in), and the buyer's
 * capacity payment (its per-kW-month rate × the program's accredited capacity). Statements and the
 * utility's invoice are read from the ledger at any time ({@link #statement}, {@link #invoice}).
 *
 * <p><b>Accreditation</b> is assessed again after each event ({@link CapacityAccreditation}: the
 * 20th percentile of the events' delivered-to-dispatched ratios, times the capacity available).
 *
 * <p>What was settled (the revision per event, the months closed) is kept in the service's state,
 * so a restart settles what it had not yet and nothing twice. Threads: the control loop's; the
 * views copy what they show, and reads for the API go through {@link #read}.
 */
public final class SeasonBooks {
  private static final Logger LOG = LoggerFactory.getLogger(SeasonBooks.class);
  private static final String SETTLED = "settled";
  private static final String CLOSED = "month-closed";
  // the month the books are in: a month that ended while the service was stopped is closed at
  // the next start
  private static final String MONTH = "books-month";

  /** The counterparty that buys every program's service: the utility. */
  public static final String BUYER = "utility";

  private final Register register;
  private final Ledger ledger;
  private final ServiceState state;
  private final ZoneId zone;
  private final Map<String, Integer> settled = new HashMap<>();
  private final TreeSet<YearMonth> closed = new TreeSet<>();
  private final Map<String, List<CapacityAccreditation.PastEvent>> past = new LinkedHashMap<>();
  private final Map<String, CapacityAccreditation> accreditation = new LinkedHashMap<>();
  private YearMonth current = YearMonth.of(1970, 1);

  public SeasonBooks(Register register, Ledger ledger, ServiceState state, ZoneId zone) {
    this.register = register;
    this.ledger = ledger;
    this.state = state;
    this.zone = zone;
    state.all(SETTLED).forEach((k, v) -> settled.put(k, Integer.parseInt(v)));
    state.all(CLOSED).keySet().forEach(m -> closed.add(YearMonth.parse(m)));
    state.get(MONTH, MONTH).ifPresent(m -> current = YearMonth.parse(m));
  }

  /** The ledger (the control loop's thread only). */
  public Ledger ledger() {
    return ledger;
  }

  /** Runs {@code work} on the ledger, serialised with settlement (for the API's threads). */
  public synchronized <R> R read(java.util.function.Function<Ledger, R> work) {
    return work.apply(ledger);
  }

  /** The revision of an event last settled, 0 when none. */
  public synchronized int settledRevision(String eventId) {
    return settled.getOrDefault(eventId, 0);
  }

  /** Settles {@code r} (a new revision of an event's M&amp;V) at {@code at}. */
  public synchronized void settle(EventResult r, Instant at) {
    int done = settled.getOrDefault(r.eventId(), 0);
    if (r.revision() <= done) {
      return;
    }
    Program program = register.program(r.programId()).orElseThrow();
    if (done > 0) {
      String prefix = key(r.eventId(), done) + "/";
      for (Transaction t : ledger.transactions()) {
        if (t.id().startsWith(prefix) && t.reverses().isEmpty()) {
          ledger.reverse(
              t.id(),
              t.id() + "/reversed",
              at,
              "revision " + r.revision() + " of " + r.eventId() + "'s M&V replaces " + done);
        }
      }
    }
    List<Participation> parts = new ArrayList<>();
    double hours = r.window().length().toSeconds() / 3600.0;
    long measured = r.count(SiteResult.Status.MEASURED);
    for (SiteResult s : r.sites()) {
      if (s.status() != SiteResult.Status.MEASURED) {
        continue;
      }
      SitePerformance perf =
          new SitePerformance(
              s.siteId(),
              r.eventId(),
              r.window(),
              Energy.ofKilowattHours(s.baselineKwh()),
              Energy.ofKilowattHours(s.meteredKwh()),
              Energy.ofKilowattHours(measured == 0 ? 0 : r.committedKw() * hours / measured));
      parts.add(new Participation(perf, s.customerId(), s.optedOut()));
    }
    Money revenue =
        program.buyer().perKwh().times(BigDecimal.valueOf(Math.max(0, r.deliveredKwh()))).rounded();
    EventSettlement.settle(
        program, key(r.eventId(), r.revision()), BUYER, revenue, parts, at, ledger);
    settled.put(r.eventId(), r.revision());
    state.put(SETTLED, r.eventId(), Integer.toString(r.revision()), at);
    assess(r, program);
    LOG.info(
        "event {} settled (revision {}): {} from the {}",
        r.eventId(),
        r.revision(),
        revenue,
        BUYER);
  }

  /**
   * After a start: settles each result whose revision was measured but not settled (the service
   * stopped between the two), and assesses the accreditation again from the settled ones.
   *
   * @param results every event's latest result, in the order first measured
   */
  public synchronized void restore(List<EventResult> results, Instant now) {
    for (EventResult r : results) {
      int done = settled.getOrDefault(r.eventId(), 0);
      if (r.revision() > done) {
        settle(r, now);
      } else {
        register.program(r.programId()).ifPresent(p -> assess(r, p));
      }
    }
  }

  private void assess(EventResult r, Program program) {
    double hours = r.window().length().toSeconds() / 3600.0;
    List<CapacityAccreditation.PastEvent> events =
        past.computeIfAbsent(program.id(), k -> new ArrayList<>());
    events.removeIf(e -> e.eventId().equals(r.eventId()));
    if (r.committedKw() > 0) {
      events.add(
          new CapacityAccreditation.PastEvent(
              r.eventId(),
              Power.ofKilowatts(r.committedKw()),
              Power.ofKilowatts(Math.max(0, r.deliveredKwh() / hours))));
    }
    Power enrolled = register.locked(false, b -> b.register().enrolledCapacity(program.id()));
    accreditation.put(
        program.id(), CapacityAccreditation.assess(program.id(), enrolled, enrolled, events));
  }

  /** Each program's accreditation as last assessed. */
  public synchronized Map<String, CapacityAccreditation> accreditation() {
    return Map.copyOf(accreditation);
  }

  /**
   * Closes every month that has ended by {@code now} and is not closed yet (the first call of a
   * service that never closed a month only notes the month it is in).
   *
   * @param eventsTakenPart per program and site, the events of a month the site earned in
   */
  public synchronized List<YearMonth> closeMonths(
      Instant now,
      java.util.function.BiFunction<String, YearMonth, Map<String, Integer>> eventsTakenPart) {
    YearMonth month = YearMonth.from(now.atZone(zone));
    List<YearMonth> done = new ArrayList<>();
    if (current.getYear() == 1970) {
      current = month;
      state.put(MONTH, MONTH, current.toString(), now);
      return done;
    }
    while (current.isBefore(month)) {
      if (!closed.contains(current)) {
        close(current, eventsTakenPart);
        done.add(current);
      }
      current = current.plusMonths(1);
      state.put(MONTH, MONTH, current.toString(), now);
    }
    return done;
  }

  private void close(
      YearMonth month,
      java.util.function.BiFunction<String, YearMonth, Map<String, Integer>> eventsTakenPart) {
    Instant end = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant().minusMillis(1);
    for (Program p : register.programs()) {
      register.locked(
          false,
          b ->
              MonthlySettlement.settle(
                  b.register(),
                  p.id(),
                  month,
                  zone,
                  eventsTakenPart.apply(p.id(), month),
                  end,
                  ledger));
      CapacityAccreditation a = accreditation.get(p.id());
      Money perKw = p.buyer().perKwMonth();
      if (a != null && !perKw.isZero() && a.accredited().watts() > 0) {
        Money capacity =
            perKw
                .times(
                    BigDecimal.valueOf(a.accredited().kilowatts())
                        .setScale(3, RoundingMode.HALF_EVEN))
                .rounded();
        if (!capacity.isZero()) {
          String ref = month.toString();
          ledger.post(
              Transaction.of(
                  p.id() + "/" + ref + "/capacity",
                  end,
                  "capacity payment of " + p.id() + " for " + ref + ": " + a.summary(),
                  List.of(
                      new Posting(Account.receivable(BUYER), capacity, LineKind.CAPACITY, ref),
                      new Posting(
                          Account.revenue(p.id()), capacity.negate(), LineKind.CAPACITY, ref))));
        }
      }
    }
    closed.add(month);
    state.put(CLOSED, month.toString(), "{}", end);
    LOG.info("month {} closed", month);
  }

  /** The months closed, oldest first. */
  public synchronized List<YearMonth> closedMonths() {
    return List.copyOf(closed);
  }

  /** A participant's statement for a month, from the ledger. */
  public synchronized Statement statement(
      String customerId, YearMonth month, List<SitePerformance> performances) {
    return Statement.monthly(ledger, customerId, month, zone, performances);
  }

  /**
   * The buyer's invoice for a month: what it owes each program, by line kind (event energy,
   * capacity), read from the receivable's postings in the month.
   */
  public synchronized Invoice invoice(YearMonth month) {
    Interval period =
        new Interval(
            month.atDay(1).atStartOfDay(zone).toInstant(),
            month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant());
    List<Invoice.Line> lines = new ArrayList<>();
    Money total = Money.zero(ledger.currency());
    for (var e : ledger.entries(Account.receivable(BUYER), period)) {
      lines.add(new Invoice.Line(e.transactionId(), e.kind(), e.reference(), e.amount()));
      total = total.plus(e.amount());
    }
    return new Invoice(BUYER, month, lines, total);
  }

  /** The key of an event's revision in the ledger's ids. */
  static String key(String eventId, int revision) {
    return eventId + "@r" + revision;
  }

  /** Participants in an event who earned: for lease credits. */
  public static Map<String, Integer> earners(List<EventResult> results) {
    Map<String, Integer> out = new HashMap<>();
    for (EventResult r : results) {
      for (SiteResult s : r.sites()) {
        if (s.status() == SiteResult.Status.MEASURED && !s.optedOut() && s.deliveredKwh() > 0) {
          out.merge(s.siteId(), 1, Integer::sum);
        }
      }
    }
    return out;
  }
}
