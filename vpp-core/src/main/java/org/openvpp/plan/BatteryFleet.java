package org.openvpp.plan;

import java.util.Objects;
import org.openvpp.units.Energy;
import org.openvpp.units.Power;

/**
 * The batteries of a fleet as the planner reads them: one {@code double[]} per quantity, indexed by
 * dense device ordinal, so a million batteries cost 64 MB and no objects.
 *
 * <p>Threads: not safe for concurrent writes; the planner reads it while no writer is active.
 */
public final class BatteryFleet {

  private final int size;
  final double[] capacityKwh;
  final double[] floorKwh;
  final double[] maxChargeKw;
  final double[] maxDischargeKw;
  final double[] chargeEfficiency;
  final double[] dischargeEfficiency;
  final double[] initialKwh;
  final double[] finalKwh;

  /** A fleet of {@code size} batteries; each must be {@link #set} before planning. */
  public BatteryFleet(int size) {
    if (size <= 0) {
      throw new IllegalArgumentException("a fleet needs at least one battery, was " + size);
    }
    this.size = size;
    capacityKwh = new double[size];
    floorKwh = new double[size];
    maxChargeKw = new double[size];
    maxDischargeKw = new double[size];
    chargeEfficiency = new double[size];
    dischargeEfficiency = new double[size];
    initialKwh = new double[size];
    finalKwh = new double[size];
  }

  public int size() {
    return size;
  }

  /** Stores battery {@code ordinal}, replacing what was there. */
  public void set(int ordinal, PlannedBattery b) {
    set(
        ordinal,
        b.capacity().kilowattHours(),
        b.floor().kilowattHours(),
        b.maxCharge().kilowatts(),
        b.maxDischarge().kilowatts(),
        b.chargeEfficiency(),
        b.dischargeEfficiency(),
        b.initial().kilowattHours(),
        b.finalMinimum().kilowattHours());
  }

  /**
   * Stores battery {@code ordinal} from plain numbers (kWh, kW, fractions), without allocating: for
   * bulk loading. The same checks as {@link PlannedBattery}.
   */
  public void set(
      int ordinal,
      double capacityKwh,
      double floorKwh,
      double maxChargeKw,
      double maxDischargeKw,
      double chargeEfficiency,
      double dischargeEfficiency,
      double initialKwh,
      double finalKwh) {
    Objects.checkIndex(ordinal, size);
    check(
        capacityKwh,
        floorKwh,
        maxChargeKw,
        maxDischargeKw,
        chargeEfficiency,
        dischargeEfficiency,
        initialKwh,
        finalKwh);
    this.capacityKwh[ordinal] = capacityKwh;
    this.floorKwh[ordinal] = floorKwh;
    this.maxChargeKw[ordinal] = maxChargeKw;
    this.maxDischargeKw[ordinal] = maxDischargeKw;
    this.chargeEfficiency[ordinal] = chargeEfficiency;
    this.dischargeEfficiency[ordinal] = dischargeEfficiency;
    this.initialKwh[ordinal] = initialKwh;
    this.finalKwh[ordinal] = finalKwh;
  }

  /** Battery {@code ordinal} as a value. */
  public PlannedBattery get(int ordinal) {
    Objects.checkIndex(ordinal, size);
    return new PlannedBattery(
        Energy.ofKilowattHours(capacityKwh[ordinal]),
        Energy.ofKilowattHours(floorKwh[ordinal]),
        Power.ofKilowatts(maxChargeKw[ordinal]),
        Power.ofKilowatts(maxDischargeKw[ordinal]),
        chargeEfficiency[ordinal],
        dischargeEfficiency[ordinal],
        Energy.ofKilowattHours(initialKwh[ordinal]),
        Energy.ofKilowattHours(finalKwh[ordinal]));
  }

  static void check(
      double capacity,
      double floor,
      double maxCharge,
      double maxDischarge,
      double etaC,
      double etaD,
      double initial,
      double finalMinimum) {
    if (!(capacity > 0) || !Double.isFinite(capacity)) {
      throw new IllegalArgumentException("capacity must be positive, was " + capacity + " kWh");
    }
    if (!(floor >= 0 && floor <= capacity)) {
      throw new IllegalArgumentException(
          "floor must be within [0, " + capacity + "] kWh, was " + floor);
    }
    if (!(maxCharge >= 0) || !Double.isFinite(maxCharge)) {
      throw new IllegalArgumentException("maxCharge must be >= 0, was " + maxCharge + " kW");
    }
    if (!(maxDischarge >= 0) || !Double.isFinite(maxDischarge)) {
      throw new IllegalArgumentException("maxDischarge must be >= 0, was " + maxDischarge + " kW");
    }
    if (!(etaC > 0 && etaC <= 1)) {
      throw new IllegalArgumentException("chargeEfficiency must be in (0, 1], was " + etaC);
    }
    if (!(etaD > 0 && etaD <= 1)) {
      throw new IllegalArgumentException("dischargeEfficiency must be in (0, 1], was " + etaD);
    }
    if (!(initial >= floor && initial <= capacity)) {
      throw new IllegalArgumentException(
          "initial must be within [floor "
              + floor
              + ", capacity "
              + capacity
              + "] kWh, was "
              + initial
              + "; clamp it (PlannedBattery.of does)");
    }
    if (!(finalMinimum <= capacity) || !Double.isFinite(finalMinimum)) {
      throw new IllegalArgumentException(
          "finalMinimum must be at most the capacity " + capacity + " kWh, was " + finalMinimum);
    }
  }
}
