package org.openvpp.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.openvpp.check.ForAll;
import org.openvpp.check.IntRange;
import org.openvpp.check.Property;
import org.openvpp.device.Battery;
import org.openvpp.device.DeviceId;
import org.openvpp.flex.DeviceEnvelopes;
import org.openvpp.flex.FlexEnvelope;
import org.openvpp.time.Horizon;
import org.openvpp.time.Interval;
import org.openvpp.units.Energy;
import org.openvpp.units.Power;

class AvailabilityTest {
  static final Instant T0 = Instant.parse("2019-03-01T08:00:00Z"); // local midnight, UTC-8
  static final Horizon H4 = new Horizon(T0, Duration.ofHours(1), 4);

  static FlexEnvelope battery() {
    Battery b =
        new Battery(
            DeviceId.of("b"),
            Energy.ofKilowattHours(10),
            Power.ofKilowatts(5),
            Power.ofKilowatts(5),
            0.81,
            Energy.ofKilowattHours(2));
    return DeviceEnvelopes.battery(b, Energy.ofKilowattHours(6), H4);
  }

  @Test
  void tenAlikeDevicesAtEvenOddsGiveTheBinomialQuantiles() {
    // Binomial(10, ½): CDF(2) = 56/1024 < 0.1 ≤ CDF(3) = 176/1024, so P10 is 3 devices;
    // CDF(4) = 386/1024 < 0.5 ≤ CDF(5): P50 is 5; CDF(6) = 848/1024 < 0.9 ≤ CDF(7): P90 is 7.
    FlexEnvelope one = battery();
    double[] p = new double[10];
    java.util.Arrays.fill(p, 0.5);
    BandedEnvelope b = BandedEnvelope.ofAvailability(H4, Collections.nCopies(10, one), p);
    for (int k = 0; k < 4; k++) {
      assertThat(b.p10().maxPower(k).kilowatts()).isCloseTo(3 * 5, within(1e-9));
      assertThat(b.p50().maxPower(k).kilowatts()).isCloseTo(5 * 5, within(1e-9));
      assertThat(b.p90().maxPower(k).kilowatts()).isCloseTo(7 * 5, within(1e-9));
      assertThat(b.p10().minEnergy(k).kilowattHours())
          .isCloseTo(3 * one.minEnergy(k).kilowattHours(), within(1e-9));
    }
  }

  @Test
  void devicesThatAreSureToBeThereGiveOneEnvelope() {
    List<FlexEnvelope> all = List.of(battery(), battery(), battery());
    BandedEnvelope b = BandedEnvelope.ofAvailability(H4, all, new double[] {1, 1, 1});
    FlexEnvelope sum = FlexEnvelope.sum(H4, all);
    for (FlexEnvelope e : List.of(b.p10(), b.p50(), b.p90())) {
      for (int k = 0; k < 4; k++) {
        assertThat(e.maxEnergy(k).kilowattHours())
            .isCloseTo(sum.maxEnergy(k).kilowattHours(), within(1e-9));
      }
    }
  }

  @Property(tries = 50)
  void theP10CountIsReachedNineTimesInTen(
      @ForAll @IntRange(min = 5, max = 3000) int devices, @ForAll long seed) {
    // Monte Carlo against the quantiles, exact below 2,000 devices and normal above.
    SplittableRandom r = new SplittableRandom(seed);
    double[] p = new double[devices];
    for (int i = 0; i < devices; i++) {
      p[i] = 0.2 + 0.75 * r.nextDouble();
    }
    double[] q = BandedEnvelope.availableQuantiles(p, new double[] {0.1, 0.5, 0.9});
    int trials = 4000;
    int atLeastP10 = 0;
    int aboveP90 = 0;
    for (int t = 0; t < trials; t++) {
      int n = 0;
      for (double pi : p) {
        n += r.nextDouble() < pi ? 1 : 0;
      }
      atLeastP10 += n >= q[0] ? 1 : 0;
      aboveP90 += n > q[2] ? 1 : 0;
    }
    // Discrete counts: P(N ≥ N10) ≥ 0.9 and P(N > N90) ≤ 0.1, up to sampling error (± 0.02).
    assertThat((double) atLeastP10 / trials).isGreaterThanOrEqualTo(0.88);
    assertThat((double) aboveP90 / trials).isLessThanOrEqualTo(0.12);
    assertThat(q[0]).isLessThanOrEqualTo(q[1]);
    assertThat(q[1]).isLessThanOrEqualTo(q[2]);
  }

