package org.openvpp.world;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.openvpp.sim.fleet.Scenario;
import org.openvpp.world.chargers.ChargePoints;

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
 * @param chargers the central system the EV chargers connect to over OCPP, if they do (else they
 *     are devices of the cloud like the rest)
 */
public record WorldConfig(
    Scenario scenario,
    URI broker,
    String cloud,
    String cloudPassword,
    Path truth,
    int utilityPort,
    int pricePort,
    double speed,
    Optional<Chargers> chargers) {

  /** EV chargers over OCPP: the central system's address ({@code ws://host:port}), the versions. */
  public record Chargers(URI centralSystem, ChargePoints.Versions versions) {
    public Chargers {
      Objects.requireNonNull(centralSystem, "centralSystem");
      Objects.requireNonNull(versions, "versions");
    }
  }

  /** A world whose chargers are devices of its cloud. */
  public WorldConfig(
      Scenario scenario,
      URI broker,
      String cloud,
      String cloudPassword,
      Path truth,
      int utilityPort,
      int pricePort,
      double speed) {
    this(
        scenario,
        broker,
        cloud,
        cloudPassword,
        truth,
        utilityPort,
        pricePort,
        speed,
        Optional.empty());
  }

  /** This world with its EV chargers over OCPP. */
  public WorldConfig withChargers(Chargers c) {
    return new WorldConfig(
        scenario,
        broker,
        cloud,
        cloudPassword,
        truth,
        utilityPort,
        pricePort,
        speed,
        Optional.of(c));
  }

  public WorldConfig {
    Objects.requireNonNull(chargers, "chargers");
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
