package org.openvpp.sim.solar;

/**
 * How modules are mounted, which sets how hot they run: the coefficients of the Sandia module
 * temperature model (King, Boyson and Kratochvil, Photovoltaic Array Performance Model,
 * SAND2004-3535, 2004, table 1).
 *
 * <p>Back-of-module temperature {@code Tm = E·exp(a + b·WS) + Ta} and cell temperature {@code Tc =
 * Tm + E/1000·ΔT}, with {@code E} the plane-of-array irradiance (W/m²), {@code WS} the wind speed
 * at 10 m (m/s) and {@code Ta} the air temperature (°C).
 */
public enum Mounting {
  /** Glass/cell/polymer-sheet modules on an open rack (ground mounts, PVWatts "open rack"). */
  OPEN_RACK(-3.56, -0.075, 3),
  /** Glass/cell/glass modules mounted close to a roof (typical residential rooftops). */
  CLOSE_ROOF(-2.98, -0.0471, 1),
  /** Glass/cell/polymer-sheet modules with an insulated back (building-integrated). */
  INSULATED_BACK(-2.81, -0.0455, 0);

  private final double a;
  private final double b;
  private final double deltaT;

  Mounting(double a, double b, double deltaT) {
    this.a = a;
    this.b = b;
    this.deltaT = deltaT;
  }

  /** Sandia coefficient {@code a} (upper limit of module temperature at low wind). */
  public double a() {
    return a;
  }

  /** Sandia coefficient {@code b}, per m/s (how fast wind cools the module). */
  public double b() {
    return b;
  }

  /** Cell minus back-of-module temperature at 1,000 W/m², °C. */
  public double deltaT() {
    return deltaT;
  }
}
