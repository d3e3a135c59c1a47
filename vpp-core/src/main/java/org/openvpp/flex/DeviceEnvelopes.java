package org.openvpp.flex;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.openvpp.device.Battery;
import org.openvpp.device.EvCharger;
import org.openvpp.device.PvInverter;
import org.openvpp.device.Thermostat;
import org.openvpp.device.WaterHeater;
import org.openvpp.time.Horizon;
import org.openvpp.time.Interval;
import org.openvpp.units.Durations;
import org.openvpp.units.Energy;
import org.openvpp.units.Temperature;

/**
 * Envelopes of single devices over a horizon, from their specification, current state and the
 * forecasts they depend on, all in the load convention (+ is taken from the grid). Every kind has
 * the same form, per-interval power bounds and bounds on the energy taken since the start of the
 * horizon, so envelopes of any kinds add up ({@link FlexEnvelope#plus}, {@link EnvelopeBlock}).
 *
 * <p>What each bound means and assumes is written on each method and in docs/forecasting.md.
 */
public final class DeviceEnvelopes {
  private DeviceEnvelopes() {}

  /**
   * The envelope of a battery holding {@code stored} energy now, at the start of {@code horizon}.
   *
   * <p>Power: from {@code -maxDischarge} to {@code +maxCharge} in every interval. Energy, on the
   * grid side: at most the energy that fills it, {@code (capacity - stored) / η}, and at least
   * minus what it can give before reaching the reserve, {@code -(stored - reserve) · η}, where
   * {@code η} is the one-way efficiency, and no further than full power reaches by the end of each
   * interval. These bounds are exact for profiles that only charge or only discharge; a profile
   * that does both loses {@code 1 - η²} of the energy it cycles, which they do not count.
   */
  public static FlexEnvelope battery(Battery battery, Energy stored, Horizon horizon) {
    return battery(battery, stored, battery.backupReserve(), horizon);
  }

  /**
   * A battery's envelope with the backup reserve its customer chose instead of the device's own.
   *
   * @throws IllegalArgumentException when the reserve is outside [0, usable capacity]
   */
  public static FlexEnvelope battery(
      Battery battery, Energy stored, Energy backupReserve, Horizon horizon) {
    double capacity = battery.usableCapacity().kilowattHours();
    double reserve = backupReserve.kilowattHours();
    if (!(reserve >= 0 && reserve <= capacity)) {
      throw new IllegalArgumentException(
          "backup reserve of "
              + battery.id()
              + " must be within 0.."
              + capacity
              + " kWh, was "
              + reserve);
    }
    double now = Math.clamp(stored.kilowattHours(), 0, capacity);
    double eta = battery.oneWayEfficiency();
    int n = horizon.count();
    double[] minKw = new double[n];
    double[] maxKw = new double[n];
    double[] minKwh = new double[n];
    double[] maxKwh = new double[n];
    double floor = -Math.max(0, now - reserve) * eta;
    double ceiling = (capacity - now) / eta;
    fillBatteryShape(
        minKw,
        maxKw,
        minKwh,
        maxKwh,
        0,
        horizon,
        -battery.maxDischarge().kilowatts(),
        battery.maxCharge().kilowatts(),
        floor,
        ceiling);
    return FlexEnvelope.of(horizon, minKw, maxKw, minKwh, maxKwh);
  }

  /**
   * Writes a battery-shaped envelope into arrays at {@code base}: the same power band in every
   * interval, and energy bounds that grow at full power until they meet {@code floorKwh} and {@code
   * ceilingKwh}.
   */
  static void fillBatteryShape(
      double[] minKw,
      double[] maxKw,
      double[] minKwh,
      double[] maxKwh,
      int base,
      Horizon horizon,
      double downKw,
      double upKw,
      double floorKwh,
      double ceilingKwh) {
    double hours = horizon.stepHours();
    for (int i = 0; i < horizon.count(); i++) {
      minKw[base + i] = downKw;
      maxKw[base + i] = upKw;
      minKwh[base + i] = Math.max(floorKwh, downKw * hours * (i + 1));
      maxKwh[base + i] = Math.min(ceilingKwh, upKw * hours * (i + 1));
    }
  }

