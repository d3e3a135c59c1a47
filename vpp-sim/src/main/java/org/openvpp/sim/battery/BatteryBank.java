package org.openvpp.sim.battery;

/**
 * All simulated home batteries, in primitive arrays by bank index.
 *
 * <p>Physics per step of {@code h} hours at grid power {@code p} (load convention): charging stores
 * {@code p·η·h}, discharging removes {@code |p|/η·h}, {@code η} the one-way efficiency (the square
 * root of the round trip); a standby loss drains {@code standbyKw·h}; the state of charge stays
 * within {@code [0, capacity]} because power is clipped to what the battery holds or has room for.
 *
 * <p>Modes: with a command in force the battery follows the commanded power (clipped as above, and
 * to its ramp limit); without one it runs <b>self-consumption</b>: it charges from the home's PV
 * surplus and covers the home's load, never below the customer's backup reserve, and tops up from
 * the grid at a gentle rate when it finds itself below the reserve. The reserve is the customer's
 * limit in autonomous mode; under command, keeping it is the VPP's job (the physics allow down to
 * empty, so tests can tell).
 *
 * <p>Threads: {@link #step} for disjoint indices may run on different threads.
 */
public final class BatteryBank {
  private static final double TOP_UP_KW = 0.5;
  private static final double RESERVE_BUFFER_KWH = 0.01;

  private final double[] capacityKwh;
  private final double[] reserveKwh;
  private final double[] maxChargeKw;
  private final double[] maxDischargeKw;
  private final double[] eta;
  private final double[] standbyKw;
  private final double[] storedKwh;
  private final double[] powerKw;

  public BatteryBank(int size) {
    capacityKwh = new double[size];
    reserveKwh = new double[size];
    maxChargeKw = new double[size];
    maxDischargeKw = new double[size];
    eta = new double[size];
    standbyKw = new double[size];
    storedKwh = new double[size];
    powerKw = new double[size];
  }

  public int size() {
    return powerKw.length;
  }

  /** Sets battery {@code i}'s equipment and initial charge. */
  public void equip(
      int i,
      double capacityKwh,
      double reserveKwh,
      double maxChargeKw,
      double maxDischargeKw,
      double roundTrip,
      double standbyKw,
      double storedKwh) {
    if (!(capacityKwh > 0) || reserveKwh < 0 || reserveKwh > capacityKwh) {
      throw new IllegalArgumentException(
          "battery "
              + i
              + ": need 0 <= reserve <= capacity, capacity > 0; was "
              + reserveKwh
              + ", "
              + capacityKwh);
    }
    if (!(roundTrip > 0 && roundTrip <= 1)) {
      throw new IllegalArgumentException(
          "battery " + i + ": round trip must be in (0, 1], was " + roundTrip);
    }
    this.capacityKwh[i] = capacityKwh;
    this.reserveKwh[i] = reserveKwh;
    this.maxChargeKw[i] = maxChargeKw;
    this.maxDischargeKw[i] = maxDischargeKw;
    this.eta[i] = Math.sqrt(roundTrip);
    this.standbyKw[i] = standbyKw;
    this.storedKwh[i] = Math.clamp(storedKwh, 0, capacityKwh);
  }

  /**
   * Steps battery {@code i}.
   *
   * @param hours step length
   * @param commanded whether a command is in force
   * @param setpointKw commanded grid power, when commanded
   * @param homeNetKw the rest of the home's net load without this battery (positive: importing),
   *     which self-consumption offsets
   * @param rampKw the most the power may change in this step ({@code +∞} for no limit)
   * @return the battery's grid power over the step
   */
  public double step(
      int i, double hours, boolean commanded, double setpointKw, double homeNetKw, double rampKw) {
    double want;
    if (commanded) {
      want = setpointKw;
    } else if (storedKwh[i] < reserveKwh[i] + RESERVE_BUFFER_KWH) {
      want = Math.max(TOP_UP_KW, -homeNetKw);
    } else if (homeNetKw > 0) {
      // Cover the home's load from what is above the reserve.
      double above = (storedKwh[i] - reserveKwh[i]) * eta[i] / hours;
      want = -Math.min(homeNetKw, above);
    } else {
      want = -homeNetKw;
    }
    want = Math.clamp(want, powerKw[i] - rampKw, powerKw[i] + rampKw);
    double p;
    if (want < 0) {
      double possible = Math.min(maxDischargeKw[i], storedKwh[i] * eta[i] / hours);
      p = -Math.min(-want, possible);
      storedKwh[i] += p / eta[i] * hours;
    } else {
      double possible =
          Math.min(maxChargeKw[i], Math.max(0, capacityKwh[i] - storedKwh[i]) / eta[i] / hours);
      p = Math.min(want, possible);
      storedKwh[i] += p * eta[i] * hours;
    }
    storedKwh[i] = Math.clamp(storedKwh[i] - standbyKw[i] * hours, 0, capacityKwh[i]);
    powerKw[i] = p;
    return p;
  }

  public double storedKwh(int i) {
    return storedKwh[i];
  }

  public double powerKw(int i) {
    return powerKw[i];
  }

  public double capacityKwh(int i) {
    return capacityKwh[i];
  }

  public double reserveKwh(int i) {
    return reserveKwh[i];
  }

  public double maxChargeKw(int i) {
    return maxChargeKw[i];
  }

  public double maxDischargeKw(int i) {
    return maxDischargeKw[i];
  }

  public double roundTrip(int i) {
    return eta[i] * eta[i];
  }

  public double standbyKw(int i) {
    return standbyKw[i];
  }
}
