package org.openvpp.plan;

import java.util.Objects;
import org.openvpp.time.Interval;
import org.openvpp.units.Power;

/**
 * A firm commitment of the fleet to a utility event: in every interval of the horizon that starts
 * inside {@code window}, the fleet's batteries together give at least {@code minimumDischarge} to
 * the grid, net of what they take.
 *
 * @param window when the commitment holds
 * @param minimumDischarge the net discharge owed in each of its intervals, a positive magnitude
 */
public record EventCommitment(Interval window, Power minimumDischarge) {

  public EventCommitment {
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(minimumDischarge, "minimumDischarge");
    if (minimumDischarge.isNegative()) {
      throw new IllegalArgumentException(
          "minimumDischarge is a magnitude and must not be negative, was " + minimumDischarge);
    }
  }
}
