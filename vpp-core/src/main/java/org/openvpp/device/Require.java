package org.openvpp.device;

import org.openvpp.units.Energy;
import org.openvpp.units.Power;

/** One-line preconditions whose messages name the device, the field and the bad value. */
final class Require {
  private Require() {}

  static Power positive(DeviceId id, String field, Power value) {
    if (value.watts() <= 0) {
      throw new IllegalArgumentException(id + ": " + field + " must be positive, was " + value);
    }
    return value;
  }

  static Power nonNegative(DeviceId id, String field, Power value) {
    if (value.watts() < 0) {
      throw new IllegalArgumentException(id + ": " + field + " must not be negative, was " + value);
    }
    return value;
  }

  static Energy positive(DeviceId id, String field, Energy value) {
    if (value.wattHours() <= 0) {
      throw new IllegalArgumentException(id + ": " + field + " must be positive, was " + value);
    }
    return value;
  }

  static double fraction(DeviceId id, String field, double value) {
    if (!(value > 0 && value <= 1)) {
      throw new IllegalArgumentException(id + ": " + field + " must be in (0, 1], was " + value);
    }
    return value;
  }
}
