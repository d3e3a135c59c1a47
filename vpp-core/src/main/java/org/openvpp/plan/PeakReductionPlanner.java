package org.openvpp.plan;

import java.util.Optional;
import org.openvpp.aggregate.GroupId;
import org.openvpp.flex.FlexEnvelope;
import org.openvpp.time.Horizon;
import org.openvpp.time.Interval;
import org.openvpp.units.Power;

/**
 * Plans a flat load reduction through an event window: the largest constant power the group's
 * envelope can give in every interval of the window, capped by what the event requests; nothing
 * outside the window.
 *
 * <p>With the window's intervals counted {@code 1..m} up to interval {@code k}, a flat reduction
 * {@code x} is admitted when {@code x <= -minPower(k)} in each window interval and {@code x · h ·
 * m_k <= -minEnergy(k)} at each interval {@code k}. The largest such {@code x} is the minimum of
 * those bounds, so the plan is optimal for this objective; the planner commits {@code reliability}
 * times it (a request below that is met in full). Called again with a fresh envelope as the event
 * runs, it re-plans what is left (receding horizon).
 */
public final class PeakReductionPlanner {

  private final double reliability;

  /**
   * @param reliability share of the envelope's largest flat reduction to commit, in (0, 1]; the
   *     rest is headroom for devices that turn out not to respond and for command latency
   */
  public PeakReductionPlanner(double reliability) {
    if (!(reliability > 0 && reliability <= 1)) {
      throw new IllegalArgumentException("reliability must be in (0, 1], was " + reliability);
    }
    this.reliability = reliability;
  }

  /** Plans over {@code envelope}'s horizon for the part of {@code window} it covers. */
  public Plan plan(
      GroupId group, FlexEnvelope envelope, Interval window, Optional<Power> requested) {
    Horizon horizon = envelope.horizon();
    double hours = horizon.stepHours();
    double best = Double.POSITIVE_INFINITY;
    boolean[] inWindow = new boolean[horizon.count()];
    int m = 0;
    for (int k = 0; k < horizon.count(); k++) {
      Interval iv = horizon.interval(k);
      inWindow[k] = window.contains(iv.start());
      if (inWindow[k]) {
        m++;
        best = Math.min(best, -envelope.minPower(k).kilowatts());
      }
      if (m > 0) {
        best = Math.min(best, -envelope.minEnergy(k).kilowattHours() / (hours * m));
      }
    }
    double reduction = m == 0 ? 0 : Math.max(0, best * reliability);
    if (requested.isPresent()) {
      reduction = Math.min(reduction, requested.get().kilowatts());
    }
    double[] target = new double[horizon.count()];
    for (int k = 0; k < target.length; k++) {
      target[k] = inWindow[k] ? -reduction : 0;
    }
    return new Plan(group, horizon, target);
  }
}
