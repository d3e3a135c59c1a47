package org.openvpp.sim.weather;

import java.time.ZoneId;

/**
 * A place weather was recorded.
 *
 * @param name a label for people
 * @param latitudeDeg degrees north, in [-90, 90]
 * @param longitudeDeg degrees east, in [-180, 180] (the Americas are negative)
 * @param zone the civil time zone of the place
 */
public record Site(String name, double latitudeDeg, double longitudeDeg, ZoneId zone) {

  public Site {
    if (!(latitudeDeg >= -90 && latitudeDeg <= 90)) {
      throw new IllegalArgumentException(
          "latitude must be in [-90, 90] degrees, was " + latitudeDeg);
    }
    if (!(longitudeDeg >= -180 && longitudeDeg <= 180)) {
      throw new IllegalArgumentException(
          "longitude must be in [-180, 180] degrees (east positive), was " + longitudeDeg);
    }
  }
}
