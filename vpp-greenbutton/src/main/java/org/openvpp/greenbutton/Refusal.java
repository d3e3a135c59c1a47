package org.openvpp.greenbutton;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.openvpp.meter.ReadingVerdict;

/**
 * One IntervalReading of a file left out, and why; the rest of the file is kept.
 *
 * @param index the reading's position among the file's IntervalReadings, counting from 1
 * @param start when its interval begins, when the reading says so
 * @param verdict why it was left out: {@link ReadingVerdict#NEGATIVE}, {@link
 *     ReadingVerdict#OUT_OF_RANGE}, {@link ReadingVerdict#DUPLICATE}, {@link
 *     ReadingVerdict#MISSING} or {@link ReadingVerdict#MALFORMED}
 * @param message what was wrong, with the reading's line in the file
 */
public record Refusal(int index, Optional<Instant> start, ReadingVerdict verdict, String message) {

  public Refusal {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(message, "message");
    if (index < 1) {
      throw new IllegalArgumentException("a refusal's index counts from 1, was " + index);
    }
  }
}
