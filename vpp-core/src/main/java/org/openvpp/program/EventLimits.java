package org.openvpp.program;

import java.time.Duration;
import java.util.Objects;
import org.openvpp.time.Interval;

/**
 * How often and how long a program may call events within its season, and how much notice it must
 * give.
 *
 * @param season events must lie inside it
 * @param maxEventsPerSeason at most this many events (not counting cancelled ones)
 * @param maxEventLength the longest one event may be
 * @param maxSeasonHours the total length of the season's events may not exceed it
 * @param minNotice an event must be created at least this long before it starts
 */
public record EventLimits(
    Interval season,
    int maxEventsPerSeason,
    Duration maxEventLength,
    Duration maxSeasonHours,
    Duration minNotice) {

  public EventLimits {
    Objects.requireNonNull(season, "season");
    Objects.requireNonNull(maxEventLength, "maxEventLength");
    Objects.requireNonNull(maxSeasonHours, "maxSeasonHours");
    Objects.requireNonNull(minNotice, "minNotice");
    if (maxEventsPerSeason < 1) {
      throw new IllegalArgumentException(
          "maxEventsPerSeason must be at least 1, was " + maxEventsPerSeason);
    }
    if (!maxEventLength.isPositive() || !maxSeasonHours.isPositive() || minNotice.isNegative()) {
      throw new IllegalArgumentException(
          "event lengths must be positive and notice not negative, were "
              + maxEventLength
              + ", "
              + maxSeasonHours
              + ", "
              + minNotice);
    }
  }
}
