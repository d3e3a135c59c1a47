package org.openvpp.device;

/** The kinds of device OpenVPP controls, one per permitted subtype of {@link Device}. */
public enum DeviceKind {
  BATTERY,
  EV_CHARGER,
  THERMOSTAT,
  PV_INVERTER,
  WATER_HEATER,
  /**
   * A partner's resources behind its cloud, known by its OpenADR reports ({@link PartnerResource}).
   */
  PARTNER_RESOURCE
}
