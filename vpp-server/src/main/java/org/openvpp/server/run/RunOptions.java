package org.openvpp.server.run;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * What to simulate and when the utility's event falls.
 *
 * @param homes homes in the fleet, each with a battery
 * @param hours hours to simulate from local midnight of {@code day}
 * @param seed random seed of the fleet
 * @param day the simulated day
 * @param zone the fleet's time zone
 * @param eventStart local start of the utility's peak event
 * @param eventEnd local end of the event
 * @param notice how long before the start the utility announces it
 */
public record RunOptions(
    int homes,
    int hours,
    long seed,
    LocalDate day,
    ZoneId zone,
    LocalTime eventStart,
    LocalTime eventEnd,
    Duration notice) {

  public static final Duration STEP = Duration.ofMinutes(1);
  public static final Duration INTERVAL = Duration.ofMinutes(15);

  public RunOptions {
    if (homes < 1 || homes > 1_000_000) {
      throw new IllegalArgumentException("--homes must be 1..1,000,000, was " + homes);
    }
    if (hours < 1 || hours > 24 * 7) {
      throw new IllegalArgumentException("--hours must be 1..168, was " + hours);
    }
    if (!eventEnd.isAfter(eventStart)) {
      throw new IllegalArgumentException(
          "the event must end after it starts, was " + eventStart + ".." + eventEnd);
    }
    int needed = eventEnd.getHour() + (eventEnd.getMinute() > 0 ? 1 : 0);
    if (hours < needed) {
      throw new IllegalArgumentException(
          "--hours "
              + hours
              + " ends before the utility's event ("
              + eventStart
              + "-"
              + eventEnd
              + ") is over; simulate at least "
              + needed
              + " hours");
    }
  }

  /**
   * The skeleton's defaults: a summer weekday in California, peak event 17:00-20:00 with 5 h
   * notice.
   */
  public static RunOptions defaults(int homes, int hours, long seed) {
    return new RunOptions(
        homes,
        hours,
        seed,
        LocalDate.of(2019, 8, 15),
        ZoneId.of("America/Los_Angeles"),
        LocalTime.of(17, 0),
        LocalTime.of(20, 0),
        Duration.ofHours(5));
  }

  public ZonedDateTime start() {
    return day.atStartOfDay(zone);
  }

  public ZonedDateTime end() {
    return start().plusHours(hours);
  }
}
