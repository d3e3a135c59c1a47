package org.openvpp.sim.solar;

/**
 * The position of the sun for one place on the ground, updated in place for each instant.
 *
 * <p>Design note. The algorithm is the one of NOAA's solar calculator, after Meeus (Astronomical
 * Algorithms, 1991, ch. 25): the sun's geometric mean longitude and anomaly, the equation of
 * centre, apparent longitude and obliquity give the declination; the equation of time gives the
 * true solar time and so the hour angle. Its error is about 0.01° for years 1800-2100, far below
 * what PV modelling needs. It needs no calendar (only the Julian day), so {@link #update} allocates
 * nothing; it costs about a dozen trigonometric calls, which is why the fleet updates one instance
 * per site and minute and shares it between all arrays there. Atmospheric refraction is ignored (it
 * lifts the sun by about 0.5° at the horizon only).
 *
 * <p>Results are exposed as the zenith and azimuth angles and as the unit vector towards the sun in
 * local east-north-up coordinates, which is what the plane-of-array projection uses.
 *
 * <p>Threads: mutable; confine an instance to one thread.
 */
public final class SolarPosition {

  /** The solar constant used with the Perez model and PVWatts, W/m². */
  static final double SOLAR_CONSTANT = 1367;

  private static final double DEG = Math.PI / 180;

  private final double latitudeDeg;
  private final double longitudeDeg;
  private final double sinLat;
  private final double cosLat;

  private long epochSecond = Long.MIN_VALUE;
  private double east;
  private double north;
  private double up;
  private double extraterrestrial;

  /**
   * A position for the site at {@code latitudeDeg} (north positive) and {@code longitudeDeg} (east
   * positive); call {@link #update} before reading it.
   */
  public SolarPosition(double latitudeDeg, double longitudeDeg) {
    if (!(latitudeDeg >= -90 && latitudeDeg <= 90)) {
      throw new IllegalArgumentException(
          "latitude must be in [-90, 90] degrees, was " + latitudeDeg);
    }
    if (!(longitudeDeg >= -180 && longitudeDeg <= 180)) {
      throw new IllegalArgumentException(
          "longitude must be in [-180, 180] degrees (east positive), was " + longitudeDeg);
    }
    this.latitudeDeg = latitudeDeg;
    this.longitudeDeg = longitudeDeg;
    this.sinLat = Math.sin(latitudeDeg * DEG);
    this.cosLat = Math.cos(latitudeDeg * DEG);
  }

  /** Moves the sun to the instant {@code epochSecond} (seconds since 1970-01-01T00:00Z). */
  public void update(long epochSecond) {
    if (epochSecond == this.epochSecond) {
      return;
    }
    long secondOfDay = Math.floorMod(epochSecond, 86_400L);
    double julianDay = epochSecond / 86_400.0 + 2_440_587.5;
    double t = (julianDay - 2_451_545.0) / 36_525.0; // Julian centuries since J2000.0

    double meanLongitude = (280.46646 + t * (36_000.76983 + t * 0.0003032)) % 360;
    double meanAnomaly = 357.52911 + t * (35_999.05029 - 0.0001537 * t);
    double eccentricity = 0.016708634 - t * (0.000042037 + 0.0000001267 * t);
    double m = meanAnomaly * DEG;
    double centre =
        Math.sin(m) * (1.914602 - t * (0.004817 + 0.000014 * t))
            + Math.sin(2 * m) * (0.019993 - 0.000101 * t)
            + Math.sin(3 * m) * 0.000289;
    double trueAnomaly = (meanAnomaly + centre) * DEG;
    double omega = (125.04 - 1_934.136 * t) * DEG;
    double apparentLongitude = (meanLongitude + centre - 0.00569 - 0.00478 * Math.sin(omega)) * DEG;
    double meanObliquity =
        23 + (26 + (21.448 - t * (46.815 + t * (0.00059 - t * 0.001813))) / 60) / 60;
    double obliquity = (meanObliquity + 0.00256 * Math.cos(omega)) * DEG;
    double sinDecl = Math.sin(obliquity) * Math.sin(apparentLongitude);
    double cosDecl = Math.sqrt(1 - sinDecl * sinDecl);

    double y = Math.tan(obliquity / 2);
    y *= y;
    double l0 = meanLongitude * DEG;
    double equationOfTimeMin =
        4
            / DEG
            * (y * Math.sin(2 * l0)
                - 2 * eccentricity * Math.sin(m)
                + 4 * eccentricity * y * Math.sin(m) * Math.cos(2 * l0)
                - 0.5 * y * y * Math.sin(4 * l0)
                - 1.25 * eccentricity * eccentricity * Math.sin(2 * m));
    double trueSolarMinutes = secondOfDay / 60.0 + equationOfTimeMin + 4 * longitudeDeg;
    double hourAngle = (trueSolarMinutes / 4 - 180) * DEG;
    double cosH = Math.cos(hourAngle);

    this.up = sinLat * sinDecl + cosLat * cosDecl * cosH;
    this.east = -cosDecl * Math.sin(hourAngle);
    this.north = cosLat * sinDecl - sinLat * cosDecl * cosH;
    double radius = 1.000001018 * (1 - eccentricity * eccentricity);
    radius /= 1 + eccentricity * Math.cos(trueAnomaly);
    this.extraterrestrial = SOLAR_CONSTANT / (radius * radius);
    this.epochSecond = epochSecond;
  }

  public double latitudeDeg() {
    return latitudeDeg;
  }

  public double longitudeDeg() {
    return longitudeDeg;
  }

  /** The instant of the last {@link #update}, or {@link Long#MIN_VALUE} before the first. */
  public long epochSecond() {
    return epochSecond;
  }

  /** Cosine of the zenith angle: the up component of the unit vector towards the sun. */
  public double cosZenith() {
    return up;
  }

  /** East component of the unit vector towards the sun. */
  public double sunEast() {
    return east;
  }

  /** North component of the unit vector towards the sun. */
  public double sunNorth() {
    return north;
  }

  public double zenithDeg() {
    return Math.acos(Math.max(-1, Math.min(1, up))) / DEG;
  }

  /** Degrees clockwise from north, in [0, 360). */
  public double azimuthDeg() {
    double az = Math.atan2(east, north) / DEG;
    if (az < 0) {
      az += 360;
    }
    return az >= 360 ? 0 : az;
  }

  /** Irradiance of the sun on a surface facing it at the top of the atmosphere, W/m². */
  public double extraterrestrialWm2() {
    return extraterrestrial;
  }

  public boolean isUp() {
    return up > 0;
  }

  /** A snapshot of the current angles. */
  public SunAngles angles() {
    return new SunAngles(zenithDeg(), azimuthDeg());
  }
}
