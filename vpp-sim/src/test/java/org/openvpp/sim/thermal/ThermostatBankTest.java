package org.openvpp.sim.thermal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.openvpp.device.DeviceId;
import org.openvpp.device.Thermostat;
import org.openvpp.units.Power;
import org.openvpp.units.Temperature;

class ThermostatBankTest {

  static final long T0 = 28_092_960L; // 2023-06-01T00:00Z

  static double outdoor(long t) {
    return 28 + 6 * Math.sin(t / 229.0);
  }

  static double solar(long t) {
    return Math.max(0, 900 * Math.sin(t / 300.0));
  }

  @Test
  void sameSeedSameHomesAndHomeIDoesNotDependOnFleetSize() {
    List<ThermalHomeSpec> a = ThermalDraws.homes(200, 42, HvacMode.AUTO);
    List<ThermalHomeSpec> b = ThermalDraws.homes(200, 42, HvacMode.AUTO);
    List<ThermalHomeSpec> small = ThermalDraws.homes(50, 42, HvacMode.AUTO);
    List<ThermalHomeSpec> other = ThermalDraws.homes(200, 43, HvacMode.AUTO);
    assertThat(a).isEqualTo(b);
    assertThat(a.subList(0, 50)).isEqualTo(small);
    assertThat(a).isNotEqualTo(other);
    assertThat(a)
        .allSatisfy(
            h -> {
              assertThat(h.hvac().electricPower().kilowatts()).isBetween(2.0, 5.0);
              assertThat(h.envelope().totalCapacityKwhPerC()).isBetween(1.5, 2.5);
              assertThat(h.envelope().envelopeResistanceCPerKw()).isBetween(1.5, 2.5);
            });
  }

