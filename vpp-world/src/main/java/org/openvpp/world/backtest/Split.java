package org.openvpp.world.backtest;

/**
 * Shares a fleet's net delivery among its online batteries: in proportion to the power each can
 * sustain to the end of the block of hours delivering the same way ({@code min(max power, energy /
 * hours left)}), as the dispatcher does, so that a small battery does not run dry while a large
 * one, limited by its power, is left with energy it cannot deliver in time. When the request
 * exceeds what the fleet can sustain, the rest is shared by what each can do this hour beyond that.
 */
final class Split {
  private Split() {}

  /**
   * Writes each battery's grid power (kW, charging positive) into {@code setpointKw} for a fleet
   * delivery of {@code deliverKw} (discharge positive) over {@code hours}, with {@code blockHours}
   * (at least {@code hours}) left in the block.
   *
   * @return the delivery the setpoints add up to: {@code deliverKw}, or less where the online
   *     batteries cannot
   */
  static double split(
      double deliverKw,
      double hours,
      double blockHours,
      boolean[] online,
      double[] storedKwh,
      double[] floorKwh,
      double[] capacityKwh,
      double[] maxKw,
      double[] eta,
      double[] setpointKw) {
    int n = storedKwh.length;
    boolean discharge = deliverKw > 0;
    double sustainable = 0;
    double possible = 0;
    for (int i = 0; i < n; i++) {
      setpointKw[i] = 0;
      if (online[i]) {
        double e = room(i, discharge, storedKwh, floorKwh, capacityKwh, eta);
        sustainable += Math.min(maxKw[i], e / blockHours);
        possible += Math.min(maxKw[i], e / hours);
      }
    }
    double want = Math.min(Math.abs(deliverKw), possible);
    if (want <= 0) {
      return 0;
    }
    double sign = discharge ? -1 : 1;
    for (int i = 0; i < n; i++) {
      if (!online[i]) {
        continue;
      }
      double e = room(i, discharge, storedKwh, floorKwh, capacityKwh, eta);
      double w = Math.min(maxKw[i], e / blockHours);
      double p;
      if (want <= sustainable) {
        p = want * w / sustainable;
      } else {
        double extra = Math.min(maxKw[i], e / hours) - w;
        p = w + (want - sustainable) * extra / (possible - sustainable);
      }
      setpointKw[i] = sign * p;
    }
    return -sign * want;
  }

  /** Energy (at the grid) battery {@code i} can give, or take, before its floor or capacity. */
  private static double room(
      int i,
      boolean discharge,
      double[] storedKwh,
      double[] floorKwh,
      double[] capacityKwh,
      double[] eta) {
    // A hair inside the limits, so rounding never takes a battery past its floor or capacity.
    double margin = 1e-9;
    return discharge
        ? Math.max(0, (storedKwh[i] - floorKwh[i] - margin) * eta[i])
        : Math.max(0, (capacityKwh[i] - storedKwh[i] - margin) / eta[i]);
  }

  /** The hours from {@code hour} to the end of the day's run of awards of the same sign. */
  static double block(org.openvpp.market.DayAward award, int hour) {
    double sign = Math.signum(award.netKw(hour));
    int end = hour + 1;
    while (end < 24 && Math.signum(award.netKw(end)) == sign) {
      end++;
    }
    return end - hour;
  }
}
