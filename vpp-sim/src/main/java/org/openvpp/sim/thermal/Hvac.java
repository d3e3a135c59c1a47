package org.openvpp.sim.thermal;

import org.openvpp.units.Checks;
import org.openvpp.units.Power;

/**
 * An on/off heat pump (or air conditioner): constant electric power when on, heat moved = COP ×
 * electric power.
 *
 * <p>COP varies linearly with outdoor temperature around the rating points of AHRI 210/240 (35 °C
 * outdoor for cooling, 8.3 °C for heating): {@code COP_cool(T) = copCooling · (1 + slope · (35 −
 * T))}, {@code COP_heat(T) = copHeating · (1 + slope · (T − 8.3))}, the factor clamped to [0.5,
 * 1.5]. A slope of 0 gives a constant COP. There is no auxiliary resistance heat.
 *
 * @param electricPower electric power drawn while running (2-5 kW for a central unit)
 * @param copCooling cooling COP at 35 °C outdoor (about 2.5)
 * @param copHeating heating COP at 8.3 °C outdoor
 * @param copSlopePerC relative change of COP per °C of outdoor temperature, in [0, 0.1]
 * @param minOnMinutes minimum run time once started (compressor protection)
 * @param minOffMinutes minimum rest time once stopped (compressor protection)
 */
public record Hvac(
    Power electricPower,
    double copCooling,
    double copHeating,
    double copSlopePerC,
    int minOnMinutes,
    int minOffMinutes) {

  static final double COOLING_RATING_C = 35;
  static final double HEATING_RATING_C = 8.3;

  public Hvac {
    Checks.between("electricPower (kW)", electricPower.kilowatts(), 0.1, 50);
    Checks.between("copCooling", copCooling, 0.5, 10);
    Checks.between("copHeating", copHeating, 0.5, 10);
    Checks.between("copSlopePerC", copSlopePerC, 0, 0.1);
    Checks.between("minOnMinutes", minOnMinutes, 1, 60);
    Checks.between("minOffMinutes", minOffMinutes, 1, 60);
  }

  /** Cooling COP at outdoor temperature {@code outdoorC}. */
  public double copCoolingAt(double outdoorC) {
    return coolingCop(copCooling, copSlopePerC, outdoorC);
  }

  /** Heating COP at outdoor temperature {@code outdoorC}. */
  public double copHeatingAt(double outdoorC) {
    return heatingCop(copHeating, copSlopePerC, outdoorC);
  }

  static double coolingCop(double rated, double slope, double outdoorC) {
    return rated * clampFactor(1 + slope * (COOLING_RATING_C - outdoorC));
  }

  static double heatingCop(double rated, double slope, double outdoorC) {
    return rated * clampFactor(1 + slope * (outdoorC - HEATING_RATING_C));
  }

  private static double clampFactor(double f) {
    return Math.max(0.5, Math.min(1.5, f));
  }
}
