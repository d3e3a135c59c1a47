package org.openvpp.server.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openvpp.device.DeviceId;
import org.openvpp.device.DeviceKind;
import org.openvpp.mv.GroupPerformance;
import org.openvpp.mv.SitePerformance;
import org.openvpp.mv.baseline.BaselineEstimate;
import org.openvpp.mv.baseline.CaisoTenInTen;
import org.openvpp.mv.baseline.DayCalendar;
import org.openvpp.mv.baseline.MeterData;
import org.openvpp.program.Consent;
import org.openvpp.program.Customer;
import org.openvpp.program.EnrolledDevice;
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
import org.openvpp.settle.FleetSettlement;
import org.openvpp.settle.Ledger;
import org.openvpp.settle.MonthlySettlement;
import org.openvpp.settle.Participation;
import org.openvpp.settle.SiteEarnings;
import org.openvpp.settle.Statement;
import org.openvpp.time.Interval;
import org.openvpp.units.Money;
import org.openvpp.units.Power;

/**
 * A BYO battery program over the twelve measured Fontana homes: each home's battery discharges 2 kW
 * through a two-hour event; the homes' real load is metered minus the battery; the event is
 * measured against CAISO 10-in-10 baselines made from the metered data, and settled.
 */
class FontanaSettlementTest {
  private static final int HOMES = 12;
  private static final LocalDate DAY = LocalDate.of(2016, 9, 14); // a Wednesday
  private static final Instant START =
      LocalDateTime.of(DAY, java.time.LocalTime.of(17, 0)).toInstant(AccuracyReport.PST);
  private static final Interval WINDOW = Interval.of(START, Duration.ofHours(2));
  private static final double BATTERY_KW = 2.0;

  private static Program program() {
    return new Program(
        "byo",
        "BYO battery",
        ProgramKind.BYO_BATTERY,
        Set.of(DeviceKind.BATTERY),
        Set.of("fontana"),
        Power.ofKilowatts(100),
        50,
        new EventLimits(
            new Interval(
                Instant.parse("2016-06-01T08:00:00Z"), Instant.parse("2016-10-01T07:00:00Z")),
            10,
            Duration.ofHours(4),
            Duration.ofHours(40),
            Duration.ofHours(2)),
        Incentives.none(Money.USD)
            .withPerKwh(Money.usd("0.85"))
            .withPerEvent(Money.usd("2"))
            .withPerKwMonth(Money.usd("1.25"))
            .withRevenueShare(new BigDecimal("0.4")),
        new OptOutRules(2, Duration.ofHours(1), false),
        Set.of());
  }

  /** The real meter with the battery's discharge taken off through the event. */
  private static MeterData metered(MeterData real) {
    double[] kwh = real.kwhArray();
    for (int i = 0; i < kwh.length; i++) {
      if (WINDOW.contains(real.startOf(i))) {
        kwh[i] -= BATTERY_KW; // hourly data: 2 kW for an hour
      }
    }
    return MeterData.of(real.zone(), real.start(), real.step(), kwh);
  }

