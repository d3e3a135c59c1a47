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
import java.util.Optional;
import java.util.Set;
import org.openvpp.device.Battery;
import org.openvpp.device.Device;
import org.openvpp.device.DeviceKind;
import org.openvpp.event.GridEvent;
import org.openvpp.mv.GroupPerformance;
import org.openvpp.mv.SitePerformance;
import org.openvpp.program.Consent;
import org.openvpp.program.Customer;
import org.openvpp.program.EnrolledDevice;
import org.openvpp.program.Enrolment;
import org.openvpp.program.Enrolments;
import org.openvpp.program.EventBook;
import org.openvpp.program.EventLimits;
import org.openvpp.program.EventSource;
import org.openvpp.program.Incentives;
import org.openvpp.program.OptOutRules;
import org.openvpp.program.Program;
import org.openvpp.program.ProgramEvent;
import org.openvpp.program.ProgramKind;
import org.openvpp.program.Site;
import org.openvpp.program.Targeting;
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
 * Settles a run's event: the scenario's homes with a battery enrolled in one bring-your-own-battery
 * program, the utility's event created in its event book, each site measured from its own meter and
 * the event settled into a ledger, with the program's economics and accreditation.
 *
 * <p><b>Terms of the run's program</b> (illustrative, in the range of California's emergency load
 * reduction programs): participants are paid 2.00 USD per kWh delivered; the utility pays the
 * program 2.50 USD per kWh the group delivered. Every battery is enrolled for its maximum discharge
 * power, with consent for control and meter data given 30 days before the run. The season is the
 * scenario's calendar year.
 *
 * <p><b>Baseline.</b> Each site's baseline is its own meter in the counterfactual fleet (the same
 * homes, never commanded), which only a simulation has: a run is one day, too short for the history
 * a CAISO or PJM baseline needs. A real deployment would use a method of docs/baselines.md here;
 * {@code ./vpp bench settle} and the Fontana settlement test do.
 */
public final class RunSettlement {
  static final String PROGRAM_ID = "byo-battery";
  private static final Money PAY_PER_KWH = Money.usd("2.00");
  private static final BigDecimal UTILITY_PER_KWH = new BigDecimal("2.50");

  private RunSettlement() {}

