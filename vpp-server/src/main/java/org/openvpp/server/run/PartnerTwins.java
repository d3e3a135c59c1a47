package org.openvpp.server.run;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.openvpp.device.PartnerResource;
import org.openvpp.twin.Telemetry;
import org.openvpp.twin.TwinStore;
import org.openvpp.units.Energy;
import org.openvpp.units.Power;

/**
 * Partners' reports into the twins: each partner's resources are one twin ({@link PartnerResource},
 * {@code partner:<client id>}), registered at its first reading, and each 15-minute interval it
 * reports becomes one report of that twin, measured at the interval's end, its power the interval's
 * mean ({@code kWh / 0.25 h}), its sequence the interval's number, so a reading read again or out
 * of order is refused by the twin as any late report is. A twin is as fresh as its partner's last
 * interval. Not in the aggregation tree (whose groups are the batteries the VPP commands): OpenVPP
 * dispatches a partner by OpenADR events, not commands.
 *
 * <p>Threads: the run's.
 */
final class PartnerTwins {
  private final TwinStore twins;
  private final Map<String, Integer> ordinals = new HashMap<>();

  PartnerTwins(TwinStore twins) {
    this.twins = twins;
  }

  /** Applies every interval of {@code readings} that has ended by {@code now}. */
  void update(Iterable<PartnerReports.Reading> readings, Instant now) {
    long step = FleetRun.INTERVAL.toMillis();
    double hours = FleetRun.INTERVAL.toSeconds() / 3600.0;
    for (PartnerReports.Reading r : readings) {
      for (Map.Entry<Instant, Double> interval : r.usageKwh().entrySet()) {
        Instant end = interval.getKey().plus(FleetRun.INTERVAL);
        if (end.isAfter(now)) {
          continue;
        }
        int d = ordinals.computeIfAbsent(r.partner(), p -> twins.register(PartnerResource.of(p)));
        long sequence = Math.floorDiv(interval.getKey().toEpochMilli(), step);
        if (sequence <= twins.sequence(d)) {
          continue; // applied before
        }
        twins.apply(
            new Telemetry(
                twins.device(d).id(),
                end,
                sequence,
                Power.ofKilowatts(interval.getValue() / hours),
                Energy.ZERO));
      }
    }
  }

  /** How many partners have a twin. */
  int partners() {
    return ordinals.size();
  }
}
