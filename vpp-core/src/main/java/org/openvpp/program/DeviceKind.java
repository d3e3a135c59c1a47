package org.openvpp.program;

/** The kinds of device a program may accept. */
public enum DeviceKind {
  BATTERY,
  EV_CHARGER,
  THERMOSTAT,
  PV_INVERTER,
  WATER_HEATER
}
