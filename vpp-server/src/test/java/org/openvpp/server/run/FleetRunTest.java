package org.openvpp.server.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvpp.event.GridEvent;
import org.openvpp.sim.data.FontanaHomes;
import org.openvpp.time.SimulationClock;

class FleetRunTest {
  static final FontanaHomes DATA = FontanaHomes.load();
  static RunReport report = run(200, 1);
  static final List<MinuteSample> samples = new ArrayList<>();
  static final List<GridEvent> events = new ArrayList<>();

  static RunReport run(int homes, long seed) {
    RunOptions o = RunOptions.defaults(homes, 24, seed);
    return new FleetRun(o, DATA)
        .run(SimulationClock.stepped(o.start().toInstant(), o.zone()), s -> {}, e -> {});
  }

  @BeforeAll
  static void runWithObservers() {
    RunOptions o = RunOptions.defaults(200, 24, 1);
    report =
        new FleetRun(o, DATA)
            .run(
                SimulationClock.stepped(o.start().toInstant(), o.zone()),
                samples::add,
                events::add);
  }

  @Test
  void theUtilityEventIsReceivedOnceWithItsNotice() {
    assertThat(events).hasSize(1);
    GridEvent e = events.get(0);
    assertThat(e.window().start().atZone(report.options().zone()).getHour()).isEqualTo(17);
    assertThat(e.window().end().atZone(report.options().zone()).getHour()).isEqualTo(20);
    assertThat(e.received().atZone(report.options().zone()).getHour()).isEqualTo(12);
  }

  @Test
  void everyIntervalIsReportedAndOnlyTheEventHasATarget() {
    assertThat(report.rows()).hasSize(96);
    assertThat(report.rows())
        .filteredOn(r -> r.targetKw() > 0)
        .hasSize(12)
        .allSatisfy(r -> assertThat(r.deliveredKw()).isPresent());
    assertThat(report.rows())
        .filteredOn(r -> r.targetKw() == 0)
        .allSatisfy(r -> assertThat(r.deliveredKw()).isEmpty());
    assertThat(samples).hasSize(24 * 60);
  }

  @Test
  void theFleetDeliversWhatItCommittedWithoutBreakingAReserve() {
    // 200 batteries of 10-13.5 kWh at 50-95 % charge: a few hundred kW over three hours.
    assertThat(report.performance().committed().kilowattHours()).isBetween(600.0, 2000.0);
    assertThat(report.performance().deliveredRatio()).isGreaterThan(0.97);
    assertThat(report.minReserveMarginKwh()).isGreaterThanOrEqualTo(0);
    assertThat(report.peakNetLoadEventKw()).isLessThan(report.peakHomeLoadEventKw() * 0.5);
  }

  @Test
  void theDispatcherFindsTheBatteriesThatIgnoreCommands() {
    assertThat(report.ignoringDevices()).isPositive();
    assertThat(report.excludedDevices()).isEqualTo(report.ignoringDevices());
    assertThat(report.telemetryRejected()).isZero();
    assertThat(report.telemetryAccepted()).isEqualTo(200L * (24 * 60 + 1));
  }

  @Test
  void theSameSeedGivesTheSameRun() {
    RunReport again = run(200, 1);
    assertThat(again.performance()).isEqualTo(report.performance());
    assertThat(again.rows()).isEqualTo(report.rows());
    RunReport other = run(200, 2);
    assertThat(other.performance()).isNotEqualTo(report.performance());
  }
}
