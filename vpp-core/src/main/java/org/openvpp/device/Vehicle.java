package org.openvpp.device;

import org.openvpp.units.Energy;
import org.openvpp.units.Power;

/**
 * An electric vehicle that charges at a charger.
 *
 * @param batteryCapacity usable capacity of its traction battery
 * @param maxAcceptRate largest charging power its on-board charger accepts
 * @param vehicleToGrid whether it may discharge into the home or grid (V2G)
 */
public record Vehicle(Energy batteryCapacity, Power maxAcceptRate, boolean vehicleToGrid) {}
