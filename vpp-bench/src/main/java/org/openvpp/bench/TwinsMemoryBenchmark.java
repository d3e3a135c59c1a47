package org.openvpp.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.openvpp.aggregate.AggregationTree;
import org.openvpp.aggregate.GroupId;
import org.openvpp.device.Battery;
import org.openvpp.device.DeviceId;
import org.openvpp.twin.TwinStore;
import org.openvpp.units.Energy;
import org.openvpp.units.Power;

/**
 * Heap per device of the twin store (with its id index and the aggregation tree's per-device state)
 * at 1,000,000 batteries, each with one report applied: used heap after a full collection, minus
 * the same before the store was built. The baseline, for the ratio, is the size of the device ids
 * themselves (the strings a gateway must hold in any design).
 */
final class TwinsMemoryBenchmark implements Benchmark {

  @Override
  public String name() {
    return "twins-memory";
  }

  @Override
  public String description() {
    return "heap per device with 1,000,000 twins (target <= 300 bytes)";
  }

  @Override
  public Map<String, Object> run(boolean quick) {
    int devices = quick ? 100_000 : 1_000_000;
    long before = usedAfterGc();
    TwinStore twins = new TwinStore(Duration.ofMinutes(5));
    AggregationTree tree = new AggregationTree(twins);
    twins.onChange(tree::update);
    for (int f = 0; f < 1000; f++) {
      tree.addGroup(GroupId.of("feeder-" + f), GroupId.FLEET);
    }
    Energy capacity = Energy.ofKilowattHours(13.5);
    Power power = Power.ofKilowatts(5);
    Energy reserve = Energy.ofKilowattHours(2.7);
    Instant t = Instant.parse("2019-08-16T00:00:00Z");
    for (int d = 0; d < devices; d++) {
      int ordinal =
          twins.register(
              new Battery(
                  DeviceId.of(String.format(Locale.ROOT, "home-%07d-bat", d)),
                  capacity,
                  power,
                  power,
                  0.9,
                  reserve));
      tree.assign(ordinal, GroupId.of("feeder-" + (d % 1000)));
      twins.apply(ordinal, 1, t.toEpochMilli(), -1.5, 8, Double.NaN, -1);
    }
    long after = usedAfterGc();
    double perDevice = (after - before) / (double) devices;
    // The id strings alone: what any design holds for a million devices.
    long idsBefore = usedAfterGc();
    String[] ids = new String[devices];
    for (int d = 0; d < devices; d++) {
      ids[d] = String.format(Locale.ROOT, "home-%07d-bat", d);
    }
    long idsAfter = usedAfterGc();
    double idBytes = (idsAfter - idsBefore) / (double) devices;
    System.out.printf(
        Locale.ROOT,
        "%,d twins: %.0f bytes each (%d in the store: %s); the id strings alone: %.0f bytes%n",
        devices,
        perDevice,
        twins.size(),
        tree.totals(GroupId.FLEET).power(),
        idBytes);
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("devices", devices);
    figures.put("bytes_per_device", Math.round(perDevice));
    figures.put("id_string_bytes_per_device", Math.round(idBytes));
    figures.put("ratio_to_id_strings", BenchMain.round3(perDevice / idBytes));
    figures.put("ids_kept", ids.length);
    return figures;
  }

  private static long usedAfterGc() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return memory.getHeapMemoryUsage().getUsed();
  }
}
