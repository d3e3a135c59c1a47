package org.openvpp.sim.thermal;

import java.util.List;
import java.util.Objects;
import org.openvpp.units.Checks;

/**
 * A fleet of homes' thermal models, plants and thermostats, held in primitive arrays by index and
 * stepped one minute at a time over index ranges.
 *
 * <p><b>Design.</b> The fleet engine steps tens of thousands of homes per simulated minute, so
 * parameters and state live in parallel arrays (struct of arrays) and {@link #step} is a plain loop
 * over them that allocates nothing. Everything that does not change per step is precomputed per
 * home at construction: the exact discretisation of the 2R2C model ({@link Discretisation}), the
 * split of solar and internal gains between air and mass. Setpoint schedules are shared objects
 * referenced per home.
 *
 * <p><b>One step</b> of home {@code i} at minute {@code t}:
 *
 * <ol>
 *   <li>The thermostat decides from the air temperature at {@code t}: with the effective setpoints
 *       (schedule + active offset), a running plant stops at {@code setpoint ∓ deadband}, a resting
 *       one starts at {@code setpoint ± deadband}; an active duty limit stops the plant when its
 *       on-minutes in the current window reach the budget, and does not start it unless at least
 *       the minimum on time is left; no change happens before the minimum on or off time has passed
 *       (so a duty limit can be overrun by at most {@code minOn − 1} minutes when its budget is
 *       shorter than the minimum on time).
 *   <li>The plant runs or rests for the whole minute; the model advances exactly with the inputs
 *       held over the minute (outdoor temperature, irradiance, gains, plant heat).
 *   <li>Heat accounts advance: electricity, plant heat, envelope heat (from the exact mean air
 *       temperature over the minute), solar and internal gains.
 * </ol>
 *
 * <p>Reported values ({@link #powerKw}, {@link #state}) describe the minute just stepped;
 * temperatures are at its end.
 *
 * <p><b>Threads.</b> {@link #step} writes only the entries of its index range and reads shared,
 * immutable schedules, so disjoint ranges may be stepped on different threads at once. Commands and
 * reads of a home must not race a step of the range holding it; the caller orders them (a fork-join
 * join does).
 */
public final class ThermostatBank {

  private static final double HOURS_PER_STEP = 1.0 / 60;
  private static final long LONG_AGO = Long.MIN_VALUE / 4;
  private static final int MAY_COOL = 1;
  private static final int MAY_HEAT = 2;

  private final List<ThermalHomeSpec> specs;
  private final int size;

  // Parameters.
  private final double[] phiAa;
  private final double[] phiAm;
  private final double[] phiMa;
  private final double[] phiMm;
  private final double[] meanA;
  private final double[] meanM;
  private final double[] rEnv;
  private final double[] rAm;
  private final double[] capAir;
  private final double[] capMass;
  private final double[] solarAirKwPerWm2;
  private final double[] solarMassKwPerWm2;
  private final double[] internalKw;
  private final double[] internalAirShare;
  private final double[] hvacKw;
  private final double[] copCooling;
  private final double[] copHeating;
  private final double[] copSlope;
  private final int[] minOn;
  private final int[] minOff;
  private final byte[] mode; // MAY_COOL | MAY_HEAT bits
  private final double[] deadband;
  private final SetpointSchedule[] schedule;

  // State.
  private final double[] airC;
  private final double[] massC;
  private final byte[] running; // −1 cooling, 0 off, +1 heating
  private final long[] lastSwitch;
  private final double[] powerKw;

  // Commands.
  private final double[] offsetC;
  private final long[] offsetUntil;
  private final int[] dutyBudget;
  private final int[] dutyWindow;
  private final long[] dutyUntil;
  private final long[] holdOffUntil;
  private final long[] dutyWindowIndex;
  private final int[] dutyUsed;

  // Accounts, kWh since construction.
  private final double[] electricKwh;
  private final double[] hvacHeatKwh;
  private final double[] envelopeHeatKwh;
  private final double[] gainsKwh;

