package org.openvpp.sim.solar;

/** How diffuse sky irradiance is distributed over the sky dome, for transposition to a tilt. */
public enum SkyModel {
  /** Uniform sky (Liu and Jordan, 1963): simplest, under-estimates a sunward tilt on clear days. */
  ISOTROPIC,
  /**
   * Isotropic background plus a circumsolar part weighted by the anisotropy index {@code DNI/E0}
   * (Hay and Davies, 1980).
   */
  HAY_DAVIES,
  /**
   * Isotropic background, circumsolar disc and horizon band, with empirical brightness coefficients
   * by sky clearness (Perez, Ineichen, Seals, Michalsky and Stewart, Solar Energy 44(5), 1990, the
   * "all sites composite" coefficients). What PVWatts uses; the default.
   */
  PEREZ
}
