package org.openvpp.device;

import org.openvpp.units.Power;
import org.openvpp.units.Temperature;

/**
 * A smart thermostat with the heating and cooling plant it controls.
 *
 * @param id identity
 * @param hvacPower electric power the plant draws when running (2-5 kW for a central unit)
 * @param coefficientOfPerformance heat moved per unit of electricity (about 2.5)
 * @param comfortLow lowest indoor temperature the customer accepts
 * @param comfortHigh highest indoor temperature the customer accepts
 */
public record Thermostat(
    DeviceId id,
    Power hvacPower,
    double coefficientOfPerformance,
    Temperature comfortLow,
    Temperature comfortHigh)
    implements Device {

  public Thermostat {
    Require.positive(id, "hvacPower", hvacPower);
    if (!(coefficientOfPerformance > 0) || !Double.isFinite(coefficientOfPerformance)) {
      throw new IllegalArgumentException(
          id + ": coefficientOfPerformance must be positive, was " + coefficientOfPerformance);
    }
    if (comfortLow.compareTo(comfortHigh) >= 0) {
      throw new IllegalArgumentException(
          id + ": comfort band must have low < high, was " + comfortLow + " .. " + comfortHigh);
    }
  }

  @Override
  public DeviceKind kind() {
    return DeviceKind.THERMOSTAT;
  }
}