  /**
   * The envelope of an EV charger over one expected session.
   *
   * <p>Power: zero outside the session; inside, from {@code -maxDischarge} (zero unless charger and
   * vehicle both allow V2G) to {@code maxCharge}, scaled by the share of the interval the vehicle
   * is plugged in (the bounds are interval averages). Energy: at most the vehicle's headroom and
   * what full power reaches by the end of each interval; at least zero (V2G gives back only what
   * was charged in the horizon, never the arrival charge) and at least what must already be in so
   * that full power for the rest of the stay still delivers {@code needed} by {@code readyBy} (the
   * latest-start curve). Only intervals that end by {@code readyBy} count towards the need, so a
   * profile inside the envelope has delivered {@code needed} by {@code readyBy}. Time after the end
   * of the horizon counts at full power. When the stay is too short to deliver {@code needed}, the
   * need is cut to what full power delivers.
   */
  public static FlexEnvelope ev(EvCharger charger, EvSession session, Horizon horizon) {
    Objects.requireNonNull(session, "session");
    double up = charger.maxCharge().kilowatts();
    double down = charger.maxDischarge().kilowatts();
    int n = horizon.count();
    double hours = horizon.stepHours();
    Interval stay = new Interval(session.pluggedIn(), session.departure());
    double[] capKwh = new double[n]; // most energy each interval can take
    int deadline = -1; // last interval that ends by readyBy
    for (int i = 0; i < n; i++) {
      Interval slot = horizon.interval(i);
      capKwh[i] = up * overlapHours(slot, stay);
      if (!slot.end().isAfter(session.readyBy())) {
        deadline = i;
      }
    }
    Instant beyondFrom = max(horizon.end(), session.pluggedIn());
    double beyondKwh =
        session.readyBy().isAfter(beyondFrom)
            ? up * Durations.hours(Duration.between(beyondFrom, session.readyBy()))
            : 0;
    double deliverable = beyondKwh;
    for (int i = 0; i <= deadline; i++) {
      deliverable += capKwh[i];
    }
    double needed = Math.min(session.needed().kilowattHours(), deliverable);
    double headroom = session.headroom().kilowattHours();
    double[] minKw = new double[n];
    double[] maxKw = new double[n];
    double[] minKwh = new double[n];
    double[] maxKwh = new double[n];
    double reach = 0;
    double after = deliverable; // what full power delivers after interval i, by the deadline
    for (int i = 0; i < n; i++) {
      double share = capKwh[i] / (up * hours);
      minKw[i] = 0.0 - down * share; // not -0.0
      maxKw[i] = up * share;
      reach += capKwh[i];
      if (i <= deadline) {
        after -= capKwh[i];
      }
      maxKwh[i] = Math.min(headroom, reach);
      minKwh[i] = Math.min(maxKwh[i], Math.max(0, needed - Math.max(0, after)));
    }
    return FlexEnvelope.of(horizon, minKw, maxKw, minKwh, maxKwh);
  }

