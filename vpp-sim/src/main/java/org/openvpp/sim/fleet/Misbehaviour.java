package org.openvpp.sim.fleet;

/**
 * How simulated devices deviate from ideal ones. Every device draws its own values from these
 * ranges when the fleet is built; per-message randomness (noise, delay) comes from the device's own
 * seeded stream, so a run is the same whatever the number of threads.
 *
 * @param latencyMinSeconds shortest delay from a command's issue to the device acting on it
 * @param latencyMaxSeconds longest such delay
 * @param rampKwPerMinute the most a battery or charger changes its power in a minute
 * @param ignoringShare share of devices that accept commands and do not follow them
 * @param offlinePerDay chance per device per day of dropping off the network
 * @param offlineMinMinutes shortest time offline
 * @param offlineMaxMinutes longest time offline
 * @param telemetryNoise relative standard deviation of the power a device reports
 * @param telemetryDelayMaxSeconds longest delay of a telemetry message (each drawn in [0, max]; so
 *     messages can arrive out of order)
 * @param clockSkewMaxSeconds largest error of a device's clock (each drawn in [-max, max])
 */
public record Misbehaviour(
    double latencyMinSeconds,
    double latencyMaxSeconds,
    double rampKwPerMinute,
    double ignoringShare,
    double offlinePerDay,
    double offlineMinMinutes,
    double offlineMaxMinutes,
    double telemetryNoise,
    double telemetryDelayMaxSeconds,
    double clockSkewMaxSeconds) {

  /** Devices that do exactly as told, at once, and always report. */
  public static final Misbehaviour NONE = new Misbehaviour(0, 0, 1e9, 0, 0, 0, 0, 0, 0, 0);

  /** The same misbehaviour with {@code share} of the devices ignoring commands. */
  public Misbehaviour withIgnoringShare(double share) {
    return new Misbehaviour(
        latencyMinSeconds,
        latencyMaxSeconds,
        rampKwPerMinute,
        share,
        offlinePerDay,
        offlineMinMinutes,
        offlineMaxMinutes,
        telemetryNoise,
        telemetryDelayMaxSeconds,
        clockSkewMaxSeconds);
  }

  public Misbehaviour {
    range("latency_s", latencyMinSeconds, latencyMaxSeconds, 3600);
    if (!(rampKwPerMinute > 0)) {
      throw new IllegalArgumentException(
          "ramp_kw_per_min must be positive, was " + rampKwPerMinute);
    }
    share("ignoring_share", ignoringShare);
    if (!(offlinePerDay >= 0 && offlinePerDay <= 1440)) {
      throw new IllegalArgumentException(
          "offline_per_day must be in [0, 1440], was " + offlinePerDay);
    }
    range("offline_minutes", offlineMinMinutes, offlineMaxMinutes, 7 * 1440);
    if (!(telemetryNoise >= 0 && telemetryNoise <= 1)) {
      throw new IllegalArgumentException(
          "telemetry_noise must be in [0, 1], was " + telemetryNoise);
    }
    if (!(telemetryDelayMaxSeconds >= 0 && telemetryDelayMaxSeconds <= 600)) {
      throw new IllegalArgumentException(
          "telemetry_delay_max_s must be in [0, 600], was " + telemetryDelayMaxSeconds);
    }
    if (!(clockSkewMaxSeconds >= 0 && clockSkewMaxSeconds <= 3600)) {
      throw new IllegalArgumentException(
          "clock_skew_max_s must be in [0, 3600], was " + clockSkewMaxSeconds);
    }
  }

  private static void range(String name, double min, double max, double limit) {
    if (!(min >= 0 && max >= min && max <= limit)) {
      throw new IllegalArgumentException(
          name
              + " must be a range 0 <= min <= max <= "
              + limit
              + ", was ["
              + min
              + ", "
              + max
              + "]");
    }
  }

  private static void share(String name, double v) {
    if (!(v >= 0 && v <= 1)) {
      throw new IllegalArgumentException(name + " must be in [0, 1], was " + v);
    }
  }
}
