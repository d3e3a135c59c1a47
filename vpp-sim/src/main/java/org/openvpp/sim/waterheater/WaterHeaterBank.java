package org.openvpp.sim.waterheater;

import java.util.List;
import java.util.Objects;
import org.openvpp.units.Checks;

/**
 * A fleet of storage water heaters and their households' draws, held in primitive arrays by index
 * and stepped one minute at a time over index ranges.
 *
 * <p><b>Design.</b> As for the thermal bank: parallel arrays, an allocation-free loop, per-tank
 * constants precomputed. Draws come from a stateless random function of each home's seed and the
 * minute ({@link DrawModel}), so results do not depend on how the fleet is split into ranges.
 *
 * <p><b>One step</b> of tank {@code i} at minute {@code t}, in this order (operator splitting; each
 * part conserves energy exactly):
 *
 * <ol>
 *   <li><i>Draw.</i> The household uses {@code V} litres at 40 °C, mixed from tank water at the
 *       upper node's temperature {@code T_u} and inlet water: {@code V_hot = V (40 − T_in) / (T_u −
 *       T_in)} (all of {@code V} when {@code T_u ≤ 40 °C}, counted as cold use). Plug flow: {@code
 *       V_hot} leaves the top, the same volume moves from the lower node up and enters the lower
 *       node at {@code T_in}.
 *   <li><i>Thermostat.</i> Effective setpoint: the normal one, a pre-heat target (up to the
 *       maximum), or under hold-off {@code minSafe + deadband} with the lower element disabled. The
 *       upper element turns on below {@code setpoint − deadband} and has priority; the lower one by
 *       the same rule when the upper is satisfied; a node heats until it reaches the setpoint.
 *   <li><i>Heat and losses.</i> Each node follows its exact exponential towards the room over the
 *       minute. A heated node that would pass its setpoint is heated only for the part of the
 *       minute that brings it there (the thermostat opens), so no node ever exceeds the setpoint in
 *       force, nor the tank's maximum.
 *   <li><i>Buoyancy.</i> If the lower node is now warmer than the upper, the two mix.
 * </ol>
 *
 * <p>Reported power is the average over the minute just stepped; temperatures are at its end.
 *
 * <p><b>Threads.</b> {@link #step} writes only the entries of its index range, so disjoint ranges
 * may be stepped on different threads at once. Commands and reads of a tank must not race a step of
 * the range holding it; the caller orders them.
 */
public final class WaterHeaterBank {

  /** Temperature at which households use hot water, °C. */
  public static final double USE_C = 40;

  /** Volumetric heat capacity of water, kWh/(L·°C) (4.18 kJ/(L·K)). */
  public static final double KWH_PER_LITRE_C = 4.18 / 3_600;

  private static final double HOURS_PER_STEP = 1.0 / 60;
  private static final long LONG_AGO = Long.MIN_VALUE / 4;
  private static final byte PRE_HEAT = 1;
  private static final byte HOLD_OFF = 2;

  private final List<WaterHeaterSpec> specs;
  private final int size;

  // Parameters.
  private final double[] volUpper;
  private final double[] volLower;
  private final double[] capUpper; // kWh/°C
  private final double[] capLower;
  private final double[] gUpper; // kW/°C
  private final double[] gLower;
  private final double[] coastUpper; // 1 − exp(−h g / c) over a whole step
  private final double[] coastLower;
  private final double[] heaterKw;
  private final double[] cop;
  private final double[] setpoint;
  private final double[] deadband;
  private final double[] minSafe;
  private final double[] max;
  private final double[] ambient;
  private final double[] inlet;
  private final double[] dailyUseLitres; // at 40 °C
  private final int[] shift;
  private final long[] seed;

  // State.
  private final double[] upperC;
  private final double[] lowerC;
  private final byte[] heating; // 0 none, 1 upper, 2 lower
  private final double[] powerKw;
  private final double[] drawLeft;
  private final double[] drawRate;

  // Commands.
  private final byte[] command; // 0 none, PRE_HEAT or HOLD_OFF
  private final double[] commandTarget;
  private final long[] commandUntil;

  // Accounts.
  private final double[] electricKwh;
  private final double[] heaterHeatKwh;
  private final double[] lossKwh;
  private final double[] drawHeatKwh;
  private final double[] tankLitres;
  private final double[] usedLitres;
  private final double[] coldLitres;

