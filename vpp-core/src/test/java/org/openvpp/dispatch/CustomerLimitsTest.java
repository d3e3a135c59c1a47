package org.openvpp.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.SplittableRandom;
import org.openvpp.check.ForAll;
import org.openvpp.check.IntRange;
import org.openvpp.check.Property;
import org.openvpp.device.Battery;
import org.openvpp.device.DeviceId;
import org.openvpp.twin.TwinStore;
import org.openvpp.units.Energy;
import org.openvpp.units.Power;

/**
 * The customer's limits, as properties of the closed loop against batteries that behave like real
 * ones: commands act after a latency and hold until they expire, telemetry arrives late, standby
 * loss drains every battery all the time, and a battery no longer commanded covers its home's load
 * down to its reserve on its own. Targets change size and sign at random (arbitrage and events),
 * and customers opt out and back in at random.
 */
class CustomerLimitsTest {
  static final Instant T0 = Instant.parse("2019-08-16T00:00:00Z");
  static final Duration STEP = Duration.ofMinutes(1);
  static final double STANDBY_KW = 0.005;
  static final double ETA = Math.sqrt(0.9);

  /** Batteries with latency, expiry, late telemetry, standby loss and self-consumption. */
  static final class Fleet {
    final TwinStore twins = new TwinStore(Duration.ofMinutes(5));
    final int n;
    final double[] stored;
    final double[] reserve;
    final double[] capacity;
    final double[] maxKw;
    final double[] power;
    final double[] setKw;
    final long[] expiresMs;
    final long[] seen;
    final int latencySteps;
    final int delaySteps;
    final ArrayDeque<double[]> inFlight = new ArrayDeque<>();
    final ArrayDeque<double[][]> reports = new ArrayDeque<>();
    final SplittableRandom random;
    long seq;
    long commandsToOptedOut;

    Fleet(int n, int latencySteps, int delaySteps, SplittableRandom random) {
      this.n = n;
      this.latencySteps = latencySteps;
      this.delaySteps = delaySteps;
      this.random = random;
      stored = new double[n];
      reserve = new double[n];
      capacity = new double[n];
      maxKw = new double[n];
      power = new double[n];
      setKw = new double[n];
      expiresMs = new long[n];
      seen = new long[n];
      for (int i = 0; i < n; i++) {
        capacity[i] = random.nextBoolean() ? 13.5 : 10;
        reserve[i] = capacity[i] * (0.1 + 0.3 * random.nextDouble());
        maxKw[i] = random.nextBoolean() ? 5 : 3.3;
        stored[i] = reserve[i] + (capacity[i] - reserve[i]) * random.nextDouble();
        twins.register(
            new Battery(
                DeviceId.of("b" + i),
                Energy.ofKilowattHours(capacity[i]),
                Power.ofKilowatts(maxKw[i]),
                Power.ofKilowatts(maxKw[i]),
                0.9,
                Energy.ofKilowattHours(reserve[i])));
      }
      report(snapshot(T0));
    }

    /** Commands join the network; each batch lands {@code latencySteps} steps later. */
    void send(Setpoints batch, Instant now) {
      double[] landing = new double[n];
      java.util.Arrays.fill(landing, Double.NaN);
      for (int i = 0; i < batch.size(); i++) {
        int d = batch.ordinal(i);
        if (twins.isOptedOut(d) && batch.kilowatts(i) != 0) {
          commandsToOptedOut++;
        }
        landing[d] = batch.kilowatts(i);
      }
      landing = java.util.Arrays.copyOf(landing, n + 1);
      landing[n] = batch.expiresMillis();
      inFlight.add(landing);
    }

