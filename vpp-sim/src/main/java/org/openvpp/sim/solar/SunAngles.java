package org.openvpp.sim.solar;

import java.time.Instant;

/**
 * Where the sun is, seen from a point on the ground.
 *
 * @param zenithDeg angle between the sun and the local vertical, degrees in [0, 180]; above 90 the
 *     sun is below the horizon
 * @param azimuthDeg compass bearing of the sun, degrees clockwise from north in [0, 360)
 */
public record SunAngles(double zenithDeg, double azimuthDeg) {

  public SunAngles {
    if (!(zenithDeg >= 0 && zenithDeg <= 180)) {
      throw new IllegalArgumentException("zenith must be in [0, 180] degrees, was " + zenithDeg);
    }
    if (!(azimuthDeg >= 0 && azimuthDeg < 360)) {
      throw new IllegalArgumentException("azimuth must be in [0, 360) degrees, was " + azimuthDeg);
    }
  }

  /** The sun's position at {@code at} seen from the given latitude and longitude (degrees). */
  public static SunAngles at(Instant at, double latitudeDeg, double longitudeDeg) {
    SolarPosition sun = new SolarPosition(latitudeDeg, longitudeDeg);
    sun.update(at.getEpochSecond());
    return new SunAngles(sun.zenithDeg(), sun.azimuthDeg());
  }

  /** Elevation above the horizon, degrees; negative at night. */
  public double elevationDeg() {
    return 90 - zenithDeg;
  }

  public boolean isUp() {
    return zenithDeg < 90;
  }
}