  /**
   * The envelope of a thermostat's plant as a virtual battery, from a first-order thermal model,
   * the comfort band and a forecast of outdoor temperature.
   *
   * <p>Baseline: a perfect thermostat aiming at {@code setpoint} from {@code indoor}: in each
   * interval the constant power that brings the indoor temperature to the setpoint by its end,
   * clamped to {@code 0..hvacPower}; this gives the baseline power {@code P0(k)} and the reference
   * temperatures {@code θ(k)}. Deviation: with {@code x = ±C·(T − θ)/COP} (+ heating, − cooling) in
   * kWh of electricity, the exact discrete model is {@code x(k+1) = α·x(k) + β·(P(k) − P0(k))·Δt},
   * {@code α = e^(−Δt/RC)}, {@code β = RC·(1 − α)/Δt} (a leaky battery). Bounds: if the cumulative
   * deviation {@code D(k) = Σ (P − P0)·Δt} stays within {@code [L, U]} with {@code L ≤ 0 ≤ U}, then
   * {@code x(k) = β·(D(k) − (1 − α)·Σ_{j<k} α^(k−1−j)·D(j))} lies within {@code ±β·(U − L)}; so
   * {@code U − L = min(M⁺, M⁻)/β}, where {@code M⁺, M⁻} are the smallest room in kWh the comfort
   * band leaves on either side of the reference over the horizon, split evenly: {@code U = −L}. The
   * envelope is power {@code 0..hvacPower} and cumulative energy {@code Σ P0·Δt + [L, U]}.
   *
   * <p>Guarantee: every profile the envelope admits keeps the model's indoor temperature within the
   * comfort band at every instant (with constant power in an interval the temperature moves
   * monotonically), except where the reference itself leaves the band (the plant cannot hold the
   * setpoint, or the home starts outside the band): there the band is widened to the reference, the
   * promise being no worse than the thermostat alone. The bound ignores the leak's help, so it is
   * conservative (for Δt ≪ RC, β ≈ 1 and the width is about the smaller comfort margin in kWh).
   *
   * @param outdoorC forecast outdoor temperature per interval, °C (gains folded in as {@code T_out
   *     + R·G})
   */
  public static FlexEnvelope hvac(
      Thermostat thermostat,
      ThermalModel model,
      HvacMode mode,
      Temperature indoor,
      Temperature setpoint,
      double[] outdoorC,
      Horizon horizon) {
    int n = horizon.count();
    if (outdoorC.length != n) {
      throw new IllegalArgumentException(
          "outdoorC has " + outdoorC.length + " values, the horizon has " + n + " intervals");
    }
    double s = mode.sign();
    double cop = thermostat.coefficientOfPerformance();
    double rated = thermostat.hvacPower().kilowatts();
    double r = model.resistanceCPerKw();
    double c = model.capacityKwhPerC();
    double dt = horizon.stepHours();
    double alpha = Math.exp(-dt / model.timeConstantHours());
    double beta = model.timeConstantHours() * (1 - alpha) / dt;
    double lo = thermostat.comfortLow().celsius();
    double hi = thermostat.comfortHigh().celsius();
    double target = setpoint.celsius();
    double[] baseline = new double[n];
    double theta = indoor.celsius();
    double roomUp = Double.POSITIVE_INFINITY; // min over k of the largest x allowed
    double roomDown = Double.POSITIVE_INFINITY; // min over k of minus the smallest x allowed
    for (int k = 0; k < n; k++) {
      double out = outdoorC[k];
      if (!Double.isFinite(out)) {
        throw new IllegalArgumentException("outdoorC[" + k + "] is not finite: " + out);
      }
      double steady = (target - alpha * theta) / (1 - alpha);
      double p = Math.clamp((steady - out) / (s * r * cop), 0, rated);
      baseline[k] = p;
      double reached = out + s * r * cop * p;
      theta = reached + (theta - reached) * alpha;
      double low = Math.min(lo, theta);
      double high = Math.max(hi, theta);
      // x = s·C·(T − θ)/COP; T = high and T = low give the two ends of the allowed x.
      double xAtHigh = s * c * (high - theta) / cop;
      double xAtLow = s * c * (low - theta) / cop;
      roomUp = Math.min(roomUp, Math.max(xAtHigh, xAtLow));
      roomDown = Math.min(roomDown, -Math.min(xAtHigh, xAtLow));
    }
    double half = Math.max(0, Math.min(roomUp, roomDown)) / beta / 2;
    double[] minKw = new double[n];
    double[] maxKw = new double[n];
    double[] minKwh = new double[n];
    double[] maxKwh = new double[n];
    double base = 0;
    for (int k = 0; k < n; k++) {
      base += baseline[k] * dt;
      maxKw[k] = rated;
      minKwh[k] = Math.max(0, base - half);
      maxKwh[k] = Math.min(rated * dt * (k + 1), base + half);
    }
    return FlexEnvelope.of(horizon, minKw, maxKw, minKwh, maxKwh);
  }

  /** Heat to warm one litre of water by one kelvin, kWh (4.186 kJ/(kg·K), 1 kg/L). */
  static final double WATER_KWH_PER_LITRE_K = 4.186 / 3_600;

