package org.openvpp.dispatch;

import java.time.Duration;
import java.time.Instant;
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
 * zero, and exclusions are forgotten. A dispatcher built with a release spread lets the devices go
 * in cohorts over it instead, so the rebound of their own recovery is spread too.
 *
 * <p>Output: a step writes its commands into a reusable {@link Setpoints} batch (ordinals and kW,
 * one issue time and expiry for the batch), so that a fleet-wide step makes no object per device;
 * the {@code List<Command>} form of {@link #step(Instant, Power, int[], Duration)} wraps it for
 * small groups and tests. Both give the same commands. A step is a few passes over primitive
 * arrays: one that measures and judges each device and works out its cap and weight for a request
 * of the target's sign (again, in a second pass, in the rare step where the corrected request has
 * the other sign or a device was left out after it had been offered); the water-filling rounds,
 * each over the devices not yet full; and one that sets the commands. Times are turned into
 * milliseconds once per step.
 *
 * <p>Customer reserves under lag: a command reaches a device only after the command latency, and
 * its twin is as old as the telemetry delay, so between what the twin says and when a new command
 * lands the device goes on with whatever it was last told, or on its own. The dispatcher keeps, per
 * device, the last lag + 1 setpoints it sent (a small ring), and counts the fastest of those that
 * may be in flight or in force, the reported power, and, when no command of ours will be in force
 * until the next lands, full discharge (a battery covering its home's load), before it offers the
 * device a share or lets it hold near its reserve. Near the reserve a device is topped up instead
 * of being told to hold, give, or take less than its standby loss.
 *
 * <p>A {@link Policy} can spread the release over cohorts and rotate calls over the group (see
 * there); the default does neither.
 *
 * <p>Threads: confined to the control loop's thread, like the twin store it reads.
 */
public final class Dispatcher {

  private static final double EMPTY_KWH = 1e-3;

  /** A new setpoint is sent only when it moves by more than this; the loop absorbs the rest. */
  private static final double CHANGE_KW = 0.1;

  /** A target that moves by more than this share starts a new settling period. */
  private static final double TARGET_STEP = 0.05;

  /** Water-filling rounds at most; a round that fills no device meets the request. */
  private static final int ROUNDS = 8;

  private final TwinStore twins;
  private final Duration ttl;
  private final long halfTtlMillis;
  private final long responseMillis;
  private final double stepHours;
  private final long lagSteps;
  private final long lagMillis;

  /** Commands remembered per device: every one that may still be in flight, and the one before. */
  private final int slots;

  private final int strikesToExclude;
  private final double gain;

  private double[] commandedKw = new double[0];
  private long[] commandedAtMillis = new long[0];
  private long[] dispatchedSinceMillis = new long[0];
  private long[] changedAtMillis = new long[0];
  private int[] strikes = new int[0];
  private boolean[] excluded = new boolean[0];
  private final CommandNumbers numbers;
  private double integralKw;
  private double lastTargetKw;
  private long targetSinceMillis = Long.MIN_VALUE;
  private int excludedCount;
  private long commandsSent;
  private final long releaseSpreadMillis;
  private final int cohorts;
  private final double rotateBelow;

  /** Energy each device has given or taken under command, kWh: the key of rotation. */
  private double[] throughputKwh = new double[0];

  /** Whether each device is called in the current block (rotation). */
  private boolean[] called = new boolean[0];

  private double lastSign;
  private int turn;

  /** When the group's current release began; {@code Long.MIN_VALUE} while it is dispatched. */
  private long releaseSinceMillis = Long.MIN_VALUE;

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
    this(twins, step, ttl, responseTime, lag, strikesToExclude, gain, Policy.DEFAULT);
  }

  /**
   * How a dispatcher shares calls among its devices.
   *
   * @param releaseSpread how long a release takes: when the target returns to zero, the devices are
   *     let go in even cohorts over it (one cohort a step), each keeping its setpoint until its
   *     turn, so the group's power ramps back instead of stepping and the devices' own recovery
   *     (recharging, an air conditioner catching up) does not make a new peak all at once; zero
   *     lets every device go at once. A device near its reserve is topped up at once, whatever its
   *     turn.
   * @param rotateBelow when the request is below this share of what the group offers, only a subset
   *     is called: the devices already called in this block, and, when they are not enough (with a
   *     quarter to spare), those that have given or taken the least energy under command so far,
   *     ties broken by a turn that moves on with each block; so calls and wear rotate over the
   *     group. A block ends when the group is released or the request changes sign. Zero calls
   *     every device every time (in proportion, as without rotation); must be in [0, 1].
   */
  public record Policy(Duration releaseSpread, double rotateBelow) {
    /** Every device at once, every device called. */
    public static final Policy DEFAULT = new Policy(Duration.ZERO, 0);

    public Policy {
      Objects.requireNonNull(releaseSpread, "releaseSpread");
      if (releaseSpread.isNegative()) {
        throw new IllegalArgumentException(
            "releaseSpread must not be negative, was " + releaseSpread);
      }
      if (!(rotateBelow >= 0 && rotateBelow <= 1)) {
        throw new IllegalArgumentException("rotateBelow must be in [0, 1], was " + rotateBelow);
      }
    }
  }

  /**
   * A dispatcher that releases its group in a staggered way and rotates its calls, as {@code
   * policy} says.
   */
  public Dispatcher(
      TwinStore twins,
      Duration step,
      Duration ttl,
      Duration responseTime,
      Duration lag,
      int strikesToExclude,
      double gain,
      Policy policy) {
    this(twins, step, ttl, responseTime, lag, strikesToExclude, gain, policy, new CommandNumbers());
  }

  /**
   * As {@link #Dispatcher(TwinStore, Duration, Duration, Duration, Duration, int, double, Policy)},
   * numbering its commands from {@code numbers}, which other dispatchers of the same loop share.
   */
  public Dispatcher(
      TwinStore twins,
      Duration step,
      Duration ttl,
      Duration responseTime,
      Duration lag,
      int strikesToExclude,
      double gain,
      Policy policy,
      CommandNumbers numbers) {
    this.numbers = Objects.requireNonNull(numbers, "numbers");
    this.twins = Objects.requireNonNull(twins, "twins");
    Objects.requireNonNull(step, "step");
    this.ttl = Objects.requireNonNull(ttl, "ttl");
    this.responseMillis = Objects.requireNonNull(responseTime, "responseTime").toMillis();
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
    this.lagMillis = lagSteps * step.toMillis();
    if (lagSteps > MAX_LAG_STEPS) {
      throw new IllegalArgumentException(
          "lag "
              + lag
              + " spans "
              + lagSteps
              + " steps of "
              + step
              + "; at most "
              + MAX_LAG_STEPS
              + " are supported: use a longer step");
    }
    this.slots = (int) (lagSteps + 1);
    this.halfTtlMillis = ttl.toMillis() / 2;
    this.stepHours = Durations.hours(step);
    this.releaseSpreadMillis = policy.releaseSpread().toMillis();
    this.cohorts = (int) Math.max(1, policy.releaseSpread().toMillis() / step.toMillis());
    this.rotateBelow = policy.rotateBelow();
  }

  /**
   * Defaults for devices that act within a step and report at once: 5-step TTL, 2 steps to respond,
   * 1 step of lag, 3 strikes, gain 0.5.
   */
  public static Dispatcher withDefaults(TwinStore twins, Duration step) {
    return new Dispatcher(twins, step, step.multipliedBy(5), step.multipliedBy(2), step, 3, 0.5);
  }

  /**
   * One control step, as {@link Command}s: {@link #step(Instant, Power, int[], Duration,
   * Setpoints)} with one object per command made from the batch. Convenient for small groups; a
   * fleet-wide sender should take the batch instead.
   *
   * @param now the current time
   * @param target the group's target power, load convention
   * @param members ordinals of the group's devices
   * @param blockLeft time left until the target next changes (for example the rest of an event),
   *     over which devices should be able to sustain their share
   * @return the commands to send now, in the batch's order
   */
  public List<Command> step(Instant now, Power target, int[] members, Duration blockLeft) {
    step(now, target, members, blockLeft, batch);
    return batch.commands(twins);
  }

  /**
   * A step that holds the group idle: every member the VPP may command is told zero and kept at
   * zero (the command refreshed before it expires), instead of being released to run on its own.
   * For the hours before an event, when a battery left to itself would spend on its home's load the
   * energy the event needs. A member opted out, or caught not following commands, is released as at
   * a zero target. Near its reserve a member is topped up, as ever.
   *
   * @return the commands to send now
   */
  public List<Command> hold(Instant now, int[] members) {
    ensureCapacity(twins.size());
    long nowMs = now.toEpochMilli();
    batch.reset(nowMs, now.plus(ttl).toEpochMilli(), numbers.peekNext());
    batch.ensureCapacity(members.length);
    integralKw = 0;
    lastTargetKw = 0;
    releaseSinceMillis = Long.MIN_VALUE;
    for (int d : members) {
      if (twins.isOptedOut(d) || excluded[d]) {
        if (commandedKw[d] != 0) {
          command(nowMs, d, 0, batch, false);
        }
        continue;
      }
      command(nowMs, d, 0, batch, true);
    }
    return batch.commands(twins);
  }

  /**
   * One control step, into a primitive batch: no object per device.
   *
   * @param now the current time
   * @param target the group's target power, load convention
   * @param members ordinals of the group's devices
   * @param blockLeft time left until the target next changes (for example the rest of an event),
   *     over which devices should be able to sustain their share
   * @param out where the commands to send now go; emptied first, issued at {@code now} and expiring
   *     a TTL later
   * @return the number of commands, {@code out.size()}
   */
  public int step(Instant now, Power target, int[] members, Duration blockLeft, Setpoints out) {
    ensureCapacity(twins.size());
    long nowMs = now.toEpochMilli();
    out.reset(nowMs, now.plus(ttl).toEpochMilli(), numbers.peekNext());
    out.ensureCapacity(members.length);
    double targetKw = target.kilowatts();
    if (Math.abs(targetKw) < 1e-9) {
      release(nowMs, members, out);
      return out.size();
    }
    releaseSinceMillis = Long.MIN_VALUE;
    int n = members.length;
    growScratch(n);
    double hoursLeft = Math.max(stepHours, Durations.hours(blockLeft));
    // One pass measures and judges each device and, while its twin is at hand, works out its cap
    // and weight for a request of the target's sign: the request's sign is known only after the
    // pass, but is nearly always the target's.
    double guess = Math.signum(targetKw);
    int excludedBefore = excludedCount;
    double measured = 0;
    double limit = 0;
    int offered = 0;
    double total = 0;
    for (int i = 0; i < n; i++) {
      int d = members[i];
      // Devices their customers opted out are neither counted nor commanded.
      boolean online = twins.isOnline(d, nowMs) && !twins.isOptedOut(d);
      if (online) {
        measured += twins.powerKw(d);
        limit += targetKw < 0 ? twins.maxDischargeKw(d) : twins.maxChargeKw(d);
      }
      judge(d, nowMs);
      wear(d, nowMs);
      share[i] = 0;
      if (online && !excluded[d]) {
        double w = offer(offered, i, d, guess, hoursLeft, nowMs);
        total += w;
        offered += w > 0 ? 1 : 0;
      }
    }
    if (Math.abs(targetKw - lastTargetKw) > TARGET_STEP * Math.abs(lastTargetKw)) {
      targetSinceMillis = nowMs;
    }
    lastTargetKw = targetKw;
    // Correct only once the devices have had time to follow the target: before that, the error is
    // the latency of the commands in flight, and integrating it would overshoot.
    if (nowMs - targetSinceMillis >= responseMillis) {
      integralKw = Math.clamp(integralKw + gain * (targetKw - measured), -limit, limit);
    }
    double request = targetKw + integralKw;
    double sign = Math.signum(request);
    if (sign != guess || excludedCount != excludedBefore) {
      // The guess was wrong, or a device was left out during the pass (had it been listed twice,
      // its earlier place was offered a share): offer again, as if the pass had come first.
      offered = 0;
      total = 0;
      for (int i = 0; i < n; i++) {
        int d = members[i];
        if (!excluded[d] && twins.isOnline(d, nowMs) && !twins.isOptedOut(d)) {
          double w = offer(offered, i, d, sign, hoursLeft, nowMs);
          total += w;
          offered += w > 0 ? 1 : 0;
        }
      }
    }
    if (rotateBelow > 0) {
      if (sign != lastSign) {
        newBlock();
      }
      lastSign = sign;
      offered = rotate(Math.abs(request), offered, members);
      total = 0;
      for (int j = 0; j < offered; j++) {
        total += weight[j];
      }
    }
    fill(Math.abs(request), offered, total);
    double[] share = this.share;
    for (int i = 0; i < n; i++) {
      command(nowMs, members[i], share[i] * sign, out);
    }
    return out.size();
  }

  private void judge(int d, long nowMs) {
    double set = commandedKw[d];
    // A device is judged only against a setpoint it has had time to reach and report.
    // Nor once that setpoint has expired: the device then runs on its own.
    if (excluded[d]
        || set == 0
        || !inForce(d, nowMs)
        || nowMs - dispatchedSinceMillis[d] < responseMillis
        || nowMs - changedAtMillis[d] < responseMillis) {
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

  private void growScratch(int n) {
    // Scratch reused from step to step: a fleet-wide allocation must not make garbage per device.
    if (share.length < n) {
      share = new double[n];
      cap = new double[n];
      weight = new double[n];
      given = new double[n];
      open = new int[n];
    }
  }

  /**
   * Offers member {@code i} (device {@code d}, online, not opted out, not left out) a share of a
   * request of sign {@code sign}: when it can take some, puts its cap and weight at packed position
   * {@code j} and returns its weight; else returns 0.
   */
  private double offer(int j, int i, int d, double sign, double hoursLeft, long nowMs) {
    boolean discharge = sign < 0;
    double energy = discharge ? twins.dischargeableKwh(d) : twins.chargeableKwh(d);
    double power = discharge ? twins.maxDischargeKw(d) : twins.maxChargeKw(d);
    if (energy <= EMPTY_KWH || power <= 0) {
      return 0;
    }
    double w = Math.min(power, energy / hoursLeft);
    if (w > 0) {
      cap[j] = Math.min(power, holdableKw(d, sign, energy, nowMs));
      weight[j] = w;
      given[j] = 0;
      open[j] = i;
    }
    return w;
  }

  /**
   * The most device {@code d} may be asked in direction {@code sign} with {@code energy} kWh left
   * that way: until the twins catch up (command latency plus telemetry delay) the device goes on as
   * {@link #worstRate} says or at its reported power, whichever uses more; after that it must be
   * able to hold the new setpoint for two steps, so that lag never carries it past its limit.
   */
  private double holdableKw(int d, double sign, double energy, long nowMs) {
    double going = Math.max(worstRate(d, sign, nowMs), sign * twins.powerKw(d));
    double lagKwh = Math.max(0, going) * stepHours * lagSteps;
    return Math.max(0, energy - lagKwh) / (2 * stepHours);
  }

  /** Whether the last command sent to device {@code d} still holds at {@code nowMs}. */
  private boolean inForce(int d, long nowMs) {
    return nowMs < commandedAtMillis[d] + 2 * halfTtlMillis;
  }

  /** Counts a step of device {@code d}'s setpoint in force towards its wear (rotation's key). */
  private void wear(int d, long nowMs) {
    if (inForce(d, nowMs)) {
      throughputKwh[d] += Math.abs(commandedKw[d]) * stepHours;
    }
  }

  /**
   * Water-filling of {@code requestKw} (a magnitude) over the {@code m} offered devices packed in
   * member order, whose weights sum to {@code total}: each gets {@code min(cap, λ × weight)},
   * {@code λ} raised in rounds until the request is met or every device is full (at most {@link
   * #ROUNDS} rounds). A round runs only over the devices not yet full, and sums the next round's
   * total weight as it goes. Leaves each member's share, a magnitude, in {@code share} by position.
   */
  private void fill(double requestKw, int m, double total) {
    double[] share = this.share;
    double[] cap = this.cap;
    double[] weight = this.weight;
    double[] given = this.given;
    int[] open = this.open;
    double remaining = requestKw;
    for (int round = 0; round < ROUNDS && remaining > 1e-9; round++) {
      if (total <= 0) {
        break;
      }
      double handed = 0;
      double nextTotal = 0;
      int k = 0;
      for (int j = 0; j < m; j++) {
        double had = given[j];
        double got = Math.min(had + remaining * weight[j] / total, cap[j]);
        handed += got - had;
        if (got >= cap[j] - 1e-12) {
          share[open[j]] = got;
        } else {
          given[k] = got;
          cap[k] = cap[j];
          weight[k] = weight[j];
          open[k] = open[j];
          nextTotal += weight[j];
          k++;
        }
      }
      m = k;
      remaining -= handed;
      total = nextTotal;
    }
    for (int j = 0; j < m; j++) {
      share[open[j]] = given[j];
    }
  }

  private void command(long nowMs, int d, double setKw, Setpoints out) {
    command(nowMs, d, setKw, out, false);
  }

  /**
   * @param keep whether a zero is a hold, refreshed before it expires like any setpoint (else a
   *     zero is a release, sent once)
   */
  private void command(long nowMs, int d, double setKw, Setpoints out, boolean keep) {
    // A battery held at its reserve would drift below it by its own standby loss while it obeys a
    // hold, a release (in force until it expires) or a charge too small to cover that loss: within
    // RESERVE_GUARD_KWH of its reserve it is topped up instead. Not one its customer has opted out
    // (or whose consent is gone): it gets its release and nothing else, even if that zero lets
    // standby take it a fraction of a watt-hour below the reserve before it expires; a release
    // that ends a command at once needs the protocol to say so.
    if (setKw < TOP_UP_KW && nearReserve(d, nowMs) && !twins.isOptedOut(d)) {
      setKw = Math.min(TOP_UP_KW, twins.maxChargeKw(d));
    }
    double was = commandedKw[d];
    // Near its energy limit a device gets every change, so a stale setpoint cannot carry it past.
    boolean nearLimit =
        Math.abs(was) * stepHours * 4
            > (was < 0 ? twins.dischargeableKwh(d) : twins.chargeableKwh(d));
    double threshold = nearLimit ? 0.005 : CHANGE_KW;
    // Going back to zero is always sent, however small the setpoint was: otherwise the book would
    // say the device holds a setpoint it stopped obeying when that command expired.
    boolean changed = Math.abs(setKw - was) > threshold || (setKw == 0 && was != 0);
    boolean refresh = (setKw != 0 || keep) && nowMs - commandedAtMillis[d] >= halfTtlMillis;
    if (!changed && !refresh) {
      return;
    }
    if (was == 0 && setKw != 0) {
      dispatchedSinceMillis[d] = nowMs;
    }
    if (changed) {
      changedAtMillis[d] = nowMs;
      commandedKw[d] = setKw;
    }
    commandedAtMillis[d] = nowMs;
    int slot = d * slots + sentNext[d];
    sentKw[slot] = (float) commandedKw[d];
    sentAtMillis[slot] = nowMs;
    sentNext[d] = (byte) ((sentNext[d] + 1) % slots);
    out.add(d, commandedKw[d]);
    numbers.take();
    commandsSent++;
  }

  private void release(long nowMs, int[] members, Setpoints out) {
    integralKw = 0;
    lastTargetKw = 0;
    if (releaseSinceMillis == Long.MIN_VALUE) {
      releaseSinceMillis = nowMs;
      if (rotateBelow > 0) {
        newBlock();
      }
    }
    long into = nowMs - releaseSinceMillis;
    for (int i = 0; i < members.length; i++) {
      int d = members[i];
      wear(d, nowMs);
      strikes[d] = 0;
      if (excluded[d]) {
        excluded[d] = false;
        excludedCount--;
      }
      // Member i's cohort is its place in the group, so each cohort is an even share of it.
      long turn = releaseSpreadMillis * (long) (i % cohorts) / cohorts;
      if (into < turn && commandedKw[d] != 0 && !twins.isOptedOut(d)) {
        // Not yet its turn: it keeps its setpoint (refreshed before it expires), as far as its
        // energy lets it hold that for two steps after the lag, as when it was offered a share.
        double set = commandedKw[d];
        double sign = Math.signum(set);
        double energy = sign < 0 ? twins.dischargeableKwh(d) : twins.chargeableKwh(d);
        command(nowMs, d, sign * Math.min(Math.abs(set), holdableKw(d, sign, energy, nowMs)), out);
        continue;
      }
      if (commandedKw[d] != 0
          || (inForce(d, nowMs) && nearReserve(d, nowMs) && !twins.isOptedOut(d))) {
        command(nowMs, d, 0, out);
      }
    }
  }

  private static final double RESERVE_GUARD_KWH = 0.05;
  private static final double TOP_UP_KW = 0.3;

  /**
   * Whether device {@code d} may be within {@link #RESERVE_GUARD_KWH} of its reserve by the time a
   * command sent now reaches it: its reported energy, less what it uses over the lag at the rate it
   * reported or was last told, whichever drains it faster. A battery that reported 4.13 kWh while
   * giving 3.3 kW, above a reserve of 4.05 kWh, is at its reserve two minutes later; a hold sent
   * then would let standby loss take it below.
   */
  private boolean nearReserve(int d, long nowMs) {
    double reserve = twins.reserveKwh(d);
    if (reserve <= 0) {
      return false;
    }
    double giving = Math.max(0, Math.max(worstRate(d, -1, nowMs), -twins.powerKw(d)));
    double drain = giving / twins.efficiency(d) * stepHours * lagSteps;
    return twins.storedKwh(d) - drain < reserve + RESERVE_GUARD_KWH;
  }

  private final Setpoints batch = new Setpoints();
  private float[] sentKw = new float[0];
  private long[] sentAtMillis = new long[0];
  private byte[] sentNext = new byte[0];
  private double[] share = new double[0];
  private double[] cap = new double[0];
  private double[] weight = new double[0];
  private double[] given = new double[0];
  private int[] open = new int[0];

  /**
   * How fast device {@code d} may be moving in direction {@code sign} (+1 charge, -1 discharge)
   * until a command sent now reaches it, in kW: the largest of {@code sign ×} setpoint over every
   * command sent to it that may not have reached it yet (sent within the lag) and the last one sent
   * before those, which it is following unless that one has expired. Where no command of ours is in
   * force it runs on its own (covering its home's load, say) until the next one lands, and its
   * report is as old as the lag: then it may be giving its full power. {@code -∞} when nothing
   * moves it that way.
   *
   * <p>The last setpoint alone is not enough when the lag spans several steps: a discharge sent one
   * step and a top-up the next are both on their way, and the discharge lands after the top-up has
   * been counted.
   */
  private double worstRate(int d, double sign, long nowMs) {
    double most = Double.NEGATIVE_INFINITY;
    long settled = Long.MIN_VALUE;
    double settledKw = 0;
    int base = d * slots;
    for (int k = 0; k < slots; k++) {
      long at = sentAtMillis[base + k];
      if (at == 0) {
        continue;
      }
      if (nowMs - at < lagMillis) {
        most = Math.max(most, sign * sentKw[base + k]);
      } else if (at > settled) {
        settled = at;
        settledKw = sentKw[base + k];
      }
    }
    // The one it follows must hold until a command sent now lands, or it runs on its own between.
    if (settled != Long.MIN_VALUE && nowMs + lagMillis <= settled + 2 * halfTtlMillis) {
      most = Math.max(most, sign * settledKw);
    } else if (sign < 0) {
      most = Math.max(most, twins.maxDischargeKw(d));
    }
    return most;
  }

  /** A new block of calls: nobody is called yet, and ties go another way. */
  private void newBlock() {
    // Every device, not only today's members: one that leaves the group and comes back must not
    // bring an old call with it.
    Arrays.fill(called, false);
    lastSign = 0;
    turn++;
  }

  private static final double ROTATION_SPARE = 0.25;

  /** The ring of commands per device holds one more than this (its byte index, and memory). */
  private static final long MAX_LAG_STEPS = 60;

  private static final int BUCKETS = 256;
  private final double[] bucketKw = new double[BUCKETS];

  /**
   * Rotation: narrows the {@code m} offered devices (packed in {@link #cap}, {@link #weight},
   * {@link #open}) to those called for a request of {@code requestKw}, calling more when what the
   * called ones can sustain to the end of the block (their weights) does not cover it with {@link
   * #ROTATION_SPARE} to spare, and returns how many are left packed. When the request is at least
   * {@code rotateBelow} of what all can sustain, every one is called.
   *
   * <p>The devices to call are picked in one pass by a histogram of their key (energy under command
   * so far, plus a tie-breaker below a watt-hour that changes with each block) over {@link
   * #BUCKETS} buckets: every device in the buckets up to the one that covers the shortfall, so the
   * pick may overshoot by a bucket's worth. No sort, so a million devices cost a few passes.
   */
  private int rotate(double requestKw, int m, int[] members) {
    double all = 0;
    double have = 0;
    for (int j = 0; j < m; j++) {
      // What a device can give is the less of what it can sustain and its cap after the lag.
      double can = Math.min(weight[j], cap[j]);
      all += can;
      have += called[members[open[j]]] ? can : 0;
    }
    if (requestKw >= rotateBelow * all) {
      for (int j = 0; j < m; j++) {
        called[members[open[j]]] = true;
      }
      return m;
    }
    double wanted = requestKw * (1 + ROTATION_SPARE);
    if (have < wanted) {
      callMore(wanted - have, m, members);
    }
    int k = 0;
    for (int j = 0; j < m; j++) {
      if (called[members[open[j]]]) {
        cap[k] = cap[j];
        weight[k] = weight[j];
        given[k] = given[j];
        open[k] = open[j];
        k++;
      }
    }
    return k;
  }

  /**
   * Calls uncalled offered devices, lowest key first, until their weights reach {@code needKw}: a
   * histogram of keys picks every bucket below the one where the weights reach it; that bucket is
   * split again by a finer histogram of its own range, up to four levels, so that a crowd of equal
   * keys (every device never called yet) is not called whole.
   */
  private void callMore(double needKw, int m, int[] members) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < m; j++) {
      int d = members[open[j]];
      if (!called[d]) {
        double key = key(d);
        lo = Math.min(lo, key);
        hi = Math.max(hi, key);
      }
    }
    for (int level = 0; level < 4 && needKw > 0 && lo <= hi; level++) {
      Arrays.fill(bucketKw, 0);
      double width = Math.max(hi - lo, 1e-12) / BUCKETS;
      for (int j = 0; j < m; j++) {
        int d = members[open[j]];
        double key = key(d);
        if (!called[d] && key >= lo && key <= hi) {
          bucketKw[bucket(key, lo, width)] += Math.min(weight[j], cap[j]);
        }
      }
      int last = BUCKETS - 1;
      double below = 0;
      for (int b = 0; b < BUCKETS; b++) {
        if (below + bucketKw[b] >= needKw) {
          last = b;
          break;
        }
        below += bucketKw[b];
      }
      // Everything below the bucket that reaches the need is called; that bucket is called whole
      // only at the last level or when it is small, and split further otherwise.
      boolean whole = level == 3 || bucketKw[last] <= 0.5 * needKw + 1e-9;
      for (int j = 0; j < m; j++) {
        int d = members[open[j]];
        double key = key(d);
        if (!called[d] && key >= lo && key <= hi) {
          int b = bucket(key, lo, width);
          if (b < last || (whole && b == last)) {
            called[d] = true;
          }
        }
      }
      needKw -= below + (whole ? bucketKw[last] : 0);
      double from = lo + last * width;
      hi = last == BUCKETS - 1 ? hi : from + width;
      lo = from;
      if (whole) {
        break;
      }
    }
  }

  private static int bucket(double key, double lo, double width) {
    return Math.min(BUCKETS - 1, (int) ((key - lo) / width));
  }

  /** Rotation's key: energy under command so far, ties broken by a turn that moves each block. */
  private double key(int d) {
    int mix = (d * 0x9E3779B1 + turn * 0x85EBCA6B) >>> 8;
    return throughputKwh[d] + 1e-3 * mix / (1 << 24);
  }

  private void ensureCapacity(int n) {
    if (n <= commandedKw.length) {
      return;
    }
    throughputKwh = Arrays.copyOf(throughputKwh, n);
    called = Arrays.copyOf(called, n);
    sentKw = Arrays.copyOf(sentKw, n * slots);
    sentAtMillis = Arrays.copyOf(sentAtMillis, n * slots);
    sentNext = Arrays.copyOf(sentNext, n);
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
