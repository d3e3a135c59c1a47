package org.openvpp.sim.thermal;

/**
 * The exact zero-order-hold discretisation of the 2R2C model over one step of {@code h} hours.
 *
 * <p>With state {@code x = (T_air, T_mass)} and inputs held constant over the step (outdoor
 * temperature {@code T_o}, heat into the air {@code Q_a}, heat into the mass {@code Q_m}), the
 * model is {@code dx/dt = A (x − x*)} with
 *
 * <pre>
 *   A = [ −(1/R_env + 1/R_am)/C_a    1/(R_am C_a) ]      x* = ( T_o + R_env (Q_a + Q_m),
 *       [  1/(R_am C_m)            −1/(R_am C_m) ]             T_o + R_env (Q_a + Q_m) + R_am Q_m )
 * </pre>
 *
 * so {@code x(h) = x* + Φ (x(0) − x*)} with {@code Φ = exp(A h)}, and the mean over the step is
 * {@code x̄ = x* + N (x(0) − x*)} with {@code N = A⁻¹ (Φ − I) / h}. The mean air temperature gives
 * the heat through the envelope during the step exactly, which is what makes the energy balance
 * close.
 *
 * <p>A has real, distinct, negative eigenvalues {@code λ = m ± s} (it is similar to a symmetric
 * negative-definite matrix), so {@code Φ − I = ½(E₁ + E₂) I + (E₁ − E₂)/(2s) (A − m I)} with {@code
 * E = expm1(λ h)}; written with {@code expm1} it keeps full precision for short steps.
 */
record Discretisation(
    double phiAa, double phiAm, double phiMa, double phiMm, double meanA, double meanM) {

  static Discretisation of(ThermalEnvelope e, double hours) {
    double ca = e.airCapacityKwhPerC();
    double cm = e.massCapacityKwhPerC();
    double renv = e.envelopeResistanceCPerKw();
    double ram = e.airMassResistanceCPerKw();
    double a = -(1 / renv + 1 / ram) / ca;
    double b = 1 / (ram * ca);
    double c = 1 / (ram * cm);
    double d = -1 / (ram * cm);
    double m = (a + d) / 2;
    double s = Math.sqrt((a - d) * (a - d) / 4 + b * c);
    double e1 = Math.expm1((m + s) * hours);
    double e2 = Math.expm1((m - s) * hours);
    double diag = (e1 + e2) / 2;
    double k = (e1 - e2) / (2 * s);
    // Φ − I
    double paa = diag + k * (a - m);
    double pam = k * b;
    double pma = k * c;
    double pmm = diag + k * (d - m);
    // N = A⁻¹ (Φ − I) / h, air row only.
    double det = a * d - b * c;
    double naa = (d * paa - b * pma) / (det * hours);
    double nam = (d * pam - b * pmm) / (det * hours);
    return new Discretisation(1 + paa, pam, pma, 1 + pmm, naa, nam);
  }
}
