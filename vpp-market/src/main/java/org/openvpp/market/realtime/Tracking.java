package org.openvpp.market.realtime;

/**
 * How closely a fleet followed its operating targets over a run: the energy it was told to move,
 * the uninstructed deviation (metered less target, interval by interval), and the worst interval.
 *
 * <p>Threads: not thread-safe; one run adds to it.
 */
public final class Tracking {

  /**
   * What a tracking found.
   *
   * @param intervals intervals followed
   * @param off intervals missed by more than their tolerance
   * @param instructedKwh energy the targets asked to move, either way
   * @param deviationKwh uninstructed deviation, either way
   * @param worstKw the largest miss of an interval
   */
  public record Figures(
      long intervals, long off, double instructedKwh, double deviationKwh, double worstKw) {
    public static final Figures NONE = new Figures(0, 0, 0, 0, 0);

    /** These figures and {@code other}'s, as of one run. */
    public Figures plus(Figures other) {
      return new Figures(
          intervals + other.intervals,
          off + other.off,
          instructedKwh + other.instructedKwh,
          deviationKwh + other.deviationKwh,
          Math.max(worstKw, other.worstKw));
    }

    /** The deviation as a share of the instructed energy (0 when nothing was instructed). */
    public double error() {
      return instructedKwh == 0 ? 0 : deviationKwh / instructedKwh;
    }
  }

  private double instructedKwh;
  private double deviationKwh;
  private double worstKw;
  private long intervals;
  private long off;

  /**
   * Adds an interval of {@code hours}: its target and what the fleet metered (kW, delivery
   * positive). An interval is off when the fleet missed its target by more than {@code
   * toleranceKw}.
   */
  public void add(double targetKw, double meteredKw, double hours, double toleranceKw) {
    double miss = Math.abs(meteredKw - targetKw);
    instructedKwh += Math.abs(targetKw) * hours;
    deviationKwh += miss * hours;
    worstKw = Math.max(worstKw, miss);
    intervals++;
    off += miss > toleranceKw ? 1 : 0;
  }

  /** What it found so far. */
  public Figures figures() {
    return new Figures(intervals, off, instructedKwh, deviationKwh, worstKw);
  }
}