  /**
   * What the run's settlement came to.
   *
   * @param participants sites enrolled in the event
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
      Money ledgerTotal) {
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
    }
  }

  /**
   * Settles the event of a finished run.
   *
   * @param fleet the fleet under the VPP, its meters read
   * @param shadow the same fleet never commanded: each site's baseline
   * @param meters the metering intervals of both
   * @param committedKw the fleet's committed reduction per metering interval
   */
  static Result settle(
      Scenario scenario,
      SimFleet fleet,
      SimFleet shadow,
      GridEvent event,
      Horizon meters,
      double[] committedKw) {
    ZoneId zone = scenario.zone();
    Instant start = scenario.start().toInstant();
    Instant consented = start.minus(Duration.ofDays(30));
    int year = scenario.start().getYear();
    Interval season =
        new Interval(
            scenario.start().withDayOfYear(1).toLocalDate().atStartOfDay(zone).toInstant(),
            scenario
                .start()
                .withDayOfYear(1)
                .plusYears(1)
                .toLocalDate()
                .atStartOfDay(zone)
                .toInstant());
    List<String> regions = new ArrayList<>();
    for (Scenario.Region r : scenario.regions()) {
      regions.add(r.name());
    }
    List<Device> devices = fleet.devices();
    double capacityKw = 0;
    for (int g = 0; g < devices.size(); g++) {
      if (devices.get(g) instanceof Battery b) {
        capacityKw += b.maxDischarge().kilowatts();
      }
    }
    Program program =
        new Program(
            PROGRAM_ID,
            "Bring your own battery (" + year + ")",
            ProgramKind.BYO_BATTERY,
            Set.of(DeviceKind.BATTERY),
            Set.copyOf(regions),
            Power.ofKilowatts(Math.max(1, capacityKw)),
            Math.max(1, fleet.homes()),
            new EventLimits(season, 20, Duration.ofHours(6), Duration.ofHours(60), Duration.ZERO),
            Incentives.none(Money.USD).withPerKwh(PAY_PER_KWH),
            new OptOutRules(5, Duration.ofHours(1), false),
            Set.of());
    Enrolments register = Enrolments.inMemory();
    register.putProgram(program);
    List<Integer> homes = new ArrayList<>();
    List<Double> siteKw = new ArrayList<>();
    for (int g = 0; g < devices.size(); g++) {
      if (!(devices.get(g) instanceof Battery b) || fleet.kind(g) != DeviceKind.BATTERY) {
        continue;
      }
      int h = fleet.homeOf(g);
      String site = "site-" + h;
      register.addCustomer(new Customer("customer-" + h, "Home " + h));
      register.addSite(
          new Site(
              site,
              "customer-" + h,
              "meter-" + h,
              regions.get(fleet.regionOf(h)) + "/feeder-" + (fleet.feederOf(h) + 1),
              regions.get(fleet.regionOf(h))));
      register.recordConsent(
          new Consent(
              "consent-" + h,
              site,
              "the owner of home " + h,
              consented,
              Set.of(Consent.Scope.CONTROL, Consent.Scope.METER_DATA),
              Optional.empty(),
              Optional.empty()));
      Enrolment e =
          register.enrol(
              "enrolment-" + h,
              PROGRAM_ID,
              site,
              List.of(new EnrolledDevice(b.id(), DeviceKind.BATTERY, b.maxDischarge())),
              "consent-" + h,
              consented);
      if (e.status() == Enrolment.Status.ENROLLED) {
        homes.add(h);
        siteKw.add(b.maxDischarge().kilowatts());
      }
    }
    EventBook book = EventBook.inMemory(register);
    book.create(
        event.id(),
        PROGRAM_ID,
        EventSource.UTILITY_OPENADR,
        event.window(),
        Targeting.wholeProgram(),
        event.requested(),
        event.received());
    book.advance(event.window().start());
    int dispatchable = book.dispatchable(event.id(), event.window().start()).size();
    double availableKw = 0;
    for (var d : book.dispatchable(event.id(), event.window().start())) {
      availableKw += d.capacity().kilowatts();
    }
    book.advance(event.window().end());
    if (book.event(event.id()).state() != ProgramEvent.State.COMPLETED) {
      throw new IllegalStateException("the run's event did not complete in its event book");
    }

    double hours = meters.stepHours();
    double enrolledKw = siteKw.stream().mapToDouble(Double::doubleValue).sum();
    List<SitePerformance> sites = new ArrayList<>();
    List<Participation> participations = new ArrayList<>();
    for (int i = 0; i < homes.size(); i++) {
      int h = homes.get(i);
      double[] metered = fleet.siteMeterKwh(h);
      double[] without = shadow.siteMeterKwh(h);
      double b = 0;
      double m = 0;
      double c = 0;
      for (int k = 0; k < meters.count(); k++) {
        if (event.window().contains(meters.interval(k).start())) {
          b += without[k];
          m += metered[k];
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
    GroupPerformance group = GroupPerformance.of(event.id(), sites);
    Money revenue =
        new Money(
            UTILITY_PER_KWH
                .multiply(BigDecimal.valueOf(Math.max(0, group.delivered().kilowattHours())))
                .setScale(2, RoundingMode.HALF_EVEN),
            Money.USD);
    Ledger ledger = Ledger.inMemory(Money.USD);
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
    Statement top = Statement.monthly(ledger, best.customerId(), month, zone, sites);
    ProgramEconomics economics =
        ProgramEconomics.of(
            ledger, PROGRAM_ID, new Interval(start, meters.end().plus(Duration.ofDays(1))));
    CapacityAccreditation accreditation =
        CapacityAccreditation.assess(
            PROGRAM_ID,
            register.enrolledCapacity(PROGRAM_ID),
            Power.ofKilowatts(availableKw),
            dispatchable == 0
                ? List.of()
                : List.of(
                    new CapacityAccreditation.PastEvent(
                        event.id(), Power.ofKilowatts(availableKw), group.deliveredPower())));
    return new Result(
        sites.size(),
        earning,
        group,
        ledger.balance(Account.expense(PROGRAM_ID)),
        economics,
        earnings.get(0),
        earnings.get(earnings.size() / 2),
        earnings.get(earnings.size() - 1),
        top,
        accreditation,
        ledger.total());
  }

  /** The summary lines of the settlement. */
  public static void print(Result r, PrintStream out) {
    out.printf(
        Locale.ROOT,
        "  settlement        %d sites measured from their own meters against the counterfactual:"
            + " %.1f kWh delivered (%.1f %% of committed); %d earned%n",
        r.participants(),
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
  }
}
