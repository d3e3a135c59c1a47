package org.openvpp.settle;

import java.util.Objects;
import org.openvpp.units.Money;

/**
 * What one site earned in one event.
 *
 * @param siteId the site
 * @param customerId who is paid
 * @param settledWh delivered energy as settled, whole Wh (0 when it does not earn)
 * @param energy per kWh delivered
 * @param event per event
 * @param revenueShare its share of the event's revenue
 */
public record SiteEarnings(
    String siteId,
    String customerId,
    long settledWh,
    Money energy,
    Money event,
    Money revenueShare) {
  public SiteEarnings {
    Objects.requireNonNull(siteId, "siteId");
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(energy, "energy");
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(revenueShare, "revenueShare");
  }

  public Money total() {
    return energy.plus(event).plus(revenueShare);
  }
}
