package org.openvpp.sim.thermal;

import org.openvpp.units.Checks;

/**
 * The building of a 2R2C thermal model: indoor air (with furniture and light surfaces) and building
 * mass (floors, walls), coupled to each other and the air to outdoors.
 *
 * <pre>
 *   outdoor ──R_env── air (C_air) ──R_am── mass (C_mass)
 *                      ▲ HVAC, share of gains   ▲ rest of gains
 * </pre>
 *
 * <p>In steady state the model reduces to the common 1R1C model with {@code R = R_env} and {@code C
 * = C_air + C_mass}; Hao et al. (IEEE Trans. Power Syst. 30(1), 2015) use R ≈ 2 °C/kW and C ≈ 2
 * kWh/°C for one home. The mass only exchanges heat with the air: walls' conduction to outdoors is
 * part of {@code R_env}.
 *
 * @param airCapacityKwhPerC heat capacity of the air node (air plus furniture), kWh/°C
 * @param massCapacityKwhPerC heat capacity of the mass node, kWh/°C
 * @param envelopeResistanceCPerKw resistance between outdoor and indoor air (walls, roof, windows,
 *     infiltration), °C/kW
 * @param airMassResistanceCPerKw resistance between indoor air and mass (interior surfaces), °C/kW
 * @param solarApertureM2 effective solar aperture (window area × solar heat gain coefficient,
 *     averaged over orientations) applied to the irradiance input, m²
 * @param solarToAirShare share of solar gain that heats the air directly; the rest heats the mass
 * @param internalGainKw constant internal gains of people and appliances, kW
 * @param internalToAirShare share of internal gains that heats the air directly
 */
public record ThermalEnvelope(
    double airCapacityKwhPerC,
    double massCapacityKwhPerC,
    double envelopeResistanceCPerKw,
    double airMassResistanceCPerKw,
    double solarApertureM2,
    double solarToAirShare,
    double internalGainKw,
    double internalToAirShare) {

  public ThermalEnvelope {
    Checks.between("airCapacityKwhPerC", airCapacityKwhPerC, 0.01, 100);
    Checks.between("massCapacityKwhPerC", massCapacityKwhPerC, 0.01, 1000);
    Checks.between("envelopeResistanceCPerKw", envelopeResistanceCPerKw, 0.05, 100);
    Checks.between("airMassResistanceCPerKw", airMassResistanceCPerKw, 0.005, 100);
    Checks.between("solarApertureM2", solarApertureM2, 0, 200);
    Checks.between("solarToAirShare", solarToAirShare, 0, 1);
    Checks.between("internalGainKw", internalGainKw, 0, 50);
    Checks.between("internalToAirShare", internalToAirShare, 0, 1);
  }

  /** Total heat capacity (the 1R1C equivalent's C), kWh/°C. */
  public double totalCapacityKwhPerC() {
    return airCapacityKwhPerC + massCapacityKwhPerC;
  }

  /** Envelope conductance UA = 1 / R_env, kW/°C. */
  public double conductanceKwPerC() {
    return 1 / envelopeResistanceCPerKw;
  }
}
