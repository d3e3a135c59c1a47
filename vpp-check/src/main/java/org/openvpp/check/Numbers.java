package org.openvpp.check;

/**
 * Numbers in a range, recorded as a side of the value nearest zero (the origin) and a distance from
 * it, so that lowering the distance brings the value towards the origin whichever side it is on,
 * and lowering the side moves it above the origin. Drawn fresh, about one value in ten is an edge
 * (the origin, the smallest, the largest) and the others are spread evenly over the range.
 */
final class Numbers {
  /** Of this many plus one kinds, 0, 1 and 2 are the edges and the others spread the value. */
  private static final long KINDS = 31;

  private static final long STEPS = 1L << 53;

  private Numbers() {}

  /** The value in [min, max] nearest zero. */
  private static long origin(long min, long max) {
    return min > 0 ? min : Math.min(max, 0);
  }

  /** A whole number in [min, max]. */
  static long whole(Choices in, long min, long max) {
    long origin = origin(min, max);
    long above = max - origin; // unsigned, as every distance here
    long below = origin - min;
    long drawn = 0;
    if (in.drawing()) {
      long kind = in.random(KINDS);
      drawn =
          switch ((int) kind) {
            case 0 -> origin;
            case 1 -> min;
            case 2 -> max;
            default -> min + in.random(max - min);
          };
    }
    boolean under = side(in, above != 0 && below != 0, drawn < origin, below != 0);
    long distance = in.atMost(under ? below : above, under ? origin - drawn : drawn - origin);
    return under ? origin - distance : origin + distance;
  }

  /** A finite number in [min, max]. */
  static double real(Choices in, double min, double max) {
    double origin = min > 0 ? min : Math.min(max, 0); // as origin(long, long)
    double above = max - origin;
    double below = origin - min;
    double drawn = origin;
    if (in.drawing()) {
      long kind = in.random(KINDS);
      drawn =
          switch ((int) kind) {
            case 0 -> origin;
            case 1 -> min;
            case 2 -> max;
            default -> Math.min(max, min + (max - min) * (in.random(STEPS) / (double) STEPS));
          };
    }
    boolean under = side(in, above > 0 && below > 0, drawn < origin, below > 0);
    double length = under ? below : above;
    long fresh = length == 0 ? 0 : Math.round(Math.abs(drawn - origin) / length * STEPS);
    long steps = in.atMost(STEPS, Math.min(STEPS, fresh));
    if (steps == STEPS) {
      return under ? min : max;
    }
    double v =
        under
            ? origin - length * (steps / (double) STEPS)
            : origin + length * (steps / (double) STEPS);
    return Math.max(min, Math.min(max, v));
  }

  /**
   * Whether the value is below the origin: a recorded choice when both sides exist, else the side
   * there is.
   */
  private static boolean side(Choices in, boolean both, boolean drawnUnder, boolean onlyUnder) {
    if (!both) {
      return onlyUnder;
    }
    return in.atMost(1, drawnUnder ? 1 : 0) == 1;
  }
}