  /**
   * Builds a bank of {@code specs.size()} homes, each starting with air and mass at {@code
   * initialIndoorC[i]}, plant off and free to start, no commands.
   */
  public ThermostatBank(List<ThermalHomeSpec> specs, double[] initialIndoorC) {
    this.specs = List.copyOf(specs);
    size = this.specs.size();
    if (initialIndoorC.length != size) {
      throw new IllegalArgumentException(
          "need one initial temperature per home: " + size + " homes, " + initialIndoorC.length);
    }
    phiAa = new double[size];
    phiAm = new double[size];
    phiMa = new double[size];
    phiMm = new double[size];
    meanA = new double[size];
    meanM = new double[size];
    rEnv = new double[size];
    rAm = new double[size];
    capAir = new double[size];
    capMass = new double[size];
    solarAirKwPerWm2 = new double[size];
    solarMassKwPerWm2 = new double[size];
    internalKw = new double[size];
    internalAirShare = new double[size];
    hvacKw = new double[size];
    holdOffUntil = new long[size];
    copCooling = new double[size];
    copHeating = new double[size];
    copSlope = new double[size];
    minOn = new int[size];
    minOff = new int[size];
    mode = new byte[size];
    deadband = new double[size];
    schedule = new SetpointSchedule[size];
    airC = new double[size];
    massC = new double[size];
    running = new byte[size];
    lastSwitch = new long[size];
    powerKw = new double[size];
    offsetC = new double[size];
    offsetUntil = new long[size];
    dutyBudget = new int[size];
    dutyWindow = new int[size];
    dutyUntil = new long[size];
    dutyWindowIndex = new long[size];
    dutyUsed = new int[size];
    electricKwh = new double[size];
    hvacHeatKwh = new double[size];
    envelopeHeatKwh = new double[size];
    gainsKwh = new double[size];
    for (int i = 0; i < size; i++) {
      ThermalHomeSpec s = this.specs.get(i);
      ThermalEnvelope e = s.envelope();
      Discretisation d = Discretisation.of(e, HOURS_PER_STEP);
      phiAa[i] = d.phiAa();
      phiAm[i] = d.phiAm();
      phiMa[i] = d.phiMa();
      phiMm[i] = d.phiMm();
      meanA[i] = d.meanA();
      meanM[i] = d.meanM();
      rEnv[i] = e.envelopeResistanceCPerKw();
      rAm[i] = e.airMassResistanceCPerKw();
      capAir[i] = e.airCapacityKwhPerC();
      capMass[i] = e.massCapacityKwhPerC();
      solarAirKwPerWm2[i] = e.solarApertureM2() * e.solarToAirShare() / 1_000;
      solarMassKwPerWm2[i] = e.solarApertureM2() * (1 - e.solarToAirShare()) / 1_000;
      internalKw[i] = e.internalGainKw();
      internalAirShare[i] = e.internalToAirShare();
      Hvac h = s.hvac();
      hvacKw[i] = h.electricPower().kilowatts();
      copCooling[i] = h.copCooling();
      copHeating[i] = h.copHeating();
      copSlope[i] = h.copSlopePerC();
      minOn[i] = h.minOnMinutes();
      minOff[i] = h.minOffMinutes();
      ThermostatSettings t = s.thermostat();
      mode[i] = (byte) ((t.mode().cools() ? MAY_COOL : 0) | (t.mode().heats() ? MAY_HEAT : 0));
      deadband[i] = t.deadbandC();
      schedule[i] = t.schedule();
      double t0 = Checks.between("initialIndoorC[" + i + "]", initialIndoorC[i], -30, 60);
      airC[i] = t0;
      massC[i] = t0;
      lastSwitch[i] = LONG_AGO;
      offsetUntil[i] = LONG_AGO;
      holdOffUntil[i] = LONG_AGO;
      dutyUntil[i] = LONG_AGO;
    }
  }

  /** Number of homes. */
  public int size() {
    return size;
  }

  /** What home {@code i} is. */
  public ThermalHomeSpec spec(int i) {
    return specs.get(i);
  }

  /**
   * Advances homes {@code from} (inclusive) to {@code to} (exclusive) by the minute starting at
   * {@code epochMinute}, all under the same weather.
   *
   * @param epochMinute minutes since 1970-01-01T00:00Z at the start of the step
   * @param utcOffsetMinutes offset of the homes' local clock from UTC, for their schedules
   * @param outdoorC outdoor dry-bulb temperature over the minute, °C
   * @param solarWm2 solar irradiance over the minute (global horizontal), W/m², ≥ 0
   */
  public void step(
      int from, int to, long epochMinute, int utcOffsetMinutes, double outdoorC, double solarWm2) {
    step(from, to, epochMinute, utcOffsetMinutes, outdoorC, solarWm2, 0);
  }

