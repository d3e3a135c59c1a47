package org.openvpp.flex;

import java.time.Instant;
import java.util.Objects;
import org.openvpp.units.Energy;

/**
 * One expected stay of a vehicle at its charger: when it is plugged in, when it leaves, and what it
 * must have by when. Energies are measured at the charger (grid side).
 *
 * @param pluggedIn when the vehicle is (or was) plugged in
 * @param departure when it leaves; after {@code pluggedIn}
 * @param readyBy when {@code needed} must have been delivered; within [{@code pluggedIn}, {@code
 *     departure}]
 * @param needed energy still to deliver by {@code readyBy}; not negative
 * @param headroom energy the vehicle can still take before it is full; at least {@code needed}
 */
public record EvSession(
    Instant pluggedIn, Instant departure, Instant readyBy, Energy needed, Energy headroom) {

  public EvSession {
    Objects.requireNonNull(pluggedIn, "pluggedIn");
    Objects.requireNonNull(departure, "departure");
    Objects.requireNonNull(readyBy, "readyBy");
    if (!departure.isAfter(pluggedIn)) {
      throw new IllegalArgumentException(
          "departure " + departure + " must be after plug-in " + pluggedIn);
    }
    if (readyBy.isBefore(pluggedIn) || readyBy.isAfter(departure)) {
      throw new IllegalArgumentException(
          "readyBy " + readyBy + " must be within [" + pluggedIn + ", " + departure + "]");
    }
    if (needed.wattHours() < 0) {
      throw new IllegalArgumentException("needed must not be negative, was " + needed);
    }
    if (headroom.compareTo(needed) < 0) {
      throw new IllegalArgumentException(
          "headroom " + headroom + " must be at least the energy needed " + needed);
    }
  }
}