  /**
   * Builds a bank of {@code specs.size()} tanks with the given initial node temperatures, heaters
   * off, no draw under way, no commands.
   */
  public WaterHeaterBank(
      List<WaterHeaterSpec> specs, double[] initialUpperC, double[] initialLowerC) {
    this.specs = List.copyOf(specs);
    size = this.specs.size();
    if (initialUpperC.length != size || initialLowerC.length != size) {
      throw new IllegalArgumentException(
          "need one initial temperature per node and tank: "
              + size
              + " tanks, "
              + initialUpperC.length
              + " upper and "
              + initialLowerC.length
              + " lower");
    }
    volUpper = new double[size];
    volLower = new double[size];
    capUpper = new double[size];
    capLower = new double[size];
    gUpper = new double[size];
    gLower = new double[size];
    coastUpper = new double[size];
    coastLower = new double[size];
    heaterKw = new double[size];
    cop = new double[size];
    setpoint = new double[size];
    deadband = new double[size];
    minSafe = new double[size];
    max = new double[size];
    ambient = new double[size];
    inlet = new double[size];
    dailyUseLitres = new double[size];
    shift = new int[size];
    seed = new long[size];
    upperC = new double[size];
    lowerC = new double[size];
    heating = new byte[size];
    powerKw = new double[size];
    drawLeft = new double[size];
    drawRate = new double[size];
    command = new byte[size];
    commandTarget = new double[size];
    commandUntil = new long[size];
    electricKwh = new double[size];
    heaterHeatKwh = new double[size];
    lossKwh = new double[size];
    drawHeatKwh = new double[size];
    tankLitres = new double[size];
    usedLitres = new double[size];
    coldLitres = new double[size];
    for (int i = 0; i < size; i++) {
      WaterHeaterSpec s = this.specs.get(i);
      TankSpec t = s.tank();
      volUpper[i] = t.upperLitres();
      volLower[i] = t.lowerLitres();
      capUpper[i] = volUpper[i] * KWH_PER_LITRE_C;
      capLower[i] = volLower[i] * KWH_PER_LITRE_C;
      // Losses split by volume share (a proxy for surface share).
      double g = Math.max(t.uaWPerC(), 1e-3) / 1_000;
      gUpper[i] = g * t.upperShare();
      gLower[i] = g * (1 - t.upperShare());
      coastUpper[i] = -Math.expm1(-HOURS_PER_STEP * gUpper[i] / capUpper[i]);
      coastLower[i] = -Math.expm1(-HOURS_PER_STEP * gLower[i] / capLower[i]);
      heaterKw[i] = t.heaterPower().kilowatts();
      cop[i] = t.cop();
      setpoint[i] = t.setpointC();
      deadband[i] = t.deadbandC();
      minSafe[i] = t.minSafeC();
      max[i] = t.maxC();
      ambient[i] = t.ambientC();
      inlet[i] = t.inletC();
      DrawProfile d = s.draws();
      dailyUseLitres[i] = d.dailyLitres() * (t.setpointC() - t.inletC()) / (USE_C - t.inletC());
      shift[i] = d.shiftMinutes();
      seed[i] = d.seed();
      upperC[i] = Checks.between("initialUpperC[" + i + "]", initialUpperC[i], 0, t.maxC());
      lowerC[i] = Checks.between("initialLowerC[" + i + "]", initialLowerC[i], 0, t.maxC());
      commandUntil[i] = LONG_AGO;
    }
  }

  /** Number of tanks. */
  public int size() {
    return size;
  }

  /** What tank {@code i} is. */
  public WaterHeaterSpec spec(int i) {
    return specs.get(i);
  }

  /**
   * Advances tanks {@code from} (inclusive) to {@code to} (exclusive) by the minute starting at
   * {@code epochMinute}, with each household's own draws.
   *
   * @param utcOffsetMinutes offset of the homes' local clock from UTC, for the daily draw profile
   */
  public void step(int from, int to, long epochMinute, int utcOffsetMinutes) {
    step(from, to, epochMinute, utcOffsetMinutes, Double.NaN);
  }

  /**
   * As {@link #step(int, int, long, int)}; when {@code usedLitres} is a number, every tank in the
   * range serves that many litres at 40 °C this minute instead of its household's draws.
   */
  void step(int from, int to, long epochMinute, int utcOffsetMinutes, double usedLitres) {
    Objects.checkFromToIndex(from, to, size);
    Checks.between("utcOffsetMinutes", utcOffsetMinutes, -18 * 60, 18 * 60);
    boolean forced = !Double.isNaN(usedLitres);
    long local = epochMinute + utcOffsetMinutes;
    for (int i = from; i < to; i++) {
      double use = forced ? usedLitres : householdDraw(i, epochMinute, local);
      if (use > 0) {
        draw(i, use);
      }
      double sp = setpointAt(i, epochMinute);
      boolean holdOff = epochMinute < commandUntil[i] && command[i] == HOLD_OFF;
      heatAndLose(i, thermostat(i, sp, holdOff), sp);
      if (lowerC[i] > upperC[i]) {
        double mixed =
            (volUpper[i] * upperC[i] + volLower[i] * lowerC[i]) / (volUpper[i] + volLower[i]);
        upperC[i] = mixed;
        lowerC[i] = mixed;
      }
    }
  }

