package org.openvpp.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.openvpp.twin.TwinStore;
import org.openvpp.units.Durations;
import org.openvpp.units.Power;

/**
 * Closed-loop dispatch of one group of storage devices to a power target.
 *
 * <p>Each control step ({@link #step}):
 *
 * <ol>
 *   <li><b>Measure</b> the group's power from the twins.
 *   <li><b>Judge</b> each device whose setpoint has stood for at least {@code responseTime}: one
 *       far from it (and not for lack of energy) gets a strike; after {@code strikesToExclude}
 *       strikes in a row it is left out of allocation until the group is released, so its share
 *       goes to others, and the integral term restarts.
 *   <li><b>Correct</b>: an integral term adds {@code gain ×} the error (target − measured) to what
 *       is asked of the devices, bounded by the group's power, so the group meets its target
 *       despite devices that under-deliver. It integrates only once {@code responseTime} has passed
 *       since the target last moved, so command latency is not mistaken for error.
 *   <li><b>Allocate</b> the request over eligible devices (online, responsive, with energy left) in
 *       proportion to the power each can sustain until the end of the block ({@code min(max power,
 *       energy / hours left)}), never above what it could hold for two steps before reaching its
 *       reserve after the command in flight has run its step; what one device cannot take is spread
 *       over the others (water-filling).
 *   <li><b>Command</b> only devices whose setpoint moved by more than 0.1 kW (any move, near an
 *       energy limit), or whose command is half-way to expiry.
 * </ol>
 *
 * <p>When the target returns to zero the group is released: every device with a setpoint is told
 * zero, and exclusions are forgotten.
 *
 * <p>Threads: confined to the control loop's thread, like the twin store it reads.
 */
public final class Dispatcher {

  private static final double EMPTY_KWH = 1e-3;

  /** A new setpoint is sent only when it moves by more than this; the loop absorbs the rest. */
  private static final double CHANGE_KW = 0.1;

  /** A target that moves by more than this share starts a new settling period. */
  private static final double TARGET_STEP = 0.05;

  private final TwinStore twins;
  private final Duration step;
  private final Duration ttl;
  private final Duration responseTime;
  private final long lagSteps;
  private final int strikesToExclude;
  private final double gain;

  private double[] commandedKw = new double[0];
  private long[] commandedAtMillis = new long[0];
  private long[] dispatchedSinceMillis = new long[0];
  private long[] changedAtMillis = new long[0];
  private int[] strikes = new int[0];
  private boolean[] excluded = new boolean[0];
  private long sequence;
  private double integralKw;
  private double lastTargetKw;
  private long targetSinceMillis = Long.MIN_VALUE;
  private int excludedCount;
  private long commandsSent;

  /**
   * @param twins the twins of the devices dispatched
   * @param step the control period
   * @param ttl how long a command holds
   * @param responseTime how long a device may take to reach its setpoint and report it
   * @param lag how far behind the device the twins may be: command latency plus telemetry delay;
   *     energy a device may use in that time is kept back from what it is asked
   * @param strikesToExclude misses in a row before a device is left out
   * @param gain integral gain per step, in (0, 1]
   */
  public Dispatcher(
      TwinStore twins,
      Duration step,
      Duration ttl,
      Duration responseTime,
      Duration lag,
      int strikesToExclude,
      double gain) {
    this.twins = Objects.requireNonNull(twins, "twins");
    this.step = Objects.requireNonNull(step, "step");
    this.ttl = Objects.requireNonNull(ttl, "ttl");
    this.responseTime = Objects.requireNonNull(responseTime, "responseTime");
    if (ttl.compareTo(step) <= 0) {
      throw new IllegalArgumentException("ttl " + ttl + " must be longer than the step " + step);
    }
    if (strikesToExclude < 1) {
      throw new IllegalArgumentException("strikesToExclude must be >= 1, was " + strikesToExclude);
    }
    if (!(gain > 0 && gain <= 1)) {
      throw new IllegalArgumentException("gain must be in (0, 1], was " + gain);
    }
    this.strikesToExclude = strikesToExclude;
    this.gain = gain;
    this.lagSteps = Math.max(1, (lag.toMillis() + step.toMillis() - 1) / step.toMillis());
  }

  /**
   * Defaults for devices that act within a step and report at once: 5-step TTL, 2 steps to respond,
   * 1 step of lag, 3 strikes, gain 0.5.
   */
  public static Dispatcher withDefaults(TwinStore twins, Duration step) {
    return new Dispatcher(twins, step, step.multipliedBy(5), step.multipliedBy(2), step, 3, 0.5);
  }

