package org.openvpp.flex;

/** Whether a thermostat's plant heats or cools over an envelope's horizon. */
public enum HvacMode {
  HEATING(1),
  COOLING(-1);

  private final int sign;

  HvacMode(int sign) {
    this.sign = sign;
  }

  /** +1 when the plant adds heat, −1 when it removes it. */
  int sign() {
    return sign;
  }
}
