package org.openvpp.sim.thermal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.openvpp.check.ForAll;
import org.openvpp.check.Gen;
import org.openvpp.check.IntRange;
import org.openvpp.check.Property;
import org.openvpp.check.Provide;
import org.openvpp.units.Power;
import org.openvpp.units.Temperature;

/**
 * The thermal model against physics it must obey: the heat accounts balance the stored heat, and
 * the exact discretisation agrees with an independent fine-step (1 s, RK4) integration of the 2R2C
 * equations under the same inputs.
 */
class EnergyBalanceTest {

  @Provide
  Gen<ThermalEnvelope> envelopes() {
    return in ->
        new ThermalEnvelope(
            Gen.doubles(0.05, 2).next(in),
            Gen.doubles(0.3, 10).next(in),
            Gen.doubles(0.5, 6).next(in),
            Gen.doubles(0.05, 3).next(in),
            Gen.doubles(0, 10).next(in),
            Gen.doubles(0, 1).next(in),
            Gen.doubles(0, 2).next(in),
            Gen.doubles(0, 1).next(in));
  }

  @Property(tries = 80)
  void heatAccountsBalanceStoredHeatAndMatchAFineStepIntegration(
      @ForAll("envelopes") ThermalEnvelope envelope,
      @ForAll HvacMode mode,
      @ForAll @IntRange(min = 1, max = 900) int minutes,
      @ForAll long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    Hvac hvac = new Hvac(Power.ofKilowatts(r.nextDouble(2, 5)), 2.5, 2.8, 0.02, 3, 4);
    double cool = r.nextDouble(20, 27);
    ThermostatSettings t =
        new ThermostatSettings(
            mode, SetpointSchedule.constant(cool, cool - 3), 0.5, cool - 5, cool + 2);
    ThermalHome home =
        new ThermalHome(new ThermalHomeSpec(envelope, hvac, t), Temperature.ofCelsius(cool));
    if (r.nextBoolean()) {
      home.setpointOffset(r.nextDouble(-3, 3), r.nextInt(minutes + 1));
    }
    if (r.nextBoolean()) {
      home.dutyLimit(r.nextDouble(), 30, r.nextInt(minutes + 1));
    }
    HeatAccounts before = home.accounts();
    Reference ref = new Reference(envelope, cool);
    double outdoor = r.nextDouble(-10, 40);
    long start = 28_000_000L + r.nextInt(100_000);
    for (int m = 0; m < minutes; m++) {
      outdoor = Math.max(-20, Math.min(45, outdoor + r.nextDouble(-0.3, 0.3)));
      double solar = r.nextDouble() < 0.5 ? 0 : r.nextDouble(0, 1000);
      double extra = r.nextDouble(0, 1);
      home.step(start + m, 0, Temperature.ofCelsius(outdoor), solar, Power.ofKilowatts(extra));
      double q =
          switch (home.state()) {
            case COOLING -> -hvac.electricPower().kilowatts() * hvac.copCoolingAt(outdoor);
            case HEATING -> hvac.electricPower().kilowatts() * hvac.copHeatingAt(outdoor);
            case OFF -> 0;
          };
      ref.minute(outdoor, solar, envelope.internalGainKw() + extra, q);
    }
    HeatAccounts after = home.accounts();
    double stored = after.storedHeatKwh() - before.storedHeatKwh();
    double flows =
        (after.hvacHeatKwh() - before.hvacHeatKwh())
            + (after.envelopeHeatKwh() - before.envelopeHeatKwh())
            + (after.gainsKwh() - before.gainsKwh());
    double scale =
        1 + Math.abs(after.hvacHeatKwh()) + Math.abs(after.envelopeHeatKwh()) + after.gainsKwh();
    assertThat(stored).isCloseTo(flows, within(1e-9 * scale));

    assertThat(home.indoor().celsius()).isCloseTo(ref.air, within(1e-6));
    assertThat(home.mass().celsius()).isCloseTo(ref.mass, within(1e-6));
    assertThat(after.envelopeHeatKwh()).isCloseTo(ref.envelopeKwh, within(1e-6 * scale));
  }

  /** The 2R2C equations integrated with classical RK4 at one-second steps. */
  private static final class Reference {
    private final ThermalEnvelope e;
    double air;
    double mass;
    double envelopeKwh;

    Reference(ThermalEnvelope e, double initialC) {
      this.e = e;
      air = initialC;
      mass = initialC;
    }

    void minute(double outdoor, double solarWm2, double internalKw, double hvacKw) {
      double solarKw = e.solarApertureM2() * solarWm2 / 1000;
      double qa = solarKw * e.solarToAirShare() + internalKw * e.internalToAirShare() + hvacKw;
      double qm = solarKw * (1 - e.solarToAirShare()) + internalKw * (1 - e.internalToAirShare());
      double h = 1.0 / 3600;
      for (int s = 0; s < 60; s++) {
        double[] k1 = rates(air, mass, outdoor, qa, qm);
        double[] k2 = rates(air + h / 2 * k1[0], mass + h / 2 * k1[1], outdoor, qa, qm);
        double[] k3 = rates(air + h / 2 * k2[0], mass + h / 2 * k2[1], outdoor, qa, qm);
        double[] k4 = rates(air + h * k3[0], mass + h * k3[1], outdoor, qa, qm);
        air += h / 6 * (k1[0] + 2 * k2[0] + 2 * k3[0] + k4[0]);
        mass += h / 6 * (k1[1] + 2 * k2[1] + 2 * k3[1] + k4[1]);
        envelopeKwh += h / 6 * (k1[2] + 2 * k2[2] + 2 * k3[2] + k4[2]);
      }
    }

    /** d(air)/dt, d(mass)/dt in °C/h and the envelope heat flow in kW. */
    private double[] rates(double a, double m, double outdoor, double qa, double qm) {
      double envelope = (outdoor - a) / e.envelopeResistanceCPerKw();
      double toMass = (a - m) / e.airMassResistanceCPerKw();
      return new double[] {
        (envelope - toMass + qa) / e.airCapacityKwhPerC(),
        (toMass + qm) / e.massCapacityKwhPerC(),
        envelope
      };
    }
  }
}