  /** As {@link #step(int, int, long, int, double, double)}, with extra internal gain per home. */
  void step(
      int from,
      int to,
      long epochMinute,
      int utcOffsetMinutes,
      double outdoorC,
      double solarWm2,
      double extraGainKw) {
    Objects.checkFromToIndex(from, to, size);
    Checks.between("outdoorC", outdoorC, -60, 60);
    Checks.between("solarWm2", solarWm2, 0, 1_500);
    Checks.between("extraGainKw", extraGainKw, 0, 50);
    Checks.between("utcOffsetMinutes", utcOffsetMinutes, -18 * 60, 18 * 60);
    long localHour = Math.floorDiv(epochMinute + utcOffsetMinutes, 60);
    double h = HOURS_PER_STEP;
    for (int i = from; i < to; i++) {
      int run = decide(i, epochMinute, localHour);

      double p = run != 0 ? hvacKw[i] : 0;
      double qHvac;
      if (run < 0) {
        qHvac = -p * Hvac.coolingCop(copCooling[i], copSlope[i], outdoorC);
      } else if (run > 0) {
        qHvac = p * Hvac.heatingCop(copHeating[i], copSlope[i], outdoorC);
      } else {
        qHvac = 0;
      }
      double internal = internalKw[i] + extraGainKw;
      double gainAir = solarAirKwPerWm2[i] * solarWm2 + internal * internalAirShare[i];
      double gainMass = solarMassKwPerWm2[i] * solarWm2 + internal * (1 - internalAirShare[i]);
      double qa = gainAir + qHvac;
      double airStar = outdoorC + rEnv[i] * (qa + gainMass);
      double massStar = airStar + rAm[i] * gainMass;
      double da = airC[i] - airStar;
      double dm = massC[i] - massStar;
      double meanAir = airStar + meanA[i] * da + meanM[i] * dm;
      airC[i] = airStar + phiAa[i] * da + phiAm[i] * dm;
      massC[i] = massStar + phiMa[i] * da + phiMm[i] * dm;

      powerKw[i] = p;
      electricKwh[i] += p * h;
      hvacHeatKwh[i] += qHvac * h;
      envelopeHeatKwh[i] += (outdoorC - meanAir) / rEnv[i] * h;
      gainsKwh[i] += (gainAir + gainMass) * h;
    }
  }

  /** The thermostat: decides and records the plant's state for the minute; returns it. */
  private int decide(int i, long t, long localHour) {
    SetpointSchedule s = schedule[i];
    int k = s.index(localHour);
    double offset = t < offsetUntil[i] ? offsetC[i] : 0;
    double db = deadband[i];
    double air = airC[i];
    boolean mayCool = (mode[i] & MAY_COOL) != 0;
    boolean mayHeat = (mode[i] & MAY_HEAT) != 0;
    int run = running[i];
    int want = run;
    if (run < 0) {
      if (air <= s.coolingC[k] + offset - db || !mayCool) {
        want = 0;
      }
    } else if (run > 0) {
      if (air >= s.heatingC[k] + offset + db || !mayHeat) {
        want = 0;
      }
    } else if (mayCool && air >= s.coolingC[k] + offset + db) {
      want = -1;
    } else if (mayHeat && air <= s.heatingC[k] + offset - db) {
      want = 1;
    }
    if (t < holdOffUntil[i]) {
      want = 0; // a power cap below the plant's (single-stage) power keeps it off
    }
    boolean limited = t < dutyUntil[i];
    if (limited) {
      long window = Math.floorDiv(t, (long) dutyWindow[i]);
      if (window != dutyWindowIndex[i]) {
        dutyWindowIndex[i] = window;
        dutyUsed[i] = 0;
      }
      int left = dutyBudget[i] - dutyUsed[i];
      if (want != 0 && (run != 0 ? left <= 0 : left < minOn[i])) {
        want = 0;
      }
    }
    if (want != run && t - lastSwitch[i] >= (run != 0 ? minOn[i] : minOff[i])) {
      run = want;
      running[i] = (byte) want;
      lastSwitch[i] = t;
    }
    if (limited && run != 0) {
      dutyUsed[i]++;
    }
    return run;
  }

  // ---- Commands -------------------------------------------------------------------------------

  /**
   * Shifts home {@code i}'s cooling and heating setpoints by {@code offsetC} (positive: warmer, a
   * cooling load reduction) until {@code untilEpochMinute} (exclusive), then returns to the
   * schedule. Replaces an earlier offset.
   */
  public void setpointOffset(int i, double offsetC, long untilEpochMinute) {
    Objects.checkIndex(i, size);
    this.offsetC[i] = Checks.between("offsetC", offsetC, -10, 10);
    offsetUntil[i] = untilEpochMinute;
  }

