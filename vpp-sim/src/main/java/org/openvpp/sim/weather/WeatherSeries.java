package org.openvpp.sim.weather;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.openvpp.units.Temperature;

/**
 * An hourly weather series for one site, with per-minute values interpolated between hours.
 *
 * <p>Design note. Hourly weather data (TMY, PVWatts, CityLearn) give each hour's average. This
 * series treats value {@code i} as the average over {@code [start + i h, start + (i+1) h)} and
 * places it at the middle of that hour; a minute's value is the straight line between the two
 * nearest middles, and within the first and last half hour it is held flat. The lookups are
 * continuous in time, cost an index computation and two array reads, and allocate nothing: the
 * simulator calls them once per site and minute. A series covers {@code [start, end]}; asking for a
 * minute outside is a programming error and throws.
 *
 * <p>Interpolating irradiance this way keeps each hour's energy only approximately (it smooths the
 * edges of sunrise and of cloudy hours); the PV model sets all irradiance to zero while the sun is
 * below the horizon, so interpolation across sunrise makes no power at night.
 *
 * <p>Threads: immutable; share freely.
 */
public final class WeatherSeries {

  private static final double ZERO_KELVIN_C = -273.15;

  private final Site site;
  private final Instant start;
  private final long startSecond;
  private final double[] temperatureC;
  private final double[] ghi;
  private final double[] dni;
  private final double[] dhi;
  private final double[] windSpeed;

  private WeatherSeries(
      Site site,
      Instant start,
      double[] temperatureC,
      double[] ghi,
      double[] dni,
      double[] dhi,
      double[] windSpeed) {
    this.site = site;
    this.start = start;
    this.startSecond = start.getEpochSecond();
    this.temperatureC = temperatureC;
    this.ghi = ghi;
    this.dni = dni;
    this.dhi = dhi;
    this.windSpeed = windSpeed;
  }

  /**
   * A series of hourly averages starting at {@code start}; the arrays are copied and must have the
   * same length, at least one.
   *
   * @param temperatureC ambient dry-bulb temperature, °C
   * @param ghi global horizontal irradiance, W/m², not negative
   * @param dni direct normal irradiance, W/m², not negative
   * @param dhi diffuse horizontal irradiance, W/m², not negative
   * @param windSpeed wind speed at 10 m, m/s, not negative
   */
  public static WeatherSeries hourly(
      Site site,
      Instant start,
      double[] temperatureC,
      double[] ghi,
      double[] dni,
      double[] dhi,
      double[] windSpeed) {
    Objects.requireNonNull(site, "site");
    int n = temperatureC.length;
    if (n == 0) {
      throw new IllegalArgumentException("a weather series needs at least one hour, got none");
    }
    if (ghi.length != n || dni.length != n || dhi.length != n || windSpeed.length != n) {
      throw new IllegalArgumentException(
          "all hourly arrays must have the same length; temperature has "
              + n
              + ", ghi "
              + ghi.length
              + ", dni "
              + dni.length
              + ", dhi "
              + dhi.length
              + ", wind "
              + windSpeed.length);
    }
    for (int i = 0; i < n; i++) {
      if (!(temperatureC[i] >= ZERO_KELVIN_C && temperatureC[i] < 100)) {
        throw new IllegalArgumentException(
            "temperatureC[" + i + "] must be in [-273.15, 100) °C, was " + temperatureC[i]);
      }
      requireNonNegative("ghi", i, ghi[i]);
      requireNonNegative("dni", i, dni[i]);
      requireNonNegative("dhi", i, dhi[i]);
      requireNonNegative("windSpeed", i, windSpeed[i]);
    }
    return new WeatherSeries(
        site,
        start,
        temperatureC.clone(),
        ghi.clone(),
        dni.clone(),
        dhi.clone(),
        windSpeed.clone());
  }

  private static void requireNonNegative(String name, int i, double value) {
    if (!(value >= 0 && Double.isFinite(value))) {
      throw new IllegalArgumentException(
          name + "[" + i + "] must be finite and not negative, was " + value);
    }
  }

  public Site site() {
    return site;
  }

  /** The start of the first hour. */
  public Instant start() {
    return start;
  }

  /** The end of the last hour. */
  public Instant end() {
    return start.plus(Duration.ofHours(temperatureC.length));
  }

  public int hours() {
    return temperatureC.length;
  }

  /** The averages of hour {@code index} (0-based). */
  public HourlyWeather hour(int index) {
    Objects.checkIndex(index, temperatureC.length);
    return new HourlyWeather(
        start.plus(Duration.ofHours(index)),
        temperatureC[index],
        ghi[index],
        dni[index],
        dhi[index],
        windSpeed[index]);
  }

  /**
   * Hours from the middle of the first hour to {@code epochMinute}, clamped to [0, hours - 1].
   *
   * @throws IllegalArgumentException if the minute is outside {@code [start, end]}
   */
  private double position(long epochMinute) {
    long second = epochMinute * 60;
    long offset = second - startSecond;
    if (offset < 0 || offset > 3_600L * temperatureC.length) {
      throw new IllegalArgumentException(
          "minute "
              + Instant.ofEpochSecond(second)
              + " is outside the weather series ["
              + start
              + ", "
              + end()
              + "]");
    }
    double x = offset / 3_600.0 - 0.5;
    double last = temperatureC.length - 1;
    return x < 0 ? 0 : (x > last ? last : x);
  }

  private static double interpolate(double[] values, double position) {
    int i = (int) position;
    if (i >= values.length - 1) {
      return values[values.length - 1];
    }
    double f = position - i;
    return values[i] + f * (values[i + 1] - values[i]);
  }

  /** Ambient temperature at the start of {@code epochMinute} (minutes since the epoch), °C. */
  public double temperatureC(long epochMinute) {
    return interpolate(temperatureC, position(epochMinute));
  }

  /** Global horizontal irradiance at the start of {@code epochMinute}, W/m². */
  public double ghi(long epochMinute) {
    return interpolate(ghi, position(epochMinute));
  }

  /** Direct normal irradiance at the start of {@code epochMinute}, W/m². */
  public double dni(long epochMinute) {
    return interpolate(dni, position(epochMinute));
  }

  /** Diffuse horizontal irradiance at the start of {@code epochMinute}, W/m². */
  public double dhi(long epochMinute) {
    return interpolate(dhi, position(epochMinute));
  }

  /** Wind speed at the start of {@code epochMinute}, m/s. */
  public double windSpeed(long epochMinute) {
    return interpolate(windSpeed, position(epochMinute));
  }

  /** Fills {@code out} with every value at the start of {@code epochMinute}; allocates nothing. */
  public void sample(long epochMinute, WeatherSample out) {
    double p = position(epochMinute);
    out.set(
        epochMinute,
        interpolate(temperatureC, p),
        interpolate(ghi, p),
        interpolate(dni, p),
        interpolate(dhi, p),
        interpolate(windSpeed, p));
  }

  /** Ambient temperature at {@code at} (to the minute). */
  public Temperature temperature(Instant at) {
    return Temperature.ofCelsius(temperatureC(Math.floorDiv(at.getEpochSecond(), 60)));
  }
}
