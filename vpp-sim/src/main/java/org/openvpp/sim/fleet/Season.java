package org.openvpp.sim.fleet;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What happens to a simulated world over a season, beyond its homes and devices: how long it runs,
 * how much meter history its customers bring, the utility's events (some changed or cancelled), how
 * customers sign up and leave, and how late meters report.
 *
 * @param days the days the world runs, from the scenario's day (local midnight to local midnight,
 *     so a daylight-saving day is 23 or 25 hours)
 * @param historyDays the days before the first the world has already lived (without the VPP): the
 *     meter history customers bring as Green Button when they sign up
 * @param events the utility's events
 * @param signups how customers sign up, leave and let their consent lapse
 * @param meters how site meters report
 */
public record Season(
    int days, int historyDays, List<SeasonEvent> events, Signups signups, Meters meters) {

  public Season {
    events = List.copyOf(events);
    Objects.requireNonNull(signups, "signups");
    Objects.requireNonNull(meters, "meters");
    if (days < 1 || days > 400) {
      throw new IllegalArgumentException("season.days must be 1..400, was " + days);
    }
    if (historyDays < 0 || historyDays > 120) {
      throw new IllegalArgumentException("season.history_days must be 0..120, was " + historyDays);
    }
    for (SeasonEvent e : events) {
      if (e.day() >= days) {
        throw new IllegalArgumentException(
            "an event on day " + e.day() + " lies after the season's " + days + " days");
      }
    }
  }

  /**
   * One of the utility's events.
   *
   * @param day which day of the season, from 0
   * @param start local start time
   * @param end local end time
   * @param notice how long before the start the utility announces it
   * @param extendTo if given, the utility extends the event to this end, announced halfway through
   * @param cancel if given, when the utility cancels it: {@code BEFORE} (an hour before its start)
   *     or {@code DURING} (an hour after its start)
   */
  public record SeasonEvent(
      int day,
      LocalTime start,
      LocalTime end,
      Duration notice,
      Optional<LocalTime> extendTo,
      Optional<Cancel> cancel) {

    /** When an event is cancelled. */
    public enum Cancel {
      BEFORE,
      DURING
    }

    public SeasonEvent {
      Objects.requireNonNull(start, "start");
      Objects.requireNonNull(end, "end");
      Objects.requireNonNull(notice, "notice");
      Objects.requireNonNull(extendTo, "extendTo");
      Objects.requireNonNull(cancel, "cancel");
      if (day < 0) {
        throw new IllegalArgumentException("an event's day must not be negative, was " + day);
      }
      if (!end.isAfter(start)) {
        throw new IllegalArgumentException("event must end after it starts: " + start + ".." + end);
      }
      if (notice.isNegative()) {
        throw new IllegalArgumentException("event notice must not be negative: " + notice);
      }
      if (extendTo.isPresent() && !extendTo.get().isAfter(end)) {
        throw new IllegalArgumentException(
            "an extension ends after the event, was " + extendTo.get() + " for an end at " + end);
      }
      if (extendTo.isPresent() && cancel.isPresent()) {
        throw new IllegalArgumentException("an event is extended or cancelled, not both");
      }
    }
  }

  /**
   * How the world's customers come and go.
   *
   * @param atStart the share of homes signed up and enrolled before the season begins
   * @param spreadDays over how many days the others sign up (evenly, from the first day)
   * @param withdraw the share of enrolled homes that leave their program during the season
   * @param lapse the share whose consent expires during the season
   * @param optOut the chance a participant opts out of an event it is told of
   */
  public record Signups(
      double atStart, int spreadDays, double withdraw, double lapse, double optOut) {
    public Signups {
      for (double v : new double[] {atStart, withdraw, lapse, optOut}) {
        if (!(v >= 0 && v <= 1)) {
          throw new IllegalArgumentException("signup shares must be in [0, 1], was " + v);
        }
      }
      if (spreadDays < 0) {
        throw new IllegalArgumentException("spread_days must not be negative, was " + spreadDays);
      }
    }

    /** Everyone signed up before the start, nobody leaves. */
    public static Signups everyone() {
      return new Signups(1, 0, 0, 0, 0);
    }
  }

  /**
   * How site meters report.
   *
   * @param nextDay the share of meters whose readings come the next morning at 06:00 (a utility's
   *     interval data), the others each interval as it ends (a smart meter's)
   * @param late the share of meters that report a day's readings three days late (measuring an
   *     event again)
   */
  public record Meters(double nextDay, double late) {
    public Meters {
      if (!(nextDay >= 0 && nextDay <= 1) || !(late >= 0 && late <= 1) || nextDay + late > 1) {
        throw new IllegalArgumentException(
            "meters.next_day and meters.late are shares adding up to at most 1, were "
                + nextDay
                + " and "
                + late);
      }
    }

    /** Every meter reports each interval as it ends. */
    public static Meters prompt() {
      return new Meters(0, 0);
    }
  }

  /** One day with the scenario's one event, everyone enrolled, meters prompt. */
  public static Season single(Scenario.Event event, int hours) {
    return new Season(
        Math.max(1, (hours + 23) / 24),
        0,
        List.of(
            new SeasonEvent(
                0, event.start(), event.end(), event.notice(), Optional.empty(), Optional.empty())),
        Signups.everyone(),
        Meters.prompt());
  }
}
