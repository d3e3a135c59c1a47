package org.openvpp.greenbutton;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.openvpp.meter.MeterReading;

/**
 * One usage point of a feed (a customer's meter, as the utility names it) with its interval data:
 * the forward and reverse flows of its MeterReadings combined into one series, sorted by start.
 *
 * @param href the usage point's {@code self} link in the feed
 * @param title its Atom title, such as "Front Electric Meter"; empty when it has none
 * @param localTime its LocalTimeParameters, when the feed carries them
 * @param intervals its intervals, sorted by start, none overlapping
 * @param refusals the IntervalReadings left out, and why, in file order
 */
public record UsagePoint(
    String href,
    String title,
    Optional<LocalTimeParameters> localTime,
    List<UsageInterval> intervals,
    List<Refusal> refusals) {

  public UsagePoint {
    Objects.requireNonNull(href, "href");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(localTime, "localTime");
    intervals = List.copyOf(intervals);
    refusals = List.copyOf(refusals);
    for (int i = 1; i < intervals.size(); i++) {
      if (intervals.get(i).start().isBefore(intervals.get(i - 1).end())) {
        throw new IllegalArgumentException(
            "a usage point's intervals are sorted and do not overlap, but "
                + intervals.get(i).start()
                + " follows "
                + intervals.get(i - 1).start());
      }
    }
  }

  /**
   * The intervals as readings of {@code meterId}, the meter's id in the register (a file never
   * names it).
   *
   * @throws IllegalArgumentException if {@code meterId} is not a valid meter id
   */
  public List<MeterReading> readings(String meterId) {
    List<MeterReading> readings = new ArrayList<>(intervals.size());
    for (UsageInterval interval : intervals) {
      readings.add(interval.toReading(meterId));
    }
    return List.copyOf(readings);
  }

  /** How the usage point is named in messages: its title and href. */
  String describe() {
    return title.isEmpty() ? href : "'" + title + "' (" + href + ")";
  }
}
