package org.openvpp.program;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openvpp.program.Fixtures.T0;
import static org.openvpp.program.Fixtures.battery;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openvpp.time.Interval;
import org.openvpp.units.Power;

class EventModificationTest {
  private static final Instant DAY = Instant.parse("2026-07-15T00:00:00Z");

  private EventBook book;

  @BeforeEach
  void fleet() {
    Enrolments register = Fixtures.register(2, Fixtures.byo());
    register.enrol("e1", "byo", "s1", battery("b1", 5), "k1", T0);
    register.enrol("e2", "byo", "s2", battery("b2", 5), "k2", T0);
    book = EventBook.inMemory(register);
  }

  private static Interval hours(Instant day, int from, int to) {
    return new Interval(day.plus(Duration.ofHours(from)), day.plus(Duration.ofHours(to)));
  }

  private ProgramEvent create(String id, Interval window) {
    return book.create(
        id,
        "byo",
        EventSource.UTILITY_OPENADR,
        window,
        Targeting.wholeProgram(),
        Optional.of(Power.ofKilowatts(10)),
        DAY);
  }

  @Test
  void anActiveEventIsExtendedAndItsParticipantsAreTold() {
    create("ev", hours(DAY, 17, 19));
    book.advance(hours(DAY, 17, 18).start());
    Instant at = hours(DAY, 18, 19).start();
    ProgramEvent longer = book.modify("ev", hours(DAY, 17, 20), Optional.empty(), at);
    assertThat(longer.state()).isEqualTo(ProgramEvent.State.ACTIVE);
    assertThat(longer.window()).isEqualTo(hours(DAY, 17, 20));
    assertThat(longer.requested()).isEmpty();
    assertThat(book.notices())
        .filteredOn(n -> n.kind() == Notice.Kind.MODIFIED)
        .hasSize(2)
        .allSatisfy(n -> assertThat(n.window()).isEqualTo(hours(DAY, 17, 20)));
    // it now runs to 20:00
    assertThat(book.advance(hours(DAY, 19, 20).start())).isEmpty();
    assertThat(book.advance(hours(DAY, 20, 21).start()))
        .extracting(ProgramEvent::state)
        .containsExactly(ProgramEvent.State.COMPLETED);
  }

  @Test
  void anActiveEventShortenedToNowIsCompletedAtOnce() {
    create("ev", hours(DAY, 17, 19));
    book.advance(hours(DAY, 17, 18).start());
    Instant at = DAY.plus(Duration.ofMinutes(17 * 60 + 30));
    ProgramEvent done =
        book.modify("ev", new Interval(hours(DAY, 17, 18).start(), at), Optional.empty(), at);
    assertThat(done.state()).isEqualTo(ProgramEvent.State.COMPLETED);
  }

  @Test
  void anActiveEventsStartCannotMove() {
    create("ev", hours(DAY, 17, 19));
    book.advance(hours(DAY, 17, 18).start());
    assertThatThrownBy(
            () -> book.modify("ev", hours(DAY, 16, 19), Optional.empty(), hours(DAY, 17, 18).end()))
        .isInstanceOf(ProgramException.class)
        .hasMessageContaining("its start cannot move");
  }

  @Test
  void anExtensionBeyondTheLongestEventIsRefused() {
    // the fixture's program allows 4 h per event
    create("ev", hours(DAY, 16, 19));
    book.advance(hours(DAY, 16, 17).start());
    assertThatThrownBy(
            () ->
                book.modify("ev", hours(DAY, 16, 21), Optional.empty(), hours(DAY, 17, 18).start()))
        .isInstanceOf(ProgramException.class)
        .hasMessageContaining("allows at most PT4H")
        .extracting(e -> ((ProgramException) e).reason())
        .isEqualTo(ProgramException.Reason.EVENT_LIMIT);
    assertThat(book.event("ev").window()).isEqualTo(hours(DAY, 16, 19));
  }

  @Test
  void aScheduledEventMovedSoonerNeedsTheProgramsNotice() {
    create("ev", hours(DAY, 17, 19));
    // 2 h notice: at 14:30 it may not move to 16:00
    Instant at = DAY.plus(Duration.ofMinutes(14 * 60 + 30));
    assertThatThrownBy(() -> book.modify("ev", hours(DAY, 16, 18), Optional.empty(), at))
        .hasMessageContaining("needs at least PT2H notice");
    assertThat(book.modify("ev", hours(DAY, 17, 20), Optional.empty(), at).window())
        .isEqualTo(hours(DAY, 17, 20));
  }

  @Test
  void aModifiedEventDoesNotOverlapItself() {
    create("ev", hours(DAY, 17, 19));
    assertThat(book.modify("ev", hours(DAY, 18, 20), Optional.empty(), DAY).window())
        .isEqualTo(hours(DAY, 18, 20));
  }

  @Test
  void anEventThatIsOverCannotBeModified() {
    create("ev", hours(DAY, 17, 19));
    book.cancel("ev", DAY);
    assertThatThrownBy(() -> book.modify("ev", hours(DAY, 17, 20), Optional.empty(), DAY))
        .extracting(e -> ((ProgramException) e).reason())
        .isEqualTo(ProgramException.Reason.ILLEGAL_TRANSITION);
  }
}
