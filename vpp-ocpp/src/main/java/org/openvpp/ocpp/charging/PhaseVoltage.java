package org.openvpp.ocpp.charging;

/**
 * A charger's voltage between a phase and neutral, such as 230 V: what turns a limit in amperes per
 * phase into watts ({@code W = A × V × phases}).
 *
 * @param volts positive and finite
 */
public record PhaseVoltage(double volts) {
  public PhaseVoltage {
    if (!(volts > 0) || !Double.isFinite(volts)) {
      throw new IllegalArgumentException("volts must be positive and finite, was " + volts);
    }
  }
}
