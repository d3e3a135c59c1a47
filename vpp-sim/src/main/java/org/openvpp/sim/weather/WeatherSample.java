package org.openvpp.sim.weather;

/**
 * A reusable holder that {@link WeatherSeries#sample} fills with the weather of one minute, so that
 * the simulator's per-minute loop allocates nothing.
 *
 * <p>Threads: mutable; confine an instance to one thread.
 */
public final class WeatherSample {
  private long epochMinute = Long.MIN_VALUE;
  private double temperatureC;
  private double ghi;
  private double dni;
  private double dhi;
  private double windSpeed;

  void set(
      long epochMinute, double temperatureC, double ghi, double dni, double dhi, double windSpeed) {
    this.epochMinute = epochMinute;
    this.temperatureC = temperatureC;
    this.ghi = ghi;
    this.dni = dni;
    this.dhi = dhi;
    this.windSpeed = windSpeed;
  }

  /** The minute last sampled, or {@link Long#MIN_VALUE} before the first. */
  public long epochMinute() {
    return epochMinute;
  }

  /** Ambient dry-bulb temperature, °C. */
  public double temperatureC() {
    return temperatureC;
  }

  /** Global horizontal irradiance, W/m². */
  public double ghi() {
    return ghi;
  }

  /** Direct normal irradiance, W/m². */
  public double dni() {
    return dni;
  }

  /** Diffuse horizontal irradiance, W/m². */
  public double dhi() {
    return dhi;
  }

  /** Wind speed at 10 m, m/s. */
  public double windSpeed() {
    return windSpeed;
  }
}
