package org.openvpp.sim.thermal;

/** What the plant is doing during a step. */
public enum HvacState {
  OFF,
  COOLING,
  HEATING;

  static final HvacState[] BY_CODE = {COOLING, OFF, HEATING};

  /** Whether the compressor runs. */
  public boolean running() {
    return this != OFF;
  }
}
