package org.openvpp.meter;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.openvpp.units.Energy;

/**
 * One interval reading of a site's meter: the energy taken from the grid ({@code imported}) and
 * given to it ({@code exported}) over {@code [start, start + length)}, both magnitudes. A utility's
 * interval data, a smart meter's or a device maker's cloud report them this way (Green Button's
 * forward and reverse flows).
 *
 * @param meterId the meter, as a site names it in the register: 1 to 64 characters of letters,
 *     digits and {@code . _ : -}
 * @param start when the interval begins, on a whole multiple of its length since the epoch
 * @param length 5, 15, 30 or 60 minutes
 * @param imported energy taken from the grid; not negative, at most {@link #MAX_KWH}
 * @param exported energy given to the grid; not negative, at most {@link #MAX_KWH}
 */
public record MeterReading(
    String meterId, Instant start, Duration length, Energy imported, Energy exported) {

  /** The interval lengths a reading may have. */
  public static final Set<Duration> LENGTHS =
      Set.of(
          Duration.ofMinutes(5),
          Duration.ofMinutes(15),
          Duration.ofMinutes(30),
          Duration.ofHours(1));

  /** The most energy one reading may carry in either direction: far above any home's hour. */
  public static final double MAX_KWH = 10_000;

  private static final Pattern METER_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  public MeterReading {
    Objects.requireNonNull(meterId, "meterId");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(length, "length");
    Objects.requireNonNull(imported, "imported");
    Objects.requireNonNull(exported, "exported");
    if (!METER_ID.matcher(meterId).matches()) {
      throw new IllegalArgumentException(
          "meter id must be 1-64 characters of letters, digits and . _ : -, was '" + meterId + "'");
    }
    if (!LENGTHS.contains(length)) {
      throw new IllegalArgumentException(
          "a reading lasts 5, 15, 30 or 60 minutes, was " + length + " (meter " + meterId + ")");
    }
    if (start.getNano() != 0 || Math.floorMod(start.getEpochSecond(), length.toSeconds()) != 0) {
      throw new IllegalArgumentException(
          "a "
              + length.toMinutes()
              + "-minute reading starts on a whole "
              + length.toMinutes()
              + " minutes, was "
              + start
              + " (meter "
              + meterId
              + ")");
    }
    for (Energy e : new Energy[] {imported, exported}) {
      if (e.wattHours() < 0 || e.kilowattHours() > MAX_KWH) {
        throw new IllegalArgumentException(
            "imported and exported energy are magnitudes in 0.."
                + (long) MAX_KWH
                + " kWh, was "
                + e.kilowattHours()
                + " kWh (meter "
                + meterId
                + " at "
                + start
                + ")");
      }
    }
  }

  /** A reading of {@code importKwh} taken and {@code exportKwh} given. */
  public static MeterReading ofKwh(
      String meterId, Instant start, Duration length, double importKwh, double exportKwh) {
    return new MeterReading(
        meterId,
        start,
        length,
        Energy.ofKilowattHours(importKwh),
        Energy.ofKilowattHours(exportKwh));
  }

  /** When the interval ends. */
  public Instant end() {
    return start.plus(length);
  }

  /** Imported minus exported, in the load convention (positive: taken from the grid). */
  public Energy net() {
    return imported.minus(exported);
  }

  /** Whether a reading of this meter for this interval is the same as {@code other}'s. */
  public boolean sameInterval(MeterReading other) {
    return meterId.equals(other.meterId) && start.equals(other.start);
  }
}
