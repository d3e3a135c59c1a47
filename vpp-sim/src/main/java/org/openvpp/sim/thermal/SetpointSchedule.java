package org.openvpp.sim.thermal;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;
import org.openvpp.units.Checks;

/**
 * Cooling and heating setpoints by local hour, repeating with the length of the tables: 24 values
 * make a daily schedule, 168 a weekly one, 720 a month of measured setpoints.
 *
 * <p>The value for local hour {@code h} (hours since 1970-01-01T00:00 local time) is entry {@code
 * floorMod(h - anchorHour, n)}, so a daily schedule's entry 0 is midnight to one o'clock, and a
 * schedule of measured hours starts at its anchor hour. Immutable; instances may be shared by many
 * homes (the fleet's banks hold references, not copies).
 */
public final class SetpointSchedule {

  final double[] coolingC;
  final double[] heatingC;
  final long anchorHour;

  private SetpointSchedule(double[] coolingC, double[] heatingC, long anchorHour) {
    if (coolingC.length == 0 || coolingC.length != heatingC.length) {
      throw new IllegalArgumentException(
          "cooling and heating tables must have the same, non-zero length, were "
              + coolingC.length
              + " and "
              + heatingC.length);
    }
    for (int h = 0; h < coolingC.length; h++) {
      Checks.between("cooling setpoint [" + h + "] (°C)", coolingC[h], 5, 40);
      Checks.between("heating setpoint [" + h + "] (°C)", heatingC[h], 5, 40);
      if (heatingC[h] > coolingC[h]) {
        throw new IllegalArgumentException(
            "heating setpoint must not exceed cooling setpoint, hour "
                + h
                + " has "
                + heatingC[h]
                + " > "
                + coolingC[h]);
      }
    }
    this.coolingC = coolingC.clone();
    this.heatingC = heatingC.clone();
    this.anchorHour = anchorHour;
  }

  /** The same setpoints at every hour. */
  public static SetpointSchedule constant(double coolingC, double heatingC) {
    return new SetpointSchedule(new double[] {coolingC}, new double[] {heatingC}, 0);
  }

  /** A daily schedule: 24 values each, entry 0 from local midnight. */
  public static SetpointSchedule daily(double[] coolingC, double[] heatingC) {
    if (coolingC.length != 24) {
      throw new IllegalArgumentException(
          "a daily schedule needs 24 hourly values, had " + coolingC.length);
    }
    return new SetpointSchedule(coolingC, heatingC, 0);
  }

  /**
   * Hourly setpoints that start at local hour {@code anchorHour} (hours since the local epoch) and
   * repeat with the length of the tables.
   */
  public static SetpointSchedule hourly(double[] coolingC, double[] heatingC, long anchorHour) {
    return new SetpointSchedule(coolingC, heatingC, anchorHour);
  }

  /** This schedule with {@code deltaC} added to every setpoint. */
  public SetpointSchedule shifted(double deltaC) {
    double[] c = coolingC.clone();
    double[] h = heatingC.clone();
    for (int k = 0; k < c.length; k++) {
      c[k] += deltaC;
      h[k] += deltaC;
    }
    return new SetpointSchedule(c, h, anchorHour);
  }

  int index(long localHour) {
    return (int) Math.floorMod(localHour - anchorHour, (long) coolingC.length);
  }

  /** The cooling setpoint at {@code epochMinute} for a clock {@code utcOffsetMinutes} from UTC. */
  public double coolingC(long epochMinute, int utcOffsetMinutes) {
    return coolingC[index(Math.floorDiv(epochMinute + utcOffsetMinutes, 60))];
  }

  /** The heating setpoint at {@code epochMinute} for a clock {@code utcOffsetMinutes} from UTC. */
  public double heatingC(long epochMinute, int utcOffsetMinutes) {
    return heatingC[index(Math.floorDiv(epochMinute + utcOffsetMinutes, 60))];
  }

  /** Highest cooling setpoint of the schedule. */
  public double maxCoolingC() {
    return Arrays.stream(coolingC).max().orElseThrow();
  }

  /** Lowest heating setpoint of the schedule. */
  public double minHeatingC() {
    return Arrays.stream(heatingC).min().orElseThrow();
  }

  /** Smallest gap between the cooling and heating setpoints of the same hour. */
  double minGapC() {
    double gap = Double.POSITIVE_INFINITY;
    for (int h = 0; h < coolingC.length; h++) {
      gap = Math.min(gap, coolingC[h] - heatingC[h]);
    }
    return gap;
  }

  /** Number of hourly entries before the schedule repeats. */
  public int periodHours() {
    return coolingC.length;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof SetpointSchedule s
        && anchorHour == s.anchorHour
        && Arrays.equals(coolingC, s.coolingC)
        && Arrays.equals(heatingC, s.heatingC);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Arrays.hashCode(coolingC) + Arrays.hashCode(heatingC))
        + Long.hashCode(anchorHour);
  }

  @Override
  public String toString() {
    return "SetpointSchedule["
        + coolingC.length
        + " h, cooling "
        + Arrays.stream(coolingC).min().orElseThrow()
        + ".."
        + maxCoolingC()
        + " °C, heating "
        + minHeatingC()
        + ".."
        + Arrays.stream(heatingC).max().orElseThrow()
        + " °C]";
  }
}
