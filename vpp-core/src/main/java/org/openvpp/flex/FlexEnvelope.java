package org.openvpp.flex;

import java.util.Arrays;
import java.util.Collection;
import java.util.Objects;
import org.openvpp.time.Horizon;
import org.openvpp.units.Energy;
import org.openvpp.units.Power;

/**
 * The flexibility of a device or a group over a horizon, in the load convention.
 *
 * <p>For each interval {@code i} of the horizon the envelope gives a power band {@code
 * [minPower(i), maxPower(i)]} and a band {@code [minEnergy(i), maxEnergy(i)]} on the cumulative
 * energy taken from the grid from the start of the horizon to the end of interval {@code i}. A
 * power profile is feasible when every interval's power and every cumulative energy lies in its
 * band ({@link #admits}).
 *
 * <p>Envelopes add up ({@link #plus}, {@link #sum}) by adding bounds. The sum admits every profile
 * that is a sum of feasible device profiles; it may also admit a few that are not (it is an outer
 * approximation of the exact Minkowski sum), which is why dispatch always re-checks live device
 * state.
 *
 * <p>Immutable; arrays are copied in and never handed out.
 */
public final class FlexEnvelope {

  /** Tolerance, in kW and kWh, when checking a profile against the bounds. */
  public static final double TOLERANCE = 1e-6;

  private final Horizon horizon;
  private final double[] minKw;
  private final double[] maxKw;
  private final double[] minKwh;
  private final double[] maxKwh;

  private FlexEnvelope(
      Horizon horizon, double[] minKw, double[] maxKw, double[] minKwh, double[] maxKwh) {
    this.horizon = horizon;
    this.minKw = minKw;
    this.maxKw = maxKw;
    this.minKwh = minKwh;
    this.maxKwh = maxKwh;
  }

  /**
   * An envelope from bounds given in kW and kWh, one value per interval of {@code horizon}.
   *
   * @throws IllegalArgumentException when a length differs from the horizon, a bound is not finite,
   *     or a lower bound exceeds its upper bound
   */
  public static FlexEnvelope of(
      Horizon horizon, double[] minKw, double[] maxKw, double[] minKwh, double[] maxKwh) {
    Objects.requireNonNull(horizon, "horizon");
    int n = horizon.count();
    check("minKw", minKw, n);
    check("maxKw", maxKw, n);
    check("minKwh", minKwh, n);
    check("maxKwh", maxKwh, n);
    for (int i = 0; i < n; i++) {
      if (minKw[i] > maxKw[i] + TOLERANCE) {
        throw new IllegalArgumentException(
            "interval " + i + ": minKw " + minKw[i] + " exceeds maxKw " + maxKw[i]);
      }
      if (minKwh[i] > maxKwh[i] + TOLERANCE) {
        throw new IllegalArgumentException(
            "interval " + i + ": minKwh " + minKwh[i] + " exceeds maxKwh " + maxKwh[i]);
      }
    }
    return new FlexEnvelope(horizon, minKw.clone(), maxKw.clone(), minKwh.clone(), maxKwh.clone());
  }

  /** An envelope that admits only zero power: a device offering no flexibility. */
  public static FlexEnvelope none(Horizon horizon) {
    int n = horizon.count();
    return new FlexEnvelope(horizon, new double[n], new double[n], new double[n], new double[n]);
  }

  private static void check(String name, double[] values, int n) {
    Objects.requireNonNull(values, name);
    if (values.length != n) {
      throw new IllegalArgumentException(
          name + " has " + values.length + " values, the horizon has " + n + " intervals");
    }
    for (int i = 0; i < n; i++) {
      if (!Double.isFinite(values[i])) {
        throw new IllegalArgumentException(name + "[" + i + "] is not finite: " + values[i]);
      }
    }
  }

  public Horizon horizon() {
    return horizon;
  }

  public Power minPower(int interval) {
    return Power.ofKilowatts(minKw[interval]);
  }

  public Power maxPower(int interval) {
    return Power.ofKilowatts(maxKw[interval]);
  }

  public Energy minEnergy(int interval) {
    return Energy.ofKilowattHours(minKwh[interval]);
  }

  public Energy maxEnergy(int interval) {
    return Energy.ofKilowattHours(maxKwh[interval]);
  }

  /** The sum of this envelope and {@code other}, which must share its horizon. */
  public FlexEnvelope plus(FlexEnvelope other) {
    requireSameHorizon(other);
    int n = horizon.count();
    double[] a = new double[n];
    double[] b = new double[n];
    double[] c = new double[n];
    double[] d = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = minKw[i] + other.minKw[i];
      b[i] = maxKw[i] + other.maxKw[i];
      c[i] = minKwh[i] + other.minKwh[i];
      d[i] = maxKwh[i] + other.maxKwh[i];
    }
    return new FlexEnvelope(horizon, a, b, c, d);
  }

  /** The sum of {@code envelopes}, all on {@code horizon}; the empty sum admits only zero. */
  public static FlexEnvelope sum(Horizon horizon, Collection<FlexEnvelope> envelopes) {
    FlexEnvelope total = none(horizon);
    for (FlexEnvelope e : envelopes) {
      total = total.plus(e);
    }
    return total;
  }

  /**
   * Whether the power profile {@code kw} (one value per interval, load convention) stays inside
   * every power band and every cumulative energy band, within {@link #TOLERANCE}.
   */
  public boolean admits(double[] kw) {
    if (kw.length != horizon.count()) {
      throw new IllegalArgumentException(
          "profile has " + kw.length + " values, the horizon has " + horizon.count());
    }
    double hours = horizon.stepHours();
    double energy = 0;
    for (int i = 0; i < kw.length; i++) {
      if (kw[i] < minKw[i] - TOLERANCE || kw[i] > maxKw[i] + TOLERANCE) {
        return false;
      }
      energy += kw[i] * hours;
      if (energy < minKwh[i] - TOLERANCE || energy > maxKwh[i] + TOLERANCE) {
        return false;
      }
    }
    return true;
  }

  private void requireSameHorizon(FlexEnvelope other) {
    if (!horizon.equals(other.horizon)) {
      throw new IllegalArgumentException(
          "envelopes on different horizons cannot be added: " + horizon + " and " + other.horizon);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FlexEnvelope e
        && horizon.equals(e.horizon)
        && Arrays.equals(minKw, e.minKw)
        && Arrays.equals(maxKw, e.maxKw)
        && Arrays.equals(minKwh, e.minKwh)
        && Arrays.equals(maxKwh, e.maxKwh);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        horizon,
        Arrays.hashCode(minKw),
        Arrays.hashCode(maxKw),
        Arrays.hashCode(minKwh),
        Arrays.hashCode(maxKwh));
  }

  @Override
  public String toString() {
    return "FlexEnvelope[" + horizon + ", power " + minPower(0) + ".." + maxPower(0) + " first]";
  }
}