  /**
   * One control step.
   *
   * @param now the current time
   * @param target the group's target power, load convention
   * @param members ordinals of the group's devices
   * @param blockLeft time left until the target next changes (for example the rest of an event),
   *     over which devices should be able to sustain their share
   * @return the commands to send now
   */
  public List<Command> step(Instant now, Power target, int[] members, Duration blockLeft) {
    ensureCapacity(twins.size());
    double targetKw = target.kilowatts();
    List<Command> out = new ArrayList<>();
    if (Math.abs(targetKw) < 1e-9) {
      release(now, members, out);
      return out;
    }
    double measured = 0;
    double limit = 0;
    for (int d : members) {
      // Devices their customers opted out are neither counted nor commanded.
      if (twins.isOnline(d, now) && !twins.isOptedOut(d)) {
        measured += twins.powerKw(d);
        limit += targetKw < 0 ? twins.maxDischargeKw(d) : twins.maxChargeKw(d);
      }
      judge(d, now);
    }
    long nowMs = now.toEpochMilli();
    if (Math.abs(targetKw - lastTargetKw) > TARGET_STEP * Math.abs(lastTargetKw)) {
      targetSinceMillis = nowMs;
    }
    lastTargetKw = targetKw;
    // Correct only once the devices have had time to follow the target: before that, the error is
    // the latency of the commands in flight, and integrating it would overshoot.
    if (nowMs - targetSinceMillis >= responseTime.toMillis()) {
      integralKw = Math.clamp(integralKw + gain * (targetKw - measured), -limit, limit);
    }
    double request = targetKw + integralKw;
    double[] share = allocate(now, request, members, blockLeft);
    Instant expires = now.plus(ttl);
    for (int i = 0; i < members.length; i++) {
      command(now, expires, members[i], share[i], out);
    }
    return out;
  }

  private void judge(int d, Instant now) {
    double set = commandedKw[d];
    long nowMs = now.toEpochMilli();
    // A device is judged only against a setpoint it has had time to reach and report.
    if (excluded[d]
        || set == 0
        || nowMs - dispatchedSinceMillis[d] < responseTime.toMillis()
        || nowMs - changedAtMillis[d] < responseTime.toMillis()) {
      return;
    }
    double miss = Math.abs(twins.powerKw(d) - set);
    boolean limitedByEnergy =
        set < 0 ? twins.dischargeableKwh(d) <= EMPTY_KWH : twins.chargeableKwh(d) <= EMPTY_KWH;
    if (miss > Math.max(0.2, 0.5 * Math.abs(set)) && !limitedByEnergy) {
      if (++strikes[d] >= strikesToExclude) {
        excluded[d] = true;
        excludedCount++;
        // The integral was making up for this device; its share now goes to others instead.
        integralKw = 0;
      }
    } else {
      strikes[d] = 0;
    }
  }

  private double[] allocate(Instant now, double requestKw, int[] members, Duration blockLeft) {
    int n = members.length;
    // Scratch reused from step to step: a fleet-wide allocation must not make garbage per device.
    if (share.length < n) {
      share = new double[n];
      cap = new double[n];
      weight = new double[n];
      full = new boolean[n];
    }
    double[] share = this.share;
    double[] cap = this.cap;
    double[] weight = this.weight;
    boolean[] full = this.full;
    Arrays.fill(share, 0, n, 0);
    Arrays.fill(cap, 0, n, 0);
    Arrays.fill(weight, 0, n, 0);
    Arrays.fill(full, 0, n, false);
    double sign = Math.signum(requestKw);
    double stepHours = Durations.hours(step);
    double hoursLeft = Math.max(stepHours, Durations.hours(blockLeft));
    for (int i = 0; i < n; i++) {
      int d = members[i];
      if (excluded[d] || !twins.isOnline(d, now) || twins.isOptedOut(d)) {
        continue;
      }
      double energy = sign < 0 ? twins.dischargeableKwh(d) : twins.chargeableKwh(d);
      double power = sign < 0 ? twins.maxDischargeKw(d) : twins.maxChargeKw(d);
      if (energy <= EMPTY_KWH || power <= 0) {
        continue;
      }
      // Until the twins catch up (command latency plus telemetry delay), the device goes on at
      // its last setpoint or its reported power, whichever uses more; after that it must be able
      // to hold its new share for two steps, so that lag never carries it past its reserve.
      double going = Math.max(sign * commandedKw[d], sign * twins.powerKw(d));
      double inFlight = Math.max(0, going) * stepHours * lagSteps;
      cap[i] = Math.min(power, Math.max(0, energy - inFlight) / (2 * stepHours));
      weight[i] = Math.min(power, energy / hoursLeft);
    }
    double remaining = Math.abs(requestKw);
    for (int round = 0; round < 8 && remaining > 1e-9; round++) {
      double total = 0;
      for (int i = 0; i < n; i++) {
        if (!full[i]) {
          total += weight[i];
        }
      }
      if (total <= 0) {
        break;
      }
      double given = 0;
      for (int i = 0; i < n; i++) {
        if (full[i] || weight[i] <= 0) {
          continue;
        }
        double want = share[i] + remaining * weight[i] / total;
        double got = Math.min(want, cap[i]);
        given += got - share[i];
        share[i] = got;
        if (got >= cap[i] - 1e-12) {
          full[i] = true;
        }
      }
      remaining -= given;
    }
    for (int i = 0; i < n; i++) {
      share[i] *= sign;
    }
    return share;
  }

