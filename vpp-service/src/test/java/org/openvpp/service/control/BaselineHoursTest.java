package org.openvpp.service.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openvpp.aggregate.GroupId;
import org.openvpp.plan.Plan;
import org.openvpp.program.EventSource;
import org.openvpp.program.ProgramEvent;
import org.openvpp.program.Targeting;
import org.openvpp.time.Horizon;
import org.openvpp.time.Interval;

/** The hours trading keeps out of, worked by hand on a summer evening event. */
class BaselineHoursTest {
  private static final ZoneId LA = ZoneId.of("America/Los_Angeles");
  // Aug 6 2019, 17:00-20:00 local (UTC-7)
  private static final Interval EVENT =
      new Interval(Instant.parse("2019-08-07T00:00:00Z"), Instant.parse("2019-08-07T03:00:00Z"));

  private static ProgramEvent event(String program, Interval window, ProgramEvent.State state) {
    Instant notice = window.start().minus(Duration.ofHours(5));
    return new ProgramEvent(
        "e-" + window.start(),
        program,
        EventSource.OPERATOR,
        window,
        Targeting.wholeProgram(),
        Optional.empty(),
        notice,
        state,
        state == ProgramEvent.State.COMPLETED ? window.end() : notice);
  }

  @Test
  void anEventThatBeganCoversItsHoursAndTheFourBefore() {
    BaselineHours h =
        BaselineHours.of(
            List.of(event("p", EVENT, ProgramEvent.State.COMPLETED)),
            "p",
            EVENT.end().plus(Duration.ofDays(3)),
            LA);
    assertThat(h.toString()).isEqualTo("13:00-20:00");
    Instant nextDay = EVENT.start().plus(Duration.ofDays(1));
    assertThat(h.covers(nextDay.minus(Duration.ofHours(4)), LA)).isTrue();
    assertThat(h.covers(nextDay.minus(Duration.ofHours(4)).minusSeconds(1), LA)).isFalse();
    assertThat(h.covers(nextDay.plus(Duration.ofMinutes(179)), LA)).isTrue();
    assertThat(h.covers(nextDay.plus(Duration.ofHours(3)), LA)).isFalse();
  }

  @Test
  void otherProgramsEventsAndOldOrCancelledOnesDoNotCount() {
    Instant now = EVENT.end().plus(Duration.ofDays(50));
    assertThat(
            BaselineHours.of(
                    List.of(
                        event("other", EVENT, ProgramEvent.State.COMPLETED),
                        event("p", EVENT, ProgramEvent.State.COMPLETED),
                        event(
                            "p",
                            new Interval(
                                EVENT.start().plus(Duration.ofDays(49)),
                                EVENT.end().plus(Duration.ofDays(49))),
                            ProgramEvent.State.CANCELLED)),
                    "p",
                    now,
                    LA)
                .isEmpty())
        .isTrue();
  }

  @Test
  void restReleasesTheCoveredIntervalsOfDaysWithoutAnEvent() {
    BaselineHours h =
        BaselineHours.of(
            List.of(event("p", EVENT, ProgramEvent.State.COMPLETED)),
            "p",
            EVENT.end().plus(Duration.ofDays(1)),
            LA);
    // two days of hourly intervals from Aug 7 00:00 local, discharging 10 kW throughout
    Instant start = Instant.parse("2019-08-07T07:00:00Z");
    Horizon horizon = Horizon.covering(Interval.of(start, Duration.ofDays(2)), Duration.ofHours(1));
    double[] kw = new double[horizon.count()];
    java.util.Arrays.fill(kw, -10);
    Plan plan = new Plan(GroupId.FLEET, horizon, kw);
    // an event on Aug 8: that day keeps its plan
    Plan rested = h.rest(plan, Set.of(LocalDate.of(2019, 8, 8)), LA);
    for (int k = 0; k < horizon.count(); k++) {
      int hour = k % 24;
      boolean aug7 = k < 24;
      double want = aug7 && hour >= 13 && hour < 20 ? 0 : -10;
      assertThat(rested.target(k).kilowatts()).as("interval %d", k).isEqualTo(want);
    }
  }

  @Test
  void nothingIsTakenFromTheGridInTheThreeHoursAfterAnEvent() {
    // the event of Aug 6 just over: its recovery runs to 23:00
    BaselineHours h =
        BaselineHours.of(
            List.of(event("p", EVENT, ProgramEvent.State.COMPLETED)),
            "p",
            EVENT.end().plus(Duration.ofMinutes(30)),
            LA);
    Horizon horizon =
        Horizon.covering(Interval.of(EVENT.end(), Duration.ofHours(5)), Duration.ofHours(1));
    double[] kw = {6, -2, 6, 6, 6};
    Plan rested =
        h.rest(new Plan(GroupId.FLEET, horizon, kw), Set.of(LocalDate.of(2019, 8, 6)), LA);
    // charging from 20:00 to 23:00 becomes a release, a discharge stays, and from 23:00 it charges
    assertThat(rested.target(0).kilowatts()).isZero();
    assertThat(rested.target(1).kilowatts()).isEqualTo(-2);
    assertThat(rested.target(2).kilowatts()).isZero();
    assertThat(rested.target(3).kilowatts()).isEqualTo(6);
    assertThat(rested.target(4).kilowatts()).isEqualTo(6);
  }
}
