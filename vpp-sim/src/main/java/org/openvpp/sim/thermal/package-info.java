/**
 * Thermal physics of a home with its heat pump (or air conditioner) and thermostat, for the fleet
 * simulator.
 *
 * <p>The building is a 2R2C lumped model (indoor air and building mass), integrated exactly over
 * one-minute steps; the plant runs on/off under a hysteresis thermostat with minimum on and off
 * times; the thermostat follows a setpoint schedule and accepts two commands, a setpoint offset and
 * a duty limit, each with an expiry. {@link org.openvpp.sim.thermal.ThermostatBank} holds a whole
 * fleet in primitive arrays and steps index ranges without allocating; {@link
 * org.openvpp.sim.thermal.ThermalHome} is the same physics for one home, for tests and examples.
 * {@link org.openvpp.sim.thermal.ThermalDraws} draws seeded, heterogeneous homes.
 *
 * <p>Units: temperatures in °C, thermal capacities in kWh/°C, resistances in °C/kW, heat and
 * electric power in kW, energy in kWh, irradiance in W/m², time in epoch minutes (UTC).
 */
@NullMarked
package org.openvpp.sim.thermal;

import org.jspecify.annotations.NullMarked;
