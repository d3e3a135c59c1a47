package org.openvpp.sim.solar;

/**
 * The sun and sky over one site at one instant, reduced to the few numbers every array there needs:
 * the unit vector towards the sun, beam irradiance, the three parts of diffuse sky irradiance,
 * ground-reflected irradiance, air temperature and the wind's cooling factor per mounting.
 *
 * <p>Design note. Transposition models differ only in how they split diffuse horizontal irradiance
 * {@code DHI} over the sky. Each of {@link SkyModel}'s models can be written as sky diffuse on a
 * plane of tilt β and incidence angle θ:
 *
 * <pre>
 *   I_sky = I_iso · (1 + cos β)/2  +  I_cs · max(0, cos θ)  +  I_hz · sin β
 * </pre>
 *
 * with site-wide coefficients: isotropic {@code I_iso = DHI}; Hay-Davies {@code I_iso = DHI·(1-A)},
 * {@code I_cs = DHI·A/cos Z} with {@code A = DNI/E0}; Perez {@code I_iso = DHI·(1-F1)}, {@code I_cs
 * = DHI·F1/max(cos 85°, cos Z)}, {@code I_hz = DHI·F2}. {@link #update} computes them once per site
 * and minute (the part with logarithms and tables); an array then needs only its own cos θ, a dot
 * product. The same goes for the Sandia wind factor {@code exp(a + b·WS)}, computed once per {@link
 * Mounting}. When the sun is below the horizon every irradiance is set to zero, so hourly data
 * interpolated across sunrise cannot make power at night.
 *
 * <p>Threads: mutable; confine an instance to one thread (one per site per worker).
 */
public final class SkyConditions {

  /** Albedo of ordinary ground (grass, soil, roofs around), as PVWatts assumes without data. */
  public static final double DEFAULT_ALBEDO = 0.2;

  private static final double COS_85 = Math.cos(Math.toRadians(85));

  private final SkyModel model;
  private final double albedo;

  private double sunEast;
  private double sunNorth;
  private double sunUp;
  private double dni;
  private double dhi;
  private double ghi;
  private double isotropic;
  private double circumsolar;
  private double horizon;
  private double groundReflected;
  private double airTemperatureC;
  private double windSpeed;
  private double windOpenRack;
  private double windCloseRoof;
  private double windInsulatedBack;

  /** Perez sky over ground of albedo {@value #DEFAULT_ALBEDO}. */
  public SkyConditions() {
    this(SkyModel.PEREZ, DEFAULT_ALBEDO);
  }

  public SkyConditions(SkyModel model, double albedo) {
    if (!(albedo >= 0 && albedo <= 1)) {
      throw new IllegalArgumentException("albedo must be in [0, 1], was " + albedo);
    }
    this.model = model;
    this.albedo = albedo;
  }

