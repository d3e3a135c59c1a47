package org.openvpp.device;

import org.openvpp.units.Energy;
import org.openvpp.units.Power;

/**
 * A home battery (for example a Powerwall: 13.5 kWh usable, 5 kW, about 90 % round trip).
 *
 * @param id identity
 * @param usableCapacity energy it can store
 * @param maxCharge largest charging power, as a positive magnitude
 * @param maxDischarge largest discharging power, as a positive magnitude
 * @param roundTripEfficiency energy out over energy in, in (0, 1]
 * @param backupReserve energy the customer keeps for outages; dispatch never goes below it
 */
public record Battery(
    DeviceId id,
    Energy usableCapacity,
    Power maxCharge,
    Power maxDischarge,
    double roundTripEfficiency,
    Energy backupReserve)
    implements Device {

  public Battery {
    Require.positive(id, "usableCapacity", usableCapacity);
    Require.nonNegative(id, "maxCharge", maxCharge);
    Require.nonNegative(id, "maxDischarge", maxDischarge);
    Require.fraction(id, "roundTripEfficiency", roundTripEfficiency);
    if (backupReserve.wattHours() < 0 || backupReserve.compareTo(usableCapacity) > 0) {
      throw new IllegalArgumentException(
          id + ": backupReserve must be within [0, " + usableCapacity + "], was " + backupReserve);
    }
  }

  /** The one-way efficiency, charging or discharging: the square root of the round trip. */
  public double oneWayEfficiency() {
    return Math.sqrt(roundTripEfficiency);
  }

  @Override
  public DeviceKind kind() {
    return DeviceKind.BATTERY;
  }
}
