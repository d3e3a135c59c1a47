package org.openvpp.device;

import org.openvpp.units.Power;

/**
 * An EV charger with the vehicle that uses it. Charging is controlled by rate (V1G); discharging
 * (V2G) is possible only when both charger and vehicle allow it.
 *
 * @param id identity
 * @param maxRate the charger's limit (Level 2: 3.3-11.5 kW)
 * @param bidirectional whether the charger can discharge a vehicle
 * @param vehicle the vehicle that charges here
 */
public record EvCharger(DeviceId id, Power maxRate, boolean bidirectional, Vehicle vehicle)
    implements Device {

  public EvCharger {
    Require.positive(id, "maxRate", maxRate);
    Require.positive(id, "vehicle.batteryCapacity", vehicle.batteryCapacity());
    Require.positive(id, "vehicle.maxAcceptRate", vehicle.maxAcceptRate());
  }

  /** The largest charging power: the lower of the charger's and the vehicle's limits. */
  public Power maxCharge() {
    return Power.min(maxRate, vehicle.maxAcceptRate());
  }

  /** The largest discharging power, zero unless both charger and vehicle allow V2G. */
  public Power maxDischarge() {
    return bidirectional && vehicle.vehicleToGrid() ? maxCharge() : Power.ZERO;
  }

  @Override
  public DeviceKind kind() {
    return DeviceKind.EV_CHARGER;
  }
}
