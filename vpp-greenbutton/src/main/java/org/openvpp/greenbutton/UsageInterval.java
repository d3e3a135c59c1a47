package org.openvpp.greenbutton;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.openvpp.meter.MeterReading;
import org.openvpp.units.Energy;

/**
 * One interval of a usage point: the energy delivered to the customer ({@code imported}, ESPI's
 * forward flow) and received from them ({@code exported}, the reverse flow) over {@code [start,
 * start + length)}. A {@link MeterReading} without the meter id, which a Green Button file never
 * names.
 *
 * @param start when the interval begins, on a whole multiple of its length since the epoch
 * @param length one of {@link MeterReading#LENGTHS}
 * @param imported not negative
 * @param exported not negative
 */
public record UsageInterval(Instant start, Duration length, Energy imported, Energy exported) {

  public UsageInterval {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(length, "length");
    Objects.requireNonNull(imported, "imported");
    Objects.requireNonNull(exported, "exported");
    if (!MeterReading.LENGTHS.contains(length)) {
      throw new IllegalArgumentException(
          "an interval lasts 5, 15, 30 or 60 minutes, was " + length + " at " + start);
    }
    if (imported.wattHours() < 0 || exported.wattHours() < 0) {
      throw new IllegalArgumentException(
          "imported and exported energy are magnitudes, was "
              + imported
              + " and "
              + exported
              + " at "
              + start);
    }
  }

  /** When the interval ends. */
  public Instant end() {
    return start.plus(length);
  }

  /** This interval as a reading of {@code meterId}; throws as {@link MeterReading} does. */
  public MeterReading toReading(String meterId) {
    return new MeterReading(meterId, start, length, imported, exported);
  }
}
