package org.openvpp.market;

import java.util.Objects;
import org.openvpp.units.Energy;

/**
 * What a storage resource declares beside its curves in a market that clears storage with its state
 * of charge: the aggregation seen as one battery. The market keeps the energy held within {@code
 * [floor, capacity]} hour by hour, starting from {@code initial} and ending at or above {@code
 * finalMinimum}, with the sales and purchases its curves allow.
 *
 * @param initial energy held at the start of the day
 * @param floor the least energy it may hold
 * @param capacity the most energy it may hold
 * @param chargeEfficiency share of a purchase that is stored, in (0, 1]
 * @param dischargeEfficiency share of energy drawn that is sold, in (0, 1]
 * @param finalMinimum the least energy held at the end of the day
 */
public record StorageBid(
    Energy initial,
    Energy floor,
    Energy capacity,
    double chargeEfficiency,
    double dischargeEfficiency,
    Energy finalMinimum) {

  public StorageBid {
    Objects.requireNonNull(initial, "initial");
    Objects.requireNonNull(floor, "floor");
    Objects.requireNonNull(capacity, "capacity");
    Objects.requireNonNull(finalMinimum, "finalMinimum");
    if (floor.wattHours() < 0
        || floor.compareTo(capacity) > 0
        || initial.compareTo(floor) < 0
        || initial.compareTo(capacity) > 0) {
      throw new IllegalArgumentException(
          "a storage bid needs 0 ≤ floor ≤ initial ≤ capacity; was "
              + floor
              + ", "
              + initial
              + ", "
              + capacity);
    }
    if (finalMinimum.compareTo(capacity) > 0) {
      throw new IllegalArgumentException(
          "finalMinimum " + finalMinimum + " is above the capacity " + capacity);
    }
    if (!(chargeEfficiency > 0 && chargeEfficiency <= 1)
        || !(dischargeEfficiency > 0 && dischargeEfficiency <= 1)) {
      throw new IllegalArgumentException(
          "efficiencies must be in (0, 1], were " + chargeEfficiency + ", " + dischargeEfficiency);
    }
  }
}