  @Test
  void disjointRangesSteppedOnTwoThreadsGiveTheSameResultAsOneLoop() throws Exception {
    int n = 2_000;
    List<ThermalHomeSpec> homes = ThermalDraws.homes(n, 9, HvacMode.COOL);
    double[] initial = ThermalDraws.initialIndoorC(homes, T0, 0, 9);
    ThermostatBank serial = new ThermostatBank(homes, initial);
    ThermostatBank parallel = new ThermostatBank(homes, initial);
    for (int i = 0; i < n; i += 7) {
      serial.setpointOffset(i, 1.5, T0 + 200);
      parallel.setpointOffset(i, 1.5, T0 + 200);
      serial.dutyLimit(i + 3, 0.5, 30, T0 + 300);
      parallel.dutyLimit(i + 3, 0.5, 30, T0 + 300);
    }
    try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
      for (long t = T0; t < T0 + 400; t++) {
        long minute = t;
        serial.step(0, n, t, 0, outdoor(t), solar(t));
        Future<?> low =
            pool.submit(() -> parallel.step(0, n / 2, minute, 0, outdoor(minute), solar(minute)));
        Future<?> high =
            pool.submit(() -> parallel.step(n / 2, n, minute, 0, outdoor(minute), solar(minute)));
        low.get();
        high.get();
      }
    }
    for (int i = 0; i < n; i++) {
      assertThat(parallel.indoorC(i)).isEqualTo(serial.indoorC(i));
      assertThat(parallel.electricKwh(i)).isEqualTo(serial.electricKwh(i));
    }
    assertThat(parallel.totalPowerKw(0, n)).isEqualTo(serial.totalPowerKw(0, n));
  }

  @Test
  void aBankStepsEachHomeExactlyAsASingleHome() {
    List<ThermalHomeSpec> homes = ThermalDraws.homes(20, 3, HvacMode.AUTO);
    double[] initial = ThermalDraws.initialIndoorC(homes, T0, -300, 3);
    ThermostatBank bank = new ThermostatBank(homes, initial);
    ThermalHome[] single = new ThermalHome[20];
    for (int i = 0; i < 20; i++) {
      single[i] = new ThermalHome(homes.get(i), Temperature.ofCelsius(initial[i]));
    }
    for (long t = T0; t < T0 + 24 * 60; t++) {
      bank.step(0, 20, t, -300, outdoor(t) - 10, solar(t));
      for (int i = 0; i < 20; i++) {
        single[i].step(t, -300, Temperature.ofCelsius(outdoor(t) - 10), solar(t));
      }
    }
    for (int i = 0; i < 20; i++) {
      assertThat(single[i].indoor().celsius()).isEqualTo(bank.indoorC(i));
      assertThat(single[i].mass().celsius()).isEqualTo(bank.massC(i));
      assertThat(single[i].state()).isEqualTo(bank.state(i));
      assertThat(single[i].electricPower().kilowatts()).isEqualTo(bank.powerKw(i));
    }
  }

  @Test
  void theCoreDeviceCarriesThePlantAndComfortBand() {
    ThermalHomeSpec spec = Homes.cooling(24);
    Thermostat device = spec.device(DeviceId.of("home-1-tstat"));
    assertThat(device.hvacPower()).isEqualTo(Power.ofKilowatts(4));
    assertThat(device.coefficientOfPerformance()).isEqualTo(2.5);
    assertThat(device.comfortHigh().celsius()).isEqualTo(25.5);
  }

  @Test
  void schedulesRepeatFromTheirAnchorInLocalTime() {
    double[] cool = new double[24];
    double[] heat = new double[24];
    for (int h = 0; h < 24; h++) {
      cool[h] = 20 + h / 2.0;
      heat[h] = 15;
    }
    SetpointSchedule daily = SetpointSchedule.daily(cool, heat);
    long midnightUtc = T0;
    assertThat(daily.coolingC(midnightUtc, 0)).isEqualTo(20);
    assertThat(daily.coolingC(midnightUtc + 60 * 24 * 3 + 150, 0)).isEqualTo(21); // 02:30
    assertThat(daily.coolingC(midnightUtc, -7 * 60)).isEqualTo(20 + 17 / 2.0); // 17:00 local
    SetpointSchedule month =
        SetpointSchedule.hourly(new double[] {25, 26, 27}, new double[] {20, 20, 20}, 100);
    assertThat(month.coolingC(100 * 60, 0)).isEqualTo(25);
    assertThat(month.coolingC(102 * 60 + 59, 0)).isEqualTo(27);
    assertThat(month.coolingC(99 * 60, 0)).isEqualTo(27);
  }

  @Test
  void badValuesAreRefusedWithMessagesThatNameThem() {
    assertThatThrownBy(() -> new ThermalEnvelope(0, 1.6, 2, 0.5, 3, 0.3, 0.5, 0.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("airCapacityKwhPerC")
        .hasMessageContaining("was 0.0");
    assertThatThrownBy(() -> SetpointSchedule.constant(20, 22))
        .hasMessageContaining("heating setpoint must not exceed cooling setpoint");
    assertThatThrownBy(
            () ->
                new ThermostatSettings(
                    HvacMode.AUTO, SetpointSchedule.constant(22, 21.5), 0.5, 18, 25))
        .hasMessageContaining("2 × deadband");
    assertThatThrownBy(
            () ->
                new ThermostatSettings(
                    HvacMode.COOL, SetpointSchedule.constant(24, 20), 0.5, 18, 24.2))
        .hasMessageContaining("comfortHighC")
        .hasMessageContaining("24.2");
    ThermostatBank bank = new ThermostatBank(List.of(Homes.cooling(24)), new double[] {24});
    assertThatThrownBy(() -> bank.step(0, 1, T0, 0, 30, -5))
        .hasMessageContaining("solarWm2")
        .hasMessageContaining("-5");
    assertThatThrownBy(() -> bank.dutyLimit(0, 1.5, 30, T0)).hasMessageContaining("maxShare");
    assertThatThrownBy(() -> new ThermostatBank(List.of(Homes.cooling(24)), new double[0]))
        .hasMessageContaining("one initial temperature per home");
  }
}
