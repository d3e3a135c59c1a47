package org.openvpp.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.openvpp.device.DeviceKind;
import org.openvpp.twin.TwinStore;
import org.openvpp.units.Power;

/**
 * Thermostats in a load-reduction event: holds heat pumps off while their homes stay inside their
 * customers' comfort bands, and lets each go before its home leaves the band.
 *
 * <p>A hold is a power command below the plant's power (zero): a single-stage heat pump cannot run
 * below it, so it stays off until the command expires or a release (its full power) comes. The
 * dispatcher never asks a thermostat for anything else.
 *
 * <p>Each control step ({@link #step}), for each thermostat that is online, not opted out and
 * reports its indoor temperature:
 *
 * <ul>
 *   <li><b>Drift.</b> From its last two reports it estimates how fast the home's air moves while
 *       the plant is off (a home's air warms on a summer afternoon, cools on a winter morning). It
 *       keeps back the drift over the lag (command latency and telemetry delay) plus two steps, and
 *       at least {@code margin}: that is how close to the band's edge a held home may come.
 *   <li><b>Release</b> a held home whose air is within that distance of the band's edge it drifts
 *       towards: its own thermostat takes over while the home is still inside the band. A released
 *       home is held again in the same event only once its own thermostat has brought it a degree
 *       farther from the edge and its plant rests again, so the VPP never cuts a recovery short nor
 *       starts or stops a plant itself.
 *   <li><b>Hold</b> (while the reduction asked is above zero) the homes not yet held, not released
 *       in this event, whose air is farther than that from both edges and whose plant has been seen
 *       off within the hour (one that runs without a break has no capacity to spare: held, it would
 *       fall behind for hours after); the homes with the most room first, until the number held
 *       reaches what the reduction asks: {@code reduction / mean plant power × duty}, where the
 *       duty is the share of time the group's plants were running before the hold (an unheld heat
 *       pump runs only part of the time, so holding one saves its rated power times its duty on
 *       average).
 * </ul>
 *
 * <p>When the reduction returns to zero the held homes are let go over the release spread, the
 * least room first, one even cohort per step, so the heat pumps that have waited do not all start
 * at once. Holds are refreshed before half their life so a lost command cannot end one unseen, and
 * a device that leaves the group (offline, opted out) is released at once.
 *
 * <p>Threads: confined to the control loop's thread, like the twin store it reads.
 */
public final class ThermostatDispatcher {

  /**
   * A home let go in this event is held again only once its own thermostat has brought it this much
   * farther from the band's edge, and it rests again: holds extend rests, never cut a recovery
   * short.
   */
  private static final double RECOVERED_C = 1.0;

  /** Assumed for a held home whose drift is not known (its reports have lapsed). */
  private static final double DEFAULT_DRIFT_C_PER_MIN = 0.25;

  /**
   * A heat pump that has stopped may not start again for some minutes (compressor protection), so a
   * home let go keeps drifting that long: allowed for on top of the lag.
   */
  private static final double RESTART_MINUTES = 5;

  private final TwinStore twins;
  private final Duration ttl;
  private final long halfTtlMillis;
  private final double lagMinutes;
  private final double marginC;
  private final long releaseSpreadMillis;
  private final double stepMinutes;
  private final CommandNumbers numbers;
  private final Setpoints batch = new Setpoints();

  private boolean[] held = new boolean[0];
  private boolean[] released = new boolean[0];
  private long[] refreshedAtMillis = new long[0];
  private double[] lastC = new double[0];
  private long[] lastAtMillis = new long[0];
  private double[] driftCPerMin = new double[0];
  private boolean[] lastOff = new boolean[0];
  private double[] room = new double[0];
  private int[] order = new int[0];

  private double dutyEstimate = 0.5;
  private boolean releasing;
  private long releaseSinceMillis;
  private int heldAtRelease;
  private int heldCount;
  private long commandsSent;

