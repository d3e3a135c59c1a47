/**
 * Electric storage water heaters for the fleet simulator: a two-node stratified tank with standby
 * losses, hot-water draws from a seeded daily profile per home, a resistance element (or heat pump)
 * under a tank thermostat, and two commands, pre-heat and hold-off, each with an expiry.
 *
 * <p>{@link org.openvpp.sim.waterheater.WaterHeaterBank} holds a fleet in primitive arrays and
 * steps index ranges without allocating; {@link org.openvpp.sim.waterheater.StorageWaterHeater} is
 * the same physics for one tank; {@link org.openvpp.sim.waterheater.WaterHeaterDraws} draws seeded,
 * heterogeneous tanks and households.
 *
 * <p>Units: temperatures in °C, volumes in litres, power in kW, energy in kWh, time in epoch
 * minutes (UTC).
 */
@NullMarked
package org.openvpp.sim.waterheater;

import org.jspecify.annotations.NullMarked;