  /**
   * Limits home {@code i}'s plant to at most {@code maxShare} of each window of {@code
   * windowMinutes} (windows aligned to multiples of the window length since the epoch, on-time
   * counted from the command's first step) until {@code untilEpochMinute} (exclusive). The budget
   * is {@code floor(maxShare × windowMinutes)} minutes; {@code maxShare} is in [0, 1], and 0 keeps
   * the plant off (once its minimum on time has passed). Replaces an earlier duty limit.
   */
  public void dutyLimit(int i, double maxShare, int windowMinutes, long untilEpochMinute) {
    Objects.checkIndex(i, size);
    Checks.between("maxShare", maxShare, 0, 1);
    Checks.between("windowMinutes", windowMinutes, 1, 24 * 60);
    dutyBudget[i] = (int) Math.floor(maxShare * windowMinutes + 1e-9);
    dutyWindow[i] = windowMinutes;
    dutyUntil[i] = untilEpochMinute;
    dutyWindowIndex[i] = Long.MIN_VALUE;
    dutyUsed[i] = 0;
  }

  /**
   * Keeps home {@code i}'s plant off (once its minimum on time has passed) until {@code
   * untilEpochMinute} (exclusive): what a power cap below the plant's power means to a single-stage
   * heat pump. A time in the past lifts it. Replaces an earlier hold.
   */
  public void holdOff(int i, long untilEpochMinute) {
    Objects.checkIndex(i, size);
    holdOffUntil[i] = untilEpochMinute;
  }

  /** Whether home {@code i}'s plant is held off at {@code epochMinute}. */
  public boolean heldOff(int i, long epochMinute) {
    return epochMinute < holdOffUntil[i];
  }

  /** The plant's electric power when it runs, kW. */
  public double ratedKw(int i) {
    return hvacKw[i];
  }

  /** Ends home {@code i}'s offset, duty limit and hold now; it returns to its schedule. */
  public void cancelCommands(int i) {
    Objects.checkIndex(i, size);
    offsetUntil[i] = LONG_AGO;
    dutyUntil[i] = LONG_AGO;
    holdOffUntil[i] = LONG_AGO;
  }

  /** The setpoint offset in force for home {@code i} at {@code epochMinute} (0 if none). */
  public double offsetC(int i, long epochMinute) {
    return epochMinute < offsetUntil[i] ? offsetC[i] : 0;
  }

  /** Whether a duty limit is in force for home {@code i} at {@code epochMinute}. */
  public boolean dutyLimited(int i, long epochMinute) {
    return epochMinute < dutyUntil[i];
  }

  // ---- State ----------------------------------------------------------------------------------

  /** Indoor air temperature of home {@code i}, °C. */
  public double indoorC(int i) {
    return airC[i];
  }

  /** Building mass temperature of home {@code i}, °C. */
  public double massC(int i) {
    return massC[i];
  }

  /** Electric power of home {@code i}'s plant during the last step, kW (load convention). */
  public double powerKw(int i) {
    return powerKw[i];
  }

  /** What home {@code i}'s plant did during the last step. */
  public HvacState state(int i) {
    return HvacState.BY_CODE[running[i] + 1];
  }

  /** Whether home {@code i}'s compressor ran during the last step. */
  public boolean isRunning(int i) {
    return running[i] != 0;
  }

  /** Sum of the plants' electric power over homes {@code from} to {@code to}, kW. */
  public double totalPowerKw(int from, int to) {
    Objects.checkFromToIndex(from, to, size);
    double sum = 0;
    for (int i = from; i < to; i++) {
      sum += powerKw[i];
    }
    return sum;
  }

  /** The effective cooling setpoint (schedule + offset) of home {@code i}. */
  public double coolingSetpointC(int i, long epochMinute, int utcOffsetMinutes) {
    return schedule[i].coolingC(epochMinute, utcOffsetMinutes) + offsetC(i, epochMinute);
  }

  /** The effective heating setpoint (schedule + offset) of home {@code i}. */
  public double heatingSetpointC(int i, long epochMinute, int utcOffsetMinutes) {
    return schedule[i].heatingC(epochMinute, utcOffsetMinutes) + offsetC(i, epochMinute);
  }

  // ---- Heat accounts (kWh since construction) -------------------------------------------------

  /** Electricity used by home {@code i}'s plant, kWh. */
  public double electricKwh(int i) {
    return electricKwh[i];
  }

  /** Heat the plant put into the air (negative when cooling), kWh. */
  public double hvacHeatKwh(int i) {
    return hvacHeatKwh[i];
  }

  /** Heat that came in through the envelope from outdoors (negative when lost), kWh. */
  public double envelopeHeatKwh(int i) {
    return envelopeHeatKwh[i];
  }

  /** Solar and internal gains, kWh. */
  public double gainsKwh(int i) {
    return gainsKwh[i];
  }

  /** Heat stored in air and mass, relative to both at 0 °C, kWh. */
  public double storedHeatKwh(int i) {
    return capAir[i] * airC[i] + capMass[i] * massC[i];
  }
}
