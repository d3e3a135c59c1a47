package org.openvpp.device;

import org.openvpp.units.Power;
import org.openvpp.units.Temperature;

/**
 * An electric storage water heater.
 *
 * @param id identity
 * @param elementPower electric power of its heating element (or heat pump) when on
 * @param tankLitres tank volume
 * @param minTemperature lowest tank temperature allowed (comfort and legionella safety)
 * @param maxTemperature highest tank temperature allowed (pre-heating stops here)
 */
public record WaterHeater(
    DeviceId id,
    Power elementPower,
    double tankLitres,
    Temperature minTemperature,
    Temperature maxTemperature)
    implements Device {

  public WaterHeater {
    Require.positive(id, "elementPower", elementPower);
    if (!(tankLitres > 0) || !Double.isFinite(tankLitres)) {
      throw new IllegalArgumentException(id + ": tankLitres must be positive, was " + tankLitres);
    }
    if (minTemperature.compareTo(maxTemperature) >= 0) {
      throw new IllegalArgumentException(
          id + ": tank band must have min < max, was " + minTemperature + " .. " + maxTemperature);
    }
  }

  @Override
  public DeviceKind kind() {
    return DeviceKind.WATER_HEATER;
  }
}
