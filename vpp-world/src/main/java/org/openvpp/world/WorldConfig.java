package org.openvpp.world;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import org.openvpp.sim.fleet.Scenario;

/**
 * Where the world meets the service and how it runs.
 *
 * @param scenario the homes, devices and season
 * @param broker the MQTT broker's URI
 * @param cloud the world's device cloud: its MQTT user name and its devices' id prefix
 * @param cloudPassword the cloud's password
 * @param truth where the simulation's truth is written (evaluation reads it)
 * @param utilityPort the stand-in utility VTN's port (0: a free one)
 * @param pricePort the price feed's port (0: a free one)
 * @param speed simulated seconds per real second; 0: as fast as the service keeps up
 */
public record WorldConfig(
    Scenario scenario,
    URI broker,
    String cloud,
    String cloudPassword,
    Path truth,
    int utilityPort,
    int pricePort,
    double speed) {
  public WorldConfig {
    Objects.requireNonNull(scenario, "scenario");
    Objects.requireNonNull(broker, "broker");
    Objects.requireNonNull(cloud, "cloud");
    Objects.requireNonNull(cloudPassword, "cloudPassword");
    Objects.requireNonNull(truth, "truth");
    if (speed < 0) {
      throw new IllegalArgumentException("speed must not be negative, was " + speed);
    }
  }
}
