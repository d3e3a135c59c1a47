/**
 * Photovoltaic physics from irradiance: the sun's position, transposition of sky irradiance to the
 * plane of an array, cell temperature, DC output, the inverter with clipping and curtailment.
 *
 * <p>Hot path, per site and simulated minute: update one {@link
 * org.openvpp.sim.solar.SolarPosition} and one {@link org.openvpp.sim.solar.SkyConditions} (the
 * trigonometry and the sky model run here, once); then call {@link
 * org.openvpp.sim.solar.PvArray#acOutputKw} for every array at that site, which costs a few dozen
 * multiplications and allocates nothing.
 */
@NullMarked
package org.openvpp.sim.solar;

import org.jspecify.annotations.NullMarked;
