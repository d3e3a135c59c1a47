package org.openvpp.server.run;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.openvpp.event.GridEvent;
import org.openvpp.mv.GroupPerformance;
import org.openvpp.mv.SitePerformance;
import org.openvpp.program.Consent;
import org.openvpp.program.Enrolments;
import org.openvpp.program.EventBook;
import org.openvpp.program.Program;
import org.openvpp.settle.Account;
import org.openvpp.settle.CapacityAccreditation;
import org.openvpp.settle.EventSettlement;
import org.openvpp.settle.Ledger;
import org.openvpp.settle.Participation;
import org.openvpp.settle.ProgramEconomics;
import org.openvpp.settle.SiteEarnings;
import org.openvpp.settle.Statement;
import org.openvpp.sim.fleet.Scenario;
import org.openvpp.sim.fleet.SimFleet;
import org.openvpp.time.Horizon;
import org.openvpp.time.Interval;
import org.openvpp.units.Energy;
import org.openvpp.units.Money;
import org.openvpp.units.Power;

/**
 * Settles a run's event: the participants of the run's program ({@link RunEnrolment}) whose consent
 * allows meter data over the whole event, each measured from its own meter, the event settled into
 * a ledger, with every measured participant's statement, the program's economics and its
 * accreditation.
 *
 * <p><b>Terms of the run's program</b> (illustrative, in the range of California's emergency load
 * reduction programs): participants are paid 2.00 USD per kWh delivered; the utility pays the
 * program 2.50 USD per kWh the group delivered. A site that opted out is measured and earns
 * nothing. The accreditation's available capacity is what the event book allowed at the start.
 *
 * <p><b>Baseline.</b> Each site's baseline is its own meter in the counterfactual fleet (the same
 * homes, never commanded), which only a simulation has: a run is one day, too short for the history
 * a CAISO or PJM baseline needs. A real deployment would use a method of docs/baselines.md here;
 * {@code ./vpp bench settle} and the Fontana settlement test do.
 *
 * <p><b>Partners.</b> A partner's device cloud that reported its usage on the event over OpenADR
 * ({@link PartnerReports}) is a participant too, measured from its own readings against its usage
 * in the hour before the event ({@link #measurePartner}), paid per kWh like a site; its delivery is
 * the group's too.
 */
public final class RunSettlement {
  static final String PROGRAM_ID = RunEnrolment.PROGRAM_ID;
  private static final Money PAY_PER_KWH = RunEnrolment.PAY_PER_KWH;
  private static final BigDecimal UTILITY_PER_KWH = new BigDecimal("2.50");
  private static final int PARTNER_LOOKBACK = 4;

  private RunSettlement() {}

  /**
   * What the run's settlement came to.
   *
   * @param participants the run's sites measured in the event (partners are in {@code partners})
   * @param earning sites that earned
   * @param group the event's performance over all participants
   * @param paid the ledger's total paid to participants
   * @param economics the program's economics over the run
   * @param lowest the lowest participant's earnings
   * @param median the median participant's earnings
   * @param highest the highest participant's earnings, with its statement
   * @param top the statement of the participant who earned most
   * @param accreditation the program's capacity accreditation after the event
   * @param ledgerTotal the sum of every posting in the ledger (zero)
   * @param enrolment what became of the run's enrolment ({@link RunEnrolment})
   * @param unmeasured participants not measured nor paid: their consent to meter data lapsed before
   *     the event ended
   * @param statements every measured participant's statement for the event's month
   * @param ledger the program's ledger after the event
   * @param register the run's enrolment register (customers, sites, consents, enrolments)
   * @param book the run's event book (the event, its participants, notices and opt-outs)
   * @param partners the partners measured from their own reports ({@link PartnerReports}), among
   *     the participants
   * @param partnerNotes why a partner's readings were not measured, one line each
   */
  public record Result(
      int participants,
      int earning,
      GroupPerformance group,
      Money paid,
      ProgramEconomics economics,
      Money lowest,
      Money median,
      Money highest,
      Statement top,
      CapacityAccreditation accreditation,
      Money ledgerTotal,
      RunEnrolment.Summary enrolment,
      int unmeasured,
      List<Statement> statements,
      Ledger ledger,
      Enrolments register,
      EventBook book,
      List<SitePerformance> partners,
      List<String> partnerNotes) {
    public Result {
      Objects.requireNonNull(group, "group");
      Objects.requireNonNull(paid, "paid");
      Objects.requireNonNull(economics, "economics");
      Objects.requireNonNull(lowest, "lowest");
      Objects.requireNonNull(median, "median");
      Objects.requireNonNull(highest, "highest");
      Objects.requireNonNull(top, "top");
      Objects.requireNonNull(accreditation, "accreditation");
      Objects.requireNonNull(ledgerTotal, "ledgerTotal");
      Objects.requireNonNull(enrolment, "enrolment");
      Objects.requireNonNull(ledger, "ledger");
      Objects.requireNonNull(register, "register");
      Objects.requireNonNull(book, "book");
      statements = List.copyOf(statements);
      partners = List.copyOf(partners);
      partnerNotes = List.copyOf(partnerNotes);
    }
  }

