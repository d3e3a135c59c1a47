package org.openvpp.sim.thermal;

import org.openvpp.units.Power;

/** Homes for tests: one typical home (Hao et al.'s R = 2 °C/kW, C = 2 kWh/°C) in several modes. */
final class Homes {
  private Homes() {}

  static final ThermalEnvelope TYPICAL =
      new ThermalEnvelope(0.4, 1.6, 2.0, 0.5, 3.0, 0.3, 0.5, 0.5);
  static final Hvac PLANT = new Hvac(Power.ofKilowatts(4), 2.5, 2.8, 0.0, 5, 5);

  static ThermalHomeSpec cooling(double setpointC) {
    return new ThermalHomeSpec(
        TYPICAL,
        PLANT,
        new ThermostatSettings(
            HvacMode.COOL,
            SetpointSchedule.constant(setpointC, setpointC - 4),
            0.5,
            setpointC - 6,
            setpointC + 1.5));
  }

  static ThermalHomeSpec heating(double setpointC) {
    return new ThermalHomeSpec(
        TYPICAL,
        PLANT,
        new ThermostatSettings(
            HvacMode.HEAT,
            SetpointSchedule.constant(setpointC + 4, setpointC),
            0.5,
            setpointC - 1.5,
            setpointC + 6));
  }

  /** The same home's plant and building with another thermostat. */
  static ThermalHomeSpec withThermostat(ThermalHomeSpec home, ThermostatSettings thermostat) {
    return new ThermalHomeSpec(home.envelope(), home.hvac(), thermostat);
  }
}
