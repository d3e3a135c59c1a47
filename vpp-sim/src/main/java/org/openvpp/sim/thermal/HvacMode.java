package org.openvpp.sim.thermal;

/** What the thermostat is allowed to run: the customer's system switch. */
public enum HvacMode {
  /** Nothing runs; the house floats. */
  OFF,
  /** Cooling only, against the cooling setpoint. */
  COOL,
  /** Heating only, against the heating setpoint. */
  HEAT,
  /** Cooling or heating, whichever setpoint is crossed. */
  AUTO;

  boolean cools() {
    return this == COOL || this == AUTO;
  }

  boolean heats() {
    return this == HEAT || this == AUTO;
  }
}
