package org.openvpp.server.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.openvpp.device.Battery;
import org.openvpp.device.DeviceId;
import org.openvpp.server.api.FleetView;
import org.openvpp.twin.TwinStore;
import org.openvpp.units.Energy;
import org.openvpp.units.Power;

/**
 * The flexibility forecast worked by hand: batteries of 10 kWh usable, 5 kW either way, one-way
 * efficiency 0.9 (round trip 0.81), a 2 kWh reserve; available power is {@code min(5, (stored − 2)
 * · 0.9 / 1 h)}.
 */
class FlexForecastTest {
  static final Instant T0 = Instant.parse("2019-01-15T08:00:00Z");
  static final Duration Q = Duration.ofMinutes(15);

  static TwinStore batteries(int n) {
    TwinStore twins = new TwinStore(Duration.ofMinutes(5));
    for (int i = 0; i < n; i++) {
      twins.register(
          new Battery(
              DeviceId.of("b" + i),
              Energy.ofKilowattHours(10),
              Power.ofKilowatts(5),
              Power.ofKilowatts(5),
              0.81,
              Energy.ofKilowattHours(2)));
    }
    return twins;
  }

  static long seq = 0;

  static void report(TwinStore twins, int d, Instant at, double storedKwh) {
    twins.apply(d, ++seq, at.toEpochMilli(), 0, storedKwh, Double.NaN, -1);
  }

  static int[] all(TwinStore twins) {
    return IntStream.range(0, twins.size()).toArray();
  }

  @Test
  void tenBatteriesOfflineHalfTheTimeGiveTheBinomialBands() {
    TwinStore twins = batteries(10);
    int[] members = all(twins);
    FlexForecast f = new FlexForecast(Q);
    // Each battery reports, is seen online, then goes stale and is seen offline: half the time.
    Instant t = T0;
    for (int step = 0; step < 100; step++) {
      for (int d : members) {
        report(twins, d, t, 6);
      }
      f.observe(twins, members, t);
      f.observe(twins, members, t.plus(Duration.ofMinutes(10)));
      t = t.plus(Duration.ofMinutes(20));
    }
    f.forecast(t, t.plus(Duration.ofHours(1)), twins, members, d -> true, x -> Power.ZERO);
    FleetView.Flexibility v = f.view().orElseThrow();
    assertThat(v.offlineRate()).isEqualTo(0.5);
    // Binomial(10, ½): P10 is 3 batteries, P50 5, P90 7; each offers min(5, 4 · 0.9) = 3.6 kW.
    assertThat(v.latest()).hasSize(4);
    for (FleetView.Band b : v.latest()) {
      assertThat(b.p10Kw()).isCloseTo(3 * 3.6, within(1e-9));
      assertThat(b.p50Kw()).isCloseTo(5 * 3.6, within(1e-9));
      assertThat(b.p90Kw()).isCloseTo(7 * 3.6, within(1e-9));
    }
    assertThat(v.devices()).isEqualTo(10);
  }

  @Test
  void aCommandableBatteryFollowsThePlanAndAnotherHoldsItsCharge() {
    TwinStore twins = batteries(2);
    int[] members = all(twins);
    report(twins, 0, T0, 4);
    report(twins, 1, T0, 4);
    FlexForecast f = new FlexForecast(Q);
    f.observe(twins, members, T0);
    // The plan charges at 5 kW for the first hour; battery 1 may not be commanded.
    f.forecast(
        T0,
        T0.plus(Duration.ofHours(2)),
        twins,
        members,
        d -> d == 0,
        at -> at.isBefore(T0.plus(Duration.ofHours(1))) ? Power.ofKilowatts(5) : Power.ZERO);
    List<FleetView.Band> bands = f.view().orElseThrow().latest();
    // Battery 0 gains 5 kW · ¼ h · 0.9 = 1.125 kWh an interval from 4 kWh; battery 1 stays at 4
    // (1.8 kW). Interval k starts with battery 0 at 4 + 1.125·k kWh, up to the full hour.
    double[] expected = {
      1.8 + 1.8, 1.8 + 2.8125, 1.8 + 3.825, 1.8 + 4.8375, 1.8 + 5, 1.8 + 5, 1.8 + 5, 1.8 + 5
    };
    assertThat(bands).hasSize(expected.length);
    for (int k = 0; k < expected.length; k++) {
      assertThat(bands.get(k).p50Kw()).as("interval %d", k).isCloseTo(expected[k], within(1e-9));
      assertThat(bands.get(k).p10Kw()).isEqualTo(bands.get(k).p50Kw());
      assertThat(bands.get(k).p90Kw()).isEqualTo(bands.get(k).p50Kw());
    }
  }

