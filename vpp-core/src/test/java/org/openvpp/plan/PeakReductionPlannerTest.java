package org.openvpp.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openvpp.aggregate.GroupId;
import org.openvpp.check.DoubleRange;
import org.openvpp.check.ForAll;
import org.openvpp.check.IntRange;
import org.openvpp.check.Property;
import org.openvpp.flex.EnvelopeBlock;
import org.openvpp.flex.FlexEnvelope;
import org.openvpp.time.Horizon;
import org.openvpp.time.Interval;
import org.openvpp.units.Power;

class PeakReductionPlannerTest {
  static final Instant T0 = Instant.parse("2019-08-16T00:00:00Z");
  // Eight half-hours; the event covers intervals 2..5 (two hours).
  static final Horizon H = new Horizon(T0, Duration.ofMinutes(30), 8);
  static final Interval EVENT =
      new Interval(T0.plus(Duration.ofHours(1)), T0.plus(Duration.ofHours(3)));

  static FlexEnvelope battery(double powerKw, double energyKwh) {
    EnvelopeBlock b = new EnvelopeBlock(H, 1);
    b.setBatteryShape(0, -powerKw, powerKw, -energyKwh, energyKwh);
    return b.sum(1);
  }

  @Test
  void energyLimitedFleetChargesFirstThenSpreadsItsEnergyOverTheWindow() {
    // 10 kW; the envelope admits 8 kWh in either direction. One hour before the event it charges
    // at 8 kW (8 kWh), then gives 16 kWh over the 2-hour event: 8 kW flat.
    Plan p =
        new PeakReductionPlanner(1).plan(GroupId.FLEET, battery(10, 8), EVENT, Optional.empty());
    assertThat(p.targetsKw()).containsExactly(8, 8, -8, -8, -8, -8, 0, 0);
  }

  @Test
  void lossesDiscountWhatPreChargingAdds() {
    Plan p =
        new PeakReductionPlanner(1)
            .plan(GroupId.FLEET, battery(10, 8), EVENT, Optional.empty(), 0.5);
    // (0.5 × 8 + 8) / 2 h = 6 kW.
    assertThat(p.target(2).kilowatts()).isCloseTo(-6, within(1e-9));
  }

  @Test
  void anEventUnderWayIsPlannedWithoutPreCharge() {
    Horizon rest = new Horizon(EVENT.start(), Duration.ofMinutes(30), 4);
    EnvelopeBlock b = new EnvelopeBlock(rest, 1);
    b.setBatteryShape(0, -10, 10, -8, 8);
    Plan p = new PeakReductionPlanner(1).plan(GroupId.FLEET, b.sum(1), EVENT, Optional.empty());
    assertThat(p.targetsKw()).containsExactly(-4, -4, -4, -4);
  }

  @Test
  void powerLimitedFleetGivesItsFullPower() {
    Plan p =
        new PeakReductionPlanner(1).plan(GroupId.FLEET, battery(3, 100), EVENT, Optional.empty());
    assertThat(p.target(3).kilowatts()).isEqualTo(-3);
  }

  @Test
  void aRequestCapsThePlanAndReliabilityKeepsHeadroom() {
    PeakReductionPlanner planner = new PeakReductionPlanner(0.9);
    assertThat(
            planner
                .plan(GroupId.FLEET, battery(10, 8), EVENT, Optional.empty())
                .target(2)
                .kilowatts())
        .isCloseTo(-7.2, within(1e-9));
    assertThat(
            planner
                .plan(GroupId.FLEET, battery(10, 8), EVENT, Optional.of(Power.ofKilowatts(1)))
                .target(2)
                .kilowatts())
        .isEqualTo(-1);
  }

  @Property(tries = 300)
  void planIsAdmittedAndNoLargerFlatReductionIs(
      @ForAll @IntRange(min = 1, max = 30) int devices,
      @ForAll @DoubleRange(min = 0.1, max = 1) double spread,
      @ForAll long seed) {
    java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
    EnvelopeBlock block = new EnvelopeBlock(H, devices);
    for (int d = 0; d < devices; d++) {
      double p = 1 + 4 * r.nextDouble();
      double e = 20 * spread * r.nextDouble();
      block.setBatteryShape(d, -p, p, -e, 13.5);
    }
    FlexEnvelope fleet = block.sum(devices);
    Plan plan = new PeakReductionPlanner(1).plan(GroupId.FLEET, fleet, EVENT, Optional.empty());
    double[] t = plan.targetsKw();
    assertThat(fleet.admits(t)).isTrue();
    double x = -t[2];
    double[] more = t.clone();
    for (int k = 2; k <= 5; k++) {
      more[k] = -(x * 1.001 + 1e-3);
    }
    assertThat(fleet.admits(more)).isFalse();
  }
}