  private void command(Instant now, Instant expires, int d, double setKw, List<Command> out) {
    // A battery held at its reserve would drift below it by its own standby loss while it obeys a
    // hold (or a release, in force until it expires): within RESERVE_GUARD_KWH of its reserve it
    // is topped up instead of being asked to hold or give.
    if (setKw <= 0 && nearReserve(d) && !twins.isOptedOut(d)) {
      setKw = Math.min(TOP_UP_KW, twins.maxChargeKw(d));
    }
    // Near its energy limit a device gets every change, so a stale setpoint cannot carry it past.
    boolean nearLimit =
        Math.abs(commandedKw[d]) * Durations.hours(step) * 4
            > (commandedKw[d] < 0 ? twins.dischargeableKwh(d) : twins.chargeableKwh(d));
    double threshold = nearLimit ? 0.005 : CHANGE_KW;
    boolean changed = Math.abs(setKw - commandedKw[d]) > threshold;
    boolean refresh = setKw != 0 && now.toEpochMilli() - commandedAtMillis[d] >= ttl.toMillis() / 2;
    if (!changed && !refresh) {
      return;
    }
    if (commandedKw[d] == 0 && setKw != 0) {
      dispatchedSinceMillis[d] = now.toEpochMilli();
    }
    if (changed) {
      changedAtMillis[d] = now.toEpochMilli();
    }
    commandedKw[d] = changed ? setKw : commandedKw[d];
    commandedAtMillis[d] = now.toEpochMilli();
    out.add(
        new Command(
            twins.device(d).id(), ++sequence, Power.ofKilowatts(commandedKw[d]), now, expires));
    commandsSent++;
  }

  private void release(Instant now, int[] members, List<Command> out) {
    integralKw = 0;
    lastTargetKw = 0;
    Instant expires = now.plus(ttl);
    long nowMs = now.toEpochMilli();
    for (int d : members) {
      boolean inForce = nowMs < commandedAtMillis[d] + ttl.toMillis();
      if (commandedKw[d] != 0 || (inForce && nearReserve(d))) {
        command(now, expires, d, 0, out);
      }
      strikes[d] = 0;
      if (excluded[d]) {
        excluded[d] = false;
        excludedCount--;
      }
    }
  }

  private static final double RESERVE_GUARD_KWH = 0.05;
  private static final double TOP_UP_KW = 0.3;

  private boolean nearReserve(int d) {
    return twins.reserveKwh(d) > 0 && twins.storedKwh(d) < twins.reserveKwh(d) + RESERVE_GUARD_KWH;
  }

  private double[] share = new double[0];
  private double[] cap = new double[0];
  private double[] weight = new double[0];
  private boolean[] full = new boolean[0];

  private void ensureCapacity(int n) {
    if (n <= commandedKw.length) {
      return;
    }
    commandedKw = Arrays.copyOf(commandedKw, n);
    commandedAtMillis = Arrays.copyOf(commandedAtMillis, n);
    dispatchedSinceMillis = Arrays.copyOf(dispatchedSinceMillis, n);
    changedAtMillis = Arrays.copyOf(changedAtMillis, n);
    strikes = Arrays.copyOf(strikes, n);
    excluded = Arrays.copyOf(excluded, n);
  }

  /** Devices currently left out for not following their setpoints. */
  public int excludedCount() {
    return excludedCount;
  }

  /** Whether device {@code ordinal} is left out for not following its setpoints. */
  public boolean isExcluded(int ordinal) {
    return ordinal < excluded.length && excluded[ordinal];
  }

  public long commandsSent() {
    return commandsSent;
  }
}
