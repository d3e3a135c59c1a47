package org.openvpp.service.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.openvpp.device.Battery;
import org.openvpp.device.DeviceId;
import org.openvpp.dispatch.CommandNumbers;
import org.openvpp.mv.baseline.DayCalendar;
import org.openvpp.plan.BatteryFleet;
import org.openvpp.plan.FleetPlanRequest;
import org.openvpp.plan.FleetPlanner;
import org.openvpp.plan.FleetSchedule;
import org.openvpp.program.EventSource;
import org.openvpp.program.ProgramEvent;
import org.openvpp.program.Targeting;
import org.openvpp.service.prices.DayAheadPrices;
import org.openvpp.service.state.ServiceState;
import org.openvpp.service.view.Alert;
import org.openvpp.time.Interval;
import org.openvpp.twin.Telemetry;
import org.openvpp.twin.TwinStore;
import org.openvpp.units.Energy;
import org.openvpp.units.Power;

/** A battery program's planning when the planner fails: a fallback, an alert, never a stop. */
class BatteryControlTest {
  private static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");
  private static final Instant NOON = Instant.parse("2026-08-06T19:00:00Z");
  private static final Interval EVENT =
      Interval.of(Instant.parse("2026-08-07T01:00:00Z"), hours(3));

  private final TwinStore twins = new TwinStore(Duration.ofMinutes(10));
  private final int[] batteries = new int[4];
  private final ServiceState promises = ServiceState.inMemory();
  private final Commitments commitments = new Commitments(promises);
  private final DayAheadPrices prices = EveningPrices.of(ZONE, LocalDate.of(2026, 8, 6), 2);
  private final AtomicBoolean failing = new AtomicBoolean();
  private long sequence;
  private final FleetPlanner real = new FleetPlanner();
  private final BatteryControl control =
      new BatteryControl(
          "bat",
          twins,
          Tuning.defaults(),
          ZONE,
          true,
          new CommandNumbers(0),
          ServiceState.inMemory(),
          this::planOrFail);

  BatteryControlTest() {
    for (int i = 0; i < batteries.length; i++) {
      batteries[i] =
          twins.register(
              new Battery(
                  DeviceId.of("b" + i),
                  Energy.ofKilowattHours(13.5),
                  Power.ofKilowatts(5),
                  Power.ofKilowatts(5),
                  0.9,
                  Energy.ofKilowattHours(2)));
    }
  }

  /** Every battery reports, idle and holding 10 kWh, just before {@code at}. */
  private void report(Instant at) {
    sequence++;
    for (int d : batteries) {
      twins.apply(
          new Telemetry(
              twins.device(d).id(),
              at.minusSeconds(30),
              sequence,
              Power.ZERO,
              Energy.ofKilowattHours(10),
              Optional.empty(),
              Optional.empty()));
    }
  }

  private FleetSchedule planOrFail(BatteryFleet f, FleetPlanRequest r) {
    if (failing.get()) {
      throw new IllegalStateException("master LP unbounded (test)");
    }
    return real.plan(f, r);
  }

  private static Duration hours(int h) {
    return Duration.ofHours(h);
  }

  private static ProgramEvent event() {
    return event(EVENT);
  }

  private static ProgramEvent event(Interval window) {
    return new ProgramEvent(
        "e1",
        "bat",
        EventSource.OPERATOR,
        window,
        Targeting.wholeProgram(),
        Optional.empty(),
        NOON.minusSeconds(3600),
        ProgramEvent.State.SCHEDULED,
        NOON.minusSeconds(3600));
  }

  private void plan(Instant at, List<ProgramEvent> live) {
    report(at);
    prices.poll(at);
    control.plan(
        at,
        twins,
        batteries,
        live,
        commitments,
        DayCalendar.usNerc(Set.of()),
        BaselineHours.NONE,
        prices,
        Optional.of("NODE"));
  }

  @Test
  void aFailingPlannerWithAnEventAheadFallsBackToTheSimpleEventPlan() {
    plan(NOON, List.of());
    assertThat(control.trading()).isTrue();
    assertThat(control.alert()).isEmpty();

    failing.set(true);
    Instant later = NOON.plusSeconds(900);
    plan(later, List.of(event()));

    assertThat(control.failures()).isEqualTo(1);
    assertThat(control.trading()).isFalse();
    Alert alert = control.alert().orElseThrow();
    assertThat(alert.source()).isEqualTo("planner of program bat");
    assertThat(alert.fallback()).isEqualTo("the simple event plan");
    assertThat(alert.message()).contains("unbounded");
    // the event is still served: committed, and the batteries planned to discharge through it
    double committed = commitments.of("e1").orElseThrow().kilowatts();
    assertThat(committed).isPositive();
    assertThat(BatteryControl.targetAt(control.plan(), EVENT.start()).kilowatts())
        .isCloseTo(-committed, org.assertj.core.data.Offset.offset(1e-6));
  }

