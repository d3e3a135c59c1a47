package org.openvpp.twin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openvpp.device.Battery;
import org.openvpp.device.DeviceId;
import org.openvpp.units.Energy;
import org.openvpp.units.Power;

class TwinStoreTest {
  static final Instant T0 = Instant.parse("2019-08-15T07:00:00Z");
  static final DeviceId ID = DeviceId.of("bat-1");

  static Battery battery(DeviceId id) {
    return new Battery(
        id,
        Energy.ofKilowattHours(13.5),
        Power.ofKilowatts(5),
        Power.ofKilowatts(5),
        0.9,
        Energy.ofKilowattHours(2.7));
  }

  static Telemetry report(DeviceId id, long seq, Instant at, double kw, double kwh) {
    return new Telemetry(id, at, seq, Power.ofKilowatts(kw), Energy.ofKilowattHours(kwh));
  }

  @Test
  void lateMessageNeverOverwritesNewerState() {
    TwinStore store = new TwinStore(Duration.ofMinutes(5));
    int d = store.register(battery(ID));
    assertThat(store.apply(report(ID, 2, T0, -3, 8))).isEqualTo(TwinStore.Outcome.ACCEPTED);
    assertThat(store.apply(report(ID, 1, T0.minusSeconds(60), -1, 9)))
        .isEqualTo(TwinStore.Outcome.OUT_OF_ORDER);
    assertThat(store.apply(report(ID, 2, T0, -1, 9))).isEqualTo(TwinStore.Outcome.OUT_OF_ORDER);
    assertThat(store.powerKw(d)).isEqualTo(-3);
    assertThat(store.storedKwh(d)).isEqualTo(8);
  }

  @Test
  void keepsTheTemperatureADeviceReports() {
    TwinStore store = new TwinStore(Duration.ofMinutes(5));
    int d = store.register(battery(ID));
    assertThat(store.temperature(d)).isEmpty();
    store.apply(
        new Telemetry(
            ID,
            T0,
            1,
            Power.ZERO,
            Energy.ZERO,
            java.util.Optional.of(org.openvpp.units.Temperature.ofCelsius(24.5))));
    assertThat(store.temperature(d)).hasValue(org.openvpp.units.Temperature.ofCelsius(24.5));
    store.apply(report(ID, 2, T0, 0, 0));
    assertThat(store.temperature(d)).isEmpty();
  }

  @Test
  void findsDevicesByIdWithinALongerText() {
    TwinStore store = new TwinStore(Duration.ofMinutes(5));
    for (int i = 0; i < 1000; i++) {
      store.register(battery(DeviceId.of("bat-" + i)));
    }
    String topic = "vpp/v1/d/bat-737/telemetry";
    assertThat(store.indexOf(topic, 9, 16)).isEqualTo(737);
    assertThat(store.indexOf("bat-737")).isEqualTo(737);
    assertThat(store.indexOf(topic, 9, 15)).isEqualTo(73);
    assertThat(store.indexOf("vpp/v1/d/bat-9999/x", 9, 17)).isEqualTo(-1);
  }

  @Test
  void unknownDevicesAreRefused() {
    TwinStore store = new TwinStore(Duration.ofMinutes(5));
    assertThat(store.apply(report(ID, 1, T0, 0, 0))).isEqualTo(TwinStore.Outcome.UNKNOWN_DEVICE);
  }

  @Test
  void twinGoesOfflineWhenSilentPastTheStaleTime() {
    TwinStore store = new TwinStore(Duration.ofMinutes(5));
    int d = store.register(battery(ID));
    assertThat(store.isOnline(d, T0)).isFalse();
    store.apply(report(ID, 1, T0, 0, 5));
    assertThat(store.isOnline(d, T0.plus(Duration.ofMinutes(5)))).isTrue();
    assertThat(store.isOnline(d, T0.plus(Duration.ofMinutes(5)).plusMillis(1))).isFalse();
  }

  @Test
  void energyOfferedCountsReserveAndEfficiency() {
    TwinStore store = new TwinStore(Duration.ofMinutes(5));
    int d = store.register(battery(ID));
    store.apply(report(ID, 1, T0, 0, 7.7));
    assertThat(store.dischargeableKwh(d))
        .isCloseTo(5 * Math.sqrt(0.9), org.assertj.core.api.Assertions.within(1e-9));
    assertThat(store.chargeableKwh(d))
        .isCloseTo(5.8 / Math.sqrt(0.9), org.assertj.core.api.Assertions.within(1e-9));
  }

  @Test
  void tellsItsListenerOfEachAcceptedChange() {
    TwinStore store = new TwinStore(Duration.ofMinutes(5));
    List<Integer> seen = new ArrayList<>();
    store.onChange(seen::add);
    int d = store.register(battery(ID));
    store.apply(report(ID, 5, T0, 0, 5));
    store.apply(report(ID, 4, T0, 0, 5));
    assertThat(seen).containsExactly(d);
  }

