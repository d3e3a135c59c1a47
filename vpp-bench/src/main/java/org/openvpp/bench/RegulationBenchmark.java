package org.openvpp.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.openvpp.device.Battery;
import org.openvpp.device.DeviceId;
import org.openvpp.dispatch.Dispatcher;
import org.openvpp.dispatch.Setpoints;
import org.openvpp.market.regulation.PerformanceScore;
import org.openvpp.market.regulation.Score;
import org.openvpp.market.regulation.SignalStatistics;
import org.openvpp.market.regulation.SyntheticRegulationSignal;
import org.openvpp.sim.battery.BatteryBank;
import org.openvpp.twin.TwinStore;
import org.openvpp.units.Energy;
import org.openvpp.units.Power;

/**
 * 1,000 simulated home batteries (100 with {@code --quick}) following a regulation signal for one
 * hour at 4-second steps through the service's dispatch path, scored with PJM's performance score.
 *
 * <p>The signal is {@link SyntheticRegulationSignal} ({@code Shape.fast}, seed 2019): ours, not
 * PJM's, so the score is of following a signal like a fast one, and any revenue from it would be
 * illustrative. The award is half the fleet's power (1,000 × 5 kW × 0.5 = 2.5 MW) around a base
 * point of zero: the group's target each step is {@code −award × signal} (load convention; +1 is
 * regulation up, the batteries giving power).
 *
 * <p>Each step {@code t}: every battery's telemetry (its grid power over the step before and its
 * stored energy) goes into the {@link TwinStore} through {@code apply(ordinal, …)}, the
 * allocation-free path the MQTT gateway uses; the {@link Dispatcher} (defaults: TTL 5 steps,
 * response 2 steps, lag 1 step, 3 strikes, gain 0.5) turns the target into setpoints, measuring the
 * group from the twins; the setpoints land one step later (command latency of a step); the {@link
 * BatteryBank} (vpp-sim's physics, no ramp limit, 10 W standby) runs the step. The timed control
 * step ({@code step_*_ms}) is the telemetry intake and the dispatcher's step; the physics are not
 * timed. The hour runs twice, fresh each time; the second is reported (the first warms the JIT).
 *
 * <p>Baselines in the same run: the same batteries with each told {@code target / n} every step (no
 * dispatcher: no feedback, no change threshold, the same latency), and the signal itself one step
 * late (the score latency alone allows).
 */
final class RegulationBenchmark implements Benchmark {
  private static final Instant T0 = Instant.parse("2019-08-15T16:00:00Z");
  private static final Duration STEP = Duration.ofSeconds(4);
  private static final Duration HOUR = Duration.ofHours(1);
  private static final long SEED = 2019;
  private static final double KW = 5;
  private static final double CAPACITY_KWH = 13.5;
  private static final double RESERVE_KWH = 2.7;
  private static final double AWARD_SHARE = 0.5;
  private static final double BASE_KW = 0;

  @Override
  public String name() {
    return "regulation";
  }

  @Override
  public String description() {
    return "1,000 batteries follow a (synthetic) regulation signal for an hour at 4 s through the"
        + " dispatcher, PJM performance score (target >= 0.95); baseline: a per-battery split";
  }

  @Override
  public Map<String, Object> run(boolean quick) {
    int n = quick ? 100 : 1_000;
    double[] signal =
        new SyntheticRegulationSignal(SyntheticRegulationSignal.Shape.fast(STEP), SEED).over(HOUR);
    double awardKw = n * KW * AWARD_SHARE;
    System.out.printf(
        "regulation: %,d batteries, award %.2f MW, %d steps of %s; warming up%n",
        n, awardKw / 1000, signal.length, STEP);

    run(n, signal, awardKw, true);
    Run dispatched = run(n, signal, awardKw, true);
    Run split = run(n, signal, awardKw, false);

    PerformanceScore pjm = PerformanceScore.pjm();
    Score score = pjm.score(signal, dispatched.response, STEP).overall();
    Score splitScore = pjm.score(signal, split.response, STEP).overall();
    double[] late = new double[signal.length];
    System.arraycopy(signal, 0, late, 1, signal.length - 1);
    Score lateScore = pjm.score(signal, late, STEP).overall();
    SignalStatistics stats = SignalStatistics.of(signal, STEP);

    System.out.printf(
        "regulation: dispatcher %.4f (accuracy %.4f, delay %.4f, precision %.4f);"
            + " per-battery split %.4f; one step late %.4f; step p99 %.3f ms%n",
        score.composite(),
        score.accuracy(),
        score.delay(),
        score.precision(),
        splitScore.composite(),
        lateScore.composite(),
        BenchMain.percentile(dispatched.stepMs, 99));

    Map<String, Object> f = new LinkedHashMap<>();
    f.put("signal", "synthetic (ours, not PJM's; revenues illustrative), seed " + SEED);
    f.put("batteries", n);
    f.put("steps", signal.length);
    f.put("step_s", STEP.toSeconds());
    f.put("award_mw", BenchMain.round3(awardKw / 1000));
    f.put("base_point_mw", BASE_KW / 1000);
    f.put("performance_score", round4(score.composite()));
    f.put("accuracy_score", round4(score.accuracy()));
    f.put("delay_score", round4(score.delay()));
    f.put("precision_score", round4(score.precision()));
    f.put("baseline_split_score", round4(splitScore.composite()));
    f.put("baseline_split_accuracy", round4(splitScore.accuracy()));
    f.put("baseline_split_precision", round4(splitScore.precision()));
    f.put("one_step_late_score", round4(lateScore.composite()));
    f.put("score_over_baseline", round4(score.composite() / splitScore.composite()));
    f.put("qualifies_0_75", score.composite() >= 0.75);
    f.put("step_p50_ms", BenchMain.round3(BenchMain.percentile(dispatched.stepMs, 50)));
    f.put("step_p99_ms", BenchMain.round3(BenchMain.percentile(dispatched.stepMs, 99)));
    f.put("step_max_ms", BenchMain.round3(BenchMain.percentile(dispatched.stepMs, 100)));
    f.put("commands_per_step", BenchMain.round3((double) dispatched.commands / signal.length));
    f.put("excluded", dispatched.excluded);
    f.put("stored_start_kwh_mean", BenchMain.round3(dispatched.storedStart / n));
    f.put("stored_end_kwh_mean", BenchMain.round3(dispatched.storedEnd / n));
    f.put("signal_lag1_autocorrelation", round4(stats.lag1Autocorrelation()));
    f.put("signal_mean_abs_ramp_per_s", round4(stats.meanAbsRampPerSecond()));
    f.put("signal_share_near_limits", BenchMain.round3(stats.shareNearLimits()));
    return f;
  }

