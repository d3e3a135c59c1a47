package org.openvpp.sim.solar;

import org.openvpp.units.Power;

/**
 * What a PV system is: the array, its orientation, its losses and its inverter.
 *
 * @param dcRating nameplate DC power of the modules at standard test conditions (1,000 W/m², 25 °C
 *     cells); positive
 * @param tiltDeg tilt of the modules from horizontal, degrees in [0, 90]
 * @param azimuthDeg compass bearing the modules face, degrees clockwise from north in [0, 360) (180
 *     = south)
 * @param systemLosses fraction of DC energy lost to soiling, shading, mismatch, wiring,
 *     connections, light-induced degradation, nameplate rating and availability, in [0, 1)
 *     (PVWatts' default 0.1408)
 * @param inverterEfficiency nominal inverter efficiency, in (0, 1] (PVWatts' default 0.96); the
 *     part-load curve scales from it
 * @param acRating the inverter's AC limit: output is clipped to it; positive
 * @param temperatureCoefficient relative change of DC power per °C of cell temperature above 25 °C,
 *     per °C, in [-0.02, 0] (-0.0037 for standard crystalline modules)
 * @param mounting how the modules are mounted, which sets how hot they run
 */
public record PvArraySpec(
    Power dcRating,
    double tiltDeg,
    double azimuthDeg,
    double systemLosses,
    double inverterEfficiency,
    Power acRating,
    double temperatureCoefficient,
    Mounting mounting) {

  /** PVWatts' default system losses (soiling 2 %, shading 3 %, mismatch 2 %, wiring 2 %, ...). */
  public static final double DEFAULT_LOSSES = 0.1408;

  public static final double DEFAULT_INVERTER_EFFICIENCY = 0.96;
  public static final double DEFAULT_DC_TO_AC_RATIO = 1.2;

  /** Standard crystalline-silicon modules (PVWatts 6 and later). */
  public static final double STANDARD_TEMPERATURE_COEFFICIENT = -0.0037;

  public PvArraySpec {
    if (!(dcRating.watts() > 0)) {
      throw new IllegalArgumentException("dcRating must be positive, was " + dcRating);
    }
    if (!(tiltDeg >= 0 && tiltDeg <= 90)) {
      throw new IllegalArgumentException("tilt must be in [0, 90] degrees, was " + tiltDeg);
    }
    if (!(azimuthDeg >= 0 && azimuthDeg < 360)) {
      throw new IllegalArgumentException(
          "azimuth must be in [0, 360) degrees clockwise from north, was " + azimuthDeg);
    }
    if (!(systemLosses >= 0 && systemLosses < 1)) {
      throw new IllegalArgumentException(
          "systemLosses must be a fraction in [0, 1), was " + systemLosses);
    }
    if (!(inverterEfficiency > 0 && inverterEfficiency <= 1)) {
      throw new IllegalArgumentException(
          "inverterEfficiency must be a fraction in (0, 1], was " + inverterEfficiency);
    }
    if (!(acRating.watts() > 0)) {
      throw new IllegalArgumentException("acRating must be positive, was " + acRating);
    }
    if (!(temperatureCoefficient >= -0.02 && temperatureCoefficient <= 0)) {
      throw new IllegalArgumentException(
          "temperatureCoefficient must be in [-0.02, 0] per °C (e.g. -0.0037), was "
              + temperatureCoefficient);
    }
  }

  /**
   * A rooftop system with PVWatts' defaults: losses {@value #DEFAULT_LOSSES}, inverter efficiency
   * {@value #DEFAULT_INVERTER_EFFICIENCY}, DC/AC ratio {@value #DEFAULT_DC_TO_AC_RATIO}, standard
   * modules ({@value #STANDARD_TEMPERATURE_COEFFICIENT} per °C), mounted close to the roof.
   */
  public static PvArraySpec rooftop(Power dcRating, double tiltDeg, double azimuthDeg) {
    return new PvArraySpec(
        dcRating,
        tiltDeg,
        azimuthDeg,
        DEFAULT_LOSSES,
        DEFAULT_INVERTER_EFFICIENCY,
        dcRating.times(1 / DEFAULT_DC_TO_AC_RATIO),
        STANDARD_TEMPERATURE_COEFFICIENT,
        Mounting.CLOSE_ROOF);
  }

  /** The array's DC rating over the inverter's AC rating. */
  public double dcToAcRatio() {
    return dcRating.watts() / acRating.watts();
  }

  /** The same system with another mounting. */
  public PvArraySpec withMounting(Mounting other) {
    return new PvArraySpec(
        dcRating,
        tiltDeg,
        azimuthDeg,
        systemLosses,
        inverterEfficiency,
        acRating,
        temperatureCoefficient,
        other);
  }

  /** The same system with another module temperature coefficient (per °C). */
  public PvArraySpec withTemperatureCoefficient(double perDegree) {
    return new PvArraySpec(
        dcRating,
        tiltDeg,
        azimuthDeg,
        systemLosses,
        inverterEfficiency,
        acRating,
        perDegree,
        mounting);
  }
}
