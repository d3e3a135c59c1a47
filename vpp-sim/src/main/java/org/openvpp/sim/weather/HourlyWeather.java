package org.openvpp.sim.weather;

import java.time.Instant;

/**
 * The weather of one hour, as averages over the hour.
 *
 * @param start the start of the hour
 * @param temperatureC ambient dry-bulb temperature, °C
 * @param ghi global horizontal irradiance, W/m²
 * @param dni direct normal irradiance, W/m²
 * @param dhi diffuse horizontal irradiance, W/m²
 * @param windSpeed wind speed at 10 m, m/s
 */
public record HourlyWeather(
    Instant start, double temperatureC, double ghi, double dni, double dhi, double windSpeed) {}