  /**
   * Settles the event of a finished run.
   *
   * @param fleet the fleet under the VPP, its meters read
   * @param shadow the same fleet never commanded: each site's baseline
   * @param meters the metering intervals of both
   * @param committedKw the fleet's committed reduction per metering interval
   * @param readings partners' readings for the event, settled beside the run's sites
   */
  static Result settle(
      Scenario scenario,
      RunEnrolment enrolment,
      SimFleet fleet,
      SimFleet shadow,
      GridEvent event,
      Horizon meters,
      double[] committedKw,
      List<PartnerReports.Reading> readings) {
    ZoneId zone = scenario.zone();
    Instant start = scenario.start().toInstant();
    EventBook book = enrolment.book();
    Enrolments register = enrolment.register();
    Program program = enrolment.program();
    // The run's last step may be the event's last minute: the book completes it at its end.
    enrolment.complete(event);
    // The participants whose meter the VPP may read over the whole event: a consent that lapsed
    // before the event ended takes the meter data with it, so that site is neither measured nor
    // paid.
    Set<String> participating = book.participants(event.id());
    List<Integer> homes = new ArrayList<>();
    List<Double> siteKw = new ArrayList<>();
    int unmeasured = 0;
    for (int h : enrolment.homes()) {
      String site = RunEnrolment.site(h);
      if (!participating.contains(site)) {
        continue;
      }
      Consent consent = register.consent(register.enrolment("enrolment-" + h).consentId());
      if (!consent.allows(Consent.Scope.METER_DATA, event.window().start())
          || !consent.allows(Consent.Scope.METER_DATA, event.window().end().minusNanos(1))) {
        unmeasured++;
        continue;
      }
      homes.add(h);
      siteKw.add(enrolment.battery(h).maxDischarge().kilowatts());
    }
    double hours = meters.stepHours();
    double enrolledKw = siteKw.stream().mapToDouble(Double::doubleValue).sum();
    List<SitePerformance> sites = new ArrayList<>();
    List<Participation> participations = new ArrayList<>();
    for (int i = 0; i < homes.size(); i++) {
      int h = homes.get(i);
      double[] metered = fleet.siteMeterKwh(h);
      double[] without = shadow.siteMeterKwh(h);
      // A home's EV charger and thermostat are in programs of their own, measured by their own
      // devices: their response is taken off the site's, so the battery program pays for the
      // battery's response alone.
      double[] charger = fleet.managedMeterKwh(h);
      double[] chargerWithout = shadow.managedMeterKwh(h);
      double b = 0;
      double m = 0;
      double c = 0;
      for (int k = 0; k < meters.count(); k++) {
        if (event.window().contains(meters.interval(k).start())) {
          b += without[k];
          m += metered[k] - charger[k] + chargerWithout[k];
          c += committedKw[k] * hours * siteKw.get(i) / enrolledKw;
        }
      }
      SitePerformance p =
          new SitePerformance(
              "site-" + h,
              event.id(),
              event.window(),
              Energy.ofKilowattHours(b),
              Energy.ofKilowattHours(m),
              Energy.ofKilowattHours(c));
      sites.add(p);
      participations.add(
          new Participation(
              p, "customer-" + h, book.optOutOf(event.id(), "site-" + h).isPresent()));
    }
    if (sites.isEmpty()) {
      throw new IllegalStateException("the run has no batteries to settle");
    }
    List<String> partnerNotes = new ArrayList<>();
    List<SitePerformance> partners = new ArrayList<>();
    for (PartnerReports.Reading r : readings) {
      measurePartner(r, event, meters, partnerNotes)
          .ifPresent(
              p -> {
                partners.add(p);
                sites.add(p);
                participations.add(new Participation(p, p.siteId(), false));
              });
    }
    GroupPerformance group = GroupPerformance.of(event.id(), sites);
    Money revenue =
        new Money(
            UTILITY_PER_KWH
                .multiply(BigDecimal.valueOf(Math.max(0, group.delivered().kilowattHours())))
                .setScale(2, RoundingMode.HALF_EVEN),
            Money.USD);
    Ledger ledger = Ledger.inMemory(Money.USD);
    Interval period = new Interval(start, meters.end().plus(Duration.ofDays(1)));
    EventSettlement settled =
        EventSettlement.settle(
            program, event.id(), "utility", revenue, participations, event.window().end(), ledger);
    List<Money> earnings = new ArrayList<>();
    SiteEarnings best = settled.sites().get(0);
    for (SiteEarnings e : settled.sites()) {
      earnings.add(ledger.balance(Account.participant(e.customerId())).negate());
      if (e.total().compareTo(best.total()) > 0) {
        best = e;
      }
    }
    earnings.sort(Money::compareTo);
    int earning = 0;
    for (Money e : earnings) {
      earning += e.signum() > 0 ? 1 : 0;
    }
    YearMonth month = YearMonth.from(event.window().start().atZone(zone));
    List<Statement> statements = new ArrayList<>();
    Statement top = null;
    for (int i = 0; i < homes.size(); i++) {
      String customer = RunEnrolment.customer(homes.get(i));
      Statement s = Statement.monthly(ledger, customer, month, zone, List.of(sites.get(i)));
      statements.add(s);
      if (customer.equals(best.customerId())) {
        top = s;
      }
    }
    for (SitePerformance p : partners) {
      statements.add(Statement.monthly(ledger, p.siteId(), month, zone, List.of(p)));
    }
    if (top == null) {
      top = Statement.monthly(ledger, best.customerId(), month, zone, List.of());
    }
    ProgramEconomics economics = ProgramEconomics.of(ledger, PROGRAM_ID, period);
    Power availableKw = enrolment.availableAtStart();
    CapacityAccreditation accreditation =
        CapacityAccreditation.assess(
            PROGRAM_ID,
            register.enrolledCapacity(PROGRAM_ID),
            availableKw,
            availableKw.watts() <= 0
                ? List.of()
                : List.of(
                    new CapacityAccreditation.PastEvent(
                        event.id(), availableKw, group.deliveredPower())));
    return new Result(
        homes.size(),
        earning,
        group,
        ledger.balance(Account.expense(PROGRAM_ID)),
        economics,
        earnings.get(0),
        earnings.get(earnings.size() / 2),
        earnings.get(earnings.size() - 1),
        top,
        accreditation,
        ledger.total(),
        enrolment.summary(),
        unmeasured,
        statements,
        ledger,
        register,
        book,
        partners,
        partnerNotes);
  }

