package org.openvpp.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.openvpp.device.DeviceKind;
import org.openvpp.twin.TwinStore;
import org.openvpp.units.Durations;
import org.openvpp.units.Power;

/**
 * Managed charging (V1G): takes a reduction off a group of EV chargers by deferring their charging,
 * and never makes a car late.
 *
 * <p>Each control step ({@link #step}):
 *
 * <ol>
 *   <li><b>What each car can give.</b> A car counts when its charger is online, not opted out,
 *       plugged in, and reports its charging need (energy still wanted from the grid and by when).
 *       Left alone it draws {@code free = min(charger limit, need / step)}. To be ready in time it
 *       must draw at least {@code must = need / (time to ready-by − lag − margin)}, the rate that
 *       delivers the need by then with the command lag and a margin to spare; from the moment that
 *       reaches the charger's limit the car is not deferred at all. It can give {@code free −
 *       must}.
 *   <li><b>Against what.</b> The reduction is taken off the cars' counterfactual, what they would
 *       draw had they never been deferred (as the utility's baseline sees it): a car deferred for
 *       an hour still needs that hour's energy when its counterfactual twin would already have
 *       finished. Per car the energy deferred so far is summed ({@code counterfactual − reported}
 *       each step), and its counterfactual is {@code min(limit, (need − deferred) / step)}.
 *   <li><b>Correct.</b> An integral term adds {@code gain ×} the shortfall (measured power −
 *       counterfactual + reduction asked) to the request, once the request has stood for the
 *       response time, so cars that do not follow their commands are made up by the others.
 *   <li><b>Allocate</b> the request over the cars in proportion to what each can give (each gives
 *       the same share of its own flexibility, so none is deferred to its limit before the others).
 *   <li><b>Command</b> a car whose setpoint moved by more than 0.1 kW, whose command is half-way to
 *       expiry, or whose held setpoint has fallen below what it must draw now.
 * </ol>
 *
 * <p>Why a car is never late: following {@code must} never raises it ({@code (need − must·h) / (T −
 * h) = must}), and a car is told at least {@code must} at every step; the command that is in force
 * while a new one travels was itself at least the must-rate of its own step, and the lag kept back
 * from the time left covers the journey; a need reported late is larger than the true one, so stale
 * telemetry errs on the safe side. When a command expires the car charges at its full rate. A car
 * whose need was infeasible when it arrived is never deferred.
 *
 * <p>Release: when the reduction asked returns to zero, the group's power climbs linearly from
 * where it stood to what the cars would draw over the release spread (the deferred charging would
 * otherwise come back as one new peak), then every car still under command is told its charger's
 * limit, which is what it would draw on its own. A car that leaves the group (opted out, unplugged,
 * need unknown) is released at once.
 *
 * <p>Threads: confined to the control loop's thread, like the twin store it reads.
 */
public final class ChargeDispatcher {

  /** A new setpoint is sent only when it moves by more than this. */
  private static final double CHANGE_KW = 0.1;

  /** A car that draws this much above its setpoint after the response time misses it. */
  private static final double MISS_KW = 0.5;

  private final TwinStore twins;
  private final Duration ttl;
  private final long halfTtlMillis;
  private final long responseMillis;
  private final long keepBackMillis;
  private final long releaseSpreadMillis;
  private final double stepHours;
  private final int strikesToExclude;
  private final double gain;
  private final CommandNumbers numbers;
  private final Setpoints batch = new Setpoints();

  private double[] commandedKw = new double[0];
  private long[] commandedAtMillis = new long[0];
  private long[] changedAtMillis = new long[0];
  private boolean[] underCommand = new boolean[0];
  private int[] strikes = new int[0];
  private boolean[] excluded = new boolean[0];
  private double[] freeKw = new double[0];
  private double[] mustKw = new double[0];
  private double[] deferredKwh = new double[0];
  private double counterfactualKw;

  private double integralKw;
  private double lastAskedKw;
  private long requestSinceMillis = Long.MIN_VALUE;
  private double releaseFromKw;
  private double lastMeasuredKw;
  private boolean lastAskedPositive;
  private long releaseSinceMillis = Long.MIN_VALUE;
  private double flexibleKw;
  private double freeTotalKw;
  private long commandsSent;

