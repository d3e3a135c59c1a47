package org.openvpp.sim.solar;

import org.openvpp.units.Power;

/**
 * A PV system ready for the hot path: its {@link PvArraySpec} with everything that depends only on
 * the spec computed once, so that {@link #acOutputKw} is a few dozen multiplications.
 *
 * <p>Design note. The model is PVWatts' chain (Dobos, PVWatts Version 5 Manual, NREL/TP-6A20-62641,
 * 2014) with published sub-models:
 *
 * <ol>
 *   <li>plane-of-array irradiance: beam {@code DNI·cos θ}, sky diffuse by the {@link SkyModel} of
 *       the {@link SkyConditions}, ground-reflected {@code GHI·albedo·(1 - cos β)/2};
 *   <li>cover losses of the beam by {@link IncidenceAngleModifier}; diffuse light is taken as fully
 *       transmitted (a simplification: it loses a few per cent at the glass), which reproduces
 *       PVWatts' DC energy within 0.1 %;
 *   <li>cell temperature by the Sandia model of the spec's {@link Mounting};
 *   <li>DC power {@code P = E/1000 · Pdc0 · (1 + γ(Tc - 25)) · (1 - losses)};
 *   <li>AC power by PVWatts' inverter part-load curve {@code η = η_nom/0.9637 · (0.9858 - 0.0162 ζ
 *       - 0.0059/ζ)}, {@code ζ = P_dc/P_dc0}, {@code P_dc0 = P_ac0/η_nom}, written without the
 *       division as {@code P_ac = P_dc·(c0 - c1·P_dc) - c2}; clipped to {@code [0, P_ac0]} and to
 *       any curtailment cap.
 * </ol>
 *
 * <p>Output is AC generation, a positive magnitude in kW; {@link #meterPower} gives it in the load
 * convention of the rest of OpenVPP (negative).
 *
 * <p>Threads: immutable; share freely.
 */
public final class PvArray {

  private final PvArraySpec spec;
  private final double normalEast;
  private final double normalNorth;
  private final double normalUp;
  private final double skyView;
  private final double groundView;
  private final double sinTilt;
  private final double deltaTPerWm2;
  private final Mounting mounting;
  private final double dcKwPerWm2;
  private final double gamma;
  private final double acRatingKw;
  private final double dcAtAcRatingKw;
  private final double c0;
  private final double c1;
  private final double c2;

  private PvArray(PvArraySpec spec) {
    this.spec = spec;
    double tilt = Math.toRadians(spec.tiltDeg());
    double azimuth = Math.toRadians(spec.azimuthDeg());
    this.sinTilt = Math.sin(tilt);
    double cosTilt = Math.cos(tilt);
    this.normalEast = sinTilt * Math.sin(azimuth);
    this.normalNorth = sinTilt * Math.cos(azimuth);
    this.normalUp = cosTilt;
    this.skyView = (1 + cosTilt) / 2;
    this.groundView = (1 - cosTilt) / 2;
    this.mounting = spec.mounting();
    this.deltaTPerWm2 = mounting.deltaT() / 1_000;
    this.dcKwPerWm2 = spec.dcRating().kilowatts() / 1_000 * (1 - spec.systemLosses());
    this.gamma = spec.temperatureCoefficient();
    this.acRatingKw = spec.acRating().kilowatts();
    double nominal = spec.inverterEfficiency();
    this.dcAtAcRatingKw = acRatingKw / nominal;
    double k = nominal / 0.9637;
    this.c0 = k * 0.9858;
    this.c1 = k * 0.0162 / dcAtAcRatingKw;
    this.c2 = k * 0.0059 * dcAtAcRatingKw;
  }

  public static PvArray of(PvArraySpec spec) {
    return new PvArray(spec);
  }

  public PvArraySpec spec() {
    return spec;
  }

  public double acRatingKw() {
    return acRatingKw;
  }

  /** Cosine of the angle of incidence of the sun's rays on the modules (negative: from behind). */
  public double cosIncidence(SkyConditions sky) {
    return sky.sunEast() * normalEast + sky.sunNorth() * normalNorth + sky.sunUp() * normalUp;
  }

  /** Plane-of-array irradiance before cover losses, W/m²: what a pyranometer in the plane reads. */
  public double planeOfArrayWm2(SkyConditions sky) {
    double cos = Math.max(0, cosIncidence(sky));
    return sky.dni() * cos + skyDiffuse(sky, cos) + sky.groundReflected() * groundView;
  }

  /** Irradiance that reaches the cells, after cover losses of the beam, W/m². */
  public double transmittedWm2(SkyConditions sky) {
    double cos = Math.max(0, cosIncidence(sky));
    return sky.dni() * cos * IncidenceAngleModifier.ofCos(cos)
        + skyDiffuse(sky, cos)
        + sky.groundReflected() * groundView;
  }

  private double skyDiffuse(SkyConditions sky, double cos) {
    double diffuse = sky.isotropic() * skyView + sky.circumsolar() * cos + sky.horizon() * sinTilt;
    return diffuse > 0 ? diffuse : 0;
  }

  /** Cell temperature, °C. */
  public double cellTemperatureC(SkyConditions sky) {
    return cellTemperatureC(sky, transmittedWm2(sky));
  }

  private double cellTemperatureC(SkyConditions sky, double transmitted) {
    return sky.airTemperatureC() + transmitted * (sky.windFactor(mounting) + deltaTPerWm2);
  }

  /** DC output after system losses, kW; not negative. */
  public double dcOutputKw(SkyConditions sky) {
    double transmitted = transmittedWm2(sky);
    if (transmitted <= 0) {
      return 0;
    }
    double cell = cellTemperatureC(sky, transmitted);
    double dc = transmitted * dcKwPerWm2 * (1 + gamma * (cell - 25));
    return dc > 0 ? dc : 0;
  }

  /** AC output, kW, in [0, AC rating]. */
  public double acOutputKw(SkyConditions sky) {
    return acOutputKw(sky, acRatingKw);
  }

  /**
   * AC output when curtailed to {@code acCapKw}, kW, in [0, min(AC rating, cap)]. Allocation-free.
   *
   * @param acCapKw the cap the system was commanded to, kW, not negative; a cap above the AC rating
   *     has no effect
   */
  public double acOutputKw(SkyConditions sky, double acCapKw) {
    if (!(acCapKw >= 0)) {
      throw new IllegalArgumentException("AC cap must not be negative, was " + acCapKw + " kW");
    }
    double dc = dcOutputKw(sky);
    // At dc = dcAtAcRating the curve gives exactly the AC rating; above it the inverter clips.
    double ac = dc >= dcAtAcRatingKw ? acRatingKw : dc * (c0 - c1 * dc) - c2;
    if (ac <= 0) {
      return 0;
    }
    double limit = Math.min(acRatingKw, acCapKw);
    return ac < limit ? ac : limit;
  }

  /** The AC output capped at {@code acCap}, in the load convention: generation is negative. */
  public Power meterPower(SkyConditions sky, Power acCap) {
    return Power.ofKilowatts(-acOutputKw(sky, acCap.kilowatts()));
  }
}