  @Test
  void plugInProfileFromHandWorkedSessions() {
    // 2 chargers, 2 days: 09:00-11:30 on day 0 and 10:00-12:00 on day 1 (local).
    // Slot 9: 1 h of 4 charger-hours = 0.25; slot 10: 2 h = 0.5; slot 11: 0.5 + 1 h = 0.375.
    List<Interval> stays = new ArrayList<>();
    stays.add(
        new Interval(T0.plus(Duration.ofHours(9)), T0.plus(Duration.ofMinutes(11 * 60 + 30))));
    stays.add(new Interval(T0.plus(Duration.ofHours(34)), T0.plus(Duration.ofHours(36))));
    PlugInProfile p = PlugInProfile.of(stays, 2, T0, 2, Duration.ofHours(1));
    assertThat(p.slots()).isEqualTo(24);
    assertThat(p.probability(9)).isEqualTo(0.25);
    assertThat(p.probability(10)).isEqualTo(0.5);
    assertThat(p.probability(11)).isEqualTo(0.375);
    assertThat(p.probability(12)).isZero();
    Horizon h =
        new Horizon(T0.plus(Duration.ofDays(5)).plus(Duration.ofHours(9)), Duration.ofHours(1), 3);
    assertThat(p.over(h)).containsExactly(0.25, 0.5, 0.375);
  }

  @Test
  void pvBandsCurtailTheForecastQuantiles() {
    // Forecast hours: P10 1, 2, 0, 3; P50 2, 3, 0, 4; P90 3, 4, 0, 6 kW on a 5 kW inverter.
    QuantileForecast f =
        new QuantileForecast(
            new double[] {1, 2, 0, 3}, new double[] {2, 3, 0, 4}, new double[] {3, 4, 0, 6});
    org.openvpp.device.PvInverter pv =
        new org.openvpp.device.PvInverter(
            DeviceId.of("pv"), Power.ofKilowatts(6), Power.ofKilowatts(5), true);
    BandedEnvelope b = BandedEnvelope.ofPvForecast(pv, f, H4);
    assertThat(b.p10().minEnergy(3).kilowattHours()).isEqualTo(-6);
    assertThat(b.p50().minEnergy(3).kilowattHours()).isEqualTo(-9);
    assertThat(b.p90().minPower(3).kilowatts()).isEqualTo(-5); // capped at the AC rating
    assertThat(b.p90().minEnergy(3).kilowattHours()).isEqualTo(-12);
  }

  @Test
  void offlineRateShrinksFewSamplesTowardsTheFleet() {
    OfflineRate r = new OfflineRate(4);
    for (int i = 0; i < 16; i++) {
      r.observe(0, i % 4 != 0); // device 0: 4 of 16 offline
      r.observe(1, true); // device 1: always online
    }
    r.observe(2, false); // device 2: seen once, offline
    // Fleet: 5 of 33 offline.
    double fleet = 5.0 / 33;
    assertThat(r.fleetRate()).isCloseTo(fleet, within(1e-12));
    assertThat(r.rate(0)).isCloseTo((4 + 4 * fleet) / 20, within(1e-12));
    assertThat(r.rate(1)).isCloseTo((4 * fleet) / 20, within(1e-12));
    assertThat(r.rate(2)).isCloseTo((1 + 4 * fleet) / 5, within(1e-12));
    assertThat(r.rate(7)).isCloseTo(fleet, within(1e-12));
  }
}
