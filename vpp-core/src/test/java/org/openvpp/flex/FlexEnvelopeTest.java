package org.openvpp.flex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openvpp.check.DoubleRange;
import org.openvpp.check.ForAll;
import org.openvpp.check.IntRange;
import org.openvpp.check.Property;
import org.openvpp.device.Battery;
import org.openvpp.device.DeviceId;
import org.openvpp.time.Horizon;
import org.openvpp.units.Energy;
import org.openvpp.units.Power;

class FlexEnvelopeTest {
  static final Horizon H4 =
      new Horizon(Instant.parse("2019-08-15T00:00:00Z"), Duration.ofHours(1), 4);

  static Battery battery(double capacity, double power, double reserve) {
    return new Battery(
        DeviceId.of("b"),
        Energy.ofKilowattHours(capacity),
        Power.ofKilowatts(power),
        Power.ofKilowatts(power),
        0.81,
        Energy.ofKilowattHours(reserve));
  }

  @Test
  void batteryEnvelopeBindsPowerAndEnergy() {
    // 10 kWh, 5 kW, η = 0.9 one way, 2 kWh reserve, holding 6 kWh.
    FlexEnvelope e = DeviceEnvelopes.battery(battery(10, 5, 2), Energy.ofKilowattHours(6), H4);
    assertThat(e.minPower(0).kilowatts()).isEqualTo(-5);
    assertThat(e.maxPower(3).kilowatts()).isEqualTo(5);
    // Can give (6 - 2) × 0.9 = 3.6 kWh, take (10 - 6) / 0.9 = 4.44 kWh.
    assertThat(e.minEnergy(3).kilowattHours()).isCloseTo(-3.6, within(1e-9));
    assertThat(e.maxEnergy(3).kilowattHours()).isCloseTo(4.0 / 0.9, within(1e-9));
    assertThat(e.admits(new double[] {-3.6, 0, 0, 0})).isTrue();
    assertThat(e.admits(new double[] {-2, -2, 0, 0})).isFalse();
    assertThat(e.admits(new double[] {5.5, 0, 0, 0})).isFalse();
  }

  @Test
  void energyBoundsGrowNoFasterThanFullPower() {
    FlexEnvelope e = DeviceEnvelopes.battery(battery(100, 5, 0), Energy.ofKilowattHours(50), H4);
    assertThat(e.minEnergy(0).kilowattHours()).isEqualTo(-5);
    assertThat(e.minEnergy(1).kilowattHours()).isEqualTo(-10);
  }

  @Test
  void refusesBoundsThatCross() {
    double[] zero = new double[4];
    double[] lo = {0, 0, 1, 0};
    assertThatThrownBy(() -> FlexEnvelope.of(H4, lo, zero, zero, zero))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("interval 2");
  }

  @Test
  void refusesEnvelopesOfOtherHorizons() {
    Horizon other = new Horizon(H4.start(), Duration.ofMinutes(15), 4);
    assertThatThrownBy(() -> FlexEnvelope.none(H4).plus(FlexEnvelope.none(other)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("different horizons");
  }

  @Property(tries = 200)
  void sumAdmitsEverySumOfAdmittedProfiles(
      @ForAll @IntRange(min = 1, max = 20) int devices, @ForAll long seed) {
    java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
    List<FlexEnvelope> all = new ArrayList<>();
    double[] total = new double[H4.count()];
    for (int d = 0; d < devices; d++) {
      double cap = 5 + 10 * r.nextDouble();
      FlexEnvelope e =
          DeviceEnvelopes.battery(
              battery(cap, 5, cap * 0.2), Energy.ofKilowattHours(cap * r.nextDouble()), H4);
      all.add(e);
      // A feasible profile of this device: discharge a share of what it may, spread evenly.
      double share = r.nextDouble();
      double each = Math.max(e.minEnergy(3).kilowattHours() * share / 4, -5);
      for (int i = 0; i < 4; i++) {
        total[i] += each;
      }
      assertThat(e.admits(filled(each))).isTrue();
    }
    assertThat(FlexEnvelope.sum(H4, all).admits(total)).isTrue();
  }

  @Property(tries = 100)
  void blockSumEqualsOneByOneSum(
      @ForAll @IntRange(min = 0, max = 6000) int devices,
      @ForAll @DoubleRange(min = 0, max = 1) double fill) {
    Horizon h = new Horizon(H4.start(), Duration.ofMinutes(15), 8);
    EnvelopeBlock block = new EnvelopeBlock(h, devices);
    List<FlexEnvelope> all = new ArrayList<>();
    for (int d = 0; d < devices; d++) {
      double cap = 10 + (d % 7);
      FlexEnvelope e =
          DeviceEnvelopes.battery(
              battery(cap, 5, 1), Energy.ofKilowattHours(cap * ((fill + d * 0.37) % 1)), h);
      block.set(d, e);
      all.add(e);
    }
    FlexEnvelope fast = block.sum(devices);
    FlexEnvelope slow = FlexEnvelope.sum(h, all);
    for (int i = 0; i < h.count(); i++) {
      assertThat(fast.minEnergy(i).kilowattHours())
          .isCloseTo(slow.minEnergy(i).kilowattHours(), within(1e-6));
      assertThat(fast.maxEnergy(i).kilowattHours())
          .isCloseTo(slow.maxEnergy(i).kilowattHours(), within(1e-6));
      assertThat(fast.minPower(i).kilowatts())
          .isCloseTo(slow.minPower(i).kilowatts(), within(1e-6));
      assertThat(fast.maxPower(i).kilowatts())
          .isCloseTo(slow.maxPower(i).kilowatts(), within(1e-6));
    }
  }

  @Test
  void blockSumsAGroupOfOrdinals() {
    EnvelopeBlock block = new EnvelopeBlock(H4, 3);
    for (int d = 0; d < 3; d++) {
      block.setBatteryShape(d, -(d + 1), d + 1, -10, 10);
    }
    FlexEnvelope group = block.sum(new int[] {0, 2});
    assertThat(group.minPower(0).kilowatts()).isEqualTo(-4);
    assertThat(group.maxEnergy(0).kilowattHours()).isEqualTo(4);
  }

  private static double[] filled(double v) {
    double[] a = new double[4];
    Arrays.fill(a, v);
    return a;
  }
}
