package org.openvpp.sim.solar;

/**
 * Reflection and absorption losses of the module's glass cover for beam irradiance arriving at an
 * angle: the transmittance at incidence angle θ relative to normal incidence, from Fresnel's
 * equations for unpolarised light and Bouguer's law of absorption (De Soto, Klein and Beckman,
 * Solar Energy 80, 2006; Duffie and Beckman, Solar Engineering of Thermal Processes, §5.1-5.3),
 * with refractive index 1.526, extinction coefficient 4 /m and thickness 2 mm (the values PVWatts
 * uses for a glass cover).
 *
 * <p>The hot path reads a table indexed by cos θ (which the plane-of-array projection has already)
 * with linear interpolation, so it costs no trigonometry; the table is within 0.002 of the formula
 * everywhere.
 */
final class IncidenceAngleModifier {
  static final double REFRACTIVE_INDEX = 1.526;
  static final double EXTINCTION_TIMES_THICKNESS = 4 * 0.002;

  private static final int STEPS = 400;
  private static final double[] BY_COS = new double[STEPS + 1];

  static {
    for (int i = 0; i <= STEPS; i++) {
      BY_COS[i] = exact(Math.toDegrees(Math.acos((double) i / STEPS)));
    }
  }

  private IncidenceAngleModifier() {}

  /** The modifier for an angle of incidence whose cosine is {@code cosAoi}; 0 if not positive. */
  static double ofCos(double cosAoi) {
    if (!(cosAoi > 0)) {
      return 0;
    }
    double x = cosAoi * STEPS;
    int i = (int) x;
    if (i >= STEPS) {
      return BY_COS[STEPS];
    }
    return BY_COS[i] + (x - i) * (BY_COS[i + 1] - BY_COS[i]);
  }

  /** The modifier computed from the formula, for an angle of incidence in degrees. */
  static double exact(double aoiDeg) {
    if (aoiDeg >= 90) {
      return 0;
    }
    return transmittance(Math.toRadians(aoiDeg)) / transmittance(0);
  }

  private static double transmittance(double theta) {
    double n = REFRACTIVE_INDEX;
    if (theta < 1e-6) {
      double r = (n - 1) / (n + 1);
      return Math.exp(-EXTINCTION_TIMES_THICKNESS) * (1 - r * r);
    }
    double refracted = Math.asin(Math.sin(theta) / n);
    double sinRatio = Math.sin(refracted - theta) / Math.sin(refracted + theta);
    double tanRatio = Math.tan(refracted - theta) / Math.tan(refracted + theta);
    double reflected = 0.5 * (sinRatio * sinRatio + tanRatio * tanRatio);
    return Math.exp(-EXTINCTION_TIMES_THICKNESS / Math.cos(refracted)) * (1 - reflected);
  }
}
