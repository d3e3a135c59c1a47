package org.openvpp.program;

import java.time.Duration;
import java.util.Objects;

/**
 * When a participant may decline an event. An opted-out site is not dispatched from the instant of
 * its opt-out and earns nothing event-based for that event.
 *
 * @param maxPerSeason opt-outs allowed per site per season (0: none allowed)
 * @param cutoffBeforeStart opt-outs must come at least this long before the event starts, unless
 *     {@code duringEvent}
 * @param duringEvent whether a site may also opt out while the event is active
 */
public record OptOutRules(int maxPerSeason, Duration cutoffBeforeStart, boolean duringEvent) {

  public OptOutRules {
    Objects.requireNonNull(cutoffBeforeStart, "cutoffBeforeStart");
    if (maxPerSeason < 0 || cutoffBeforeStart.isNegative()) {
      throw new IllegalArgumentException(
          "opt-out rules need maxPerSeason >= 0 and a cutoff not negative, were "
              + maxPerSeason
              + " and "
              + cutoffBeforeStart);
    }
  }
}
