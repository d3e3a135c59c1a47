package org.openvpp.twin;

import java.time.Instant;
import java.util.Objects;
import org.openvpp.device.DeviceId;
import org.openvpp.units.Energy;
import org.openvpp.units.Power;

/**
 * One report of a device's state.
 *
 * @param device who reports
 * @param at when the device measured it (device clock)
 * @param sequence the device's message counter; a twin accepts only increasing sequences
 * @param power measured power at the device, load convention
 * @param stored energy held now (a battery's state of charge in kWh); zero for kinds that store
 *     none
 */
public record Telemetry(DeviceId device, Instant at, long sequence, Power power, Energy stored) {
  public Telemetry {
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(power, "power");
    Objects.requireNonNull(stored, "stored");
  }
}
