package org.openvpp.world.backtest;

import java.time.Duration;
import org.openvpp.market.regulation.PerformanceScore;
import org.openvpp.market.regulation.SyntheticRegulationSignal;

/**
 * An hour of regulation as the backtest scores it: the online fleet, as one battery, follows an
 * hour of the synthetic signal ({@link SyntheticRegulationSignal}, fast shape, 4-second steps, its
 * seed the hour's) through a model of the dispatch path, and PJM's performance score of the
 * response is the share of the hour's capacity payment kept.
 *
 * <p>Design note. The model is the dispatcher's defaults as {@code ./vpp bench regulation} runs
 * them on 1,000 batteries: each step's target is the signal one step late (the command's latency),
 * and the fleet moves half the way from where it was to it (the dispatcher's gain of 0.5); its
 * power stays within the capacity held each way, and its energy within floor and capacity, so an
 * hour that starts near empty scores low on regulation up. The signal is scaled by the capacity
 * held on its side (up for positive values, down for negative), and the response scaled back the
 * same way before scoring, so an hour holding only one side is scored on that side's half of the
 * signal. The benchmark measures the real path (0.96 on its hour); this model lets a year's
 * backtest score every hour in microseconds. Revenue from the synthetic signal is illustrative.
 */
final class RegulationHour {
  static final Duration STEP = Duration.ofSeconds(4);
  private static final double GAIN = 0.5;
  private static final PerformanceScore PJM = PerformanceScore.pjm();
  private static final SyntheticRegulationSignal.Shape SHAPE =
      SyntheticRegulationSignal.Shape.fast(STEP);

  private RegulationHour() {}

  /**
   * The seed of {@code hour} of {@code day}'s signal in a run seeded {@code run}: the bidder and
   * perfect foresight follow the same signal in the same hour.
   */
  static long seed(long run, java.time.LocalDate day, int hour) {
    return run * 104_729 + day.toEpochDay() * 24 + hour;
  }

  /**
   * The composite score of an hour holding {@code upKw} and {@code downKw} of regulation (neither
   * negative; an hour asked nothing scores 1), the fleet starting with {@code storedKwh} between
   * {@code floorKwh} and {@code capacityKwh}, its energy moved at efficiency {@code eta} each way.
   */
  static double score(
      long seed,
      double upKw,
      double downKw,
      double storedKwh,
      double floorKwh,
      double capacityKwh,
      double eta) {
    double[] signal = new SyntheticRegulationSignal(SHAPE, seed).over(Duration.ofHours(1));
    boolean asked = false;
    for (int t = 0; t < signal.length; t++) {
      signal[t] = Math.clamp(signal[t], downKw > 0 ? -1 : 0, upKw > 0 ? 1 : 0);
      asked |= signal[t] != 0;
    }
    if (!asked) {
      return 1;
    }
    double[] response = new double[signal.length];
    double hours = STEP.toMillis() / 3_600_000.0;
    double kw = 0;
    double stored = storedKwh;
    for (int t = 0; t < signal.length; t++) {
      double s = t == 0 ? 0 : signal[t - 1];
      double want = s > 0 ? s * upKw : s * downKw;
      kw += GAIN * (want - kw);
      // within the energy left each way over the step
      double give = Math.max(0, (stored - floorKwh) * eta / hours);
      double take = Math.max(0, (capacityKwh - stored) / eta / hours);
      kw = Math.clamp(kw, -Math.min(downKw, take), Math.min(upKw, give));
      stored -= kw > 0 ? kw * hours / eta : kw * hours * eta;
      response[t] = kw > 0 ? kw / upKw : kw < 0 ? kw / downKw : 0;
    }
    return PJM.score(signal, response, STEP).overall().composite();
  }
}
