package org.openvpp.service.metering;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.openvpp.meter.MeterReading;
import org.openvpp.meter.ReadingVerdict;
import org.openvpp.mv.baseline.MeterData;
import org.openvpp.time.Interval;

/**
 * Meter history in memory, by the same rules as the database's (first reading wins; a longer
 * reading spread over the grid, shorter ones summed). For tests and for a service run without a
 * store. Thread-safe (synchronized).
 */
public final class MemoryHistory implements MeterHistory {
  private final Map<String, TreeMap<Instant, MeterReading>> byMeter = new HashMap<>();

  @Override
  public synchronized List<ReadingVerdict> keep(List<MeterReading> readings, Instant receivedAt) {
    List<ReadingVerdict> out = new ArrayList<>(readings.size());
    for (MeterReading r : readings) {
      TreeMap<Instant, MeterReading> m = byMeter.computeIfAbsent(r.meterId(), k -> new TreeMap<>());
      out.add(
          m.putIfAbsent(r.start(), r) == null ? ReadingVerdict.ACCEPTED : ReadingVerdict.DUPLICATE);
    }
    return out;
  }

  @Override
  public synchronized Map<String, MeterData> history(
      Collection<String> meterIds, Interval window, ZoneId zone, Duration step) {
    long stepS = step.toSeconds();
    long from = window.start().getEpochSecond();
    int n = (int) (Duration.between(window.start(), window.end()).toSeconds() / stepS);
    Map<String, MeterData> out = new LinkedHashMap<>();
    for (String meter : meterIds) {
      TreeMap<Instant, MeterReading> m = byMeter.get(meter);
      if (m == null) {
        continue;
      }
      double[] kwh = new double[n];
      double[] covered = new double[n];
      boolean any = false;
      for (MeterReading r :
          m.subMap(window.start().minus(Duration.ofHours(1)), window.end()).values()) {
        long start = r.start().getEpochSecond();
        long len = r.length().toSeconds();
        double value = r.net().kilowattHours();
        for (long t = Math.max(start, from); t < start + len; ) {
          long slot = (t - from) / stepS;
          if (slot >= n) {
            break;
          }
          long slotEnd = from + (slot + 1) * stepS;
          long part = Math.min(slotEnd, start + len) - t;
          kwh[(int) slot] += value * part / len;
          covered[(int) slot] += part;
          t += part;
          any = true;
        }
      }
      if (!any) {
        continue;
      }
      for (int i = 0; i < n; i++) {
        if (covered[i] < stepS) {
          kwh[i] = Double.NaN;
        }
      }
      out.put(meter, MeterData.withMissing(zone, window.start(), step, kwh));
    }
    return out;
  }
}