  /** Litres used at 40 °C this minute by household {@code i}; advances its draw event. */
  private double householdDraw(int i, long t, long localMinute) {
    int hour = (int) Math.floorMod(Math.floorDiv(localMinute - shift[i], 60), 24L);
    double startProbability =
        dailyUseLitres[i] * DrawModel.HOURLY_SHARE[hour] / (60 * DrawModel.MEAN_EVENT_LITRES);
    double left = drawLeft[i];
    double rate = left > 0 ? drawRate[i] : 0;
    if (DrawModel.uniform(seed[i], t, 0) < startProbability) {
      double u = DrawModel.uniform(seed[i], t, 1);
      int kind = u < DrawModel.EVENT_CUMULATIVE[0] ? 0 : u < DrawModel.EVENT_CUMULATIVE[1] ? 1 : 2;
      left += DrawModel.EVENT_LITRES[kind];
      rate = Math.max(rate, DrawModel.EVENT_LPM[kind]);
    }
    double use = Math.min(left, rate);
    left -= use;
    drawLeft[i] = left > 1e-9 ? left : 0;
    drawRate[i] = rate;
    return use;
  }

  private void draw(int i, double use) {
    double tu = upperC[i];
    double tin = inlet[i];
    double hot;
    if (tu > USE_C) {
      hot = use * (USE_C - tin) / (tu - tin);
    } else {
      hot = use;
      coldLitres[i] += use;
    }
    double tl = lowerC[i];
    upperC[i] = ((volUpper[i] - hot) * tu + hot * tl) / volUpper[i];
    lowerC[i] = ((volLower[i] - hot) * tl + hot * tin) / volLower[i];
    usedLitres[i] += use;
    tankLitres[i] += hot;
    drawHeatKwh[i] += hot * KWH_PER_LITRE_C * (tu - tin);
  }

  /** The setpoint in force for tank {@code i} at {@code t}. */
  private double setpointAt(int i, long t) {
    if (t >= commandUntil[i]) {
      return setpoint[i];
    }
    return switch (command[i]) {
      case PRE_HEAT -> commandTarget[i];
      case HOLD_OFF -> minSafe[i] + deadband[i];
      default -> setpoint[i];
    };
  }

  /** Decides which node heats this minute (0 none, 1 upper, 2 lower) and records it. */
  private int thermostat(int i, double sp, boolean holdOff) {
    double on = sp - deadband[i];
    int node = heating[i];
    if (node == 1 && upperC[i] >= sp) {
      node = 0;
    }
    if (node == 2 && (lowerC[i] >= sp || holdOff)) {
      node = 0;
    }
    if (node != 1 && upperC[i] < on) {
      node = 1;
    } else if (node == 0 && !holdOff && lowerC[i] < on) {
      node = 2;
    }
    heating[i] = (byte) node;
    return node;
  }

  private void heatAndLose(int i, int node, double sp) {
    double h = HOURS_PER_STEP;
    double onHours = 0;
    if (node == 0) {
      upperC[i] = coast(i, true, upperC[i], 0, coastUpper[i], h);
      lowerC[i] = coast(i, false, lowerC[i], 0, coastLower[i], h);
    } else {
      boolean upper = node == 1;
      double q = heaterKw[i] * cop[i];
      double cap = upper ? capUpper[i] : capLower[i];
      double g = upper ? gUpper[i] : gLower[i];
      double t0 = upper ? upperC[i] : lowerC[i];
      // Time to the setpoint, ignoring the (small) losses: the node stops just short of it.
      double toSetpoint = cap * (sp - t0) / q;
      onHours = Math.max(0, Math.min(h, toSetpoint));
      double heated;
      if (onHours >= h) {
        heated = coast(i, upper, t0, q, upper ? coastUpper[i] : coastLower[i], h);
      } else {
        double partial = coast(i, upper, t0, q, -Math.expm1(-onHours * g / cap), onHours);
        heated = coast(i, upper, partial, 0, -Math.expm1(-(h - onHours) * g / cap), h - onHours);
        heating[i] = 0;
      }
      if (upper) {
        upperC[i] = heated;
        lowerC[i] = coast(i, false, lowerC[i], 0, coastLower[i], h);
      } else {
        lowerC[i] = heated;
        upperC[i] = coast(i, true, upperC[i], 0, coastUpper[i], h);
      }
    }
    double kwh = heaterKw[i] * onHours;
    powerKw[i] = kwh / h;
    electricKwh[i] += kwh;
    heaterHeatKwh[i] += kwh * cop[i];
  }

