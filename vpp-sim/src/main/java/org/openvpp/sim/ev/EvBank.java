package org.openvpp.sim.ev;

import java.util.Arrays;

/**
 * All simulated EVs with their home chargers, in primitive arrays by bank index.
 *
 * <p>Each EV has one session a day: it plugs in at {@code arrival}, wants {@code wantedKwh} by
 * {@code departure} (the driver's ready-by time), and leaves. While plugged in it charges:
 *
 * <ul>
 *   <li>unmanaged (no command, or the command expired): at the charger's full rate until the energy
 *       wanted is in;
 *   <li>managed (V1G): at the commanded rate, within {@code [0, max rate]} and never past the
 *       energy wanted plus the room left in the battery;
 *   <li>V2G, where both charger and vehicle allow it: a negative rate discharges the car, never
 *       below the energy it arrived with.
 * </ul>
 *
 * Charging losses: the car's battery gets {@code efficiency ×} the energy from the grid. Times are
 * epoch minutes. Threads: {@link #step} on disjoint ranges may run on different threads.
 */
public final class EvBank {
  private final double[] maxRateKw;
  private final boolean[] v2g;
  private final double[] capacityKwh;
  private final double efficiency;
  private final long[] arrival;
  private final long[] departure;
  private final double[] arrivalKwh;
  private final double[] wantedKwh;
  private final double[] storedKwh;
  private final double[] powerKw;
  private final double[] deliveredKwh;

  public EvBank(int size, double efficiency) {
    if (!(efficiency > 0 && efficiency <= 1)) {
      throw new IllegalArgumentException("efficiency must be in (0, 1], was " + efficiency);
    }
    this.efficiency = efficiency;
    maxRateKw = new double[size];
    v2g = new boolean[size];
    capacityKwh = new double[size];
    arrival = new long[size];
    departure = new long[size];
    arrivalKwh = new double[size];
    wantedKwh = new double[size];
    storedKwh = new double[size];
    powerKw = new double[size];
    deliveredKwh = new double[size];
    Arrays.fill(arrival, Long.MAX_VALUE);
    Arrays.fill(departure, Long.MIN_VALUE);
  }

  public int size() {
    return powerKw.length;
  }

  /** Sets the equipment of EV {@code i}. */
  public void equip(int i, double maxRateKw, boolean v2g, double capacityKwh) {
    this.maxRateKw[i] = maxRateKw;
    this.v2g[i] = v2g;
    this.capacityKwh[i] = capacityKwh;
  }

  /**
   * Schedules EV {@code i}'s session: plugged in over {@code [arrivalMinute, departureMinute)},
   * arriving with {@code arrivalKwh} and wanting {@code wantedKwh} more.
   */
  public void session(
      int i, long arrivalMinute, long departureMinute, double arrivalKwh, double wantedKwh) {
    if (departureMinute <= arrivalMinute) {
      throw new IllegalArgumentException(
          "EV " + i + ": departure " + departureMinute + " not after arrival " + arrivalMinute);
    }
    arrival[i] = arrivalMinute;
    departure[i] = departureMinute;
    this.arrivalKwh[i] = arrivalKwh;
    this.wantedKwh[i] = Math.min(wantedKwh, capacityKwh[i] - arrivalKwh);
    storedKwh[i] = arrivalKwh;
    deliveredKwh[i] = 0;
  }

  public boolean pluggedIn(int i, long minute) {
    return minute >= arrival[i] && minute < departure[i];
  }

  /**
   * Steps EV {@code i} by {@code hours} at epoch minute {@code minute}.
   *
   * @param commanded whether a command is in force
   * @param setpointKw the commanded grid power (load convention), when commanded
   * @return the grid power drawn over the step, kW
   */
  public double step(int i, long minute, double hours, boolean commanded, double setpointKw) {
    return step(i, minute, hours, commanded, setpointKw, Double.POSITIVE_INFINITY);
  }

  /**
   * As {@link #step(int, long, double, boolean, double)}, changing power by at most {@code rampKw}.
   */
  public double step(
      int i, long minute, double hours, boolean commanded, double setpointKw, double rampKw) {
    if (!pluggedIn(i, minute)) {
      powerKw[i] = 0;
      return 0;
    }
    double need = Math.max(0, wantedKwh[i] - deliveredKwh[i]);
    double room = Math.max(0, capacityKwh[i] - storedKwh[i]);
    double maxIn = Math.min(maxRateKw[i], Math.min(need, room) / efficiency / hours);
    // What the car can give now: with V2G, down to the charge it arrived with.
    double maxOut =
        v2g[i]
            ? Math.min(maxRateKw[i], Math.max(0, storedKwh[i] - arrivalKwh[i]) * efficiency / hours)
            : 0;
    double want = commanded ? setpointKw : maxIn;
    // The charger ramps towards the new rate, and never past what the car can take or give.
    double p = Math.clamp(want, powerKw[i] - rampKw, powerKw[i] + rampKw);
    p = Math.clamp(p, -maxOut, maxIn);
    double intoCar = p >= 0 ? p * efficiency * hours : p / efficiency * hours;
    storedKwh[i] += intoCar;
    deliveredKwh[i] += intoCar;
    powerKw[i] = p;
    return p;
  }

  public double powerKw(int i) {
    return powerKw[i];
  }

  public double storedKwh(int i) {
    return storedKwh[i];
  }

  /** Energy the car has received this session, net of any V2G discharge. */
  public double deliveredKwh(int i) {
    return deliveredKwh[i];
  }

  /**
   * What car {@code i} will have received by its departure if it charges at full rate from epoch
   * minute {@code minute} on (what it has, once it has left).
   */
  public double projectedKwh(int i, long minute) {
    long left = Math.max(0, departure[i] - Math.max(minute, arrival[i]));
    double room =
        Math.max(0, Math.min(wantedKwh[i] - deliveredKwh[i], capacityKwh[i] - storedKwh[i]));
    return deliveredKwh[i] + Math.min(room, maxRateKw[i] * efficiency * left / 60.0);
  }

  /** Energy still to come from the grid to deliver what is wanted: the charger's view. */
  public double needFromGridKwh(int i) {
    return Math.max(0, wantedKwh[i] - deliveredKwh[i]) / efficiency;
  }

  public double wantedKwh(int i) {
    return wantedKwh[i];
  }

  public long arrivalMinute(int i) {
    return arrival[i];
  }

  public long departureMinute(int i) {
    return departure[i];
  }

  public double maxRateKw(int i) {
    return maxRateKw[i];
  }

  public double capacityKwh(int i) {
    return capacityKwh[i];
  }

  public boolean vehicleToGrid(int i) {
    return v2g[i];
  }
}