  @Test
  void aBatteryThatHasNeverReportedIsNotCountedOffline() {
    TwinStore twins = batteries(2);
    int[] members = all(twins);
    report(twins, 0, T0, 6);
    FlexForecast f = new FlexForecast(Q);
    f.observe(twins, members, T0);
    f.forecast(T0, T0.plus(Duration.ofHours(4)), twins, members, d -> true, x -> Power.ZERO);
    assertThat(f.view().orElseThrow().offlineRate()).isZero();
    // Nor is a forecast made without it judged: its errors widen no band.
    for (int j = 1; j <= 10; j++) {
      f.measured(T0.plus(Q.multipliedBy(j)), 100);
    }
    f.forecast(
        T0.plus(Q.multipliedBy(10)),
        T0.plus(Duration.ofHours(4)),
        twins,
        members,
        d -> true,
        x -> Power.ZERO);
    assertThat(f.view().orElseThrow().errorSamples()).isZero();
  }

  @Test
  void onceEightIntervalsAreMeasuredTheBandsCarryTheForecastsOwnErrors() {
    // One battery at 6 kWh throughout: the availability-only forecast is 3.6 kW everywhere. The
    // tree measures 3.6 + (j − 5) kW at boundary j, so the errors at 1..8 are −4..3 (0 has no
    // forecast yet). Type 7 quantiles of −4..3: P10 −3.3, P50 −0.5, P90 2.3.
    TwinStore twins = batteries(1);
    int[] members = all(twins);
    Instant end = T0.plus(Duration.ofHours(4));
    FlexForecast f = new FlexForecast(Q);
    for (int j = 0; j <= 8; j++) {
      Instant now = T0.plus(Q.multipliedBy(j));
      report(twins, 0, now, 6);
      f.observe(twins, members, now);
      f.measured(now, 3.6 + (j - 5));
      f.forecast(now, end, twins, members, d -> true, x -> Power.ZERO);
      FleetView.Flexibility v = f.view().orElseThrow();
      if (j < 8) {
        assertThat(v.errorSamples()).as("after %d errors", j).isZero();
        assertThat(v.latest().get(0).p10Kw()).isCloseTo(3.6, within(1e-9));
      }
    }
    FleetView.Flexibility v = f.view().orElseThrow();
    assertThat(v.errorSamples()).isEqualTo(FlexForecast.MIN_ERRORS);
    FleetView.Band b = v.latest().get(0);
    assertThat(b.p10Kw()).isCloseTo(3.6 - 3.3, within(1e-9));
    assertThat(b.p50Kw()).isCloseTo(3.6 - 0.5, within(1e-9));
    assertThat(b.p90Kw()).as("held to the battery's 5 kW").isCloseTo(5, within(1e-9));
  }

  @Test
  void eachIntervalIsKeptAsForecastAnHourBeforeIt() {
    TwinStore twins = batteries(1);
    int[] members = all(twins);
    Instant end = T0.plus(Duration.ofHours(3));
    FlexForecast f = new FlexForecast(Q);
    // Stored 4 kWh at the start, 6 an hour later, 8 a quarter after that.
    double[] storedAt = new double[8];
    java.util.Arrays.fill(storedAt, 0, 4, 4);
    storedAt[4] = 6;
    java.util.Arrays.fill(storedAt, 5, 8, 8);
    for (int k = 0; k < 8; k++) {
      Instant now = T0.plus(Q.multipliedBy(k));
      report(twins, 0, now, storedAt[k]);
      f.observe(twins, members, now);
      f.measured(now, twins.dischargeableKwh(0));
      f.forecast(now, end, twins, members, d -> true, x -> Power.ZERO);
    }
    FleetView.Flexibility v = f.view().orElseThrow();
    assertThat(v.hourAhead()).hasSize(12);
    // The first hour from the first forecast: 4 kWh, (4 − 2) · 0.9 = 1.8 kW.
    assertThat(v.hourAhead().get(0).p50Kw()).isCloseTo(1.8, within(1e-9));
    assertThat(v.hourAhead().get(3).p50Kw()).isCloseTo(1.8, within(1e-9));
    // 10:00 was last forecast an hour ahead at 09:00 (6 kWh: 3.6 kW), not at 09:15 (8 kWh).
    assertThat(v.hourAhead().get(8).start()).isEqualTo(T0.plus(Duration.ofHours(2)));
    assertThat(v.hourAhead().get(8).p50Kw()).isCloseTo(3.6, within(1e-9));
    // 10:15 onwards: the forecast made at 09:15 (5 kW, the rating).
    assertThat(v.hourAhead().get(9).p50Kw()).isCloseTo(5, within(1e-9));
    assertThat(v.first()).hasSize(12);
    assertThat(v.latest()).hasSize(12 - 7);
    assertThat(v.measured()).hasSize(8);
  }
}
