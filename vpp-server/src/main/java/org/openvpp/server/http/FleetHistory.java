package org.openvpp.server.http;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.openvpp.service.view.FleetView;
import org.openvpp.service.view.ServiceView;

/**
 * The fleet's totals at each view the service published, for the dashboard's power chart: the
 * service keeps no history of its own views, so the face samples them (the newest 2,000: about
 * three weeks at one view per 15 minutes, or a day and a half of one per minute).
 *
 * <p>Threads: {@link #sample} from the face's sampler; {@link #samples} from any.
 */
final class FleetHistory {
  static final int MAX = 2_000;

  record Sample(
      Instant at,
      int devices,
      int online,
      double powerKw,
      double storedKwh,
      double availableDischargeKw,
      double availableChargeKw) {}

  private final Deque<Sample> samples = new ArrayDeque<>();
  private Instant last = Instant.MIN;

  /** Records the fleet of {@code v} unless that view was seen already. */
  synchronized void sample(ServiceView v) {
    if (v.fleet().groups().isEmpty() || !v.at().isAfter(last)) {
      return;
    }
    last = v.at();
    FleetView.GroupView f = v.fleet().groups().get(0);
    samples.addLast(
        new Sample(
            v.at(),
            f.devices(),
            f.online(),
            f.powerKw(),
            f.storedKwh(),
            f.availableDischargeKw(),
            f.availableChargeKw()));
    while (samples.size() > MAX) {
      samples.removeFirst();
    }
  }

  synchronized List<Sample> samples() {
    return List.copyOf(samples);
  }
}
