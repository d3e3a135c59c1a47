package org.openvpp.server.run;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.openvpp.event.GridEvent;

/**
 * Partners' own readings for the run's event: a partner's device cloud, a VEN on the run's OpenADR
 * VTN, reports its resources' usage, and the run settles it with its own participants ({@link
 * RunSettlement}). Asked once, on the run's thread, when the run is over.
 */
public interface PartnerReports {

  /** None: the run settles its own sites only. */
  PartnerReports NONE = event -> List.of();

  /**
   * A partner's usage, summed over its resources.
   *
   * @param partner who reported (the VTN's client id)
   * @param usageKwh energy used in each 15-minute metering interval, by the interval's start
   */
  record Reading(String partner, Map<Instant, Double> usageKwh) {
    public Reading {
      usageKwh = java.util.Collections.unmodifiableMap(new TreeMap<>(usageKwh));
    }
  }

  /** The readings partners reported on {@code event} by now. */
  List<Reading> on(GridEvent event);
}
