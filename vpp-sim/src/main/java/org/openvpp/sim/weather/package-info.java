/**
 * Hourly weather for the simulator: {@link org.openvpp.sim.weather.WeatherSeries} with
 * allocation-free per-minute interpolation, and loaders for the real data shipped in this module's
 * resources (CityLearn's Fontana weather, the PVWatts reference year for Golden, a TMY3 year for
 * Greensboro).
 *
 * <p>Irradiance is always delivered as its three components, W/m²: global horizontal (GHI), direct
 * normal (DNI) and diffuse horizontal (DHI). A loader derives what its source lacks from the
 * closure {@code GHI = DNI·cos Z + DHI} with the sun's zenith {@code Z} at the middle of the hour.
 */
@NullMarked
package org.openvpp.sim.weather;

import org.jspecify.annotations.NullMarked;
