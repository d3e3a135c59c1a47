package org.openvpp.flex;

import org.openvpp.device.Battery;
import org.openvpp.time.Horizon;
import org.openvpp.units.Energy;

/**
 * Envelopes of single devices from their specification and current state. More kinds (EV, HVAC as a
 * virtual battery, water heater, PV curtailment) arrive with the forecasting and planning work.
 */
public final class DeviceEnvelopes {
  private DeviceEnvelopes() {}

  /**
   * The envelope of a battery holding {@code stored} energy now, at the start of {@code horizon}.
   *
   * <p>Power: from {@code -maxDischarge} to {@code +maxCharge} in every interval. Energy, on the
   * grid side: at most the energy that fills it, {@code (capacity - stored) / η}, and at least
   * minus what it can give before reaching the reserve, {@code -(stored - reserve) · η}, where
   * {@code η} is the one-way efficiency, and no further than full power reaches by the end of each
   * interval. These bounds are exact for profiles that only charge or only discharge; a profile
   * that does both loses {@code 1 - η²} of the energy it cycles, which they do not count.
   */
  public static FlexEnvelope battery(Battery battery, Energy stored, Horizon horizon) {
    return battery(battery, stored, battery.backupReserve(), horizon);
  }

  /**
   * A battery's envelope with the backup reserve its customer chose instead of the device's own.
   *
   * @throws IllegalArgumentException when the reserve is outside [0, usable capacity]
   */
  public static FlexEnvelope battery(
      Battery battery, Energy stored, Energy backupReserve, Horizon horizon) {
    double capacity = battery.usableCapacity().kilowattHours();
    double reserve = backupReserve.kilowattHours();
    if (!(reserve >= 0 && reserve <= capacity)) {
      throw new IllegalArgumentException(
          "backup reserve of "
              + battery.id()
              + " must be within 0.."
              + capacity
              + " kWh, was "
              + reserve);
    }
    double now = Math.clamp(stored.kilowattHours(), 0, capacity);
    double eta = battery.oneWayEfficiency();
    int n = horizon.count();
    double[] minKw = new double[n];
    double[] maxKw = new double[n];
    double[] minKwh = new double[n];
    double[] maxKwh = new double[n];
    double floor = -Math.max(0, now - reserve) * eta;
    double ceiling = (capacity - now) / eta;
    fillBatteryShape(
        minKw,
        maxKw,
        minKwh,
        maxKwh,
        0,
        horizon,
        -battery.maxDischarge().kilowatts(),
        battery.maxCharge().kilowatts(),
        floor,
        ceiling);
    return FlexEnvelope.of(horizon, minKw, maxKw, minKwh, maxKwh);
  }

  /**
   * Writes a battery-shaped envelope into arrays at {@code base}: the same power band in every
   * interval, and energy bounds that grow at full power until they meet {@code floorKwh} and {@code
   * ceilingKwh}.
   */
  static void fillBatteryShape(
      double[] minKw,
      double[] maxKw,
      double[] minKwh,
      double[] maxKwh,
      int base,
      Horizon horizon,
      double downKw,
      double upKw,
      double floorKwh,
      double ceilingKwh) {
    double hours = horizon.stepHours();
    for (int i = 0; i < horizon.count(); i++) {
      minKw[base + i] = downKw;
      maxKw[base + i] = upKw;
      minKwh[base + i] = Math.max(floorKwh, downKw * hours * (i + 1));
      maxKwh[base + i] = Math.min(ceilingKwh, upKw * hours * (i + 1));
    }
  }
}
