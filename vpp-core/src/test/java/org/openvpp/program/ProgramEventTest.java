package org.openvpp.program;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openvpp.time.Interval;

class ProgramEventTest {
  private static final Instant START = Instant.parse("2019-08-06T00:00:00Z");

  private static ProgramEvent in(ProgramEvent.State state, Instant since) {
    return new ProgramEvent(
        "e",
        "p",
        EventSource.OPERATOR,
        Interval.of(START, Duration.ofHours(3)),
        Targeting.wholeProgram(),
        Optional.empty(),
        START.minus(Duration.ofHours(5)),
        state,
        since);
  }

  @Test
  void anEventBeganWhenItRanOrWasCancelledAfterItsStart() {
    assertThat(in(ProgramEvent.State.SCHEDULED, START.minusSeconds(60)).began()).isFalse();
    assertThat(in(ProgramEvent.State.ACTIVE, START).began()).isTrue();
    assertThat(in(ProgramEvent.State.COMPLETED, START.plus(Duration.ofHours(3))).began()).isTrue();
    assertThat(in(ProgramEvent.State.CANCELLED, START.minusSeconds(1)).began()).isFalse();
    assertThat(in(ProgramEvent.State.CANCELLED, START).began()).isFalse();
    assertThat(in(ProgramEvent.State.CANCELLED, START.plusSeconds(1)).began()).isTrue();
  }
}