  /**
   * A partner measured from its own readings against a pre-event baseline: its mean usage over the
   * hour before the event (the four metering intervals before the window, as {@link
   * org.openvpp.mv.PreEventBaseline} takes them), held through the window; metered, its usage in
   * the window's intervals. Every one of those intervals must be read, or the partner is not
   * measured (a note says which is missing). It committed nothing: it is paid for what it
   * delivered.
   */
  static java.util.Optional<SitePerformance> measurePartner(
      PartnerReports.Reading r, GridEvent event, Horizon meters, List<String> notes) {
    int first = meters.indexOf(event.window().start());
    int last = meters.indexOf(event.window().end().minusNanos(1));
    if (first < PARTNER_LOOKBACK || last < first) {
      notes.add(r.partner() + ": the run holds no hour of readings before the event");
      return java.util.Optional.empty();
    }
    double before = 0;
    double metered = 0;
    for (int k = first - PARTNER_LOOKBACK; k <= last; k++) {
      Instant at = meters.interval(k).start();
      Double kwh = r.usageKwh().get(at);
      if (kwh == null) {
        notes.add(
            r.partner()
                + ": no USAGE reading for the interval from "
                + at
                + " (the baseline needs the hour before the event, and every interval of it)");
        return java.util.Optional.empty();
      }
      if (k < first) {
        before += kwh;
      } else {
        metered += kwh;
      }
    }
    double baseline = before / PARTNER_LOOKBACK * (last - first + 1);
    return java.util.Optional.of(
        new SitePerformance(
            "partner:" + r.partner(),
            event.id(),
            event.window(),
            Energy.ofKilowattHours(baseline),
            Energy.ofKilowattHours(metered),
            Energy.ZERO));
  }

