package org.openvpp.program;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openvpp.program.Fixtures.T0;
import static org.openvpp.program.Fixtures.battery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openvpp.time.Interval;
import org.openvpp.units.Power;

class EventBookTest {
  private static final Instant DAY = Instant.parse("2026-07-15T00:00:00Z");
  private static final Interval WINDOW =
      new Interval(DAY.plus(Duration.ofHours(18)), DAY.plus(Duration.ofHours(20)));

  private Enrolments register;
  private EventBook book;

  @BeforeEach
  void fleet() {
    register = Fixtures.register(3, Fixtures.byo());
    register.enrol("e1", "byo", "s1", battery("b1", 5), "k1", T0);
    register.enrol("e2", "byo", "s2", battery("b2", 5), "k2", T0);
    register.enrol("e3", "byo", "s3", battery("b3", 5), "k3", T0);
    book = EventBook.inMemory(register);
  }

  private ProgramEvent create(String id, Interval window, Instant at) {
    return book.create(
        id,
        "byo",
        EventSource.UTILITY_OPENADR,
        window,
        Targeting.wholeProgram(),
        Optional.of(Power.ofKilowatts(10)),
        at);
  }

  private static Interval hours(Instant day, int from, int to) {
    return new Interval(day.plus(Duration.ofHours(from)), day.plus(Duration.ofHours(to)));
  }

  @Test
  void creationChecksTheProgramsEventLimits() {
    // limits: 3 events, 4 h each, 8 h a season, 2 h notice, season June to September
    Instant early = DAY;
    record Case(String what, Interval window, Instant at, String message) {}
    List<Case> cases =
        List.of(
            new Case(
                "notice",
                WINDOW,
                WINDOW.start().minus(Duration.ofMinutes(119)),
                "needs at least PT2H notice"),
            new Case(
                "season",
                hours(Instant.parse("2026-10-02T00:00:00Z"), 18, 20),
                early,
                "lies outside the season"),
            new Case("length", hours(DAY, 14, 19), early, "allows at most PT4H"));
    for (Case c : cases) {
      assertThatThrownBy(() -> create("x", c.window(), c.at()))
          .as(c.what())
          .isInstanceOf(ProgramException.class)
          .hasMessageContaining(c.message())
          .extracting(e -> ((ProgramException) e).reason())
          .isEqualTo(ProgramException.Reason.EVENT_LIMIT);
    }
    create("ev1", hours(DAY, 14, 18), early);
    assertThatThrownBy(() -> create("x", hours(DAY, 17, 19), early))
        .hasMessageContaining("overlaps event ev1");
    create("ev2", hours(DAY.plus(Duration.ofDays(1)), 14, 18), early);
    // 8 h used: the season's hours are full
    assertThatThrownBy(() -> create("x", hours(DAY.plus(Duration.ofDays(2)), 14, 15), early))
        .hasMessageContaining("to PT9H of events this season; it allows PT8H");
    // a cancelled event gives its hours back, but the count of three still binds
    book.cancel("ev2", early);
    create("ev3", hours(DAY.plus(Duration.ofDays(2)), 14, 16), early);
    create("ev4", hours(DAY.plus(Duration.ofDays(3)), 14, 15), early);
    assertThatThrownBy(() -> create("x", hours(DAY.plus(Duration.ofDays(4)), 14, 15), early))
        .hasMessageContaining("has had 3 events this season, the most it allows (3)");
  }

  @Test
  void theLifecycleGoesScheduledActiveCompletedAndRefusesEverythingElse() {
    ProgramEvent e = create("ev", WINDOW, DAY);
    assertThat(e.state()).isEqualTo(ProgramEvent.State.SCHEDULED);
    assertThatThrownBy(() -> book.complete("ev", WINDOW.start()))
        .hasMessage(
            "cannot complete event ev: it is SCHEDULED since "
                + DAY
                + "; only an event that is one of [ACTIVE] can complete");
    assertThatThrownBy(() -> book.start("ev", WINDOW.start().minusSeconds(1)))
        .hasMessageContaining("before its window");
    assertThat(book.advance(WINDOW.start()))
        .extracting(ProgramEvent::state)
        .containsExactly(ProgramEvent.State.ACTIVE);
    assertThatThrownBy(() -> book.start("ev", WINDOW.start()))
        .extracting(x -> ((ProgramException) x).reason())
        .isEqualTo(ProgramException.Reason.ILLEGAL_TRANSITION);
    assertThat(book.advance(WINDOW.end()).get(0).state()).isEqualTo(ProgramEvent.State.COMPLETED);
    assertThatThrownBy(() -> book.cancel("ev", WINDOW.end()))
        .hasMessageContaining("it is COMPLETED");
  }

