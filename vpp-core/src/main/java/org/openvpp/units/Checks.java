package org.openvpp.units;

/**
 * One-line preconditions for plain numbers, whose messages name the field and the bad value; each
 * returns the value it checked.
 */
public final class Checks {
  private Checks() {}

  public static double positive(String field, double value) {
    if (!(value > 0) || !Double.isFinite(value)) {
      throw new IllegalArgumentException(field + " must be positive and finite, was " + value);
    }
    return value;
  }

  public static double nonNegative(String field, double value) {
    if (!(value >= 0) || !Double.isFinite(value)) {
      throw new IllegalArgumentException(field + " must be >= 0 and finite, was " + value);
    }
    return value;
  }

  public static double between(String field, double value, double min, double max) {
    if (!(value >= min && value <= max)) {
      throw new IllegalArgumentException(
          field + " must be within [" + min + ", " + max + "], was " + value);
    }
    return value;
  }

  public static int between(String field, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          field + " must be within [" + min + ", " + max + "], was " + value);
    }
    return value;
  }
}
