package org.openvpp.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
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
import org.openvpp.program.EventSource;
import org.openvpp.program.ProgramEvent;
import org.openvpp.program.ProgramException;
import org.openvpp.program.Targeting;
import org.openvpp.service.clock.ServiceClock;
import org.openvpp.service.control.Tuning;
import org.openvpp.service.measure.EventResult;
import org.openvpp.service.measure.SiteResult;
import org.openvpp.service.prices.DayAheadPrices;
import org.openvpp.service.register.Register;
import org.openvpp.service.testing.TestEdge;
import org.openvpp.settle.Transaction;
import org.openvpp.time.Interval;

/**
 * The service through the things a season brings: events cancelled and extended mid-way, readings
 * that come a day late, daylight-saving days and month ends.
 */
class SeasonTest {
  private @Nullable Service service;

  @AfterEach
  void stop() {
    if (service != null) {
      service.close();
    }
  }

  private record Run(Service service, TestEdge edge) {}

  private Run start(LocalDate first, int homes) {
    TestEdge edge = new TestEdge();
    Instant start = first.atStartOfDay(ServiceTest.LA).toInstant();
    Service s =
        Service.assemble(
                new Service.Parts(
                    ServiceClock.following(start, ServiceTest.LA),
                    Tuning.defaults(),
                    Records.inMemory(),
                    DayAheadPrices.none(ServiceTest.LA),
                    Map.of(),
                    Optional.empty(),
                    List.of(),
                    Duration.ofHours(1),
                    Duration.ofHours(1)),
                edge.factory())
            .start();
    service = s;
    Register r = s.register();
    r.putProgram(
        ServiceTest.byo("fontana", start.isBefore(ServiceTest.START) ? start : ServiceTest.START));
    for (int i = 1; i <= homes; i++) {
      String meter = "m-" + i;
      edge.home(meter, 1.5);
      var c = r.addCustomer(Optional.empty(), "Home " + i);
      var site = r.addSite(Optional.empty(), c.id(), meter, "fontana", "feeder-1");
      DeviceId b = DeviceId.of("b-" + i);
      r.linkDevice(site.id(), b, DeviceKind.BATTERY, org.openvpp.units.Power.ofKilowatts(5));
      Consent k =
          r.grantConsent(
              site.id(),
              "owner",
              Set.of(Consent.Scope.CONTROL, Consent.Scope.METER_DATA),
              Optional.empty());
      r.enrol("byo", site.id(), List.of(b), k.id());
      edge.born(meter, TestEdge.battery("b-" + i, 13.5, 5), 10);
    }
    return new Run(s, edge);
  }

  private static Instant at(LocalDate day, int hour, int minute) {
    return ZonedDateTime.of(day, LocalTime.of(hour, minute), ServiceTest.LA).toInstant();
  }

  private static ProgramEvent event(Service s, LocalDate day, int from, int to) {
    return s.events()
        .create(
            Optional.empty(),
            "byo",
            EventSource.OPERATOR,
            new Interval(at(day, from, 0), at(day, to, 0)),
            Targeting.wholeProgram(),
            Optional.empty());
  }

  private static double power(TestEdge edge, int homes) {
    double kw = 0;
    for (int i = 1; i <= homes; i++) {
      kw += edge.powerKw("b-" + i);
    }
    return kw;
  }

