package org.openvpp.sim.fleet;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.openvpp.device.Battery;
import org.openvpp.device.DeviceId;
import org.openvpp.dispatch.Command;
import org.openvpp.sim.data.FontanaHomes;
import org.openvpp.twin.Telemetry;
import org.openvpp.units.Durations;
import org.openvpp.units.Energy;
import org.openvpp.units.Power;

/**
 * A simulated fleet of homes, each with measured household load and one home battery: the walking
 * skeleton's world. The fleet simulator issue replaces its simple physics.
 *
 * <p>Physics per step: a battery holds the setpoint of its latest command until the command
 * expires, then returns to its autonomous mode (idle, but charging gently from the grid when within
 * 10 Wh of the reserve, as home batteries do to keep their backup). Power is clipped to the
 * battery's limits and to the energy it physically holds (down to empty, not to the reserve:
 * keeping the customer's reserve is the VPP's job, and tests check it does). Charging stores {@code
 * p·η}, discharging removes {@code p/η} ({@code η} = one-way efficiency); a small standby loss
 * drains every battery. Household load comes from the Fontana homes, each simulated home taking one
 * measured home, scaled by 0.7-1.3 and with ±10 % noise per hour.
 *
 * <p>Misbehaviour: a configured share of batteries accept commands and ignore them; every command
 * acts only after the configured latency.
 *
 * <p>Metering: per device, energy through the battery and through the site's meter accumulate per
 * {@code meterStep}, as a revenue-grade sub-meter and the site meter would record them.
 *
 * <p>Threads: confined to the simulation loop.
 */
public final class BatteryHomeFleet {

  private static final double STANDBY_KW = 0.005;
  private static final double RESERVE_TOP_UP_KW = 0.5;
  private static final double RESERVE_BUFFER_KWH = 0.01;

  private final FleetConfig config;
  private final Instant start;
  private final Duration meterStep;
  private final List<Battery> batteries = new ArrayList<>();
  private final int[] feeder;
  private final boolean[] ignores;
  private final double[] capacityKwh;
  private final double[] maxChargeKw;
  private final double[] maxDischargeKw;
  private final double[] eta;
  private final double[] reserveKwh;
  private final double[] storedKwh;
  private final double[] powerKw;
  private final double[][] hourlyLoadKw;

  // Command state: the active setpoint and its expiry; the pending one waits for latency.
  private final double[] activeKw;
  private final long[] activeExpiry;
  private final long[] activeSeq;
  private final List<List<Command>> pending;

  private final double[][] batteryMeterKwh;
  private final double[][] siteMeterKwh;
  private long telemetrySeq;

  /**
   * Builds a fleet for the simulated day starting at {@code start}.
   *
   * @param meterStep length of a metering interval; {@code intervals} of them are recorded
   */
  public BatteryHomeFleet(
      FleetConfig config,
      FontanaHomes homes,
      Instant start,
      ZoneId zone,
      Duration meterStep,
      int intervals) {
    this.config = Objects.requireNonNull(config, "config");
    this.start = Objects.requireNonNull(start, "start");
    this.meterStep = Objects.requireNonNull(meterStep, "meterStep");
    int n = config.homes();
    feeder = new int[n];
    ignores = new boolean[n];
    capacityKwh = new double[n];
    maxChargeKw = new double[n];
    maxDischargeKw = new double[n];
    eta = new double[n];
    reserveKwh = new double[n];
    storedKwh = new double[n];
    powerKw = new double[n];
    hourlyLoadKw = new double[n][];
    activeKw = new double[n];
    activeExpiry = new long[n];
    activeSeq = new long[n];
    pending = new ArrayList<>(n);
    batteryMeterKwh = new double[n][intervals];
    siteMeterKwh = new double[n][intervals];
    SplittableRandom random = new SplittableRandom(config.seed());
    LocalDate day = start.atZone(zone).toLocalDate();
    for (int i = 0; i < n; i++) {
      // Two common products: 13.5 kWh / 5 kW, and 10 kWh / 5 kW.
      boolean large = random.nextDouble() < 0.7;
      double capacity = large ? 13.5 : 10.0;
      double reserve = capacity * (0.1 + 0.1 * random.nextInt(3));
      Battery b =
          new Battery(
              DeviceId.of(String.format(java.util.Locale.ROOT, "home-%06d-bat", i)),
              Energy.ofKilowattHours(capacity),
              Power.ofKilowatts(5),
              Power.ofKilowatts(5),
              0.90,
              Energy.ofKilowattHours(reserve));
      batteries.add(b);
      feeder[i] = i % config.feeders();
      ignores[i] = random.nextDouble() < config.ignoringFraction();
      capacityKwh[i] = capacity;
      maxChargeKw[i] = b.maxCharge().kilowatts();
      maxDischargeKw[i] = b.maxDischarge().kilowatts();
      eta[i] = b.oneWayEfficiency();
      reserveKwh[i] = reserve;
      storedKwh[i] = capacity * (0.5 + 0.45 * random.nextDouble());
      double scale = 0.7 + 0.6 * random.nextDouble();
      double[] load = homes.hourlyLoadKw(random.nextInt(FontanaHomes.HOMES), day);
      for (int h = 0; h < load.length; h++) {
        load[h] *= scale * (0.9 + 0.2 * random.nextDouble());
      }
      hourlyLoadKw[i] = load;
      pending.add(new ArrayList<>(2));
      activeExpiry[i] = Long.MIN_VALUE;
      activeSeq[i] = Long.MIN_VALUE;
    }
  }

