package org.openvpp.dispatch;

import java.time.Instant;
import java.util.Objects;
import org.openvpp.device.DeviceId;
import org.openvpp.units.Power;

/**
 * An order to one device to hold a power setpoint until it expires; on expiry the device returns to
 * its autonomous mode.
 *
 * @param device the device
 * @param sequence increasing per device; a device ignores a command older than one it has
 * @param setpoint power to hold, load convention
 * @param issued when it was issued
 * @param expires when it stops applying; after {@code issued}
 */
public record Command(
    DeviceId device, long sequence, Power setpoint, Instant issued, Instant expires) {
  public Command {
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(setpoint, "setpoint");
    Objects.requireNonNull(issued, "issued");
    Objects.requireNonNull(expires, "expires");
    if (!expires.isAfter(issued)) {
      throw new IllegalArgumentException(
          "command for " + device + " expires at " + expires + ", not after issue " + issued);
    }
  }
}
