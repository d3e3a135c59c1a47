package org.openvpp.sim.waterheater;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** A drawn fleet over days: draws as profiled and served; pre-heat and hold-off within bounds. */
class WaterHeaterFleetTest {

  static final long MIDNIGHT = 28_092_960L + 7 * 60; // 2023-06-01T00:00 PDT
  static final int PDT = -7 * 60;
  static final int N = 400;

  static WaterHeaterBank fleet(List<WaterHeaterSpec> specs) {
    double[] upper = WaterHeaterDraws.initialUpperC(specs, 2);
    return new WaterHeaterBank(specs, upper, WaterHeaterDraws.initialLowerC(upper, 3));
  }

  @Test
  void drawsFollowTheProfileAndAreServed() {
    List<WaterHeaterSpec> specs = WaterHeaterDraws.heaters(N, 1);
    WaterHeaterBank bank = fleet(specs);
    int days = 7;
    double[] usedByHour = new double[24];
    double peakKw = 0;
    double[] used = new double[N];
    for (long t = MIDNIGHT; t < MIDNIGHT + days * 1440L; t++) {
      bank.step(0, N, t, PDT);
      if (t >= MIDNIGHT + 1440) {
        peakKw = Math.max(peakKw, bank.totalPowerKw(0, N));
      }
      int hour = (int) ((t - MIDNIGHT) / 60 % 24);
      double total = 0;
      for (int i = 0; i < N; i++) {
        total += bank.usedLitres(i) - used[i];
        used[i] = bank.usedLitres(i);
      }
      usedByHour[hour] += total;
    }
    double drawnPerDay = 0;
    double expectedPerDay = 0;
    double tankLitres = 0;
    double usedLitres = 0;
    double cold = 0;
    double kwh = 0;
    for (int i = 0; i < N; i++) {
      expectedPerDay += specs.get(i).draws().dailyLitres() / N;
      drawnPerDay += bank.tankLitres(i) / days / N;
      tankLitres += bank.tankLitres(i);
      usedLitres += bank.usedLitres(i);
      cold += bank.coldLitres(i);
      kwh += bank.electricKwh(i) / days / N;
    }
    double morning = usedByHour[6] + usedByHour[7] + usedByHour[8];
    double evening = usedByHour[18] + usedByHour[19] + usedByHour[20];
    double night = usedByHour[1] + usedByHour[2] + usedByHour[3];
    System.out.printf(
        Locale.ROOT,
        "%d tanks × %d days: %.0f L/day of hot water drawn per home (profiles ask %.0f at"
            + " setpoint), %.0f L/day used at 40 °C, %.2f %% of use unserved (outlet < 40 °C),"
            + " %.1f kWh/day per home, fleet mean %.0f kW, peak after day 1 %.0f kW; use 6-9 h %.0f %%, 18-21 h"
            + " %.0f %%, 1-4 h %.1f %%%n",
        N,
        days,
        drawnPerDay,
        expectedPerDay,
        usedLitres / days / N,
        100 * cold / usedLitres,
        kwh,
        kwh * N / 24,
        peakKw,
        100 * morning / usedLitres,
        100 * evening / usedLitres,
        100 * night / usedLitres);
    assertThat(drawnPerDay).isBetween(0.9 * expectedPerDay, 1.1 * expectedPerDay);
    assertThat(cold / usedLitres).isLessThan(0.01);
    assertThat(morning).isGreaterThan(5 * night);
    assertThat(evening).isGreaterThan(5 * night);
    assertThat(kwh).isBetween(5.0, 15.0);
    assertThat(peakKw / N).isLessThan(2.0);
    assertThat(tankLitres).isLessThan(usedLitres);
  }