  /**
   * A node's temperature after {@code hours} with heat {@code q} (kW), given {@code decay = 1 −
   * exp(−hours · g / c)}: the exact solution of {@code c dT/dt = q − g (T − T_room)}. Books the
   * loss to the room, {@code q · hours − c · ΔT}.
   */
  private double coast(int i, boolean upper, double t0, double q, double decay, double hours) {
    double g = upper ? gUpper[i] : gLower[i];
    double c = upper ? capUpper[i] : capLower[i];
    double delta = (ambient[i] + q / g - t0) * decay;
    lossKwh[i] += q * hours - c * delta;
    return t0 + delta;
  }

  // ---- Commands -------------------------------------------------------------------------------

  /**
   * Raises tank {@code i}'s setpoint to {@code targetC} (clamped to [normal setpoint, maximum])
   * until {@code untilEpochMinute} (exclusive). Replaces an earlier pre-heat or hold-off.
   */
  public void preHeat(int i, double targetC, long untilEpochMinute) {
    Objects.checkIndex(i, size);
    Checks.between("targetC", targetC, 0, 100);
    command[i] = PRE_HEAT;
    commandTarget[i] = Math.max(setpoint[i], Math.min(max[i], targetC));
    commandUntil[i] = untilEpochMinute;
  }

  /**
   * Keeps tank {@code i}'s heater off until {@code untilEpochMinute} (exclusive), except to bring
   * the upper node back from below its minimum safe temperature to that temperature + deadband.
   * Replaces an earlier pre-heat or hold-off.
   */
  public void holdOff(int i, long untilEpochMinute) {
    Objects.checkIndex(i, size);
    command[i] = HOLD_OFF;
    commandUntil[i] = untilEpochMinute;
  }

  /** Ends tank {@code i}'s pre-heat or hold-off now. */
  public void cancelCommands(int i) {
    Objects.checkIndex(i, size);
    commandUntil[i] = LONG_AGO;
  }

  /** Whether a hold-off is in force for tank {@code i} at {@code epochMinute}. */
  public boolean heldOff(int i, long epochMinute) {
    return epochMinute < commandUntil[i] && command[i] == HOLD_OFF;
  }

  /** The thermostat setpoint in force for tank {@code i} at {@code epochMinute}. */
  public double setpointC(int i, long epochMinute) {
    return setpointAt(i, epochMinute);
  }

  // ---- State ----------------------------------------------------------------------------------

  /** Temperature of tank {@code i}'s upper node (the outlet), °C. */
  public double upperC(int i) {
    return upperC[i];
  }

  /** Temperature of tank {@code i}'s lower node, °C. */
  public double lowerC(int i) {
    return lowerC[i];
  }

  /** Volume-weighted mean temperature of tank {@code i}, °C. */
  public double meanC(int i) {
    return (volUpper[i] * upperC[i] + volLower[i] * lowerC[i]) / (volUpper[i] + volLower[i]);
  }

  /** Tank {@code i}'s heater's average electric power over the last step, kW (load convention). */
  public double powerKw(int i) {
    return powerKw[i];
  }

  /** Whether tank {@code i}'s heater was on during the last step. */
  public boolean isHeating(int i) {
    return powerKw[i] > 0;
  }

  /** Sum of the heaters' electric power over tanks {@code from} to {@code to}, kW. */
  public double totalPowerKw(int from, int to) {
    Objects.checkFromToIndex(from, to, size);
    double sum = 0;
    for (int i = from; i < to; i++) {
      sum += powerKw[i];
    }
    return sum;
  }

  // ---- Accounts (since construction) ----------------------------------------------------------

  /** Electricity used by tank {@code i}'s heater, kWh. */
  public double electricKwh(int i) {
    return electricKwh[i];
  }

  /** Heat the heater put into the water, kWh. */
  public double heaterHeatKwh(int i) {
    return heaterHeatKwh[i];
  }

  /** Standby losses to the room, kWh. */
  public double lossKwh(int i) {
    return lossKwh[i];
  }

  /** Heat carried away by hot water drawn, relative to the inlet temperature, kWh. */
  public double drawHeatKwh(int i) {
    return drawHeatKwh[i];
  }

  /** Heat stored in the tank's water relative to 0 °C, kWh. */
  public double storedHeatKwh(int i) {
    return capUpper[i] * upperC[i] + capLower[i] * lowerC[i];
  }

  /** Hot water drawn from the tank, litres. */
  public double tankLitres(int i) {
    return tankLitres[i];
  }

  /** Water used at 40 °C, litres. */
  public double usedLitres(int i) {
    return usedLitres[i];
  }

  /** Water used while the outlet was below 40 °C, litres. */
  public double coldLitres(int i) {
    return coldLitres[i];
  }
}
