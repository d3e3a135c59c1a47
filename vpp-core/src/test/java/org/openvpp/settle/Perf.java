package org.openvpp.settle;

import java.time.Duration;
import java.time.Instant;
import org.openvpp.mv.SitePerformance;
import org.openvpp.time.Interval;
import org.openvpp.units.Energy;

/** Site performance with given delivered kWh, for settlement tests. */
final class Perf {
  static final Interval WINDOW =
      Interval.of(Instant.parse("2026-07-15T01:00:00Z"), Duration.ofHours(2));

  private Perf() {}

  static SitePerformance delivered(String site, String event, double kwh) {
    return new SitePerformance(
        site,
        event,
        WINDOW,
        Energy.ofKilowattHours(10),
        Energy.ofKilowattHours(10 - kwh),
        Energy.ofKilowattHours(4));
  }
}
