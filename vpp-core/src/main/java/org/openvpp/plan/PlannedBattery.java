package org.openvpp.plan;

import java.util.Objects;
import org.openvpp.device.Battery;
import org.openvpp.units.Energy;
import org.openvpp.units.Power;

/**
 * One battery as the fleet planner sees it: its limits and its state at the start of the horizon.
 *
 * <p>Energies are what the cells hold; powers are at the grid connection. Charging {@code c} kW for
 * {@code h} hours stores {@code c·h·chargeEfficiency}; discharging {@code d} kW for {@code h} hours
 * takes {@code d·h / dischargeEfficiency} from the cells.
 *
 * @param capacity the most it may hold; positive
 * @param floor the least it may hold: the larger of the minimum state of charge and the backup
 *     reserve; within {@code [0, capacity]}
 * @param maxCharge largest charging power, a magnitude
 * @param maxDischarge largest discharging power, a magnitude
 * @param chargeEfficiency share of the energy taken from the grid that is stored, in (0, 1]
 * @param dischargeEfficiency share of the energy taken from the cells that reaches the grid, in (0,
 *     1]
 * @param initial what it holds at the start; within {@code [floor, capacity]}
 * @param finalMinimum what it must hold at least at the end; at most {@code capacity} and reachable
 *     from {@code initial} by charging at full power; {@code floor} when nothing is required
 */
public record PlannedBattery(
    Energy capacity,
    Energy floor,
    Power maxCharge,
    Power maxDischarge,
    double chargeEfficiency,
    double dischargeEfficiency,
    Energy initial,
    Energy finalMinimum) {

  public PlannedBattery {
    Objects.requireNonNull(capacity, "capacity");
    Objects.requireNonNull(floor, "floor");
    Objects.requireNonNull(maxCharge, "maxCharge");
    Objects.requireNonNull(maxDischarge, "maxDischarge");
    Objects.requireNonNull(initial, "initial");
    Objects.requireNonNull(finalMinimum, "finalMinimum");
    BatteryFleet.check(
        capacity.kilowattHours(),
        floor.kilowattHours(),
        maxCharge.kilowatts(),
        maxDischarge.kilowatts(),
        chargeEfficiency,
        dischargeEfficiency,
        initial.kilowattHours(),
        finalMinimum.kilowattHours());
  }

  /**
   * A battery holding {@code stored} now, with its backup reserve as the floor, the one-way
   * efficiency both ways and nothing required at the end. {@code stored} is clamped into {@code
   * [reserve, capacity]}: a battery below its reserve is planned as if at the reserve, and dispatch
   * tops it up first.
   */
  public static PlannedBattery of(Battery battery, Energy stored) {
    double capacity = battery.usableCapacity().kilowattHours();
    double reserve = battery.backupReserve().kilowattHours();
    double eta = battery.oneWayEfficiency();
    return new PlannedBattery(
        battery.usableCapacity(),
        battery.backupReserve(),
        battery.maxCharge(),
        battery.maxDischarge(),
        eta,
        eta,
        Energy.ofKilowattHours(Math.clamp(stored.kilowattHours(), reserve, capacity)),
        battery.backupReserve());
  }

  /** This battery required to hold at least {@code minimum} at the end of the horizon. */
  public PlannedBattery withFinalMinimum(Energy minimum) {
    return new PlannedBattery(
        capacity,
        floor,
        maxCharge,
        maxDischarge,
        chargeEfficiency,
        dischargeEfficiency,
        initial,
        minimum);
  }
}