  /**
   * The envelope of a storage water heater from its tank temperature now and a forecast of the heat
   * drawn from it.
   *
   * <p>The tank is one well-mixed store of {@code k = litres · 4.186 kJ/(kg·K)} per kelvin holding
   * {@code S(0) = k·(T_now − T_min)} above its minimum and at most {@code S_max = k·(T_max −
   * T_min)}; the element (efficiency 1, a resistance element) turns electricity into stored heat
   * and the draws {@code W(i)} (hot water used plus standby loss, kWh of heat per interval) take it
   * out: {@code S = S(0) + E − ΣW}. So the cumulative electricity {@code E} lies within {@code [ΣW
   * − S(0), ΣW + S_max − S(0)]}, and within {@code [0, P·t]} for element power {@code P}. Draws and
   * heating spread evenly over each interval keep the tank within its band between interval ends
   * too. When the draws outrun the element the lower bound is cut to full power: the tank will then
   * fall below its minimum whatever is done.
   */
  public static FlexEnvelope waterHeater(
      WaterHeater heater, Temperature tankNow, double[] drawsKwh, Horizon horizon) {
    int n = horizon.count();
    if (drawsKwh.length != n) {
      throw new IllegalArgumentException(
          "drawsKwh has " + drawsKwh.length + " values, the horizon has " + n + " intervals");
    }
    double k = heater.tankLitres() * WATER_KWH_PER_LITRE_K;
    double tMin = heater.minTemperature().celsius();
    double stored = k * (tankNow.celsius() - tMin);
    double full = k * (heater.maxTemperature().celsius() - tMin);
    double power = heater.elementPower().kilowatts();
    double dt = horizon.stepHours();
    double[] minKw = new double[n];
    double[] maxKw = new double[n];
    double[] minKwh = new double[n];
    double[] maxKwh = new double[n];
    double drawn = 0;
    for (int i = 0; i < n; i++) {
      if (!(drawsKwh[i] >= 0) || !Double.isFinite(drawsKwh[i])) {
        throw new IllegalArgumentException("drawsKwh[" + i + "] must be >= 0, was " + drawsKwh[i]);
      }
      drawn += drawsKwh[i];
      double reach = power * dt * (i + 1);
      maxKw[i] = power;
      maxKwh[i] = Math.max(0, Math.min(reach, drawn + full - stored));
      minKwh[i] = Math.min(maxKwh[i], Math.min(reach, Math.max(0, drawn - stored)));
    }
    return FlexEnvelope.of(horizon, minKw, maxKw, minKwh, maxKwh);
  }

  /**
   * The envelope of a PV inverter from a forecast of its output: power from minus the forecast
   * generation (capped at the inverter's AC rating) up to zero when it may be curtailed, exactly
   * minus the forecast when not; cumulative energy between the sums of those bounds.
   *
   * @param forecastKw forecast generation per interval, kW, as a positive magnitude
   */
  public static FlexEnvelope pvCurtailment(PvInverter pv, double[] forecastKw, Horizon horizon) {
    int n = horizon.count();
    if (forecastKw.length != n) {
      throw new IllegalArgumentException(
          "forecastKw has " + forecastKw.length + " values, the horizon has " + n + " intervals");
    }
    double ac = pv.acRating().kilowatts();
    double dt = horizon.stepHours();
    double[] minKw = new double[n];
    double[] maxKw = new double[n];
    double[] minKwh = new double[n];
    double[] maxKwh = new double[n];
    double low = 0;
    double high = 0;
    for (int i = 0; i < n; i++) {
      if (!Double.isFinite(forecastKw[i])) {
        throw new IllegalArgumentException("forecastKw[" + i + "] is not finite");
      }
      double g = Math.clamp(forecastKw[i], 0, ac);
      minKw[i] = 0.0 - g; // not -0.0
      maxKw[i] = pv.curtailable() ? 0 : minKw[i];
      low += minKw[i] * dt;
      high += maxKw[i] * dt;
      minKwh[i] = low;
      maxKwh[i] = high;
    }
    return FlexEnvelope.of(horizon, minKw, maxKw, minKwh, maxKwh);
  }

  private static double overlapHours(Interval a, Interval b) {
    Instant from = max(a.start(), b.start());
    Instant to = a.end().isBefore(b.end()) ? a.end() : b.end();
    return to.isAfter(from) ? Durations.hours(Duration.between(from, to)) : 0;
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
