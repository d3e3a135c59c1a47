package org.openvpp.sim.fleet;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
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
 * @param regions where the homes are, with the share of homes in each; the first region's zone is
 *     the scenario's clock (the day starts at its midnight, the event's times are in it)
 * @param mix share of homes with each device kind
 * @param misbehaviour how devices deviate from the ideal
 * @param event the utility's peak event
 * @param prices the wholesale prices of the day, if any
 * @param season what happens over the days the world runs (events, sign-ups, meters); without a
 *     {@code season} block, one day with {@code event}
 */
public record Scenario(
    String name,
    String description,
    LocalDate day,
    int hours,
    long seed,
    int homes,
    int feeders,
    List<Region> regions,
    DeviceMix mix,
    Misbehaviour misbehaviour,
    Event event,
    Prices prices,
    Season season) {

  /** A scenario of one day with its one event ({@link Season#single}). */
  public Scenario(
      String name,
      String description,
      LocalDate day,
      int hours,
      long seed,
      int homes,
      int feeders,
      List<Region> regions,
      DeviceMix mix,
      Misbehaviour misbehaviour,
      Event event,
      Prices prices) {
    this(
        name,
        description,
        day,
        hours,
        seed,
        homes,
        feeders,
        regions,
        mix,
        misbehaviour,
        event,
        prices,
        Season.single(event, hours));
  }

  public Scenario {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(day, "day");
    regions = List.copyOf(regions);
    if (regions.isEmpty()) {
      throw new IllegalArgumentException("a scenario needs at least one region");
    }
    double shares = regions.stream().mapToDouble(Region::share).sum();
    if (Math.abs(shares - 1) > 1e-6) {
      throw new IllegalArgumentException(
          "regions' shares must add up to 1, they add up to " + shares);
    }
    if (regions.stream().map(Region::name).distinct().count() != regions.size()) {
      throw new IllegalArgumentException("region names must be different from one another");
    }
    Objects.requireNonNull(mix, "mix");
    Objects.requireNonNull(misbehaviour, "misbehaviour");
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(prices, "prices");
    Objects.requireNonNull(season, "season");
    if (prices == Prices.CAISO_2019 && day.getYear() != 2019) {
      throw new IllegalArgumentException("prices caiso-2019 need a day in 2019, was " + day);
    }
    if (homes < 1 || homes > 10_000_000) {
      throw new IllegalArgumentException("homes must be 1..10,000,000, was " + homes);
    }
    if (hours < 1 || hours > 24 * 400) {
      throw new IllegalArgumentException("hours must be 1..9600, was " + hours);
    }
    if (feeders < 1 || feeders > homes) {
      throw new IllegalArgumentException("feeders must be 1..homes, was " + feeders);
    }
  }

  /**
   * Where some of the homes are.
   *
   * @param name region name (letters, digits, {@code - _ .})
   * @param latitude degrees north
   * @param longitude degrees east (west is negative)
   * @param zone the local time zone
   * @param weather which measured weather the region's homes live in
   * @param share the share of the scenario's homes in this region, in (0, 1]
   */
  public record Region(
      String name, double latitude, double longitude, ZoneId zone, Weather weather, double share) {
    public Region {
      Objects.requireNonNull(zone, "zone");
      Objects.requireNonNull(weather, "weather");
      if (!name.matches("[A-Za-z0-9._-]{1,32}")) {
        throw new IllegalArgumentException(
            "region name must be 1-32 letters, digits, '.', '_' or '-', was '" + name + "'");
      }
      if (!(latitude >= -90 && latitude <= 90) || !(longitude >= -180 && longitude <= 180)) {
        throw new IllegalArgumentException(
            "region " + name + ": latitude/longitude out of range: " + latitude + ", " + longitude);
      }
      if (!(share > 0 && share <= 1)) {
        throw new IllegalArgumentException(
            "region " + name + ": share must be in (0, 1], was " + share);
      }
    }
  }

  /** Wholesale prices a scenario can take. */
  public enum Prices {
    /** No prices. */
    NONE("none"),
    /** CAISO day-ahead LMP at IRONMTN_2_N001, 2019. */
    CAISO_2019("caiso-2019");

    private final String key;

    Prices(String key) {
      this.key = key;
    }

    public String key() {
      return key;
    }

    /** The prices named {@code key} in a scenario file. */
    public static Prices of(String key) {
      for (Prices p : values()) {
        if (p.key.equals(key)) {
          return p;
        }
      }
      throw new IllegalArgumentException(
          "no prices '"
              + key
              + "'; known: "
              + java.util.Arrays.stream(values()).map(Prices::key).toList());
    }
  }

  /** Measured weather a region can take. */
  public enum Weather {
    /** Fontana, California, the year of the household data (CityLearn). */
    FONTANA("fontana"),
    /** Greensboro, North Carolina, a typical meteorological year (TMY3). */
    GREENSBORO_TMY3("greensboro-tmy3");

    private final String key;

    Weather(String key) {
      this.key = key;
    }

    /** The name used in scenario files. */
    public String key() {
      return key;
    }

    /** The weather named {@code key} in a scenario file. */
    public static Weather of(String key) {
      for (Weather w : values()) {
        if (w.key.equals(key)) {
          return w;
        }
      }
      throw new IllegalArgumentException(
          "no weather '"
              + key
              + "'; known: "
              + java.util.Arrays.stream(values()).map(Weather::key).toList());
    }
  }

  /** The scenario's clock: the first region's zone. */
  public ZoneId zone() {
    return regions.get(0).zone();
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
    return day.atStartOfDay(zone());
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
        regions,
        mix,
        misbehaviour,
        event,
        prices,
        season);
  }

  /** This scenario for {@code h} hours; a one-day season becomes as long. */
  public Scenario withHours(int h) {
    return new Scenario(
        name,
        description,
        day,
        h,
        seed,
        homes,
        feeders,
        regions,
        mix,
        misbehaviour,
        event,
        prices,
        season.events().size() == 1 && season.days() <= 1 && season.historyDays() == 0
            ? Season.single(event, h)
            : season);
  }

  public Scenario withSeed(long s) {
    return new Scenario(
        name,
        description,
        day,
        hours,
        s,
        homes,
        feeders,
        regions,
        mix,
        misbehaviour,
        event,
        prices,
        season);
  }

  /** This scenario with its devices misbehaving as {@code m} says. */
  public Scenario withMisbehaviour(Misbehaviour m) {
    return new Scenario(
        name,
        description,
        day,
        hours,
        seed,
        homes,
        feeders,
        regions,
        mix,
        m,
        event,
        prices,
        season);
  }

  /** This scenario with {@code s} as its season. */
  public Scenario withSeason(Season s) {
    return new Scenario(
        name,
        description,
        day,
        hours,
        seed,
        homes,
        feeders,
        regions,
        mix,
        misbehaviour,
        event,
        prices,
        s);
  }
}