  private static double round4(double v) {
    return Math.round(v * 10_000) / 10_000.0;
  }

  /** One hour's outcome: the normalised response per step and the control steps' times. */
  private static final class Run {
    double[] response = new double[0];
    double[] stepMs = new double[0];
    long commands;
    int excluded;
    double storedStart;
    double storedEnd;
  }

  /**
   * One hour from fresh state: through the dispatcher, or (baseline) each battery told an equal
   * share of the target.
   */
  private static Run run(int n, double[] signal, double awardKw, boolean dispatch) {
    TwinStore twins = new TwinStore(Duration.ofMinutes(1));
    BatteryBank bank = new BatteryBank(n);
    SplittableRandom random = new SplittableRandom(SEED);
    int[] members = new int[n];
    for (int i = 0; i < n; i++) {
      members[i] =
          twins.register(
              new Battery(
                  DeviceId.of(String.format(java.util.Locale.ROOT, "reg%05d", i)),
                  Energy.ofKilowattHours(CAPACITY_KWH),
                  Power.ofKilowatts(KW),
                  Power.ofKilowatts(KW),
                  0.9,
                  Energy.ofKilowattHours(RESERVE_KWH)));
      // started between 30 % and 70 % full
      bank.equip(
          i,
          CAPACITY_KWH,
          RESERVE_KWH,
          KW,
          KW,
          0.9,
          0.01,
          CAPACITY_KWH * random.nextDouble(0.3, 0.7));
    }
    Dispatcher dispatcher = Dispatcher.withDefaults(twins, STEP);
    Setpoints out = new Setpoints(n);
    int steps = signal.length;
    double hours = STEP.toMillis() / 3_600_000.0;
    long stepMs = STEP.toMillis();
    double[] lastKw = new double[n];
    double[] setKw = new double[n];
    long[] expiresMs = new long[n];
    // commands issued at the step before, landing at this one
    int[] landOrdinal = new int[n];
    double[] landKw = new double[n];
    int landing = 0;
    long landExpires = 0;
    long sequence = 0;

    Run r = new Run();
    r.response = new double[steps];
    r.stepMs = new double[steps];
    for (int i = 0; i < n; i++) {
      r.storedStart += bank.storedKwh(i);
    }
    for (int k = 0; k < steps; k++) {
      long nowMs = T0.toEpochMilli() + k * stepMs;
      Instant now = Instant.ofEpochMilli(nowMs);
      double targetKw = BASE_KW - awardKw * signal[k];

      long t0 = System.nanoTime();
      sequence++;
      for (int i = 0; i < n; i++) {
        twins.apply(members[i], sequence, nowMs, lastKw[i], bank.storedKwh(i), Double.NaN, -1);
      }
      int sent;
      if (dispatch) {
        Duration hourLeft = STEP.multipliedBy(steps - k);
        sent = dispatcher.step(now, Power.ofKilowatts(targetKw), members, hourLeft, out);
      } else {
        sent = 0;
      }
      r.stepMs[k] = (System.nanoTime() - t0) / 1e6;

      // the commands of the step before land now
      for (int j = 0; j < landing; j++) {
        setKw[landOrdinal[j]] = landKw[j];
        expiresMs[landOrdinal[j]] = landExpires;
      }
      if (dispatch) {
        for (int j = 0; j < sent; j++) {
          landOrdinal[j] = out.ordinal(j);
          landKw[j] = out.kilowatts(j);
        }
        landing = sent;
        landExpires = out.expiresMillis();
      } else {
        for (int i = 0; i < n; i++) {
          landOrdinal[i] = members[i];
          landKw[i] = targetKw / n;
        }
        landing = n;
        landExpires = nowMs + 5 * stepMs;
        sent = n;
      }
      r.commands += sent;

      double groupKw = 0;
      for (int i = 0; i < n; i++) {
        boolean commanded = nowMs < expiresMs[i];
        lastKw[i] = bank.step(i, hours, commanded, setKw[i], 0, Double.POSITIVE_INFINITY);
        groupKw += lastKw[i];
      }
      r.response[k] = (BASE_KW - groupKw) / awardKw;
    }
    for (int i = 0; i < n; i++) {
      r.storedEnd += bank.storedKwh(i);
    }
    r.excluded = dispatcher.excludedCount();
    return r;
  }
}