  @Test
  void aFailingPlannerWithoutAnEventKeepsTheLastGoodPlanAndRecovers() {
    plan(NOON, List.of());
    var good = control.plan().orElseThrow();

    failing.set(true);
    plan(NOON.plusSeconds(900), List.of());
    plan(NOON.plusSeconds(1800), List.of());

    assertThat(control.plan()).containsSame(good);
    assertThat(control.trading()).isTrue();
    Alert alert = control.alert().orElseThrow();
    assertThat(alert.fallback()).startsWith("the last good plan");
    assertThat(alert.count()).isEqualTo(2);
    assertThat(alert.since()).isEqualTo(NOON.plusSeconds(900));
    assertThat(alert.last()).isEqualTo(NOON.plusSeconds(1800));

    failing.set(false);
    plan(NOON.plusSeconds(2700), List.of());
    assertThat(control.alert()).isEmpty();
    assertThat(control.failures()).isEqualTo(2);
    assertThat(control.plan().orElseThrow()).isNotSameAs(good);
  }

  /** At each local midnight the record and the losses go to the state; a new control reads them. */
  @Test
  void theBatteryRecordIsKeptAtMidnightForARestart() {
    ServiceState state = ServiceState.inMemory();
    BatteryControl first =
        new BatteryControl(
            "bat", twins, Tuning.defaults(), ZONE, true, new CommandNumbers(0), state, real::plan);
    Instant evening = LocalDate.of(2026, 8, 6).atTime(23, 50).atZone(ZONE).toInstant();
    for (int m = 0; m < 20; m++) {
      Instant now = evening.plusSeconds(60L * m);
      report(now.plusSeconds(30));
      first.record(now, twins, batteries);
    }
    String kept = state.get("battery-record", "bat").orElseThrow();
    assertThat(kept).contains("\"2026-08-06\"");
    assertThat(state.get("battery-losses", "bat")).isPresent();
    BatteryRecord back = new BatteryRecord(Duration.ofMinutes(15), ZONE);
    back.read(kept);
    assertThat(back.write()).isEqualTo(kept);
  }

  @Test
  void aFailingPlannerWithNothingToFollowIdles() {
    failing.set(true);
    plan(NOON, List.of());
    assertThat(control.plan()).isEmpty();
    assertThat(control.alert().orElseThrow().fallback()).isEqualTo("idle");
  }

  /** An extension the batteries cannot hold at the promised power lowers the promise, once. */
  @Test
  void anExtensionTheBatteriesCannotHoldLowersThePromise() {
    plan(NOON, List.of(event()));
    double promised = commitments.of("e1").orElseThrow().kilowatts();
    assertThat(promised).isPositive();
    assertThat(commitments.sizedUntil("e1")).contains(EVENT.end());

    Interval longer = new Interval(EVENT.start(), EVENT.end().plus(hours(3)));
    plan(NOON.plusSeconds(900), List.of(event(longer)));
    double lowered = commitments.of("e1").orElseThrow().kilowatts();
    assertThat(lowered).isLessThan(promised * 0.75).isPositive();
    assertThat(commitments.sizedUntil("e1")).contains(longer.end());

    // the same window again changes nothing; a promise never grows
    plan(NOON.plusSeconds(1800), List.of(event(longer)));
    assertThat(commitments.of("e1").orElseThrow().kilowatts()).isEqualTo(lowered);
    // as a restarted service reads it back
    Commitments again = new Commitments(promises);
    assertThat(again.sizedUntil("e1")).contains(longer.end());
    assertThat(again.revise("e1", longer, Power.ofKilowatts(1_000), Power.ZERO, NOON).kilowatts())
        .isCloseTo(lowered, org.assertj.core.data.Offset.offset(1e-5));
    assertThat(again.discharge("e1").orElseThrow().kilowatts())
        .isCloseTo(
            commitments.discharge("e1").orElseThrow().kilowatts(),
            org.assertj.core.data.Offset.offset(1e-5));
  }

  /**
   * Extended halfway through: the promise over the whole window is the mean of the old one over the
   * half gone and what the batteries can hold for the rest; the plans hold that rest.
   */
  @Test
  void anExtensionHalfwayAveragesThePromiseOverTheWholeWindow() {
    Commitments c = new Commitments(ServiceState.inMemory());
    Interval first = Interval.of(NOON, hours(2));
    c.commit("e", Power.ofKilowatts(100), Power.ofKilowatts(10), first.end(), NOON);
    Interval longer = Interval.of(NOON, hours(4));
    // at 2 h of 4 the batteries can give 40 kW beyond the usual 12 to the new end
    Power kept =
        c.revise("e", longer, Power.ofKilowatts(40), Power.ofKilowatts(12), NOON.plus(hours(2)));
    assertThat(kept.kilowatts()).isCloseTo(70, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(c.discharge("e").orElseThrow().kilowatts())
        .isCloseTo(52, org.assertj.core.data.Offset.offset(1e-9));
    // able to hold more than promised: the promise stays, plans hold it and the usual part
    Commitments d = new Commitments(ServiceState.inMemory());
    d.commit("e", Power.ofKilowatts(100), Power.ofKilowatts(10), first.end(), NOON);
    assertThat(d.revise("e", longer, Power.ofKilowatts(150), Power.ofKilowatts(12), NOON))
        .isEqualTo(Power.ofKilowatts(100));
    assertThat(d.discharge("e").orElseThrow().kilowatts())
        .isCloseTo(112, org.assertj.core.data.Offset.offset(1e-9));
  }
}
