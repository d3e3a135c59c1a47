package org.openvpp.sim.waterheater;

import java.util.Objects;
import org.openvpp.device.DeviceId;
import org.openvpp.device.WaterHeater;
import org.openvpp.units.Temperature;

/**
 * One water heater and the household that draws from it.
 *
 * @param tank the tank, heater and thermostat
 * @param draws the household's hot-water use
 */
public record WaterHeaterSpec(TankSpec tank, DrawProfile draws) {

  public WaterHeaterSpec {
    Objects.requireNonNull(tank, "tank");
    Objects.requireNonNull(draws, "draws");
  }

  /** The device as the VPP's core sees it. */
  public WaterHeater device(DeviceId id) {
    return new WaterHeater(
        id,
        tank.heaterPower(),
        tank.litres(),
        Temperature.ofCelsius(tank.minSafeC()),
        Temperature.ofCelsius(tank.maxC()));
  }
}