    /** One minute: due commands land, energy moves, reports go out (and arrive late). */
    void step(Instant now) {
      long nowMs = now.toEpochMilli();
      if (inFlight.size() > latencySteps) {
        double[] landing = inFlight.poll();
        for (int d = 0; d < n; d++) {
          if (!Double.isNaN(landing[d])) {
            setKw[d] = landing[d];
            expiresMs[d] = (long) landing[n];
          }
        }
      }
      double h = 1.0 / 60;
      for (int d = 0; d < n; d++) {
        double want;
        if (nowMs < expiresMs[d]) {
          want = setKw[d];
        } else if (stored[d] < reserve[d] + 0.02) {
          want = 0.3;
        } else {
          double load = 0.3 + 2 * random.nextDouble();
          // Its own firmware stops at the reserve, standby loss counted.
          want = -Math.min(load, Math.max(0, stored[d] - reserve[d] - STANDBY_KW * h) * ETA / h);
        }
        double p =
            want < 0
                ? -Math.min(Math.min(-want, maxKw[d]), stored[d] * ETA / h)
                : Math.min(Math.min(want, maxKw[d]), (capacity[d] - stored[d]) / ETA / h);
        stored[d] += p < 0 ? p / ETA * h : p * ETA * h;
        stored[d] = Math.max(0, stored[d] - STANDBY_KW * h);
        power[d] = p;
      }
      // Measured at the end of the step; applied to the twins delaySteps later.
      reports.add(snapshot(now.plus(STEP)));
      if (reports.size() > delaySteps) {
        report(reports.poll());
      }
    }

    private double[][] snapshot(Instant measuredAt) {
      return new double[][] {power.clone(), stored.clone(), {measuredAt.toEpochMilli()}};
    }

    private void report(double[][] s) {
      long at = (long) s[2][0];
      for (int d = 0; d < n; d++) {
        twins.apply(d, ++seq, at, s[0][d], s[1][d], Double.NaN, -1);
      }
    }

    int[] all() {
      int[] m = new int[n];
      for (int i = 0; i < n; i++) {
        m[i] = i;
      }
      return m;
    }
  }

  @Property(tries = 500)
  void theLoopNeverTakesABatteryBelowItsReserveNorCommandsAnOptedOutOne(
      @ForAll @IntRange(min = 1, max = 30) int devices,
      @ForAll @IntRange(min = 0, max = 2) int latencySteps,
      @ForAll @IntRange(min = 0, max = 1) int delaySteps,
      @ForAll boolean rotate,
      @ForAll @IntRange(min = 0, max = 10) int releaseMinutes,
      @ForAll long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    Fleet f = new Fleet(devices, latencySteps, delaySteps, r);
    Dispatcher d =
        new Dispatcher(
            f.twins,
            STEP,
            STEP.multipliedBy(5),
            STEP.multipliedBy(Math.max(2, latencySteps + delaySteps + 1)),
            STEP.multipliedBy(Math.max(1, latencySteps + delaySteps)),
            3,
            0.5,
            new Dispatcher.Policy(Duration.ofMinutes(releaseMinutes), rotate ? 0.5 : 0));
    Setpoints batch = new Setpoints();
    Instant now = T0.plus(STEP);
    double targetKw = 0;
    int blockLeft = 0;
    // A battery its customer opts out is released and never topped up: the zero it is told holds
    // until it expires, and standby may take it this far below its reserve meanwhile.
    boolean[] optedOutOnce = new boolean[devices];
    double releaseDrift = STANDBY_KW * (5 + latencySteps + delaySteps + 2) / 60.0;
    for (int m = 0; m < 240; m++) {
      if (blockLeft == 0) {
        // A new block: a discharge, a charge, or nothing, of random size and length.
        double fleetKw = devices * 4.0;
        targetKw =
            switch (r.nextInt(3)) {
              case 0 -> -fleetKw * r.nextDouble();
              case 1 -> fleetKw * r.nextDouble();
              default -> 0;
            };
        blockLeft = 5 + r.nextInt(40);
      }
      if (r.nextInt(60) == 0) {
        int who = r.nextInt(devices);
        f.twins.setOptedOut(who, !f.twins.isOptedOut(who));
        optedOutOnce[who] = true;
      }
      d.step(now, Power.ofKilowatts(targetKw), f.all(), STEP.multipliedBy(blockLeft), batch);
      f.send(batch, now);

      f.step(now);
      blockLeft--;
      now = now.plus(STEP);
      for (int i = 0; i < devices; i++) {
        assertThat(f.stored[i] - f.reserve[i])
            .as("battery %d at minute %d: stored above its reserve", i, m)
            .isGreaterThanOrEqualTo(optedOutOnce[i] ? -releaseDrift : -1e-9);
        assertThat(f.stored[i])
            .as("battery %d never past full", i)
            .isLessThanOrEqualTo(f.capacity[i] + 1e-9);
      }
    }
    assertThat(f.commandsToOptedOut).as("non-zero commands to opted-out batteries").isZero();
  }
}
