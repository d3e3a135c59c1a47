package org.openvpp.forecast;

import java.util.List;
import java.util.Objects;
import org.openvpp.device.PvInverter;
import org.openvpp.flex.DeviceEnvelopes;
import org.openvpp.flex.FlexEnvelope;
import org.openvpp.time.Horizon;

/**
 * A group's flexibility under uncertainty as three envelopes: P10 (the flexibility there with 90 %
 * probability, the one to promise), P50 and P90.
 *
 * <p>From availability ({@link #ofAvailability}): device {@code i} is there for the horizon with
 * probability {@code pᵢ} (online, and for an EV that its session happens), independently. The
 * number available is Poisson-binomial with mean {@code μ = Σ pᵢ}; its quantiles {@code N_q} are
 * exact (by dynamic programming) up to {@value #EXACT_LIMIT} devices and from the normal
 * approximation above. The envelope at {@code q} is the expected envelope {@code Σ pᵢ·Eᵢ} scaled by
 * {@code N_q / μ}: exactly the envelope of {@code N_q} devices when they are alike, and for unlike
 * devices the envelope of {@code N_q} average ones. Scaling by a positive factor keeps every
 * envelope valid; from P10 to P90 every bound grows in magnitude: more power and energy either way,
 * and also more obligations (the energy EVs need) with more devices.
 *
 * @param p10 flexibility with 90 % probability
 * @param p50 median flexibility
 * @param p90 flexibility with 10 % probability
 */
public record BandedEnvelope(FlexEnvelope p10, FlexEnvelope p50, FlexEnvelope p90) {

  static final int EXACT_LIMIT = 2_000;

  public BandedEnvelope {
    Objects.requireNonNull(p10, "p10");
    Objects.requireNonNull(p50, "p50");
    Objects.requireNonNull(p90, "p90");
    if (!p10.horizon().equals(p50.horizon()) || !p90.horizon().equals(p50.horizon())) {
      throw new IllegalArgumentException("the three envelopes must share one horizon");
    }
  }

  /**
   * The banded envelope of devices with envelopes {@code envelopes} (all on {@code horizon}), each
   * there with probability {@code probability[i]}.
   */
  public static BandedEnvelope ofAvailability(
      Horizon horizon, List<FlexEnvelope> envelopes, double[] probability) {
    if (envelopes.size() != probability.length) {
      throw new IllegalArgumentException(
          envelopes.size() + " envelopes but " + probability.length + " probabilities");
    }
    int t = horizon.count();
    double[][] mean = new double[4][t];
    double mu = 0;
    for (int i = 0; i < probability.length; i++) {
      double p = probability[i];
      if (!(p >= 0 && p <= 1)) {
        throw new IllegalArgumentException("probability[" + i + "] must be in [0, 1], was " + p);
      }
      FlexEnvelope e = envelopes.get(i);
      if (!e.horizon().equals(horizon)) {
        throw new IllegalArgumentException("envelope " + i + " is on another horizon");
      }
      mu += p;
      for (int k = 0; k < t; k++) {
        mean[0][k] += p * e.minPower(k).kilowatts();
        mean[1][k] += p * e.maxPower(k).kilowatts();
        mean[2][k] += p * e.minEnergy(k).kilowattHours();
        mean[3][k] += p * e.maxEnergy(k).kilowattHours();
      }
    }
    double[] counts = availableQuantiles(probability, new double[] {0.1, 0.5, 0.9});
    FlexEnvelope[] out = new FlexEnvelope[3];
    for (int q = 0; q < 3; q++) {
      double f = mu == 0 ? 0 : counts[q] / mu;
      out[q] =
          FlexEnvelope.of(
              horizon,
              scaled(mean[0], f),
              scaled(mean[1], f),
              scaled(mean[2], f),
              scaled(mean[3], f));
    }
    return new BandedEnvelope(out[0], out[1], out[2]);
  }

  /**
   * The curtailment envelope of a PV inverter at its forecast's P10, P50 and P90 generation: P10
   * offers the curtailment there with 90 % probability. {@code horizon} has one interval per hour
   * of the forecast.
   */
  public static BandedEnvelope ofPvForecast(
      PvInverter pv, QuantileForecast generationKw, Horizon horizon) {
    if (generationKw.hours() != horizon.count()) {
      throw new IllegalArgumentException(
          "forecast has " + generationKw.hours() + " hours, the horizon " + horizon.count());
    }
    return new BandedEnvelope(
        DeviceEnvelopes.pvCurtailment(pv, generationKw.p10(), horizon),
        DeviceEnvelopes.pvCurtailment(pv, generationKw.p50(), horizon),
        DeviceEnvelopes.pvCurtailment(pv, generationKw.p90(), horizon));
  }

  private static double[] scaled(double[] v, double f) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i] * f;
    }
    return out;
  }

  /**
   * Quantiles of the number of devices available (Poisson-binomial): the smallest count whose
   * cumulative probability reaches each level (exact up to {@value #EXACT_LIMIT} devices; above,
   * the normal approximation, for the levels 0.1, 0.5 and 0.9 only). For a banded quantity other
   * than an envelope, scaled by {@code N_q / μ} as {@link #ofAvailability} does.
   *
   * @param probability each device's probability of being there, in [0, 1]
   * @param levels the levels, in (0, 1)
   */
  public static double[] availableQuantiles(double[] probability, double[] levels) {
    int n = probability.length;
    double[] out = new double[levels.length];
    if (n <= EXACT_LIMIT) {
      double[] pmf = new double[n + 1];
      pmf[0] = 1;
      for (int i = 0; i < n; i++) {
        double p = probability[i];
        for (int k = i + 1; k >= 1; k--) {
          pmf[k] = pmf[k] * (1 - p) + pmf[k - 1] * p;
        }
        pmf[0] *= 1 - p;
      }
      for (int l = 0; l < levels.length; l++) {
        double cdf = 0;
        int k = 0;
        while (k < n && cdf + pmf[k] < levels[l] - 1e-12) {
          cdf += pmf[k];
          k++;
        }
        out[l] = k;
      }
      return out;
    }
    double mu = 0;
    double var = 0;
    for (double p : probability) {
      mu += p;
      var += p * (1 - p);
    }
    for (int l = 0; l < levels.length; l++) {
      if (levels[l] != 0.1 && levels[l] != 0.5 && levels[l] != 0.9) {
        throw new IllegalArgumentException("only 0.1, 0.5 and 0.9 are supported, was " + levels[l]);
      }
      double z = levels[l] == 0.5 ? 0 : (levels[l] < 0.5 ? -1 : 1) * 1.2815515655446004;
      out[l] = Math.clamp(mu + z * Math.sqrt(var), 0, n);
    }
    return out;
  }
}
