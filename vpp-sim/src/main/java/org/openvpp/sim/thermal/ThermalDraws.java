package org.openvpp.sim.thermal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.openvpp.units.Checks;
import org.openvpp.units.Power;

/**
 * Seeded draws of heterogeneous homes for a fleet. The same seed gives the same homes; home {@code
 * i} does not depend on how many homes are drawn.
 *
 * <p>Ranges (uniform unless stated), around the single-home values of Hao et al. (IEEE Trans. Power
 * Syst. 30(1), 2015: R ≈ 2 °C/kW, C ≈ 2 kWh/°C, COP ≈ 2.5); the spreads and the air/mass split are
 * this project's assumptions, chosen so that compressors cycle every 10-40 minutes at moderate load
 * (checked by the tests):
 *
 * <table>
 *   <caption>Drawn parameters</caption>
 *   <tr><th>parameter</th><th>range</th></tr>
 *   <tr><td>envelope resistance R_env</td><td>1.5 – 2.5 °C/kW</td></tr>
 *   <tr><td>total capacity C_air + C_mass</td><td>1.5 – 2.5 kWh/°C</td></tr>
 *   <tr><td>air share of capacity</td><td>0.15 – 0.30</td></tr>
 *   <tr><td>air–mass resistance R_am</td><td>0.3 – 0.7 °C/kW</td></tr>
 *   <tr><td>solar aperture</td><td>1.5 – 4 m² (30 % of solar gain to air)</td></tr>
 *   <tr><td>internal gains</td><td>0.3 – 0.8 kW (50 % to air)</td></tr>
 *   <tr><td>cooling COP at 35 °C / heating COP at 8.3 °C</td><td>2.3 – 2.8 / 2.4 – 3.0,
 *       slope 2 %/°C</td></tr>
 *   <tr><td>electric power</td><td>sized to the design cooling load (38 °C outdoor, 24 °C indoor,
 *       800 W/m²) × 1.1 – 1.4 oversizing, clamped to 2 – 5 kW</td></tr>
 *   <tr><td>minimum on / off time</td><td>3, 4 or 5 minutes each</td></tr>
 *   <tr><td>deadband</td><td>±0.4 – 0.6 °C</td></tr>
 *   <tr><td>base setpoints</td><td>cooling 22.5 – 26 °C, heating 18.5 – 21 °C, in 0.5 °C steps</td></tr>
 *   <tr><td>schedule</td><td>50 % constant, 30 % away 9:00-17:00 (±2 °C), 20 % night setback
 *       22:00-6:00 (heating −2 °C, cooling +1 °C)</td></tr>
 *   <tr><td>comfort band</td><td>schedule ± deadband widened by 0.5 – 1.5 °C on each side</td></tr>
 * </table>
 */
public final class ThermalDraws {

  private static final double DESIGN_OUTDOOR_C = 38;
  private static final double DESIGN_INDOOR_C = 24;
  private static final double DESIGN_SOLAR_KW_PER_M2 = 0.8;

  private ThermalDraws() {}

  /** Draws {@code n} homes whose thermostats are in {@code mode}. */
  public static List<ThermalHomeSpec> homes(int n, long seed, HvacMode mode) {
    Checks.between("n", n, 0, 10_000_000);
    SplittableRandom root = new SplittableRandom(seed);
    Map<String, SetpointSchedule> schedules = new HashMap<>();
    List<ThermalHomeSpec> homes = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      homes.add(home(root.split(), mode, schedules));
    }
    return homes;
  }

  private static ThermalHomeSpec home(
      SplittableRandom r, HvacMode mode, Map<String, SetpointSchedule> schedules) {
    double renv = r.nextDouble(1.5, 2.5);
    double capacity = r.nextDouble(1.5, 2.5);
    double airShare = r.nextDouble(0.3, 0.45);
    double ram = r.nextDouble(0.2, 0.5);
    double aperture = r.nextDouble(1.5, 4.0);
    double internal = r.nextDouble(0.3, 0.8);
    ThermalEnvelope envelope =
        new ThermalEnvelope(
            capacity * airShare,
            capacity * (1 - airShare),
            renv,
            ram,
            aperture,
            0.3,
            internal,
            0.5);

    double copCooling = r.nextDouble(2.3, 2.8);
    double copHeating = r.nextDouble(2.4, 3.0);
    double slope = 0.02;
    double designLoadKw =
        (DESIGN_OUTDOOR_C - DESIGN_INDOOR_C) / renv + aperture * DESIGN_SOLAR_KW_PER_M2 + internal;
    double electricKw =
        designLoadKw
            * r.nextDouble(1.1, 1.4)
            / Hvac.coolingCop(copCooling, slope, DESIGN_OUTDOOR_C);
    electricKw = Math.max(2, Math.min(5, electricKw));
    Hvac hvac =
        new Hvac(
            Power.ofKilowatts(electricKw),
            copCooling,
            copHeating,
            slope,
            4 + r.nextInt(3),
            4 + r.nextInt(3));

    double deadband = r.nextDouble(0.45, 0.6);
    double cool = 22.5 + 0.5 * r.nextInt(8);
    double heat = 18.5 + 0.5 * r.nextInt(6);
    double u = r.nextDouble();
    int style = u < 0.5 ? 0 : u < 0.8 ? 1 : 2;
    SetpointSchedule schedule =
        schedules.computeIfAbsent(
            style + "/" + cool + "/" + heat, k -> schedule(style, cool, heat));
    ThermostatSettings settings =
        new ThermostatSettings(
            mode,
            schedule,
            deadband,
            schedule.minHeatingC() - deadband - r.nextDouble(0.5, 1.5),
            schedule.maxCoolingC() + deadband + r.nextDouble(0.5, 1.5));
    return new ThermalHomeSpec(envelope, hvac, settings);
  }

  private static SetpointSchedule schedule(int style, double cool, double heat) {
    if (style == 0) {
      return SetpointSchedule.constant(cool, heat);
    }
    double[] c = new double[24];
    double[] h = new double[24];
    for (int hour = 0; hour < 24; hour++) {
      c[hour] = cool;
      h[hour] = heat;
      if (style == 1 && hour >= 9 && hour < 17) {
        c[hour] = cool + 2;
        h[hour] = heat - 2;
      } else if (style == 2 && (hour >= 22 || hour < 6)) {
        c[hour] = cool + 1;
        h[hour] = heat - 2;
      }
    }
    return SetpointSchedule.daily(c, h);
  }

  /**
   * Initial indoor temperatures spread uniformly over each home's deadband around its setpoint at
   * {@code epochMinute} (cooling setpoint in COOL mode, heating in HEAT, midway otherwise), so the
   * fleet's compressors do not start in step. The mass starts at the same temperature; give the
   * fleet a few simulated hours to settle before measuring.
   */
  public static double[] initialIndoorC(
      List<ThermalHomeSpec> homes, long epochMinute, int utcOffsetMinutes, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] t = new double[homes.size()];
    for (int i = 0; i < t.length; i++) {
      ThermostatSettings s = homes.get(i).thermostat();
      double cool = s.schedule().coolingC(epochMinute, utcOffsetMinutes);
      double heat = s.schedule().heatingC(epochMinute, utcOffsetMinutes);
      double db = s.deadbandC();
      double u = r.nextDouble(-1, 1);
      t[i] =
          switch (s.mode()) {
            case COOL -> cool + u * db;
            case HEAT -> heat + u * db;
            case AUTO, OFF -> (cool + heat) / 2 + u * db;
          };
    }
    return t;
  }
}
