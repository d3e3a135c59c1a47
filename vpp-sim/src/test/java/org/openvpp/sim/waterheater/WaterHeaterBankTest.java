package org.openvpp.sim.waterheater;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.openvpp.device.DeviceId;
import org.openvpp.device.WaterHeater;
import org.openvpp.units.Power;
import org.openvpp.units.Temperature;

class WaterHeaterBankTest {

  static final long T0 = 28_092_960L; // 2023-06-01T00:00Z

  static final TankSpec TANK =
      new TankSpec(190, 0.3, 2.0, Power.ofKilowatts(4.5), 1, 52, 5, 45, 65, 20, 15);

  static StorageWaterHeater tank(double upperC, double lowerC) {
    return new StorageWaterHeater(
        new WaterHeaterSpec(TANK, new DrawProfile(200, 0, 7)),
        Temperature.ofCelsius(upperC),
        Temperature.ofCelsius(lowerC));
  }

  @Test
  void sameSeedSameTanksAndTankIDoesNotDependOnFleetSize() {
    List<WaterHeaterSpec> a = WaterHeaterDraws.heaters(300, 8, 0.2);
    assertThat(a).isEqualTo(WaterHeaterDraws.heaters(300, 8, 0.2));
    assertThat(a.subList(0, 40)).isEqualTo(WaterHeaterDraws.heaters(40, 8, 0.2));
    assertThat(a).isNotEqualTo(WaterHeaterDraws.heaters(300, 9, 0.2));
    assertThat(a).anySatisfy(s -> assertThat(s.tank().cop()).isGreaterThan(2.5));
    assertThat(a).anySatisfy(s -> assertThat(s.tank().heaterPower().kilowatts()).isEqualTo(4.5));
  }

