package org.openvpp.sim.thermal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Compressor cycling at a fixed outdoor temperature, for a sample of drawn homes: the steady-state
 * duty equals the analytic one (heat gain / cooling capacity), rises with outdoor temperature, and
 * cycles last 10-40 minutes at moderate load.
 */
class DutyCycleTest {

  static final double SETPOINT_C = 24;
  static final double[] OUTDOOR_C = {27, 30, 33, 36};
  static final int HOMES = 60;
  static final int WARM_UP_MINUTES = 8 * 60;
  static final int MEASURED_MINUTES = 12 * 60;

  /** Duty, cycle period and analytic duty of each home at each outdoor temperature. */
  static final class Cycling {
    final double[][] duty;
    final double[][] periodMinutes;
    final double[][] analytic;

    Cycling(double[][] duty, double[][] periodMinutes, double[][] analytic) {
      this.duty = duty;
      this.periodMinutes = periodMinutes;
      this.analytic = analytic;
    }
  }

  static Cycling simulate() {
    List<ThermalHomeSpec> drawn = ThermalDraws.homes(HOMES, 11, HvacMode.COOL);
    List<ThermalHomeSpec> homes = new ArrayList<>();
    for (ThermalHomeSpec s : drawn) {
      double db = s.thermostat().deadbandC();
      homes.add(
          Homes.withThermostat(
              s,
              new ThermostatSettings(
                  HvacMode.COOL,
                  SetpointSchedule.constant(SETPOINT_C, SETPOINT_C - 4),
                  db,
                  SETPOINT_C - 6,
                  SETPOINT_C + 2)));
    }
    int n = homes.size();
    double[][] duty = new double[OUTDOOR_C.length][n];
    double[][] period = new double[OUTDOOR_C.length][n];
    double[][] analytic = new double[OUTDOOR_C.length][n];
    for (int k = 0; k < OUTDOOR_C.length; k++) {
      double outdoor = OUTDOOR_C[k];
      double[] initial = new double[n];
      java.util.Arrays.fill(initial, SETPOINT_C);
      ThermostatBank bank = new ThermostatBank(homes, initial);
      int[] on = new int[n];
      int[] starts = new int[n];
      boolean[] was = new boolean[n];
      for (int m = 0; m < WARM_UP_MINUTES + MEASURED_MINUTES; m++) {
        bank.step(0, n, m, 0, outdoor, 0);
        if (m < WARM_UP_MINUTES) {
          for (int i = 0; i < n; i++) {
            was[i] = bank.isRunning(i);
          }
          continue;
        }
        for (int i = 0; i < n; i++) {
          boolean running = bank.isRunning(i);
          on[i] += running ? 1 : 0;
          starts[i] += running && !was[i] ? 1 : 0;
          was[i] = running;
        }
      }
      for (int i = 0; i < n; i++) {
        ThermalHomeSpec s = homes.get(i);
        ThermalEnvelope e = s.envelope();
        double gainKw = (outdoor - SETPOINT_C) / e.envelopeResistanceCPerKw() + e.internalGainKw();
        double capacityKw = s.hvac().electricPower().kilowatts() * s.hvac().copCoolingAt(outdoor);
        duty[k][i] = on[i] / (double) MEASURED_MINUTES;
        period[k][i] =
            starts[i] == 0 ? Double.POSITIVE_INFINITY : MEASURED_MINUTES / (double) starts[i];
        analytic[k][i] = gainKw / capacityKw;
      }
    }
    return new Cycling(duty, period, analytic);
  }

  static final Cycling RESULT = simulate();

  @Test
  void steadyStateDutyEqualsHeatGainOverCoolingCapacity() {
    double worst = 0;
    for (int k = 0; k < OUTDOOR_C.length; k++) {
      for (int i = 0; i < HOMES; i++) {
        double expected = Math.min(1, RESULT.analytic[k][i]);
        worst = Math.max(worst, Math.abs(RESULT.duty[k][i] - expected));
      }
    }
    System.out.printf(
        Locale.ROOT,
        "duty: largest |simulated − analytic| = %.4f over %d homes × %d temperatures%n",
        worst,
        HOMES,
        OUTDOOR_C.length);
    assertThat(worst).isLessThan(0.03);
  }

  @Test
  void dutyRisesWithOutdoorTemperature() {
    for (int i = 0; i < HOMES; i++) {
      for (int k = 1; k < OUTDOOR_C.length; k++) {
        if (RESULT.duty[k - 1][i] < 0.99) {
          assertThat(RESULT.duty[k][i]).isGreaterThan(RESULT.duty[k - 1][i]);
        }
      }
    }
  }

  @Test
  void cyclesLastTenToFortyMinutesAtModerateLoad() {
    System.out.println(
        "outdoor °C | homes at duty 0.25-0.75 | mean duty | period min/median/max (min)");
    int moderate = 0;
    List<Double> all = new ArrayList<>();
    for (int k = 0; k < OUTDOOR_C.length; k++) {
      List<Double> periods = new ArrayList<>();
      double dutySum = 0;
      for (int i = 0; i < HOMES; i++) {
        dutySum += RESULT.duty[k][i];
        if (RESULT.duty[k][i] >= 0.25 && RESULT.duty[k][i] <= 0.75) {
          periods.add(RESULT.periodMinutes[k][i]);
        }
      }
      periods.sort(null);
      moderate += periods.size();
      System.out.printf(
          Locale.ROOT,
          "%10.0f | %23d | %9.2f | %s%n",
          OUTDOOR_C[k],
          periods.size(),
          dutySum / HOMES,
          periods.isEmpty()
              ? "-"
              : String.format(
                  Locale.ROOT,
                  "%.1f / %.1f / %.1f",
                  periods.get(0),
                  periods.get(periods.size() / 2),
                  periods.get(periods.size() - 1)));
      all.addAll(periods);
    }
    assertThat(all).allSatisfy(p -> assertThat(p).isBetween(10.0, 40.0));
    assertThat(moderate).isGreaterThan(HOMES);
  }
}
