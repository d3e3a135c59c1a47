package org.openvpp.settle;

import java.util.Objects;
import org.openvpp.mv.SitePerformance;

/**
 * A site's part in one event, as settlement needs it.
 *
 * @param performance what it delivered against its baseline
 * @param customerId who is paid
 * @param optedOut whether it opted out (then it earns nothing event-based)
 */
public record Participation(SitePerformance performance, String customerId, boolean optedOut) {
  public Participation {
    Objects.requireNonNull(performance, "performance");
    Objects.requireNonNull(customerId, "customerId");
  }

  /** Whether it earns event-based incentives: not opted out and delivered at least 1 Wh. */
  public boolean earns() {
    return !optedOut && Rate.wattHours(performance.delivered().kilowattHours()) > 0;
  }
}