  /**
   * Sets the conditions for the instant {@code sun} was last updated to.
   *
   * @param sun the sun's position at this site and instant
   * @param dni direct normal (beam) irradiance, W/m², not negative
   * @param dhi diffuse horizontal irradiance, W/m², not negative
   * @param ghi global horizontal irradiance, W/m², not negative (it only sets ground reflection)
   * @param airTemperatureC ambient dry-bulb temperature, °C
   * @param windSpeed wind speed at 10 m, m/s, not negative
   */
  public void update(
      SolarPosition sun,
      double dni,
      double dhi,
      double ghi,
      double airTemperatureC,
      double windSpeed) {
    requireIrradiance("dni", dni);
    requireIrradiance("dhi", dhi);
    requireIrradiance("ghi", ghi);
    if (!(airTemperatureC >= -273.15 && airTemperatureC < 1_000)) {
      throw new IllegalArgumentException(
          "air temperature must be a plausible °C value, was " + airTemperatureC);
    }
    if (!(windSpeed >= 0 && windSpeed < 1_000)) {
      throw new IllegalArgumentException("wind speed must be in [0, 1000) m/s, was " + windSpeed);
    }
    this.airTemperatureC = airTemperatureC;
    this.windSpeed = windSpeed;
    this.windOpenRack = windFactor(Mounting.OPEN_RACK, windSpeed);
    this.windCloseRoof = windFactor(Mounting.CLOSE_ROOF, windSpeed);
    this.windInsulatedBack = windFactor(Mounting.INSULATED_BACK, windSpeed);
    this.sunEast = sun.sunEast();
    this.sunNorth = sun.sunNorth();
    this.sunUp = sun.cosZenith();
    if (sunUp <= 0) {
      this.dni = 0;
      this.dhi = 0;
      this.ghi = 0;
      this.isotropic = 0;
      this.circumsolar = 0;
      this.horizon = 0;
      this.groundReflected = 0;
      return;
    }
    this.dni = dni;
    this.dhi = dhi;
    this.ghi = ghi;
    this.groundReflected = ghi * albedo;
    this.horizon = 0;
    switch (model) {
      case ISOTROPIC -> {
        this.isotropic = dhi;
        this.circumsolar = 0;
      }
      case HAY_DAVIES -> {
        double anisotropy = Math.min(1, dni / sun.extraterrestrialWm2());
        this.isotropic = dhi * (1 - anisotropy);
        this.circumsolar = dhi * anisotropy / Math.max(COS_85, sunUp);
      }
      case PEREZ -> {
        if (dhi <= 0) {
          this.isotropic = 0;
          this.circumsolar = 0;
        } else {
          double zenithRad = Math.acos(Math.min(1, sunUp));
          double brightness =
              dhi * Perez.airMass(Math.toDegrees(zenithRad)) / sun.extraterrestrialWm2();
          int bin = Perez.bin(dni, dhi, zenithRad);
          double f1 = Perez.f1(bin, brightness, zenithRad);
          this.isotropic = dhi * (1 - f1);
          this.circumsolar = dhi * f1 / Math.max(COS_85, sunUp);
          this.horizon = dhi * Perez.f2(bin, brightness, zenithRad);
        }
      }
    }
  }

  private static void requireIrradiance(String name, double value) {
    if (!(value >= 0 && value < 10_000)) {
      throw new IllegalArgumentException(name + " must be in [0, 10000) W/m², was " + value);
    }
  }

  public SkyModel model() {
    return model;
  }

  public double albedo() {
    return albedo;
  }

  /** Whether the sun is above the horizon. */
  public boolean isDaylight() {
    return sunUp > 0;
  }

  /** Direct normal irradiance in use, W/m² (zero at night). */
  public double dni() {
    return dni;
  }

  /** Diffuse horizontal irradiance in use, W/m² (zero at night). */
  public double dhi() {
    return dhi;
  }

  /** Global horizontal irradiance in use, W/m² (zero at night). */
  public double ghi() {
    return ghi;
  }

  public double airTemperatureC() {
    return airTemperatureC;
  }

  public double windSpeed() {
    return windSpeed;
  }

  // The per-array arithmetic in PvArray reads these directly.

  double sunEast() {
    return sunEast;
  }

  double sunNorth() {
    return sunNorth;
  }

  double sunUp() {
    return sunUp;
  }

  double isotropic() {
    return isotropic;
  }

  double circumsolar() {
    return circumsolar;
  }

  double horizon() {
    return horizon;
  }

  double groundReflected() {
    return groundReflected;
  }

  /** Sandia's {@code exp(a + b·WS)} for this mounting, per W/m² of irradiance. */
  double windFactor(Mounting mounting) {
    return switch (mounting) {
      case OPEN_RACK -> windOpenRack;
      case CLOSE_ROOF -> windCloseRoof;
      case INSULATED_BACK -> windInsulatedBack;
    };
  }

  private static double windFactor(Mounting mounting, double windSpeed) {
    return Math.exp(mounting.a() + mounting.b() * windSpeed);
  }
}