  /** The summary lines of the settlement. */
  public static void print(Result r, PrintStream out) {
    RunEnrolment.Summary e = r.enrolment();
    out.printf(
        Locale.ROOT,
        "  enrolment         %d battery homes asked: %d enrolled, %d refused (no consent to meter"
            + " data), %d waiting (cap %.1f kW); %d consents lapsed during the run%n",
        e.requested(),
        e.enrolled(),
        e.refused(),
        e.waiting(),
        e.capacityCap().kilowatts(),
        e.lapsed());
    out.printf(
        Locale.ROOT,
        "  event devices     %d participants notified, %d opted out; %d devices dispatchable at"
            + " the start, %d sent discharge commands during the event%n",
        e.participants(),
        e.optedOut(),
        e.dispatchableAtStart(),
        e.dispatched());
    out.printf(
        Locale.ROOT,
        "  settlement        %d sites measured from their own meters against the counterfactual"
            + " (%d not: consent lapsed): %.1f kWh delivered (%.1f %% of committed); %d earned%n",
        r.participants(),
        r.unmeasured(),
        r.group().delivered().kilowattHours(),
        100 * r.group().ofCommitment(),
        r.earning());
    out.printf(
        Locale.ROOT,
        "  ledger            %s paid to participants at %s/kWh; %s from the utility; net %s;"
            + " the ledger sums to %s%n",
        r.paid(),
        PAY_PER_KWH,
        r.economics().revenue(),
        r.economics().net(),
        r.ledgerTotal());
    out.printf(
        Locale.ROOT,
        "  earnings          per participant %s lowest, %s median, %s highest (%s; statement of"
            + " %d line(s))%n",
        r.lowest(),
        r.median(),
        r.highest(),
        r.top().customerId(),
        r.top().lines().size());
    out.printf(Locale.ROOT, "  accreditation     %s%n", r.accreditation().summary());
    for (SitePerformance p : r.partners()) {
      out.printf(
          Locale.ROOT,
          "  partner           %s: %.1f kWh delivered against its pre-event baseline (%.1f kWh),"
              + " from its OpenADR reports; %s earned%n",
          p.siteId(),
          p.delivered().kilowattHours(),
          p.baseline().kilowattHours(),
          r.ledger().balance(Account.participant(p.siteId())).negate());
    }
    for (String note : r.partnerNotes()) {
      out.printf(Locale.ROOT, "  partner           not measured: %s%n", note);
    }
  }
}
