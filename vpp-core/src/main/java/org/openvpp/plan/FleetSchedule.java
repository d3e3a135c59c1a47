package org.openvpp.plan;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;
import org.openvpp.aggregate.GroupId;
import org.openvpp.time.Horizon;
import org.openvpp.units.EnergyPrice;
import org.openvpp.units.Money;
import org.openvpp.units.Power;

/**
 * The plan of every battery of a fleet from {@link FleetPlanner}: charge and discharge per battery
 * per interval, the plan of any group, and what the plan costs with a certified bound on how far it
 * is from the optimum.
 *
 * <p>Held device-major in two {@code double[]} (battery {@code i}'s intervals at {@code [i·T,
 * (i+1)·T)}), never handed out. Immutable.
 */
public final class FleetSchedule {

  private final Horizon horizon;
  private final Currency currency;
  private final int devices;
  private final int n;
  private final double[] charge;
  private final double[] discharge;
  private final double cost;
  private final double lowerBound;
  private final double[] shadowPerKw;
  private final int passes;

  FleetSchedule(
      Horizon horizon,
      Currency currency,
      int devices,
      double[] charge,
      double[] discharge,
      double cost,
      double lowerBound,
      double[] shadowPerKw,
      int passes) {
    this.horizon = Objects.requireNonNull(horizon, "horizon");
    this.currency = Objects.requireNonNull(currency, "currency");
    this.devices = devices;
    this.n = horizon.count();
    this.charge = charge;
    this.discharge = discharge;
    this.cost = cost;
    this.lowerBound = Math.min(lowerBound, cost);
    this.shadowPerKw = shadowPerKw;
    this.passes = passes;
  }

  public Horizon horizon() {
    return horizon;
  }

  public int devices() {
    return devices;
  }

  /** Charging power of battery {@code device} in {@code interval}, at the grid; not negative. */
  public Power charge(int device, int interval) {
    return Power.ofKilowatts(charge[index(device, interval)]);
  }

  /** Discharging power of battery {@code device} in {@code interval}, a magnitude. */
  public Power discharge(int device, int interval) {
    return Power.ofKilowatts(discharge[index(device, interval)]);
  }

  /** The target of battery {@code device} in {@code interval}: charge minus discharge. */
  public Power target(int device, int interval) {
    int i = index(device, interval);
    return Power.ofKilowatts(charge[i] - discharge[i]);
  }

  /** The plan of the group of batteries {@code ordinals}: the sum of their targets. */
  public Plan plan(GroupId group, int[] ordinals) {
    double[] total = new double[n];
    for (int d : ordinals) {
      int base = index(d, 0);
      for (int k = 0; k < n; k++) {
        total[k] += charge[base + k] - discharge[base + k];
      }
    }
    return new Plan(group, horizon, total);
  }

  /** The plan of the whole fleet as the group {@link GroupId#FLEET}. */
  public Plan fleetPlan() {
    double[] total = new double[n];
    for (int d = 0; d < devices; d++) {
      int base = d * n;
      for (int k = 0; k < n; k++) {
        total[k] += charge[base + k] - discharge[base + k];
      }
    }
    return new Plan(GroupId.FLEET, horizon, total);
  }

  /** What the plan costs: energy bought less energy sold, plus wear; negative when it earns. */
  public Money cost() {
    return money(cost);
  }

  /** A lower bound on the cost of any feasible plan (from the Lagrangian dual): the certificate. */
  public Money lowerBound() {
    return money(lowerBound);
  }

  /** The cost as a double, for comparing with other solvers. */
  public double costValue() {
    return cost;
  }

  /**
   * The certified relative distance from the optimum: {@code (cost − lowerBound) / |cost|}; zero
   * when the plan is provably optimal.
   */
  public double gapBound() {
    double d = cost - lowerBound;
    return d <= 0 ? 0 : d / Math.max(Math.abs(cost), 1e-12);
  }

  /**
   * The shadow price of the commitment in {@code interval}: what one more kW owed through it would
   * cost, as a price of energy; zero outside events and where the commitment does not bind.
   */
  public EnergyPrice shadowPrice(int interval) {
    Objects.checkIndex(interval, n);
    double perKwh = shadowPerKw[interval] / horizon.stepHours();
    return EnergyPrice.perMegawattHour(
        new Money(
            BigDecimal.valueOf(perKwh * 1_000).setScale(4, RoundingMode.HALF_EVEN), currency));
  }

  /** How many times the planner solved every battery (or a sample of them). */
  public int passes() {
    return passes;
  }

  private Money money(double v) {
    return new Money(BigDecimal.valueOf(v).setScale(6, RoundingMode.HALF_EVEN), currency);
  }

  private int index(int device, int interval) {
    java.util.Objects.checkIndex(device, devices);
    java.util.Objects.checkIndex(interval, n);
    return device * n + interval;
  }
}