  @Test
  void refusesADeviceRegisteredTwice() {
    TwinStore store = new TwinStore(Duration.ofMinutes(5));
    store.register(battery(ID));
    assertThatThrownBy(() -> store.register(battery(ID)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("already registered");
  }

  @Test
  void customerPreferencesAreKeptPerDeviceAndCheckedAgainstItsKind() {
    TwinStore store = new TwinStore(Duration.ofMinutes(5));
    List<Integer> told = new ArrayList<>();
    store.onChange(told::add);
    int b = store.register(battery(ID));
    int t =
        store.register(
            new org.openvpp.device.Thermostat(
                DeviceId.of("th-1"),
                Power.ofKilowatts(3),
                2.5,
                org.openvpp.units.Temperature.ofCelsius(20),
                org.openvpp.units.Temperature.ofCelsius(24)));
    int e =
        store.register(
            new org.openvpp.device.EvCharger(
                DeviceId.of("ev-1"),
                Power.ofKilowatts(7.2),
                false,
                new org.openvpp.device.Vehicle(
                    Energy.ofKilowattHours(60), Power.ofKilowatts(7.2), false)));
    // Defaults: the device's own limits.
    assertThat(store.reserveKwh(b)).isEqualTo(2.7);
    assertThat(store.comfortLow(t).celsius()).isEqualTo(20);
    assertThat(store.readyBy(e)).isEmpty();
    assertThat(store.isOptedOut(b)).isFalse();

    store.setReserve(b, Energy.ofKilowattHours(5.4));
    store.setComfortBand(
        t,
        org.openvpp.units.Temperature.ofCelsius(21.5),
        org.openvpp.units.Temperature.ofCelsius(25));
    store.setReadyBy(e, java.time.LocalTime.of(7, 30));
    store.setOptedOut(b, true);
    assertThat(store.reserveKwh(b)).isEqualTo(5.4);
    assertThat(store.comfortLow(t).celsius()).isEqualTo(21.5);
    assertThat(store.comfortHigh(t).celsius()).isEqualTo(25);
    assertThat(store.readyBy(e)).contains(java.time.LocalTime.of(7, 30));
    assertThat(store.isOptedOut(b)).isTrue();
    // Every change that alters what a device offers tells the aggregation trees.
    assertThat(told).containsExactly(b, t, e, b);

    assertThatThrownBy(() -> store.setReserve(b, Energy.ofKilowattHours(14)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reserve of bat-1 must be within 0..");
    assertThatThrownBy(
            () ->
                store.setComfortBand(
                    b,
                    org.openvpp.units.Temperature.ofCelsius(20),
                    org.openvpp.units.Temperature.ofCelsius(22)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bat-1 is a BATTERY and has no comfort band");
    assertThatThrownBy(
            () ->
                store.setComfortBand(
                    t,
                    org.openvpp.units.Temperature.ofCelsius(22),
                    org.openvpp.units.Temperature.ofCelsius(22.5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 1 °C wide");
    assertThatThrownBy(() -> store.setReadyBy(t, java.time.LocalTime.NOON))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has no ready-by time");
  }

  @Test
  void keepsTheChargingNeedOfTheLastReportOnly() {
    TwinStore store = new TwinStore(Duration.ofMinutes(5));
    int e =
        store.register(
            new org.openvpp.device.EvCharger(
                DeviceId.of("ev-1"),
                Power.ofKilowatts(7.2),
                false,
                new org.openvpp.device.Vehicle(
                    Energy.ofKilowattHours(60), Power.ofKilowatts(7.2), false)));
    Instant at = Instant.parse("2019-08-16T18:00:00Z");
    Instant ready = Instant.parse("2019-08-17T07:00:00Z");
    var need = new ChargeNeed(Energy.ofKilowattHours(22.5), ready);
    store.apply(
        new Telemetry(
            DeviceId.of("ev-1"),
            at,
            1,
            Power.ofKilowatts(7.2),
            Energy.ofKilowattHours(30),
            java.util.Optional.empty(),
            java.util.Optional.of(true),
            java.util.Optional.of(need)));
    assertThat(store.chargeNeed(e)).contains(need);
    assertThat(store.needKwh(e)).isEqualTo(22.5);
    assertThat(store.readyAtMillis(e)).isEqualTo(ready.toEpochMilli());
    store.apply(
        new Telemetry(
            DeviceId.of("ev-1"),
            at.plusSeconds(60),
            2,
            Power.ZERO,
            Energy.ofKilowattHours(30),
            java.util.Optional.empty(),
            java.util.Optional.of(false)));
    assertThat(store.chargeNeed(e)).isEmpty();
    assertThatThrownBy(() -> new ChargeNeed(Energy.ofKilowattHours(-1), ready))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must not be negative");
  }
}
