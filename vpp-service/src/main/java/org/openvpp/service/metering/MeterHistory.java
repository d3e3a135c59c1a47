package org.openvpp.service.metering;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.openvpp.meter.MeterReading;
import org.openvpp.meter.ReadingVerdict;
import org.openvpp.mv.baseline.MeterData;
import org.openvpp.store.MeterIntervals;
import org.openvpp.time.Interval;

/**
 * Where the service keeps the meter readings it accepted: the platform's database ({@link #in}), or
 * memory for tests ({@link MemoryHistory}). The first reading of a meter's interval wins.
 */
public interface MeterHistory {

  /**
   * Keeps readings received at {@code receivedAt}: one verdict each, {@code ACCEPTED} or {@code
   * DUPLICATE} (or {@code OUT_OF_RANGE} for a time the store cannot hold).
   */
  List<ReadingVerdict> keep(List<MeterReading> readings, Instant receivedAt);

  /**
   * Each meter's readings over {@code window} on a grid of {@code step} in {@code zone}, {@code
   * NaN} where there is none; meters without any reading there are absent.
   */
  Map<String, MeterData> history(
      Collection<String> meterIds, Interval window, ZoneId zone, Duration step);

  /** The readings in the database's {@code meter_interval} table. */
  static MeterHistory in(MeterIntervals table) {
    return new MeterHistory() {
      @Override
      public List<ReadingVerdict> keep(List<MeterReading> readings, Instant receivedAt) {
        return table.keep(readings, receivedAt);
      }

      @Override
      public Map<String, MeterData> history(
          Collection<String> meterIds, Interval window, ZoneId zone, Duration step) {
        return table.history(meterIds, window, zone, step);
      }
    };
  }
}