  @Test
  void disjointRangesSteppedOnTwoThreadsGiveTheSameResultAsOneLoop() throws Exception {
    int n = 1_000;
    List<WaterHeaterSpec> specs = WaterHeaterDraws.heaters(n, 5);
    double[] upper = WaterHeaterDraws.initialUpperC(specs, 5);
    double[] lower = WaterHeaterDraws.initialLowerC(upper, 6);
    WaterHeaterBank serial = new WaterHeaterBank(specs, upper, lower);
    WaterHeaterBank parallel = new WaterHeaterBank(specs, upper, lower);
    for (int i = 0; i < n; i += 5) {
      serial.preHeat(i, 60, T0 + 300);
      parallel.preHeat(i, 60, T0 + 300);
      serial.holdOff(i + 1, T0 + 500);
      parallel.holdOff(i + 1, T0 + 500);
    }
    try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
      for (long t = T0; t < T0 + 1_440; t++) {
        long minute = t;
        serial.step(0, n, t, -300);
        Future<?> low = pool.submit(() -> parallel.step(0, n / 2, minute, -300));
        Future<?> high = pool.submit(() -> parallel.step(n / 2, n, minute, -300));
        low.get();
        high.get();
      }
    }
    for (int i = 0; i < n; i++) {
      assertThat(parallel.upperC(i)).isEqualTo(serial.upperC(i));
      assertThat(parallel.usedLitres(i)).isEqualTo(serial.usedLitres(i));
      assertThat(parallel.electricKwh(i)).isEqualTo(serial.electricKwh(i));
    }
  }

  @Test
  void aBankStepsEachTankExactlyAsASingleTank() {
    List<WaterHeaterSpec> specs = WaterHeaterDraws.heaters(10, 2);
    double[] upper = WaterHeaterDraws.initialUpperC(specs, 2);
    double[] lower = WaterHeaterDraws.initialLowerC(upper, 2);
    WaterHeaterBank bank = new WaterHeaterBank(specs, upper, lower);
    StorageWaterHeater[] single = new StorageWaterHeater[10];
    for (int i = 0; i < 10; i++) {
      single[i] =
          new StorageWaterHeater(
              specs.get(i), Temperature.ofCelsius(upper[i]), Temperature.ofCelsius(lower[i]));
    }
    for (long t = T0; t < T0 + 1_440; t++) {
      bank.step(0, 10, t, 60);
      for (StorageWaterHeater s : single) {
        s.step(t, 60);
      }
    }
    for (int i = 0; i < 10; i++) {
      assertThat(single[i].upper().celsius()).isEqualTo(bank.upperC(i));
      assertThat(single[i].accounts().usedLitres()).isEqualTo(bank.usedLitres(i));
      assertThat(single[i].electricPower().kilowatts()).isEqualTo(bank.powerKw(i));
    }
  }

  @Test
  void thermostatHeatsTheUpperNodeFirstAndStopsAtTheSetpoint() {
    StorageWaterHeater tank = tank(46, 30);
    tank.step(T0, 0.0);
    assertThat(tank.heating()).isTrue();
    assertThat(tank.electricPower().kilowatts()).isEqualTo(4.5);
    assertThat(tank.upper().celsius()).isGreaterThan(46);
    assertThat(tank.lower().celsius()).isLessThan(30);
    double maxUpper = 0;
    for (long t = T0 + 1; t < T0 + 240; t++) {
      tank.step(t, 0.0);
      maxUpper = Math.max(maxUpper, tank.upper().celsius());
    }
    assertThat(maxUpper).isLessThanOrEqualTo(52);
    assertThat(tank.lower().celsius()).isGreaterThan(47);
    assertThat(tank.heating()).isFalse();
  }

  @Test
  void preHeatIsClampedToTheMaximumAndEndsAtExpiry() {
    StorageWaterHeater tank = tank(52, 50);
    tank.preHeat(Temperature.ofCelsius(80), T0 + 120);
    assertThat(tank.setpoint(T0).celsius()).isEqualTo(65);
    for (long t = T0; t < T0 + 120; t++) {
      tank.step(t, 0.0);
    }
    assertThat(tank.upper().celsius()).isBetween(64.0, 65.0);
    assertThat(tank.lower().celsius()).isBetween(55.0, 65.0);
    assertThat(tank.setpoint(T0 + 120).celsius()).isEqualTo(52);
    tank.step(T0 + 120, 0.0);
    assertThat(tank.heating()).isFalse();
  }

  @Test
  void holdOffHeatsOnlyBelowTheMinimumAndOnlyBackToMinimumPlusDeadband() {
    StorageWaterHeater tank = tank(47, 40);
    tank.holdOff(T0 + 600);
    tank.step(T0, 0.0);
    assertThat(tank.heating()).isFalse();
    for (long t = T0 + 1; t < T0 + 600 && tank.upper().celsius() >= 45; t++) {
      tank.step(t, 5.0);
    }
    assertThat(tank.upper().celsius()).isLessThan(45);
    double max = 0;
    for (long t = T0 + 300; t < T0 + 400; t++) {
      tank.step(t, 0.0);
      max = Math.max(max, tank.upper().celsius());
    }
    assertThat(max).isBetween(49.0, 50.0);
    tank.cancelCommands();
    tank.step(T0 + 400, 0.0);
    assertThat(tank.heating()).isTrue();
  }

  @Test
  void theCoreDeviceCarriesPowerVolumeAndBounds() {
    WaterHeater device =
        new WaterHeaterSpec(TANK, new DrawProfile(200, 0, 1)).device(DeviceId.of("home-1-wh"));
    assertThat(device.elementPower()).isEqualTo(Power.ofKilowatts(4.5));
    assertThat(device.tankLitres()).isEqualTo(190);
    assertThat(device.minTemperature().celsius()).isEqualTo(45);
    assertThat(device.maxTemperature().celsius()).isEqualTo(65);
  }

  @Test
  void badValuesAreRefusedWithMessagesThatNameThem() {
    assertThatThrownBy(
            () -> new TankSpec(190, 0.3, 2.0, Power.ofKilowatts(4.5), 1, 52, 5, 48, 65, 20, 15))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("minSafeC")
        .hasMessageContaining("48");
    assertThatThrownBy(
            () -> new TankSpec(190, 0.3, 2.0, Power.ofKilowatts(4.5), 1, 52, 5, 45, 50, 20, 15))
        .hasMessageContaining("maxC");
    assertThatThrownBy(() -> new DrawProfile(-1, 0, 1)).hasMessageContaining("dailyLitres");
    assertThatThrownBy(() -> tank(52, 50).step(T0, 100.0)).hasMessageContaining("usedLitres");
    assertThatThrownBy(() -> tank(70, 50)).hasMessageContaining("initialUpperC");
  }
}
