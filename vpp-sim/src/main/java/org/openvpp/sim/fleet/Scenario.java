package org.openvpp.sim.fleet;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * A simulated world: which homes with which devices, where, on which day, how badly they behave,
 * and the utility's event. Read from YAML by {@link ScenarioFile}; shipped scenarios are listed by
 * {@link ScenarioFile#shipped()}.
 *
 * @param name short name
 * @param description one line for people
 * @param day the simulated day (local midnight starts it)
 * @param hours hours to simulate
 * @param seed random seed: the same seed gives the same world and the same run
 * @param homes number of homes
 * @param feeders feeders the homes are spread over
 * @param region where the homes are
 * @param mix share of homes with each device kind
 * @param misbehaviour how devices deviate from the ideal
 * @param event the utility's peak event
 */
public record Scenario(
    String name,
    String description,
    LocalDate day,
    int hours,
    long seed,
    int homes,
    int feeders,
    Region region,
    DeviceMix mix,
    Misbehaviour misbehaviour,
    Event event) {

  public Scenario {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(day, "day");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(mix, "mix");
    Objects.requireNonNull(misbehaviour, "misbehaviour");
    Objects.requireNonNull(event, "event");
    if (homes < 1 || homes > 10_000_000) {
      throw new IllegalArgumentException("homes must be 1..10,000,000, was " + homes);
    }
    if (hours < 1 || hours > 24 * 7) {
      throw new IllegalArgumentException("hours must be 1..168, was " + hours);
    }
    if (feeders < 1 || feeders > homes) {
      throw new IllegalArgumentException("feeders must be 1..homes, was " + feeders);
    }
  }

  /**
   * Where the homes are.
   *
   * @param name region name
   * @param latitude degrees north
   * @param longitude degrees east (west is negative)
   * @param zone the local time zone
   */
  public record Region(String name, double latitude, double longitude, ZoneId zone) {
    public Region {
      if (!(latitude >= -90 && latitude <= 90) || !(longitude >= -180 && longitude <= 180)) {
        throw new IllegalArgumentException(
            "region " + name + ": latitude/longitude out of range: " + latitude + ", " + longitude);
      }
    }
  }

  /**
   * Shares of homes, each in [0, 1], that have each kind of device.
   *
   * @param battery home battery
   * @param ev an EV with a home charger
   * @param thermostat a smart thermostat with central HVAC
   * @param pv rooftop solar
   * @param waterHeater an electric storage water heater
   */
  public record DeviceMix(
      double battery, double ev, double thermostat, double pv, double waterHeater) {
    public DeviceMix {
      share("battery", battery);
      share("ev", ev);
      share("thermostat", thermostat);
      share("pv", pv);
      share("water_heater", waterHeater);
    }

    private static void share(String name, double v) {
      if (!(v >= 0 && v <= 1)) {
        throw new IllegalArgumentException(
            "devices." + name + " must be a share in [0, 1], was " + v);
      }
    }
  }

  /**
   * The utility's peak event of the day.
   *
   * @param start local start time
   * @param end local end time
   * @param notice how long before the start it is announced
   */
  public record Event(LocalTime start, LocalTime end, Duration notice) {
    public Event {
      if (!end.isAfter(start)) {
        throw new IllegalArgumentException("event must end after it starts: " + start + ".." + end);
      }
      if (notice.isNegative()) {
        throw new IllegalArgumentException("event notice must not be negative: " + notice);
      }
    }
  }

  public ZonedDateTime start() {
    return day.atStartOfDay(region.zone());
  }

  public ZonedDateTime end() {
    return start().plusHours(hours);
  }

  /** This scenario with another number of homes (feeders capped at the homes). */
  public Scenario withHomes(int n) {
    return new Scenario(
        name,
        description,
        day,
        hours,
        seed,
        n,
        Math.min(feeders, n),
        region,
        mix,
        misbehaviour,
        event);
  }

  public Scenario withHours(int h) {
    return new Scenario(
        name, description, day, h, seed, homes, feeders, region, mix, misbehaviour, event);
  }

  public Scenario withSeed(long s) {
    return new Scenario(
        name, description, day, hours, s, homes, feeders, region, mix, misbehaviour, event);
  }
}
