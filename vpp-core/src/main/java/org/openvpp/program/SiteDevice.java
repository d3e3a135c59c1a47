package org.openvpp.program;

import java.time.Instant;
import java.util.Objects;
import org.openvpp.device.DeviceId;
import org.openvpp.device.DeviceKind;
import org.openvpp.units.Power;

/**
 * A device linked to the site it is installed at: what a customer (or a utility's import) says when
 * it names the device by its id. The device itself speaks for its kind and limits through the
 * device protocol; the register keeps which site it belongs to, so its twin finds its place (the
 * site's program, region and feeder) and its enrolment its consent.
 *
 * @param id the device, as it reports itself
 * @param siteId the site it is at
 * @param kind its kind, as the customer or import stated it (a birth that says otherwise is
 *     refused)
 * @param capacity the power it can be enrolled for (a battery's discharge rating, a charger's rate)
 * @param linkedAt when the link was recorded
 */
public record SiteDevice(
    DeviceId id, String siteId, DeviceKind kind, Power capacity, Instant linkedAt) {
  public SiteDevice {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(siteId, "siteId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(capacity, "capacity");
    Objects.requireNonNull(linkedAt, "linkedAt");
    if (capacity.watts() <= 0) {
      throw new IllegalArgumentException(
          "device " + id + " needs a positive capacity, was " + capacity);
    }
  }
}
