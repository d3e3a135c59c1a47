package org.openvpp.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openvpp.device.DeviceId;
import org.openvpp.device.DeviceKind;
import org.openvpp.program.Consent;
import org.openvpp.program.EventLimits;
import org.openvpp.program.EventSource;
import org.openvpp.program.Incentives;
import org.openvpp.program.OptOutRules;
import org.openvpp.program.Program;
import org.openvpp.program.ProgramEvent;
import org.openvpp.program.ProgramKind;
import org.openvpp.program.Targeting;
import org.openvpp.service.clock.ServiceClock;
import org.openvpp.service.control.Tuning;
import org.openvpp.service.measure.EventResult;
import org.openvpp.service.measure.SiteResult;
import org.openvpp.service.prices.DayAheadPrices;
import org.openvpp.service.register.Register;
import org.openvpp.service.testing.TestEdge;
import org.openvpp.time.Interval;
import org.openvpp.units.Money;
import org.openvpp.units.Power;

/** The service on an in-memory world, day after day: enrolment, events, dispatch, M&V, money. */
class ServiceTest {
  static final ZoneId LA = ZoneId.of("America/Los_Angeles");
  static final LocalDate FIRST = LocalDate.of(2019, 8, 1);
  static final Instant START = FIRST.atStartOfDay(LA).toInstant();

  private @Nullable Service service;

  @AfterEach
  void stop() {
    if (service != null) {
      service.close();
    }
  }

  static Program byo() {
    return byo("fontana");
  }

  static Program byo(String region) {
    return byo(region, START);
  }

  /** The program with a season of 120 days from {@code seasonStart}. */
  static Program byo(String region, Instant seasonStart) {
    return new Program(
            "byo",
            "Bring your own battery",
            ProgramKind.BYO_BATTERY,
            Set.of(DeviceKind.BATTERY),
            Set.of(region),
            Power.ofKilowatts(1000),
            1000,
            new EventLimits(
                new Interval(seasonStart, seasonStart.plus(Duration.ofDays(120))),
                20,
                Duration.ofHours(4),
                Duration.ofHours(60),
                Duration.ofHours(2)),
            Incentives.none(Money.USD).withPerKwh(Money.usd("2.00")),
            new OptOutRules(3, Duration.ofHours(1), false),
            Set.of())
        .withBuyer(new Program.Buyer(Money.usd("2.50"), Money.usd("5.00")));
  }

  private Service service(TestEdge edge) {
    Service.Parts parts =
        new Service.Parts(
            ServiceClock.following(START, LA),
            Tuning.defaults(),
            Records.inMemory(),
            DayAheadPrices.none(LA),
            Map.of(),
            Optional.empty(),
            List.of(),
            Duration.ofHours(1),
            Duration.ofHours(1));
    return Service.assemble(parts, edge.factory()).start();
  }

  private static Instant at(LocalDate day, int hour) {
    return ZonedDateTime.of(day.atTime(hour, 0), LA).toInstant();
  }

  @Test
  void anEventOnDayTwelveIsMeasuredByTenInTenFromStoredReadingsAndPaid() throws Exception {
    TestEdge edge = new TestEdge();
    Service service = service(edge);
    this.service = service;
    Register r = service.register();
    r.putProgram(byo());
    for (int i = 1; i <= 4; i++) {
      String meter = "m-" + i;
      edge.home(meter, 1.5);
      var c = r.addCustomer(Optional.empty(), "Home " + i);
      var s = r.addSite(Optional.empty(), c.id(), meter, "fontana", "feeder-1");
      DeviceId b = DeviceId.of("b-" + i);
      r.linkDevice(s.id(), b, DeviceKind.BATTERY, Power.ofKilowatts(5));
      Consent k =
          r.grantConsent(
              s.id(),
              "owner",
              Set.of(Consent.Scope.CONTROL, Consent.Scope.METER_DATA),
              Optional.empty());
      r.enrol("byo", s.id(), List.of(b), k.id());
      edge.born(meter, TestEdge.battery("b-" + i, 13.5, 5), 10);
    }
    LocalDate eventDay = FIRST.plusDays(11); // Monday 12 August
    Instant end = at(eventDay.plusDays(1), 2);
    Optional<ProgramEvent> created = Optional.empty();
    for (Instant t = START; t.isBefore(end); t = t.plus(Duration.ofMinutes(1))) {
      if (t.equals(at(eventDay, 10))) {
        created =
            Optional.of(
                service
                    .events()
                    .create(
                        Optional.empty(),
                        "byo",
                        EventSource.OPERATOR,
                        new Interval(at(eventDay, 17), at(eventDay, 20)),
                        Targeting.wholeProgram(),
                        Optional.empty()));
      }
      edge.step(t);
    }
    String id = created.orElseThrow().id();
    EventResult result = service.measurement().result(id).orElseThrow();
    assertThat(result.sites()).hasSize(4);
    for (SiteResult s : result.sites()) {
      assertThat(s.status()).isEqualTo(SiteResult.Status.MEASURED);
      assertThat(s.method()).isEqualTo("caiso-10in10");
      assertThat(s.fallback()).isFalse();
      // weekdays since 1 August: 1, 2, 5, 6, 7, 8, 9 (fewer than ten, at least five)
      assertThat(s.referenceDays()).hasSize(7);
      // The home draws 1.5 kW all along, 4.5 kWh over the three hours; but the battery charged for
      // the event in the day-of window (13:00-16:00), which scales the baseline up to the cap.
      assertThat(s.baselineKwh()).isCloseTo(4.5 * 1.2, within(1e-6));
      assertThat(s.deliveredKwh()).isGreaterThan(5);
    }
    double committed = result.committedKwh();
    assertThat(committed).isGreaterThan(0);
    assertThat(result.deliveredKwh()).isGreaterThan(0.8 * committed);
    assertThat(service.books().settledRevision(id)).isEqualTo(1);
    boolean balanced = service.books().read(l -> l.total().isZero());
    assertThat(balanced).isTrue();
  }
}