  @Test
  void anEventCancelledMidWayReleasesTheBatteriesAtOnceAndIsMeasuredUpToItsCancellation()
      throws Exception {
    LocalDate day = LocalDate.of(2019, 8, 6);
    Run run = start(day, 3);
    String id = "";
    double atCancel = 0;
    for (Instant t = at(day, 0, 0); t.isBefore(at(day, 22, 0)); t = t.plus(Duration.ofMinutes(1))) {
      if (t.equals(at(day, 10, 0))) {
        id = event(run.service(), day, 17, 20).id();
      }
      if (t.equals(at(day, 18, 2))) {
        atCancel = power(run.edge(), 3);
        run.service().events().cancel(id);
      }
      run.edge().step(t);
      if (t.equals(at(day, 18, 6))) {
        // the next step planned again; a minute's lag, then the batteries are let go
        assertThat(atCancel).isLessThan(-5);
        assertThat(power(run.edge(), 3)).isGreaterThan(-1);
      }
    }
    ProgramEvent e = run.service().events().event(id).orElseThrow();
    assertThat(e.state()).isEqualTo(ProgramEvent.State.CANCELLED);
    EventResult r = run.service().measurement().result(id).orElseThrow();
    // cancelled at 18:02, measured over the quarter hours it ran: 17:00-18:15
    assertThat(r.window()).isEqualTo(new Interval(at(day, 17, 0), at(day, 18, 15)));
    assertThat(r.sites()).allSatisfy(s -> assertThat(s.method()).isEqualTo("day-of-mean"));
    assertThat(r.sites()).allSatisfy(s -> assertThat(s.fallback()).isTrue());
  }

  @Test
  void anEventExtendedMidWayKeepsTheBatteriesGoingToItsNewEnd() throws Exception {
    LocalDate day = LocalDate.of(2019, 8, 6);
    Run run = start(day, 3);
    String id = "";
    for (Instant t = at(day, 0, 0);
        t.isBefore(at(day, 21, 30));
        t = t.plus(Duration.ofMinutes(1))) {
      if (t.equals(at(day, 10, 0))) {
        id = event(run.service(), day, 17, 19).id();
      }
      if (t.equals(at(day, 18, 0))) {
        run.service()
            .events()
            .modify(id, new Interval(at(day, 17, 0), at(day, 20, 0)), Optional.empty());
      }
      run.edge().step(t);
      if (t.equals(at(day, 19, 30))) {
        assertThat(power(run.edge(), 3)).as("discharging after the first end").isLessThan(-1);
      }
    }
    EventResult r = run.service().measurement().result(id).orElseThrow();
    assertThat(r.window()).isEqualTo(new Interval(at(day, 17, 0), at(day, 20, 0)));
  }

  @Test
  void anEventOutsideTheProgramsLimitsIsRefusedWithItsReason() throws Exception {
    LocalDate day = LocalDate.of(2019, 8, 6);
    Run run = start(day, 1);
    run.edge().step(at(day, 0, 0));
    // the program needs two hours' notice and events of four hours at most
    assertThatThrownBy(() -> event(run.service(), day, 1, 3))
        .isInstanceOf(ProgramException.class)
        .hasMessageContaining("needs at least PT2H notice");
    assertThatThrownBy(() -> event(run.service(), day, 10, 15))
        .hasMessageContaining("allows at most PT4H");
    assertThatThrownBy(
            () ->
                run.service()
                    .events()
                    .create(
                        Optional.empty(),
                        "byo",
                        EventSource.OPERATOR,
                        new Interval(at(day, 17, 5), at(day, 19, 0)),
                        Targeting.wholeProgram(),
                        Optional.empty()))
        .hasMessageContaining("quarter hour");
  }

  @Test
  void readingsThatComeADayLateMeasureTheEventAgainAndTheSettlementIsReversed() throws Exception {
    LocalDate day = LocalDate.of(2019, 8, 6);
    Run run = start(day, 3);
    String id = "";
    for (Instant t = at(day, 0, 0);
        t.isBefore(at(day.plusDays(1), 8, 0));
        t = t.plus(Duration.ofMinutes(1))) {
      if (t.equals(at(day, 10, 0))) {
        id = event(run.service(), day, 17, 19).id();
      }
      // the meters fall silent from 16:00 and report everything the next morning at 06:00
      run.edge().meters(t.isBefore(at(day, 16, 0)) || !t.isBefore(at(day.plusDays(1), 6, 0)));
      run.edge().step(t);
      if (t.equals(at(day, 21, 0))) {
        EventResult first = run.service().measurement().result(id).orElseThrow();
        assertThat(first.revision()).isEqualTo(1);
        assertThat(first.count(SiteResult.Status.NO_DATA)).isEqualTo(3);
      }
    }
    EventResult r = run.service().measurement().result(id).orElseThrow();
    assertThat(r.revision()).isEqualTo(2);
    assertThat(r.count(SiteResult.Status.MEASURED)).isEqualTo(3);
    assertThat(r.deliveredKwh()).isPositive();
    assertThat(run.service().books().settledRevision(id)).isEqualTo(2);
    String eventId = id;
    List<Transaction> txs = run.service().books().read(l -> l.transactions());
    // revision 1 paid nobody (no site measured) but the utility owes nothing either; revision 2
    // pays each site, and nothing of revision 1 is left standing
    assertThat(txs).anySatisfy(t -> assertThat(t.id()).startsWith(eventId + "@r2/"));
    assertThat(txs)
        .filteredOn(t -> t.id().startsWith(eventId + "@r1/"))
        .allSatisfy(
            t -> assertThat(txs).anySatisfy(x -> assertThat(x.reverses()).contains(t.id())));
    boolean balanced = run.service().books().read(l -> l.total().isZero());
    assertThat(balanced).isTrue();
  }

