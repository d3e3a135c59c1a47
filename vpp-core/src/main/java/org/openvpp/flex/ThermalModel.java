package org.openvpp.flex;

import org.openvpp.units.Checks;

/**
 * A first-order (1R1C) thermal model of one home: {@code C·dT/dt = (T_out − T)/R + Q}, where {@code
 * Q} is the heat the plant adds (heating) or removes (cooling, negative), in kW.
 *
 * <p>The simulator's 2R2C model reduces to this one with {@code R = R_env} and {@code C = C_air +
 * C_mass} (its steady state and slow dynamics); Hao et al. (IEEE Trans. Power Syst. 30(1), 2015)
 * use R ≈ 2 °C/kW and C ≈ 2 kWh/°C for one home. Internal and solar gains {@code G} can be folded
 * into the outdoor temperature given to the envelope, as {@code T_out + R·G}.
 *
 * @param resistanceCPerKw thermal resistance between indoor air and outdoors, °C/kW
 * @param capacityKwhPerC heat capacity of the home, kWh/°C
 */
public record ThermalModel(double resistanceCPerKw, double capacityKwhPerC) {

  public ThermalModel {
    Checks.positive("resistanceCPerKw", resistanceCPerKw);
    Checks.positive("capacityKwhPerC", capacityKwhPerC);
  }

  /** The time constant {@code R·C}, hours. */
  public double timeConstantHours() {
    return resistanceCPerKw * capacityKwhPerC;
  }
}