  @Test
  void participantsAreNoticedOnCreationAndCancellationByTheirTarget() {
    book.create(
        "ev", "byo", EventSource.OPERATOR, WINDOW, Targeting.feeder("f1"), Optional.empty(), DAY);
    // s1 and s3 are on f1, s2 on f2
    assertThat(book.participants("ev")).containsExactly("s1", "s3");
    book.cancel("ev", DAY.plusSeconds(60));
    assertThat(book.notices())
        .extracting(n -> n.siteId() + ":" + n.kind())
        .containsExactly("s1:SCHEDULED", "s3:SCHEDULED", "s1:CANCELLED", "s3:CANCELLED");
    assertThat(book.event("ev").source()).isEqualTo(EventSource.OPERATOR);
  }

  @Test
  void optOutsFollowTheProgramsRules() {
    // byo: one opt-out a season, at least 1 h before the start, not during the event
    create("ev", WINDOW, DAY);
    create("ev2", hours(DAY.plus(Duration.ofDays(1)), 18, 20), DAY);
    Instant late = WINDOW.start().minus(Duration.ofMinutes(59));
    assertThatThrownBy(() -> book.optOut("ev", "s1", late))
        .hasMessageContaining("takes opt-outs until " + WINDOW.start().minus(Duration.ofHours(1)));
    book.optOut("ev", "s1", WINDOW.start().minus(Duration.ofHours(1)));
    assertThatThrownBy(() -> book.optOut("ev", "s1", DAY))
        .extracting(x -> ((ProgramException) x).reason())
        .isEqualTo(ProgramException.Reason.DUPLICATE);
    assertThatThrownBy(() -> book.optOut("ev2", "s1", DAY))
        .hasMessage("site s1 has used 1 of 1 opt-outs this season in program byo");
    assertThatThrownBy(() -> book.optOut("ev", "s9", DAY))
        .hasMessageContaining("not a participant");
  }

  @Test
  void dispatchHasTheDevicesWithConsentNotOptedOutUnderTheCapAtEachInstant() {
    register.revokeConsent("k2", WINDOW.start().plus(Duration.ofMinutes(30)));
    create("ev", WINDOW, DAY);
    book.optOut("ev", "s3", DAY.plusSeconds(1));
    Instant first = WINDOW.start();
    assertThat(book.dispatchable("ev", first.minusSeconds(1))).isEmpty();
    assertThat(book.dispatchable("ev", first))
        .extracting(d -> d.id().value())
        .containsExactly("b1", "b2");
    assertThat(book.dispatchable("ev", first.plus(Duration.ofMinutes(30))))
        .extracting(d -> d.id().value())
        .containsExactly("b1");
    book.cancel("ev", first.plus(Duration.ofMinutes(40)));
    assertThat(book.dispatchable("ev", first.plus(Duration.ofMinutes(45)))).isEmpty();
  }

  @Test
  void dispatchStopsAtTheCapWhenTheProgramsCapIsLowered() {
    create("ev", WINDOW, DAY);
    register.putProgram(Fixtures.byo(Power.ofKilowatts(12), 3));
    assertThat(book.dispatchable("ev", WINDOW.start())).hasSize(2);
  }

  @Test
  void anOptOutDuringTheEventStopsDispatchFromThatInstant() {
    Enrolments r = Fixtures.register(1, Fixtures.leased());
    r.enrol("e1", "leased", "s1", battery("b1", 5), "k1", T0);
    EventBook b = EventBook.inMemory(r);
    b.create(
        "ev",
        "leased",
        EventSource.MARKET_AWARD,
        WINDOW,
        Targeting.region("ca-south"),
        Optional.empty(),
        DAY);
    Instant mid = WINDOW.start().plus(Duration.ofMinutes(45));
    b.optOut("ev", "s1", mid);
    assertThat(b.dispatchable("ev", mid.minusSeconds(1))).hasSize(1);
    assertThat(b.dispatchable("ev", mid)).isEmpty();
  }
}
