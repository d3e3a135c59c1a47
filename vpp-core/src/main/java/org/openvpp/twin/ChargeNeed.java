package org.openvpp.twin;

import java.time.Instant;
import java.util.Objects;
import org.openvpp.units.Energy;

/**
 * What a plugged-in vehicle still needs, as its charger reports it from the driver's charge goal
 * (in the manner of ISO 15118 and OCPP 2.0.1 charging needs).
 *
 * @param energy energy the charger must still deliver from the grid, kWh at the charger
 * @param readyBy when the driver needs it (departure)
 */
public record ChargeNeed(Energy energy, Instant readyBy) {
  public ChargeNeed {
    Objects.requireNonNull(energy, "energy");
    Objects.requireNonNull(readyBy, "readyBy");
    if (!(energy.kilowattHours() >= 0)) {
      throw new IllegalArgumentException("energy needed must not be negative, was " + energy);
    }
  }
}
