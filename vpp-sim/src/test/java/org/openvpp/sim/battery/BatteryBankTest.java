package org.openvpp.sim.battery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.openvpp.check.DoubleRange;
import org.openvpp.check.ForAll;
import org.openvpp.check.IntRange;
import org.openvpp.check.Property;

class BatteryBankTest {
  static final double H = 1.0 / 60;

  static BatteryBank one(double stored) {
    BatteryBank b = new BatteryBank(1);
    b.equip(0, 13.5, 2.7, 5, 5, 0.9, 0.0, stored);
    return b;
  }

  @Test
  void selfConsumptionCoversTheHomeFromAboveTheReserve() {
    BatteryBank b = one(10);
    assertThat(b.step(0, H, false, 0, 2.0, 1e9)).isCloseTo(-2.0, within(1e-12));
    // Surplus solar is stored.
    assertThat(b.step(0, H, false, 0, -3.0, 1e9)).isCloseTo(3.0, within(1e-12));
  }

  @Test
  void selfConsumptionStopsAtTheReserveAndTopsUpBelowIt() {
    BatteryBank b = one(2.7 + 0.011);
    for (int m = 0; m < 10; m++) {
      b.step(0, H, false, 0, 3.0, 1e9);
    }
    assertThat(b.storedKwh(0)).isGreaterThanOrEqualTo(2.7);
    BatteryBank low = one(1.0);
    assertThat(low.step(0, H, false, 0, 3.0, 1e9)).isPositive();
  }

  @Test
  void commandedPowerFollowsTheRampLimit() {
    BatteryBank b = one(10);
    assertThat(b.step(0, H, true, -5, 0, 2)).isCloseTo(-2, within(1e-12));
    assertThat(b.step(0, H, true, -5, 0, 2)).isCloseTo(-4, within(1e-12));
    assertThat(b.step(0, H, true, -5, 0, 2)).isCloseTo(-5, within(1e-12));
  }

  @Property(tries = 200)
  void energyIsConservedAndChargeStaysInsideTheBattery(
      @ForAll @DoubleRange(min = 0, max = 13.5) double stored,
      @ForAll @IntRange(min = 1, max = 600) int minutes,
      @ForAll long seed) {
    java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
    BatteryBank b = new BatteryBank(1);
    b.equip(0, 13.5, 2.7, 5, 5, 0.9, 0.005, stored);
    double eta = Math.sqrt(0.9);
    double expected = b.storedKwh(0);
    for (int m = 0; m < minutes; m++) {
      boolean commanded = r.nextBoolean();
      double p = b.step(0, H, commanded, -8 + 16 * r.nextDouble(), -6 + 12 * r.nextDouble(), 1e9);
      assertThat(Math.abs(p)).isLessThanOrEqualTo(5 + 1e-9);
      expected += (p >= 0 ? p * eta : p / eta) * H - 0.005 * H;
      expected = Math.max(0, expected);
      assertThat(b.storedKwh(0)).isBetween(0.0, 13.5).isCloseTo(expected, within(1e-9));
    }
  }
}
