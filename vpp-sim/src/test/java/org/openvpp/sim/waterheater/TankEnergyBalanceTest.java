package org.openvpp.sim.waterheater;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.openvpp.check.DoubleRange;
import org.openvpp.check.ForAll;
import org.openvpp.check.IntRange;
import org.openvpp.check.Property;
import org.openvpp.units.Power;
import org.openvpp.units.Temperature;

/** The tank against physics it must obey: energy balance, standby decay, temperature bounds. */
class TankEnergyBalanceTest {

  @Property(tries = 80)
  void heaterHeatEqualsStoredHeatChangePlusLossesPlusDrawHeat(
      @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 3 * 1440) int minutes,
      @ForAll @DoubleRange(min = 0, max = 1) double heatPumpShare) {
    WaterHeaterSpec spec = WaterHeaterDraws.heaters(1, seed, heatPumpShare).get(0);
    TankSpec t = spec.tank();
    SplittableRandom r = new SplittableRandom(seed);
    double upper = r.nextDouble(t.minSafeC(), t.maxC());
    StorageWaterHeater tank =
        new StorageWaterHeater(
            spec,
            Temperature.ofCelsius(upper),
            Temperature.ofCelsius(r.nextDouble(t.inletC(), upper)));
    TankAccounts before = tank.accounts();
    long start = 28_092_960L;
    for (int m = 0; m < minutes; m++) {
      long now = start + m;
      if (r.nextDouble() < 0.005) {
        tank.preHeat(Temperature.ofCelsius(r.nextDouble(40, 90)), now + r.nextInt(1, 300));
      } else if (r.nextDouble() < 0.005) {
        tank.holdOff(now + r.nextInt(1, 300));
      } else if (r.nextDouble() < 0.002) {
        tank.cancelCommands();
      }
      if (r.nextDouble() < 0.02) {
        tank.step(now, r.nextDouble(0, t.upperLitres()));
      } else {
        tank.step(now, -480);
      }
      assertThat(tank.upper().celsius()).isLessThanOrEqualTo(t.maxC());
      assertThat(tank.lower().celsius()).isLessThanOrEqualTo(t.maxC());
      // Cold water comes in at the inlet temperature; a room colder than that cools it further.
      assertThat(tank.lower().celsius())
          .isGreaterThanOrEqualTo(Math.min(t.inletC(), t.ambientC()) - 1e-9);
    }
    TankAccounts after = tank.accounts();
    double heater = after.heaterHeatKwh() - before.heaterHeatKwh();
    double loss = after.lossKwh() - before.lossKwh();
    double drawn = after.drawHeatKwh() - before.drawHeatKwh();
    double stored = after.storedHeatKwh() - before.storedHeatKwh();
    assertThat(heater).isCloseTo(stored + loss + drawn, within(1e-9 * (1 + heater + drawn)));
    assertThat(heater)
        .isCloseTo(after.electricity().kilowattHours() * t.cop(), within(1e-9 * (1 + heater)));
  }

  @Test
  void withoutDrawsOrHeatingATankCoolsExponentiallyToTheRoom() {
    TankSpec t = new TankSpec(190, 0.3, 2.0, Power.ofKilowatts(4.5), 1, 55, 5, 45, 65, 20, 15);
    WaterHeaterSpec spec = new WaterHeaterSpec(t, new DrawProfile(0, 0, 1));
    StorageWaterHeater tank =
        new StorageWaterHeater(spec, Temperature.ofCelsius(55), Temperature.ofCelsius(55));
    int minutes = 600;
    for (int m = 0; m < minutes; m++) {
      tank.step(m, 0.0);
    }
    double capacityKwhPerC = 190 * WaterHeaterBank.KWH_PER_LITRE_C;
    double hours = minutes / 60.0;
    double expected = 20 + 35 * Math.exp(-hours * 0.002 / capacityKwhPerC);
    assertThat(tank.upper().celsius()).isCloseTo(expected, within(1e-9));
    assertThat(tank.lower().celsius()).isCloseTo(expected, within(1e-9));
    assertThat(tank.accounts().lossKwh())
        .isCloseTo(capacityKwhPerC * (55 - expected), within(1e-9));
    assertThat(tank.accounts().electricity().wattHours()).isZero();
  }
}