  /**
   * @param twins the twins of the chargers
   * @param step the control period
   * @param ttl how long a command holds; must be longer than the step
   * @param responseTime how long a charger may take to reach its setpoint and report it
   * @param lag command latency plus telemetry delay: kept back from every car's time left
   * @param margin further time kept back from every car's time left
   * @param releaseSpread how long the request takes to ramp down after the reduction ends
   * @param strikesToExclude misses in a row before a car is left out until the group is released
   * @param gain integral gain per step, in (0, 1]
   * @param numbers the loop's command numbers, shared with its other dispatchers
   */
  public ChargeDispatcher(
      TwinStore twins,
      Duration step,
      Duration ttl,
      Duration responseTime,
      Duration lag,
      Duration margin,
      Duration releaseSpread,
      int strikesToExclude,
      double gain,
      CommandNumbers numbers) {
    this.twins = Objects.requireNonNull(twins, "twins");
    this.ttl = Objects.requireNonNull(ttl, "ttl");
    this.numbers = Objects.requireNonNull(numbers, "numbers");
    if (ttl.compareTo(step) <= 0) {
      throw new IllegalArgumentException("ttl " + ttl + " must be longer than the step " + step);
    }
    if (lag.isNegative() || margin.isNegative() || releaseSpread.isNegative()) {
      throw new IllegalArgumentException(
          "lag, margin and release spread must not be negative, were "
              + lag
              + ", "
              + margin
              + ", "
              + releaseSpread);
    }
    if (strikesToExclude < 1) {
      throw new IllegalArgumentException("strikesToExclude must be >= 1, was " + strikesToExclude);
    }
    if (!(gain > 0 && gain <= 1)) {
      throw new IllegalArgumentException("gain must be in (0, 1], was " + gain);
    }
    this.halfTtlMillis = ttl.toMillis() / 2;
    this.responseMillis = Objects.requireNonNull(responseTime, "responseTime").toMillis();
    this.keepBackMillis = lag.toMillis() + margin.toMillis();
    this.releaseSpreadMillis = releaseSpread.toMillis();
    this.stepHours = Durations.hours(step);
    this.strikesToExclude = strikesToExclude;
    this.gain = gain;
  }

  /**
   * One control step, as {@link Command}s.
   *
   * @param now the current time
   * @param reduction how much less the group should draw than its cars would on their own; zero
   *     releases the group
   * @param members ordinals of the group's chargers
   */
  public List<Command> step(Instant now, Power reduction, int[] members) {
    step(now, reduction, members, batch);
    return batch.commands(twins);
  }

  /**
   * One control step into a primitive batch.
   *
   * @param out emptied first; the commands to send now, issued at {@code now}, expiring a TTL later
   * @return the number of commands
   */
  public int step(Instant now, Power reduction, int[] members, Setpoints out) {
    grow(twins.size());
    long nowMs = now.toEpochMilli();
    out.reset(nowMs, now.plus(ttl).toEpochMilli(), numbers.peekNext());
    out.ensureCapacity(members.length);
    double asked = Math.max(0, reduction.kilowatts());
    boolean releasing = false;
    double releaseShare = 1;
    if (asked > 0) {
      releaseSinceMillis = Long.MIN_VALUE;
      lastAskedPositive = true;
    } else if (lastAskedPositive && releaseSpreadMillis > 0) {
      // Released: the group's power climbs from where it stood to what the cars would draw, over
      // the spread, so the deferred charging does not come back as one new peak.
      if (releaseSinceMillis == Long.MIN_VALUE) {
        releaseSinceMillis = nowMs;
        releaseFromKw = lastMeasuredKw;
      }
      releaseShare = (double) (nowMs - releaseSinceMillis) / releaseSpreadMillis;
      releasing = releaseShare < 1;
      if (!releasing) {
        lastAskedPositive = false;
        releaseSinceMillis = Long.MIN_VALUE;
      }
    } else {
      lastAskedPositive = false;
    }
    // Pass 1: measure, judge, and what each car can give.
    double measured = 0;
    freeTotalKw = 0;
    flexibleKw = 0;
    counterfactualKw = 0;
    for (int d : members) {
      mustKw[d] = -1;
      double need = twins.needKwh(d);
      double max = twins.maxChargeKw(d);
      // The car's counterfactual: what it would draw had it never been deferred. Energy deferred so
      // far is what it would still need less; kept per session (forgotten when it unplugs).
      double cf = 0;
      if (twins.pluggedIn(d).orElse(false) && !Double.isNaN(need)) {
        if (twins.isOnline(d, nowMs)) {
          cf = Math.min(max, Math.max(0, need - deferredKwh[d]) / stepHours);
          deferredKwh[d] = Math.max(0, deferredKwh[d] + (cf - twins.powerKw(d)) * stepHours);
        }
      } else {
        deferredKwh[d] = 0;
      }
      if (!eligible(d, nowMs)) {
        continue;
      }
      double free = Math.min(max, need / stepHours);
      long leftMs = twins.readyAtMillis(d) - nowMs - keepBackMillis;
      double must = leftMs <= 0 ? free : Math.min(free, need / (leftMs / 3_600_000.0));
      // A car that needs its full rate to be ready is not deferred at all.
      if (must >= max - 1e-9) {
        must = free;
      }
      judge(d, nowMs);
      measured += twins.powerKw(d);
      freeKw[d] = free;
      mustKw[d] = must;
      freeTotalKw += free;
      counterfactualKw += cf;
      if (!excluded[d]) {
        flexibleKw += free - must;
      }
    }
    lastMeasuredKw = measured;
    // Correct: the integral term makes up for cars that do not follow.
    if (asked <= 0) {
      integralKw = 0;
    } else {
      if (Math.abs(asked - lastAskedKw) > 0.05 * Math.max(asked, lastAskedKw)) {
        requestSinceMillis = nowMs;
      }
      if (requestSinceMillis != Long.MIN_VALUE && nowMs - requestSinceMillis >= responseMillis) {
        double shortfall = measured - (counterfactualKw - asked);
        integralKw = Math.clamp(integralKw + gain * shortfall, -asked, flexibleKw);
      }
    }
    lastAskedKw = asked;
    // The group should draw its counterfactual less the reduction: take what that needs off what
    // the cars would draw now (more than their counterfactual once they have been deferred).
    double request =
        releasing
            ? (freeTotalKw - releaseFromKw) * (1 - releaseShare)
            : freeTotalKw - counterfactualKw + asked + integralKw;
    request = Math.clamp(request, 0, flexibleKw);
    double share = flexibleKw > 1e-9 ? request / flexibleKw : 0;
    // Pass 2: command.
    boolean released = asked <= 0 && !releasing;
    for (int d : members) {
      if (mustKw[d] < 0) {
        if (underCommand[d]) {
          // Left the group (unplugged, opted out, need unknown, offline): let it go at once.
          send(d, twins.maxChargeKw(d), nowMs, out);
          underCommand[d] = false;
        }
        continue;
      }
      if (released || excluded[d]) {
        if (underCommand[d]) {
          send(d, twins.maxChargeKw(d), nowMs, out);
          underCommand[d] = false;
        }
        continue;
      }
      double set = freeKw[d] - share * (freeKw[d] - mustKw[d]);
      if (!underCommand[d] && freeKw[d] - set <= CHANGE_KW) {
        continue; // nothing worth deferring here
      }
      boolean moved = Math.abs(set - commandedKw[d]) > CHANGE_KW;
      boolean late = nowMs - commandedAtMillis[d] >= halfTtlMillis;
      boolean unsafe = commandedKw[d] < mustKw[d] - 1e-9;
      if (!underCommand[d] || moved || late || unsafe) {
        send(d, set, nowMs, out);
        underCommand[d] = true;
      }
    }
    if (released) {
      Arrays.fill(excluded, false);
      Arrays.fill(strikes, 0);
    }
    return out.size();
  }

