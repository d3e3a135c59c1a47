package org.openvpp.plan;

import java.time.Instant;
import java.util.Optional;
import org.openvpp.aggregate.GroupId;
import org.openvpp.flex.FlexEnvelope;
import org.openvpp.time.Horizon;
import org.openvpp.time.Interval;
import org.openvpp.units.Power;

/**
 * Plans a group of storage through an event: charge before the window so the group enters it full,
 * then the largest constant reduction the group's envelope can give in every interval of the
 * window, capped by what the event requests; nothing after.
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

  /**
   * Plans over {@code envelope}'s horizon for the part of {@code window} it covers: the intervals
   * before the window charge the group (so it enters the event full), the window's intervals give a
   * flat reduction, later intervals are idle.
   *
   * @param roundTrip the group's round-trip efficiency: of energy charged before the event, this
   *     share can be given back during it
   */
  public Plan plan(
      GroupId group,
      FlexEnvelope envelope,
      Interval window,
      Optional<Power> requested,
      double roundTrip) {
    if (!(roundTrip > 0 && roundTrip <= 1)) {
      throw new IllegalArgumentException("roundTrip must be in (0, 1], was " + roundTrip);
    }
    Horizon horizon = envelope.horizon();
    int n = horizon.count();
    double hours = horizon.stepHours();
    int before = 0;
    boolean[] inWindow = new boolean[n];
    for (int k = 0; k < n; k++) {
      Instant s = horizon.interval(k).start();
      inWindow[k] = window.contains(s);
      if (s.isBefore(window.start())) {
        before++;
      }
    }
    // Pre-event: a flat charge that the envelope admits in every interval before the window.
    double charge = Double.POSITIVE_INFINITY;
    for (int k = 0; k < before; k++) {
      charge = Math.min(charge, envelope.maxPower(k).kilowatts());
      charge = Math.min(charge, envelope.maxEnergy(k).kilowattHours() / (hours * (k + 1)));
    }
    charge = before == 0 ? 0 : Math.max(0, charge);
    double charged = charge * hours * before;
    // Event: the largest flat reduction x with, at each interval k, x·h·m_k <= η·C - minEnergy(k).
    double best = Double.POSITIVE_INFINITY;
    int m = 0;
    for (int k = before; k < n; k++) {
      if (inWindow[k]) {
        m++;
        best = Math.min(best, -envelope.minPower(k).kilowatts());
      }
      if (m > 0) {
        double available = roundTrip * charged - envelope.minEnergy(k).kilowattHours();
        best = Math.min(best, available / (hours * m));
      }
    }
    double reduction = m == 0 ? 0 : Math.max(0, best * reliability);
    if (requested.isPresent()) {
      reduction = Math.min(reduction, requested.get().kilowatts());
    }
    double[] target = new double[n];
    for (int k = 0; k < n; k++) {
      target[k] = k < before ? charge : inWindow[k] ? -reduction : 0;
    }
    return new Plan(group, horizon, target);
  }

  /** {@link #plan(GroupId, FlexEnvelope, Interval, Optional, double)} with lossless storage. */
  public Plan plan(
      GroupId group, FlexEnvelope envelope, Interval window, Optional<Power> requested) {
    return plan(group, envelope, window, requested, 1);
  }
}