  /**
   * @param twins the twins of the thermostats
   * @param step the control period
   * @param ttl how long a hold lasts unless refreshed; longer than the step
   * @param lag command latency plus telemetry delay
   * @param margin the least distance from the band's edge at which a held home is let go
   * @param releaseSpread over how long the held homes are let go after the event
   * @param numbers the loop's command numbers, shared with its other dispatchers
   */
  public ThermostatDispatcher(
      TwinStore twins,
      Duration step,
      Duration ttl,
      Duration lag,
      org.openvpp.units.Temperature margin,
      Duration releaseSpread,
      CommandNumbers numbers) {
    this.twins = Objects.requireNonNull(twins, "twins");
    this.ttl = Objects.requireNonNull(ttl, "ttl");
    this.numbers = Objects.requireNonNull(numbers, "numbers");
    if (ttl.compareTo(step) <= 0) {
      throw new IllegalArgumentException("ttl " + ttl + " must be longer than the step " + step);
    }
    if (lag.isNegative() || releaseSpread.isNegative()) {
      throw new IllegalArgumentException(
          "lag and release spread must not be negative, were " + lag + ", " + releaseSpread);
    }
    this.marginC = margin.celsius();
    if (!(marginC >= 0 && marginC < 5)) {
      throw new IllegalArgumentException("margin must be in [0, 5) °C, was " + margin);
    }
    this.halfTtlMillis = ttl.toMillis() / 2;
    this.lagMinutes = lag.toMillis() / 60_000.0;
    this.stepMinutes = step.toMillis() / 60_000.0;
    this.releaseSpreadMillis = releaseSpread.toMillis();
  }

  /** One control step, as {@link Command}s. */
  public List<Command> step(Instant now, Power reduction, int[] members) {
    step(now, reduction, members, batch);
    return batch.commands(twins);
  }

  /**
   * One control step into a primitive batch.
   *
   * @param reduction how much the group's heat pumps should draw less; zero lets them go
   * @param out emptied first; the commands to send now, issued at {@code now}, expiring a TTL later
   * @return the number of commands
   */
  public int step(Instant now, Power reduction, int[] members, Setpoints out) {
    grow(twins.size());
    long nowMs = now.toEpochMilli();
    out.reset(nowMs, now.plus(ttl).toEpochMilli(), numbers.peekNext());
    out.ensureCapacity(members.length);
    double asked = Math.max(0, reduction.kilowatts());
    int candidates = 0;
    double ratedSum = 0;
    int rated = 0;
    double runningKw = 0;
    for (int d : members) {
      room[d] = Double.NaN;
      if (!eligible(d, nowMs)) {
        if (held[d]) {
          let(d, nowMs, out); // left the group: let it go at once
        }
        continue;
      }
      double air = twins.temperature(d).orElseThrow().celsius();
      trackDrift(d, air, twins.lastSeenMillis(d));
      double drift = Double.isNaN(driftCPerMin[d]) ? DEFAULT_DRIFT_C_PER_MIN : driftCPerMin[d];
      double keep = Math.max(marginC, drift * (lagMinutes + 2 * stepMinutes + RESTART_MINUTES));
      double lo = twins.comfortLow(d).celsius() + keep;
      double hi = twins.comfortHigh(d).celsius() - keep;
      double r = Math.min(hi - air, air - lo);
      room[d] = r;
      double max = twins.maxChargeKw(d);
      ratedSum += max;
      rated++;
      if (!held[d]) {
        runningKw += twins.powerKw(d);
      }
      if (held[d]) {
        if (r <= 0) {
          let(d, nowMs, out);
          released[d] = true;
        } else if (nowMs - refreshedAtMillis[d] >= halfTtlMillis) {
          send(d, 0, nowMs, out);
          refreshedAtMillis[d] = nowMs;
        }
      } else if (r > (released[d] ? RECOVERED_C : 0) && !Double.isNaN(driftCPerMin[d])) {
        order[candidates++] = d; // resting in its cycle, its drift measured: extend the rest
      }
    }
    int unheld = rated - heldCount;
    if (asked > 0 && !releasing && unheld > 0 && heldCount == 0) {
      // The group's duty before any hold: how much an unheld plant draws of its power on average.
      dutyEstimate = Math.clamp(runningKw / Math.max(1e-9, ratedSum), 0.05, 1);
    }
    if (asked > 0) {
      releasing = false;
      double perHome = rated == 0 ? 0 : ratedSum / rated * dutyEstimate;
      int want = perHome <= 0 ? 0 : (int) Math.ceil(asked / perHome);
      if (heldCount < want && candidates > 0) {
        sortByRoomDescending(candidates);
        for (int i = 0; i < candidates && heldCount < want; i++) {
          int d = order[i];
          held[d] = true;
          heldCount++;
          refreshedAtMillis[d] = nowMs;
          send(d, 0, nowMs, out);
        }
      }
    } else if (heldCount > 0 || releasing) {
      releaseStep(nowMs, members, out);
    } else {
      Arrays.fill(released, false);
    }
    return out.size();
  }

