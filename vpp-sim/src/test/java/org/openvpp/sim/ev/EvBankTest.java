package org.openvpp.sim.ev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.openvpp.check.DoubleRange;
import org.openvpp.check.ForAll;
import org.openvpp.check.IntRange;
import org.openvpp.check.Property;

class EvBankTest {
  static final double H = 1.0 / 60;

  @Test
  void realSessionsLoad() {
    ChargingSessions s = ChargingSessions.load();
    assertThat(s.size()).isEqualTo(437);
    assertThat(s.sessions()).allSatisfy(x -> assertThat(x.requestedKwh()).isPositive());
  }

  @Test
  void unmanagedChargingRunsAtFullRateUntilTheEnergyIsIn() {
    EvBank b = new EvBank(1, 0.9);
    b.equip(0, 7.2, false, 60);
    b.session(0, 100, 100 + 600, 20, 9);
    assertThat(b.step(0, 99, H, false, 0)).isZero();
    assertThat(b.step(0, 100, H, false, 0)).isEqualTo(7.2);
    for (long m = 101; m < 700; m++) {
      b.step(0, m, H, false, 0);
    }
    assertThat(b.deliveredKwh(0)).isCloseTo(9, within(1e-9));
    assertThat(b.step(0, 700, H, false, 0)).isZero();
  }

  @Test
  void theChargerRampsToItsRate() {
    EvBank b = new EvBank(1, 0.9);
    b.equip(0, 7.2, false, 60);
    b.session(0, 0, 600, 20, 30);
    assertThat(b.step(0, 0, H, false, 0, 3)).isEqualTo(3);
    assertThat(b.step(0, 1, H, false, 0, 3)).isEqualTo(6);
    assertThat(b.step(0, 2, H, false, 0, 3)).isEqualTo(7.2);
    assertThat(b.step(0, 3, H, true, 1, 3)).isCloseTo(4.2, within(1e-12));
  }

  @Test
  void withoutV2gADischargeCommandIsZero() {
    EvBank b = new EvBank(1, 0.9);
    b.equip(0, 7.2, false, 60);
    b.session(0, 0, 600, 20, 9);
    assertThat(b.step(0, 1, H, true, -5)).isZero();
  }

  @Test
  void v2gNeverTakesTheCarBelowWhatItArrivedWith() {
    EvBank b = new EvBank(1, 0.9);
    b.equip(0, 7.2, true, 60);
    b.session(0, 0, 600, 20, 9);
    for (long m = 0; m < 30; m++) {
      b.step(0, m, H, false, 0);
    }
    for (long m = 30; m < 300; m++) {
      b.step(0, m, H, true, -7.2);
    }
    assertThat(b.storedKwh(0)).isGreaterThanOrEqualTo(20 - 1e-9);
  }

  @Property(tries = 200)
  void aSessionGetsItsEnergyWheneverTheChargerAllowsIt(
      @ForAll @DoubleRange(min = 1.4, max = 11.5) double rate,
      @ForAll @IntRange(min = 30, max = 900) int minutes,
      @ForAll @DoubleRange(min = 0.5, max = 60) double wanted) {
    EvBank b = new EvBank(1, 0.9);
    b.equip(0, rate, false, 100);
    b.session(0, 0, minutes, 10, wanted);
    for (long m = 0; m < minutes; m++) {
      b.step(0, m, H, false, 0);
    }
    double possible = rate * 0.9 * minutes / 60.0;
    assertThat(b.deliveredKwh(0)).isCloseTo(Math.min(wanted, possible), within(1e-6));
  }
}