  private boolean eligible(int d, long nowMs) {
    return twins.device(d).kind() == DeviceKind.EV_CHARGER
        && twins.isOnline(d, nowMs)
        && !twins.isOptedOut(d)
        && twins.pluggedIn(d).orElse(false)
        && !Double.isNaN(twins.needKwh(d))
        && twins.needKwh(d) > 0;
  }

  /** A car under command that draws well above its setpoint after the response time misses it. */
  private void judge(int d, long nowMs) {
    if (!underCommand[d] || nowMs - changedAtMillis[d] < responseMillis) {
      return;
    }
    if (twins.powerKw(d) > commandedKw[d] + MISS_KW) {
      if (++strikes[d] >= strikesToExclude) {
        excluded[d] = true;
      }
    } else {
      strikes[d] = 0;
    }
  }

  private void send(int d, double kw, long nowMs, Setpoints out) {
    if (Math.abs(kw - commandedKw[d]) > CHANGE_KW || !underCommand[d]) {
      changedAtMillis[d] = nowMs; // a refresh of the same setpoint does not restart judging
    }
    commandedAtMillis[d] = nowMs;
    commandedKw[d] = kw;
    out.add(d, kw);
    numbers.take();
    commandsSent++;
  }

  private void grow(int size) {
    if (size <= commandedKw.length) {
      return;
    }
    int n = Math.max(16, Math.max(size, commandedKw.length * 2));
    commandedKw = Arrays.copyOf(commandedKw, n);
    commandedAtMillis = Arrays.copyOf(commandedAtMillis, n);
    changedAtMillis = Arrays.copyOf(changedAtMillis, n);
    underCommand = Arrays.copyOf(underCommand, n);
    strikes = Arrays.copyOf(strikes, n);
    excluded = Arrays.copyOf(excluded, n);
    freeKw = Arrays.copyOf(freeKw, n);
    mustKw = Arrays.copyOf(mustKw, n);
    deferredKwh = Arrays.copyOf(deferredKwh, n);
  }

  /** What the cars of the last step would have drawn on their own, kW. */
  public double freeKw() {
    return freeTotalKw;
  }

  /**
   * What the cars of the last step would draw had they never been deferred, kW: the estimate the
   * reduction is measured against (energy deferred so far is energy they would need less).
   */
  public double counterfactualKw() {
    return counterfactualKw;
  }

  /** How much the cars of the last step could defer while staying on time, kW. */
  public double flexibleKw() {
    return flexibleKw;
  }

  /** Whether the car on {@code ordinal} is under a deferral command. */
  public boolean isUnderCommand(int ordinal) {
    return ordinal < underCommand.length && underCommand[ordinal];
  }

  public boolean isExcluded(int ordinal) {
    return ordinal < excluded.length && excluded[ordinal];
  }

  public long commandsSent() {
    return commandsSent;
  }
}
