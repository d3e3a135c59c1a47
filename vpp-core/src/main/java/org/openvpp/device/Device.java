package org.openvpp.device;

/**
 * What a device behind a customer's meter is and what it can do. Each kind is an immutable record;
 * a {@code switch} over a {@code Device} is checked for completeness by the compiler, so adding a
 * kind shows every place that must learn about it.
 */
public sealed interface Device
    permits Battery, EvCharger, Thermostat, PvInverter, WaterHeater, PartnerResource {

  DeviceId id();

  DeviceKind kind();
}
