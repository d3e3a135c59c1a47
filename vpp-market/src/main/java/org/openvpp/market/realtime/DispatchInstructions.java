package org.openvpp.market.realtime;

import java.util.Objects;
import org.openvpp.market.DayAward;
import org.openvpp.market.HourlyPrices;
import org.openvpp.market.MarketRules;

/**
 * The operating targets the market sends an aggregation for one day, one per real-time interval
 * (kW, delivery positive: discharging to the grid): the day-ahead award hour by hour, ramped
 * linearly across each hour's boundary over the rules' {@link MarketRules.RealTime#hourlyRamp},
 * plus the contingency reserves called ({@link #deploy}).
 *
 * <p>Design note. An interval's target is the ramp's value at the interval's midpoint, so the ramp
 * moves energy between the two hours it joins and none is created: over a day the targets' energy
 * equals the award's but for the ramps at midnight, which join the day to the one before ({@code
 * beforeKw}, that day's last hour) and the one after ({@code afterKw}: the next day's first hour
 * once its award is known, else this day's last, a step). The ramped energy away from the award is
 * instructed energy, settled at the interval's price, not a deviation. The shipped data has no
 * real-time prices or dispatch, so the targets are what the award and the calls imply; a real
 * market's re-dispatch would add to them.
 *
 * <p>Threads: immutable.
 */
public final class DispatchInstructions {
  private final double[] kw;
  private final int perHour;

  private DispatchInstructions(double[] kw, int perHour) {
    this.kw = kw;
    this.perHour = perHour;
  }

  /**
   * The targets of {@code award}'s day: each interval's value the ramp's at its midpoint.
   *
   * @param beforeKw the award of the hour before the day (the day before's last)
   * @param afterKw the award of the hour after the day (the next day's first)
   */
  public static DispatchInstructions of(
      DayAward award, MarketRules.RealTime rules, double beforeKw, double afterKw) {
    Objects.requireNonNull(award, "award");
    Objects.requireNonNull(rules, "rules");
    if (!Double.isFinite(beforeKw) || !Double.isFinite(afterKw)) {
      throw new IllegalArgumentException(
          "the hours before and after must be finite, were " + beforeKw + ", " + afterKw);
    }
    int perHour = rules.perHour();
    double minutes = rules.interval().toSeconds() / 60.0;
    double ramp = rules.hourlyRamp().toSeconds() / 60.0;
    double[] kw = new double[HourlyPrices.PER_DAY * perHour];
    for (int k = 0; k < kw.length; k++) {
      double t = (k + 0.5) * minutes;
      int hour = k / perHour;
      double inHour = t - hour * 60.0;
      double here = award.netKw(hour);
      if (inHour < ramp / 2) {
        double before = hour == 0 ? beforeKw : award.netKw(hour - 1);
        kw[k] = before + (here - before) * (inHour + ramp / 2) / ramp;
      } else if (60.0 - inHour < ramp / 2) {
        double after = hour == HourlyPrices.PER_DAY - 1 ? afterKw : award.netKw(hour + 1);
        kw[k] = here + (after - here) * (inHour - (60.0 - ramp / 2)) / ramp;
      } else {
        kw[k] = here;
      }
    }
    return new DispatchInstructions(kw, perHour);
  }

  /**
   * These targets with {@code kw} more delivered from interval {@code from} for {@code count}
   * intervals (those past the day's end are dropped): a contingency reserve called.
   */
  public DispatchInstructions deploy(int from, int count, double kw) {
    if (from < 0 || from >= this.kw.length || count < 1) {
      throw new IllegalArgumentException(
          "a call starts in intervals 0.."
              + (this.kw.length - 1)
              + " and lasts at least one, was "
              + from
              + " for "
              + count);
    }
    if (!(kw >= 0) || !Double.isFinite(kw)) {
      throw new IllegalArgumentException("a call's power must be >= 0 and finite, was " + kw);
    }
    double[] next = this.kw.clone();
    for (int k = from; k < Math.min(next.length, from + count); k++) {
      next[k] += kw;
    }
    return new DispatchInstructions(next, perHour);
  }

  /** The target of interval {@code k} of the day, kW. */
  public double kw(int k) {
    return kw[k];
  }

  /** Intervals in the day. */
  public int size() {
    return kw.length;
  }

  /** Intervals in an hour. */
  public int perHour() {
    return perHour;
  }

  /** The energy the targets of {@code hour} ask for, kWh (delivery positive). */
  public double hourKwh(int hour) {
    double sum = 0;
    for (int k = hour * perHour; k < (hour + 1) * perHour; k++) {
      sum += kw[k];
    }
    return sum / perHour;
  }
}
