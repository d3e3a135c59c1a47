package org.openvpp.world.backtest;

import org.openvpp.plan.FleetSchedule;

/**
 * The aggregation's dispatch of an hour's award: each online battery first does its planned power
 * scaled by the award's share of what the online batteries planned (never more than its plan, so a
 * plan that kept a battery within its limits still does), and what is left of the award (offline
 * batteries' shares, a start of day other than planned) is shared by {@link Split} over what the
 * batteries can still do.
 */
final class Follow {
  private Follow() {}

  /**
   * Writes each battery's grid power (kW, charging positive) into {@code setpointKw} for a fleet
   * delivery of {@code deliverKw} (discharge positive) over a step of {@code hours} in hour {@code
   * hour} of {@code plan}, {@code blockHours} left in the block of hours delivering the same way.
   */
  static void follow(
      double deliverKw,
      FleetSchedule plan,
      int hour,
      double blockHours,
      double hours,
      boolean[] online,
      double[] storedKwh,
      double[] floorKwh,
      double[] capacityKwh,
      double[] maxKw,
      double[] eta,
      double[] setpointKw) {
    int n = storedKwh.length;
    double planned = 0;
    double[] own = new double[n];
    for (int i = 0; i < n; i++) {
      // the plan's delivery of battery i (discharge positive), when it is the award's way
      double d = online[i] ? -plan.target(i, hour).kilowatts() : 0;
      if (d * deliverKw > 0) {
        own[i] = d;
        planned += d;
      }
    }
    double k = planned == 0 ? 0 : Math.min(1, deliverKw / planned);
    double given = 0;
    double[] stored = storedKwh.clone();
    double[] left = new double[n];
    for (int i = 0; i < n; i++) {
      double d = k * own[i];
      // within what the battery holds or has room for this hour
      d =
          d > 0
              ? Math.min(d, Math.max(0, (storedKwh[i] - floorKwh[i] - 1e-9) * eta[i] / hours))
              : -Math.min(-d, Math.max(0, (capacityKwh[i] - storedKwh[i] - 1e-9) / eta[i] / hours));
      setpointKw[i] = -d;
      given += d;
      stored[i] -= (d > 0 ? d / eta[i] : d * eta[i]) * hours;
      left[i] = maxKw[i] - Math.abs(d);
    }
    double rest = deliverKw - given;
    if (Math.abs(rest) > 1e-6) {
      double[] extra = new double[n];
      Split.split(rest, hours, blockHours, online, stored, floorKwh, capacityKwh, left, eta, extra);
      for (int i = 0; i < n; i++) {
        setpointKw[i] += extra[i];
      }
    }
  }
}
