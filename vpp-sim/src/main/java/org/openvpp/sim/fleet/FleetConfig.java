package org.openvpp.sim.fleet;

import java.time.Duration;

/**
 * How to build a simple battery fleet.
 *
 * @param homes number of homes, each with one battery
 * @param feeders number of feeders the homes are spread over
 * @param seed random seed; the same seed gives the same fleet and the same run
 * @param ignoringFraction share of batteries that accept commands but do not follow them
 * @param commandLatency delay between a command's issue and the device acting on it
 */
public record FleetConfig(
    int homes, int feeders, long seed, double ignoringFraction, Duration commandLatency) {

  public FleetConfig {
    if (homes < 1 || homes > 10_000_000) {
      throw new IllegalArgumentException("homes must be 1..10,000,000, was " + homes);
    }
    if (feeders < 1) {
      throw new IllegalArgumentException("feeders must be at least 1, was " + feeders);
    }
    if (!(ignoringFraction >= 0 && ignoringFraction <= 1)) {
      throw new IllegalArgumentException(
          "ignoringFraction must be within [0, 1], was " + ignoringFraction);
    }
    if (commandLatency.isNegative()) {
      throw new IllegalArgumentException("commandLatency must not be negative: " + commandLatency);
    }
  }

  /**
   * The walking skeleton's fleet: 4 feeders, 3 % of batteries ignore commands, 1 minute latency.
   */
  public static FleetConfig of(int homes, long seed) {
    return new FleetConfig(homes, 4, seed, 0.03, Duration.ofMinutes(1));
  }
}