  @Test
  void anEventOnTheFontanaHomesIsMeasuredAndSettledToTheCent() {
    Enrolments register = Enrolments.inMemory();
    Program byo = program();
    register.putProgram(byo);
    Instant enrolled = Instant.parse("2016-08-01T08:00:00Z");
    for (int h = 1; h <= HOMES; h++) {
      register.addCustomer(new Customer("c" + h, "Fontana home " + h));
      register.addSite(new Site("home-" + h, "c" + h, "fontana-" + h, "f" + (h % 3), "fontana"));
      register.recordConsent(
          new Consent(
              "k" + h,
              "home-" + h,
              "resident of home " + h,
              enrolled.minusSeconds(60),
              Set.of(Consent.Scope.CONTROL, Consent.Scope.METER_DATA),
              Optional.empty(),
              Optional.empty()));
      register.enrol(
          "e" + h,
          "byo",
          "home-" + h,
          List.of(
              new EnrolledDevice(
                  DeviceId.of("bat-" + h), DeviceKind.BATTERY, Power.ofKilowatts(5))),
          "k" + h,
          enrolled);
    }
    EventBook book = EventBook.inMemory(register);
    book.create(
        "ev-0914",
        "byo",
        EventSource.UTILITY_OPENADR,
        WINDOW,
        Targeting.wholeProgram(),
        Optional.of(Power.ofKilowatts(24)),
        START.minus(Duration.ofHours(8)));
    book.advance(START);
    assertThat(book.dispatchable("ev-0914", START)).hasSize(HOMES);
    book.advance(WINDOW.end());
    assertThat(book.event("ev-0914").state()).isEqualTo(ProgramEvent.State.COMPLETED);

    DayCalendar calendar = DayCalendar.usNerc(Set.of(DAY));
    List<SitePerformance> sites = new ArrayList<>();
    List<Participation> participations = new ArrayList<>();
    double realBaselineError = 0;
    for (int h = 1; h <= HOMES; h++) {
      MeterData real = AccuracyReport.fontana(h);
      MeterData meter = metered(real);
      BaselineEstimate baseline = new CaisoTenInTen().estimate(meter, WINDOW, calendar);
      // the day-of adjustment looks at hours −4 to −2: the battery does not move the baseline
      BaselineEstimate ofReal = new CaisoTenInTen().estimate(real, WINDOW, calendar);
      assertThat(baseline.kwhArray()).isEqualTo(ofReal.kwhArray());
      SitePerformance p =
          SitePerformance.of(
              "home-" + h, "ev-0914", baseline, meter, Power.ofKilowatts(BATTERY_KW));
      realBaselineError +=
          baseline.total().kilowattHours()
              - SitePerformance.of("home-" + h, "ev-0914", baseline, real, Power.ZERO)
                  .metered()
                  .kilowattHours();
      sites.add(p);
      participations.add(new Participation(p, "c" + h, false));
    }
    GroupPerformance group = GroupPerformance.of("ev-0914", sites);
    double injected = HOMES * BATTERY_KW * 2;
    // delivered = what the batteries gave + how far the baseline is from the homes' real load
    assertThat(group.delivered().kilowattHours())
        .isCloseTo(injected + realBaselineError, within(1e-9));
    assertThat(group.committedPower().kilowatts()).isCloseTo(24, within(1e-9));
    // on this day the baseline's error over twelve homes is small against the batteries' 48 kWh
    assertThat(group.ofCommitment()).isBetween(0.75, 1.25);

    Ledger ledger = Ledger.inMemory(Money.USD);
    Money revenue = Money.usd("41.30");
    EventSettlement settled =
        EventSettlement.settle(
            byo, "ev-0914", "sce", revenue, participations, WINDOW.end(), ledger);
    long sumCents = 0;
    for (SiteEarnings e : settled.sites()) {
      // energy = 0.85 USD × settled kWh, rounded half-even to the cent
      assertThat(e.energy())
          .isEqualTo(Money.usd("0.85").times(BigDecimal.valueOf(e.settledWh(), 3)).rounded());
      sumCents += e.total().amount().movePointRight(2).longValueExact();
    }
    assertThat(settled.paid().amount().movePointRight(2).longValueExact()).isEqualTo(sumCents);
    assertThat(ledger.balance(Account.expense("byo"))).isEqualTo(settled.paid());
    assertThat(ledger.total().isZero()).isTrue();

    // the fleet form over the same figures pays the same
    String[] customers = new String[HOMES];
    double[] delivered = new double[HOMES];
    for (int i = 0; i < HOMES; i++) {
      customers[i] = "c" + (i + 1);
      delivered[i] = sites.get(i).delivered().kilowattHours();
    }
    Integer[] order = new Integer[HOMES];
    for (int i = 0; i < HOMES; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (a, b) -> customers[a].compareTo(customers[b]));
    String[] sortedCustomers = new String[HOMES];
    double[] sortedDelivered = new double[HOMES];
    for (int i = 0; i < HOMES; i++) {
      sortedCustomers[i] = customers[order[i]];
      sortedDelivered[i] = delivered[order[i]];
    }
    FleetSettlement fleet =
        FleetSettlement.settle(
            byo,
            "ev-0914",
            "sce",
            revenue,
            sortedCustomers,
            sortedDelivered,
            new boolean[HOMES],
            WINDOW.end(),
            Ledger.inMemory(Money.USD));
    assertThat(fleet.paid()).isEqualTo(settled.paid());

    YearMonth september = YearMonth.of(2016, 9);
    MonthlySettlement.settle(
        register,
        "byo",
        september,
        AccuracyReport.PST,
        Map.of(),
        Instant.parse("2016-10-01T07:00:00Z").minusSeconds(1),
        ledger);
    Money earned = Money.zero(Money.USD);
    for (int h = 1; h <= HOMES; h++) {
      // customer c{h} has one site, home-{h}: its statement lists that site's event only
      Statement s =
          Statement.monthly(
              ledger, "c" + h, september, AccuracyReport.PST, List.of(sites.get(h - 1)));
      assertThat(s.events())
          .singleElement()
          .extracting(SitePerformance::siteId)
          .isEqualTo("home-" + h);
      // capacity: 1.25 USD × 5 kW
      assertThat(s.total(org.openvpp.settle.LineKind.CAPACITY)).isEqualTo(Money.usd("6.25"));
      earned = earned.plus(s.earned());
    }
    assertThat(earned).isEqualTo(ledger.balance(Account.expense("byo")));
    assertThat(earned).isEqualTo(settled.paid().plus(Money.usd("6.25").times(HOMES)));

    CapacityAccreditation a =
        CapacityAccreditation.assess(
            "byo",
            register.enrolledCapacity("byo"),
            register.enrolledCapacity("byo"),
            List.of(
                new CapacityAccreditation.PastEvent(
                    "ev-0914", Power.ofKilowatts(24), group.deliveredPower())));
    assertThat(a.accredited().kilowatts())
        .isCloseTo(60 * Math.min(1, group.ofCommitment()), within(1e-9));
  }
}
