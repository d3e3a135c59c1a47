package org.openvpp.sim.waterheater;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.openvpp.units.Checks;
import org.openvpp.units.Power;

/**
 * Seeded draws of heterogeneous water heaters and households. The same seed gives the same tanks;
 * tank {@code i} does not depend on how many are drawn.
 *
 * <table>
 *   <caption>Drawn parameters (this project's choices, typical of US electric tanks)</caption>
 *   <tr><th>parameter</th><th>range</th></tr>
 *   <tr><td>volume</td><td>150 L (30 %), 190 L (45 %), 250 L (15 %), 300 L (10 %)</td></tr>
 *   <tr><td>upper node share</td><td>0.25 – 0.4</td></tr>
 *   <tr><td>standby UA</td><td>1.0 – 2.5 W/°C × (volume / 190 L)^⅔</td></tr>
 *   <tr><td>element</td><td>4.5 kW (80 %), 3.8 kW (10 %), 5.5 kW (10 %), COP 1</td></tr>
 *   <tr><td>heat pump (share given by the caller)</td><td>0.4 – 0.6 kW, COP 2.8 – 3.2, 190 L or
 *       more</td></tr>
 *   <tr><td>setpoint</td><td>49, 52, 55 or 60 °C (25/35/25/15 %)</td></tr>
 *   <tr><td>deadband</td><td>3 – 6 °C</td></tr>
 *   <tr><td>minimum safe / maximum</td><td>min(45 °C, setpoint − deadband) / 65 °C (70 °C for a
 *       60 °C setpoint)</td></tr>
 *   <tr><td>room / inlet</td><td>15 – 25 °C / 12 – 20 °C</td></tr>
 *   <tr><td>daily hot water at setpoint</td><td>150 – 250 L, profile shifted −60 … +60 min</td></tr>
 * </table>
 */
public final class WaterHeaterDraws {

  private WaterHeaterDraws() {}

  /** Draws {@code n} resistance water heaters. */
  public static List<WaterHeaterSpec> heaters(int n, long seed) {
    return heaters(n, seed, 0);
  }

  /** Draws {@code n} water heaters, a share {@code heatPumpShare} of them heat pumps. */
  public static List<WaterHeaterSpec> heaters(int n, long seed, double heatPumpShare) {
    Checks.between("n", n, 0, 10_000_000);
    Checks.between("heatPumpShare", heatPumpShare, 0, 1);
    SplittableRandom root = new SplittableRandom(seed);
    List<WaterHeaterSpec> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(heater(root.split(), heatPumpShare));
    }
    return out;
  }

  private static WaterHeaterSpec heater(SplittableRandom r, double heatPumpShare) {
    boolean heatPump = r.nextDouble() < heatPumpShare;
    double u = r.nextDouble();
    double litres = u < 0.30 ? 150 : u < 0.75 ? 190 : u < 0.90 ? 250 : 300;
    if (heatPump) {
      litres = Math.max(190, litres);
    }
    double ua = r.nextDouble(1.0, 2.5) * Math.pow(litres / 190, 2.0 / 3);
    double kw;
    double cop;
    if (heatPump) {
      kw = r.nextDouble(0.4, 0.6);
      cop = r.nextDouble(2.8, 3.2);
    } else {
      double k = r.nextDouble();
      kw = k < 0.8 ? 4.5 : k < 0.9 ? 3.8 : 5.5;
      cop = 1;
    }
    double s = r.nextDouble();
    double setpoint = s < 0.25 ? 49 : s < 0.60 ? 52 : s < 0.85 ? 55 : 60;
    double deadband = r.nextDouble(3, 6);
    double minSafe = Math.min(45, setpoint - deadband);
    double max = setpoint >= 60 ? 70 : 65;
    TankSpec tank =
        new TankSpec(
            litres,
            r.nextDouble(0.25, 0.4),
            ua,
            Power.ofKilowatts(kw),
            cop,
            setpoint,
            deadband,
            minSafe,
            max,
            r.nextDouble(15, 25),
            r.nextDouble(12, 20));
    DrawProfile draws = new DrawProfile(r.nextDouble(150, 250), r.nextInt(-60, 61), r.nextLong());
    return new WaterHeaterSpec(tank, draws);
  }

  /**
   * Initial upper-node temperatures spread over each tank's deadband below its setpoint, so the
   * fleet's heaters do not start in step.
   */
  public static double[] initialUpperC(List<WaterHeaterSpec> heaters, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] t = new double[heaters.size()];
    for (int i = 0; i < t.length; i++) {
      TankSpec s = heaters.get(i).tank();
      t[i] = s.setpointC() - r.nextDouble() * s.deadbandC();
    }
    return t;
  }

  /** Initial lower-node temperatures: up to 10 °C below the upper node's. */
  public static double[] initialLowerC(double[] upperC, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] t = new double[upperC.length];
    for (int i = 0; i < t.length; i++) {
      t[i] = upperC[i] - r.nextDouble() * 10;
    }
    return t;
  }
}
