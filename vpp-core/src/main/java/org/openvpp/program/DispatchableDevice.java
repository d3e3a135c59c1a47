package org.openvpp.program;

import java.util.Objects;
import org.openvpp.device.DeviceId;
import org.openvpp.units.Power;

/**
 * A device dispatch may use for an event now, with the capacity it is enrolled for.
 *
 * @param device the device
 * @param siteId its site
 * @param enrolmentId the enrolment it is in
 * @param capacity its enrolled capacity
 */
public record DispatchableDevice(
    EnrolledDevice device, String siteId, String enrolmentId, Power capacity) {
  public DispatchableDevice {
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(siteId, "siteId");
    Objects.requireNonNull(enrolmentId, "enrolmentId");
    Objects.requireNonNull(capacity, "capacity");
  }

  public DeviceId id() {
    return device.id();
  }
}
