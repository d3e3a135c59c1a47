package org.openvpp.sim.thermal;

import java.util.Objects;
import org.openvpp.device.DeviceId;
import org.openvpp.device.Thermostat;
import org.openvpp.units.Temperature;

/**
 * Everything fixed about one home's thermal behaviour: its building, its plant and its thermostat.
 *
 * @param envelope the building
 * @param hvac the heat pump or air conditioner
 * @param thermostat the thermostat's settings
 */
public record ThermalHomeSpec(ThermalEnvelope envelope, Hvac hvac, ThermostatSettings thermostat) {

  public ThermalHomeSpec {
    Objects.requireNonNull(envelope, "envelope");
    Objects.requireNonNull(hvac, "hvac");
    Objects.requireNonNull(thermostat, "thermostat");
  }

  /** The device as the VPP's core sees it (COP at its cooling rating point). */
  public Thermostat device(DeviceId id) {
    return new Thermostat(
        id,
        hvac.electricPower(),
        hvac.copCooling(),
        Temperature.ofCelsius(thermostat.comfortLowC()),
        Temperature.ofCelsius(thermostat.comfortHighC()));
  }
}
