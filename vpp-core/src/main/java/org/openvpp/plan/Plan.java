package org.openvpp.plan;

import java.util.Objects;
import org.openvpp.aggregate.GroupId;
import org.openvpp.time.Horizon;
import org.openvpp.units.Power;

/**
 * Target power of one group for each interval of a horizon, load convention (a negative target asks
 * the group to give power). Immutable.
 */
public final class Plan {
  private final GroupId group;
  private final Horizon horizon;
  private final double[] targetKw;

  public Plan(GroupId group, Horizon horizon, double[] targetKw) {
    this.group = Objects.requireNonNull(group, "group");
    this.horizon = Objects.requireNonNull(horizon, "horizon");
    if (targetKw.length != horizon.count()) {
      throw new IllegalArgumentException(
          "plan has " + targetKw.length + " targets for " + horizon.count() + " intervals");
    }
    for (double v : targetKw) {
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException("plan target is not finite: " + v);
      }
    }
    this.targetKw = targetKw.clone();
  }

  /** A plan that asks nothing of the group. */
  public static Plan idle(GroupId group, Horizon horizon) {
    return new Plan(group, horizon, new double[horizon.count()]);
  }

  public GroupId group() {
    return group;
  }

  public Horizon horizon() {
    return horizon;
  }

  public Power target(int interval) {
    return Power.ofKilowatts(targetKw[interval]);
  }

  /** The targets in kW, as a copy. */
  public double[] targetsKw() {
    return targetKw.clone();
  }
}
