package org.openvpp.sim.solar;

/**
 * The Perez (1990) brightness coefficients, from the published table of Perez, Ineichen, Seals,
 * Michalsky and Stewart, "Modeling daylight availability and irradiance components from direct and
 * global irradiance", Solar Energy 44(5), 271-289, 1990 (all-sites composite).
 */
final class Perez {
  private Perez() {}

  /** Upper bounds of the sky clearness bins 1..7; bin 8 is everything above 6.2. */
  private static final double[] CLEARNESS_BOUNDS = {
    1.065, 1.230, 1.500, 1.950, 2.800, 4.500, 6.200
  };

  /** Per bin: f11, f12, f13, f21, f22, f23. */
  private static final double[][] F = {
    {-0.008, 0.588, -0.062, -0.060, 0.072, -0.022},
    {0.130, 0.683, -0.151, -0.019, 0.066, -0.029},
    {0.330, 0.487, -0.221, 0.055, -0.064, -0.026},
    {0.568, 0.187, -0.295, 0.109, -0.152, -0.014},
    {0.873, -0.392, -0.362, 0.226, -0.462, 0.001},
    {1.132, -1.237, -0.412, 0.288, -0.823, 0.056},
    {1.060, -1.600, -0.359, 0.264, -1.127, 0.131},
    {0.678, -0.327, -0.250, 0.156, -1.377, 0.251},
  };

  private static final double KAPPA = 1.041; // for the zenith angle in radians

  /** The clearness bin (0-based) of a sky with these components at this zenith (radians). */
  static int bin(double dni, double dhi, double zenithRad) {
    double z3 = KAPPA * zenithRad * zenithRad * zenithRad;
    double clearness = ((dhi + dni) / dhi + z3) / (1 + z3);
    int bin = 0;
    while (bin < CLEARNESS_BOUNDS.length && clearness >= CLEARNESS_BOUNDS[bin]) {
      bin++;
    }
    return bin;
  }

  /** Circumsolar brightness coefficient F1 (not negative). */
  static double f1(int bin, double brightness, double zenithRad) {
    double[] f = F[bin];
    return Math.max(0, f[0] + f[1] * brightness + f[2] * zenithRad);
  }

  /** Horizon brightness coefficient F2. */
  static double f2(int bin, double brightness, double zenithRad) {
    double[] f = F[bin];
    return f[3] + f[4] * brightness + f[5] * zenithRad;
  }

  /** Relative optical air mass (Kasten and Young, Applied Optics 28(22), 1989). */
  static double airMass(double zenithDeg) {
    return 1
        / (Math.cos(Math.toRadians(zenithDeg)) + 0.50572 * Math.pow(96.07995 - zenithDeg, -1.6364));
  }
}