  /** What {@link #live} did: the steps it took and the event it made. */
  private record Lived(int steps, String eventId) {}

  /**
   * Steps {@code run} minute by minute from {@code first} to {@code end} (exclusive, local days),
   * creating at 09:00 of {@code eventDay} an event from 17:00 to 19:00 that evening.
   */
  private Lived live(Run run, LocalDate first, LocalDate end, LocalDate eventDay) throws Exception {
    int steps = 0;
    String id = "";
    Instant stop = end.atStartOfDay(ServiceTest.LA).toInstant();
    for (Instant t = first.atStartOfDay(ServiceTest.LA).toInstant();
        t.isBefore(stop);
        t = t.plus(Duration.ofMinutes(1))) {
      if (t.equals(at(eventDay, 9, 0))) {
        id = event(run.service(), eventDay, 17, 19).id();
      }
      run.edge().step(t);
      steps++;
    }
    return new Lived(steps, id);
  }

  @Test
  void theServiceRunsThroughAFallBackDayOfTwentyFiveHoursAndCloses0ctober() throws Exception {
    LocalDate first = LocalDate.of(2019, 10, 31);
    Run run = start(first, 2);
    // 3 November 2019 is 25 hours long in Los Angeles; an event that evening
    Lived lived = live(run, first, LocalDate.of(2019, 11, 5), LocalDate.of(2019, 11, 3));
    // 31 Oct .. 4 Nov: five days, one of them 25 hours
    assertThat(lived.steps()).isEqualTo(5 * 24 * 60 + 60);
    assertThat(run.service().books().closedMonths()).containsExactly(YearMonth.of(2019, 10));
    EventResult r = run.service().measurement().result(lived.eventId()).orElseThrow();
    assertThat(r.window().length()).isEqualTo(Duration.ofHours(2));
    assertThat(r.count(SiteResult.Status.MEASURED)).isEqualTo(2);
  }

  @Test
  void theServiceRunsThroughASpringForwardDayOfTwentyThreeHoursAndClosesFebruary()
      throws Exception {
    LocalDate first = LocalDate.of(2019, 2, 27);
    Run run = start(first, 2);
    // 10 March 2019 is 23 hours long in Los Angeles; an event that evening
    Lived lived = live(run, first, LocalDate.of(2019, 3, 12), LocalDate.of(2019, 3, 10));
    // 27 Feb .. 11 Mar: thirteen days, one of them 23 hours
    assertThat(lived.steps()).isEqualTo(13 * 24 * 60 - 60);
    assertThat(run.service().books().closedMonths()).containsExactly(YearMonth.of(2019, 2));
    EventResult r = run.service().measurement().result(lived.eventId()).orElseThrow();
    assertThat(r.window().length()).isEqualTo(Duration.ofHours(2));
    assertThat(r.window().start()).isEqualTo(at(LocalDate.of(2019, 3, 10), 17, 0));
    assertThat(r.count(SiteResult.Status.MEASURED)).isEqualTo(2);
  }
}
