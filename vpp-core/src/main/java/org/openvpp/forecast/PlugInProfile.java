package org.openvpp.forecast;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.openvpp.time.Horizon;
import org.openvpp.time.Interval;

/**
 * How likely a charger is to have a vehicle plugged in, by time of day, from past sessions: for
 * each slot of the day, the plugged-in charger-time inside that slot over all observed days divided
 * by {@code chargers × days × slot}.
 *
 * <p>Days start at {@code firstDay} (give local midnight for a local profile); stays are clipped to
 * the observed span. Immutable.
 */
public final class PlugInProfile {
  private static final Duration DAY = Duration.ofDays(1);

  private final Instant firstDay;
  private final Duration slot;
  private final double[] probability;

  private PlugInProfile(Instant firstDay, Duration slot, double[] probability) {
    this.firstDay = firstDay;
    this.slot = slot;
    this.probability = probability;
  }

  /**
   * The profile of {@code chargers} chargers observed for {@code days} days from {@code firstDay},
   * during which {@code stays} were the plugged-in spans.
   *
   * @throws IllegalArgumentException when the slot does not divide a day or the counts are not
   *     positive
   */
  public static PlugInProfile of(
      List<Interval> stays, int chargers, Instant firstDay, int days, Duration slot) {
    Objects.requireNonNull(firstDay, "firstDay");
    if (chargers <= 0 || days <= 0) {
      throw new IllegalArgumentException(
          "chargers and days must be positive, were " + chargers + " and " + days);
    }
    if (slot.isNegative() || slot.isZero() || DAY.toNanos() % slot.toNanos() != 0) {
      throw new IllegalArgumentException("slot must divide a day, was " + slot);
    }
    int perDay = (int) (DAY.toNanos() / slot.toNanos());
    Horizon grid = new Horizon(firstDay, slot, perDay * days);
    double[] seconds = new double[perDay];
    for (Interval stay : stays) {
      Instant from = stay.start().isBefore(firstDay) ? firstDay : stay.start();
      Instant to = stay.end().isAfter(grid.end()) ? grid.end() : stay.end();
      while (from.isBefore(to)) {
        int i = grid.indexOf(from);
        Instant slotEnd = grid.interval(i).end();
        Instant until = slotEnd.isBefore(to) ? slotEnd : to;
        seconds[i % perDay] += Duration.between(from, until).toNanos() / 1e9;
        from = until;
      }
    }
    double capacity = (double) chargers * days * slot.toNanos() / 1e9;
    double[] p = new double[perDay];
    for (int s = 0; s < perDay; s++) {
      p[s] = Math.min(1, seconds[s] / capacity);
    }
    return new PlugInProfile(firstDay, slot, p);
  }

  public int slots() {
    return probability.length;
  }

  /** Probability that a charger is occupied during slot {@code slotOfDay} (0 from midnight). */
  public double probability(int slotOfDay) {
    return probability[slotOfDay];
  }

  /**
   * The probability for each interval of {@code horizon}, by the time of day of its start (the
   * day's phase taken from the profile's first day); the horizon's step must equal the slot.
   */
  public double[] over(Horizon horizon) {
    if (!horizon.step().equals(slot)) {
      throw new IllegalArgumentException(
          "horizon step " + horizon.step() + " differs from the profile's slot " + slot);
    }
    double[] out = new double[horizon.count()];
    long slotNanos = slot.toNanos();
    for (int i = 0; i < out.length; i++) {
      long sinceStart = Duration.between(firstDay, horizon.interval(i).start()).toNanos();
      long phase = Math.floorMod(sinceStart, DAY.toNanos());
      out[i] = probability[(int) (phase / slotNanos)];
    }
    return out;
  }
}