  /** Lets a cohort of the held homes go, the least room first, evenly over the spread. */
  private void releaseStep(long nowMs, int[] members, Setpoints out) {
    if (!releasing) {
      releasing = true;
      releaseSinceMillis = nowMs;
      heldAtRelease = heldCount;
    }
    double share =
        releaseSpreadMillis == 0
            ? 1
            : Math.min(1, (double) (nowMs - releaseSinceMillis + 1) / releaseSpreadMillis);
    int keep = (int) Math.floor(heldAtRelease * (1 - share));
    int k = 0;
    for (int d : members) {
      if (held[d]) {
        order[k++] = d;
        if (Double.isNaN(room[d])) {
          room[d] = Double.NEGATIVE_INFINITY;
        }
      }
    }
    sortByRoomAscending(k);
    for (int i = 0; i < k && heldCount > keep; i++) {
      let(order[i], nowMs, out);
    }
    if (heldCount == 0) {
      releasing = false;
      Arrays.fill(released, false);
    }
  }

  private boolean eligible(int d, long nowMs) {
    return twins.device(d).kind() == DeviceKind.THERMOSTAT
        && twins.isOnline(d, nowMs)
        && !twins.isOptedOut(d)
        && twins.temperature(d).isPresent();
  }

  private void trackDrift(int d, double air, long atMillis) {
    if (atMillis != lastAtMillis[d]) {
      boolean off = twins.powerKw(d) <= 1e-6;
      if (off
          && lastOff[d]
          && lastAtMillis[d] != Long.MIN_VALUE
          && atMillis > lastAtMillis[d]
          && !Double.isNaN(lastC[d])) {
        double perMin = Math.abs(air - lastC[d]) / ((atMillis - lastAtMillis[d]) / 60_000.0);
        // The slower of two rates would hide a rise that is speeding up: keep the faster.
        driftCPerMin[d] =
            Double.isNaN(driftCPerMin[d]) ? perMin : Math.max(perMin, driftCPerMin[d] * 0.5);
      } else if (!off) {
        driftCPerMin[d] = Double.NaN; // running: the next off period is measured afresh
      }
      lastOff[d] = off;
      lastC[d] = air;
      lastAtMillis[d] = atMillis;
    }
  }

  private void let(int d, long nowMs, Setpoints out) {
    send(d, twins.maxChargeKw(d), nowMs, out);
    held[d] = false;
    heldCount--;
  }

  private void send(int d, double kw, long nowMs, Setpoints out) {
    out.add(d, kw);
    numbers.take();
    commandsSent++;
    refreshedAtMillis[d] = nowMs;
  }

  // Few homes are candidates at once; an insertion sort over the candidates' room is enough and
  // makes no garbage.
  private void sortByRoomDescending(int k) {
    for (int i = 1; i < k; i++) {
      int d = order[i];
      int j = i - 1;
      while (j >= 0 && room[order[j]] < room[d]) {
        order[j + 1] = order[j];
        j--;
      }
      order[j + 1] = d;
    }
  }

  private void sortByRoomAscending(int k) {
    for (int i = 1; i < k; i++) {
      int d = order[i];
      int j = i - 1;
      while (j >= 0 && room[order[j]] > room[d]) {
        order[j + 1] = order[j];
        j--;
      }
      order[j + 1] = d;
    }
  }

  private void grow(int size) {
    if (size <= held.length) {
      return;
    }
    int n = Math.max(16, Math.max(size, held.length * 2));
    held = Arrays.copyOf(held, n);
    released = Arrays.copyOf(released, n);
    refreshedAtMillis = Arrays.copyOf(refreshedAtMillis, n);
    int from = lastC.length;
    lastC = Arrays.copyOf(lastC, n);
    Arrays.fill(lastC, from, n, Double.NaN);
    lastAtMillis = Arrays.copyOf(lastAtMillis, n);
    Arrays.fill(lastAtMillis, from, n, Long.MIN_VALUE);
    driftCPerMin = Arrays.copyOf(driftCPerMin, n);
    Arrays.fill(driftCPerMin, from, n, Double.NaN);
    lastOff = Arrays.copyOf(lastOff, n);
    room = Arrays.copyOf(room, n);
    order = Arrays.copyOf(order, n);
  }

  /** Homes held now. */
  public int heldCount() {
    return heldCount;
  }

  /** Whether the thermostat on {@code ordinal} is held now. */
  public boolean isHeld(int ordinal) {
    return ordinal < held.length && held[ordinal];
  }

  public long commandsSent() {
    return commandsSent;
  }
}