  @Test
  void holdOffKeepsHeatersOffAboveTheMinimumAndPreHeatStaysBelowTheMaximum() {
    List<WaterHeaterSpec> specs = WaterHeaterDraws.heaters(N, 4);
    WaterHeaterBank bank = fleet(specs);
    WaterHeaterBank baseline = fleet(specs);
    long preHeatFrom = MIDNIGHT + 24 * 60 + 14 * 60; // day 2, 14:00
    long holdFrom = preHeatFrom + 3 * 60; // 17:00
    long holdUntil = holdFrom + 4 * 60; // 21:00
    double storedBefore = 0;
    double storedAfterPreHeat = 0;
    double heldKwh = 0;
    double baselineKwh = 0;
    double reboundKwh = 0;
    double baselineReboundKwh = 0;
    int belowMinSafe = 0;
    int baselineBelowMinSafe = 0;
    double[] coldAtHold = new double[2];
    double[] usedAtHold = new double[2];
    double[] coldAfter = new double[2];
    double[] usedAfter = new double[2];
    boolean[] wasBelow = new boolean[N];
    for (long t = MIDNIGHT; t < holdUntil + 60; t++) {
      if (t == preHeatFrom) {
        for (int i = 0; i < N; i++) {
          storedBefore += bank.storedHeatKwh(i);
          bank.preHeat(i, 99, holdFrom);
        }
      }
      if (t == holdFrom) {
        for (int i = 0; i < N; i++) {
          storedAfterPreHeat += bank.storedHeatKwh(i);
          bank.holdOff(i, holdUntil);
          coldAtHold[0] += bank.coldLitres(i);
          usedAtHold[0] += bank.usedLitres(i);
          coldAtHold[1] += baseline.coldLitres(i);
          usedAtHold[1] += baseline.usedLitres(i);
        }
      }
      bank.step(0, N, t, PDT);
      baseline.step(0, N, t, PDT);
      if (t >= holdFrom && t < holdUntil) {
        heldKwh += bank.totalPowerKw(0, N) / 60;
        baselineKwh += baseline.totalPowerKw(0, N) / 60;
      } else if (t >= holdUntil) {
        reboundKwh += bank.totalPowerKw(0, N) / 60;
        baselineReboundKwh += baseline.totalPowerKw(0, N) / 60;
      }
      for (int i = 0; i < N; i++) {
        TankSpec s = specs.get(i).tank();
        assertThat(bank.upperC(i)).isLessThanOrEqualTo(s.maxC());
        assertThat(bank.lowerC(i)).isLessThanOrEqualTo(s.maxC());
        if (t >= holdFrom && t < holdUntil) {
          belowMinSafe += bank.upperC(i) < s.minSafeC() ? 1 : 0;
          baselineBelowMinSafe += baseline.upperC(i) < s.minSafeC() ? 1 : 0;
          if (wasBelow[i]) {
            assertThat(bank.isHeating(i)).as("tank %d below min safe at %d", i, t).isTrue();
          }
          if (bank.isHeating(i)) {
            assertThat(bank.upperC(i)).isLessThanOrEqualTo(s.minSafeC() + s.deadbandC());
          }
        }
        wasBelow[i] = bank.upperC(i) < s.minSafeC();
      }
    }
    for (int i = 0; i < N; i++) {
      coldAfter[0] += bank.coldLitres(i);
      usedAfter[0] += bank.usedLitres(i);
      coldAfter[1] += baseline.coldLitres(i);
      usedAfter[1] += baseline.usedLitres(i);
    }
    double unserved = (coldAfter[0] - coldAtHold[0]) / (usedAfter[0] - usedAtHold[0]);
    double baselineUnserved = (coldAfter[1] - coldAtHold[1]) / (usedAfter[1] - usedAtHold[1]);
    double minutes = 4 * 60.0 * N;
    System.out.printf(
        Locale.ROOT,
        "%d tanks, pre-heat to max 14-17 h stores %.0f kWh more; hold-off 17-21 h uses %.0f kWh"
            + " (no commands: %.0f), the hour after %.0f kWh (no commands: %.0f); outlet below min"
            + " safe %.2f %% of tank-minutes (no commands: %.2f %%); use unserved 17-22 h %.2f %%"
            + " (no commands: %.2f %%)%n",
        N,
        storedAfterPreHeat - storedBefore,
        heldKwh,
        baselineKwh,
        reboundKwh,
        baselineReboundKwh,
        100 * belowMinSafe / minutes,
        100 * baselineBelowMinSafe / minutes,
        100 * unserved,
        100 * baselineUnserved);
    assertThat(storedAfterPreHeat).isGreaterThan(storedBefore + N);
    assertThat(heldKwh).isLessThan(0.2 * baselineKwh);
    assertThat(reboundKwh).isGreaterThan(baselineReboundKwh);
    assertThat(belowMinSafe / minutes).isLessThan(0.02);
    assertThat(unserved).isLessThan(0.01);
  }
}
