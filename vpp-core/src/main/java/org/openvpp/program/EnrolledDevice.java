package org.openvpp.program;

import java.util.Objects;
import org.openvpp.device.DeviceId;
import org.openvpp.device.DeviceKind;
import org.openvpp.units.Power;

/**
 * A device put into a program, with the capacity it is enrolled for.
 *
 * @param id the device
 * @param kind its kind (eligibility)
 * @param capacity the kW it is enrolled for: counts towards the program's cap and is paid per kW
 */
public record EnrolledDevice(DeviceId id, DeviceKind kind, Power capacity) {
  public EnrolledDevice {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(capacity, "capacity");
    if (capacity.watts() <= 0) {
      throw new IllegalArgumentException(
          "device " + id + " must be enrolled for a positive capacity, was " + capacity);
    }
  }
}
