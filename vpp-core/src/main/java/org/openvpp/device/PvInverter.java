package org.openvpp.device;

import org.openvpp.units.Power;

/**
 * A rooftop solar inverter.
 *
 * @param id identity
 * @param dcRating the array's nameplate (DC) power
 * @param acRating the inverter's AC limit
 * @param curtailable whether its output may be limited on command
 */
public record PvInverter(DeviceId id, Power dcRating, Power acRating, boolean curtailable)
    implements Device {

  public PvInverter {
    Require.positive(id, "dcRating", dcRating);
    Require.positive(id, "acRating", acRating);
  }

  @Override
  public DeviceKind kind() {
    return DeviceKind.PV_INVERTER;
  }
}
