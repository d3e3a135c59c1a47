package org.openvpp.sim.waterheater;

import org.openvpp.units.Checks;

/**
 * A household's hot-water use.
 *
 * <p>Draw events (a hand wash of 3 litres, a 12-litre sink or appliance fill over 3 minutes, a
 * 56-litre shower over 7 minutes) start at random with a rate that follows a daily profile with
 * peaks in the morning (6-9 h) and evening (18-21 h), shifted per home. Volumes are of water used
 * at 40 °C, which the household mixes from hot tank water and cold water: a hotter tank gives the
 * same use with less tank water, and a tank below 40 °C cannot serve it. The randomness is a pure
 * function of {@code seed} and the minute, so a home's draws do not depend on how the fleet is
 * stepped.
 *
 * @param dailyLitres mean litres of hot water the home draws a day when the tank is at its setpoint
 *     (typically 150-250)
 * @param shiftMinutes shift of this home's daily profile, minutes (positive: later)
 * @param seed randomness of this home's draws
 */
public record DrawProfile(double dailyLitres, int shiftMinutes, long seed) {

  public DrawProfile {
    Checks.between("dailyLitres", dailyLitres, 0, 2_000);
    Checks.between("shiftMinutes", shiftMinutes, -360, 360);
  }
}
