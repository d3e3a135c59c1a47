package org.openvpp.bench;

import org.openvpp.aggregate.AggregationTree;
import org.openvpp.aggregate.GroupId;
import org.openvpp.device.Battery;
import org.openvpp.device.DeviceId;
import org.openvpp.twin.TwinStore;
import org.openvpp.units.Energy;
import org.openvpp.units.Power;

/** Devices the benchmarks register: a 13.5 kWh, 5 kW home battery with a 2.7 kWh reserve. */
final class BenchDevices {
  private BenchDevices() {}

  /** Registers a battery named {@code id} in {@code twins} and puts it in {@code group}. */
  static int registerBattery(TwinStore twins, AggregationTree tree, String id, GroupId group) {
    int ordinal =
        twins.register(
            new Battery(
                DeviceId.of(id),
                Energy.ofKilowattHours(13.5),
                Power.ofKilowatts(5),
                Power.ofKilowatts(5),
                0.9,
                Energy.ofKilowattHours(2.7)));
    tree.assign(ordinal, group);
    return ordinal;
  }
}
