package org.openvpp.mv.baseline;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.openvpp.time.Horizon;
import org.openvpp.units.Energy;

/**
 * The baseline of one event: energy per event interval, before and after the method's same-day
 * adjustment, with the reference days it was made from (for audit).
 *
 * <p>Immutable; arrays are copied in and out.
 */
public final class BaselineEstimate {
  private final String method;
  private final Horizon intervals;
  private final double[] kwh;
  private final double[] unadjustedKwh;
  private final List<LocalDate> referenceDays;
  private final String basis;

  /**
   * @param method the method's name
   * @param intervals the event's intervals
   * @param kwh baseline energy per interval, after any adjustment
   * @param unadjustedKwh the same before the same-day adjustment (equal to {@code kwh} for methods
   *     without one)
   * @param referenceDays the days the baseline was made from, most recent first (empty for a
   *     regression)
   * @param basis one line for people: how the baseline was made
   */
  public BaselineEstimate(
      String method,
      Horizon intervals,
      double[] kwh,
      double[] unadjustedKwh,
      List<LocalDate> referenceDays,
      String basis) {
    this.method = Objects.requireNonNull(method, "method");
    this.intervals = Objects.requireNonNull(intervals, "intervals");
    if (kwh.length != intervals.count() || unadjustedKwh.length != intervals.count()) {
      throw new IllegalArgumentException(
          "need "
              + intervals.count()
              + " values, got "
              + kwh.length
              + " and "
              + unadjustedKwh.length);
    }
    this.kwh = kwh.clone();
    this.unadjustedKwh = unadjustedKwh.clone();
    this.referenceDays = List.copyOf(referenceDays);
    this.basis = Objects.requireNonNull(basis, "basis");
  }

  public String method() {
    return method;
  }

  public Horizon intervals() {
    return intervals;
  }

  public int count() {
    return kwh.length;
  }

  /** Baseline energy of event interval {@code i}, kWh. */
  public double kwh(int i) {
    return kwh[i];
  }

  public double[] kwhArray() {
    return kwh.clone();
  }

  /** Baseline energy of event interval {@code i} before the same-day adjustment, kWh. */
  public double unadjustedKwh(int i) {
    return unadjustedKwh[i];
  }

  /** The baseline energy over the whole event. */
  public Energy total() {
    double sum = 0;
    for (double v : kwh) {
      sum += v;
    }
    return Energy.ofKilowattHours(sum);
  }

  public List<LocalDate> referenceDays() {
    return referenceDays;
  }

  public String basis() {
    return basis;
  }

  @Override
  public String toString() {
    return method + " baseline of " + intervals.span() + ": " + total() + " (" + basis + ")";
  }
}