  public List<Battery> batteries() {
    return List.copyOf(batteries);
  }

  public int size() {
    return batteries.size();
  }

  /** The feeder (0-based) home {@code i} is connected to. */
  public int feederOf(int i) {
    return feeder[i];
  }

  /** Whether battery {@code i} ignores commands (what the VPP has to find out by itself). */
  public boolean ignoresCommands(int i) {
    return ignores[i];
  }

  /** Hands a command to device {@code i}; it acts on it after the command latency. */
  public void deliver(int i, Command command) {
    pending.get(i).add(command);
  }

  /**
   * Advances every home by {@code dt} from {@code now} and reports each battery's state after the
   * step to {@code telemetry}.
   */
  public void step(Instant now, Duration dt, Consumer<Telemetry> telemetry) {
    long nowMs = now.toEpochMilli();
    long latencyMs = config.commandLatency().toMillis();
    double hours = Durations.hours(dt);
    long fromStart = Duration.between(start, now).toMillis();
    int hourOfDay = (int) Math.floorMod(Math.floorDiv(fromStart, 3_600_000L), 24L);
    int interval = (int) Math.floorDiv(fromStart, meterStep.toMillis());
    boolean metered = interval >= 0 && interval < batteryMeterKwh[0].length;
    Instant after = now.plus(dt);
    for (int i = 0; i < powerKw.length; i++) {
      List<Command> queue = pending.get(i);
      if (!queue.isEmpty()) {
        takeDueCommands(i, queue, nowMs, latencyMs);
      }
      double set = nowMs < activeExpiry[i] ? activeKw[i] : autonomousKw(i);
      double p;
      if (set < 0) {
        double possible = Math.min(maxDischargeKw[i], storedKwh[i] * eta[i] / hours);
        p = -Math.min(-set, possible);
        storedKwh[i] += p / eta[i] * hours;
      } else {
        double possible =
            Math.min(maxChargeKw[i], (capacityKwh[i] - storedKwh[i]) / eta[i] / hours);
        p = Math.min(set, Math.max(0, possible));
        storedKwh[i] += p * eta[i] * hours;
      }
      storedKwh[i] = Math.max(0, storedKwh[i] - STANDBY_KW * hours);
      powerKw[i] = p;
      if (metered) {
        batteryMeterKwh[i][interval] += p * hours;
        siteMeterKwh[i][interval] += (hourlyLoadKw[i][hourOfDay] + p) * hours;
      }
      telemetry.accept(
          new Telemetry(
              batteries.get(i).id(),
              after,
              ++telemetrySeq,
              Power.ofKilowatts(p),
              Energy.ofKilowattHours(storedKwh[i])));
    }
  }

  /** Autonomous mode: idle, except topping the battery up from the grid when below its reserve. */
  private double autonomousKw(int i) {
    return storedKwh[i] < reserveKwh[i] + RESERVE_BUFFER_KWH ? RESERVE_TOP_UP_KW : 0;
  }

  private void takeDueCommands(int i, List<Command> queue, long nowMs, long latencyMs) {
    for (var it = queue.iterator(); it.hasNext(); ) {
      Command c = it.next();
      if (c.issued().toEpochMilli() + latencyMs > nowMs) {
        continue;
      }
      it.remove();
      if (ignores[i] || c.sequence() <= activeSeq[i]) {
        continue;
      }
      activeSeq[i] = c.sequence();
      activeKw[i] = c.setpoint().kilowatts();
      activeExpiry[i] = c.expires().toEpochMilli();
    }
  }

  public double storedKwh(int i) {
    return storedKwh[i];
  }

  public double powerKw(int i) {
    return powerKw[i];
  }

  /** Household load of home {@code i} (without its battery) at {@code hourOfDay}, in kW. */
  public double homeLoadKw(int i, int hourOfDay) {
    return hourlyLoadKw[i][hourOfDay];
  }

  /** Sum over all batteries of their sub-metered energy per interval (kWh, load convention). */
  public double[] batteryMeterTotalKwh() {
    return total(batteryMeterKwh);
  }

  /** Sum over all sites of their metered energy per interval (kWh, load convention). */
  public double[] siteMeterTotalKwh() {
    return total(siteMeterKwh);
  }

  private static double[] total(double[][] perDevice) {
    double[] sum = new double[perDevice[0].length];
    for (double[] row : perDevice) {
      for (int k = 0; k < sum.length; k++) {
        sum[k] += row[k];
      }
    }
    return sum;
  }
}
