package org.openvpp.sim.waterheater;

/** One-line preconditions whose messages name the field and the bad value. */
final class Check {
  private Check() {}

  static double positive(String field, double value) {
    if (!(value > 0) || !Double.isFinite(value)) {
      throw new IllegalArgumentException(field + " must be positive and finite, was " + value);
    }
    return value;
  }

  static double nonNegative(String field, double value) {
    if (!(value >= 0) || !Double.isFinite(value)) {
      throw new IllegalArgumentException(field + " must be >= 0 and finite, was " + value);
    }
    return value;
  }

  static double between(String field, double value, double min, double max) {
    if (!(value >= min && value <= max)) {
      throw new IllegalArgumentException(
          field + " must be within [" + min + ", " + max + "], was " + value);
    }
    return value;
  }

  static int between(String field, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          field + " must be within [" + min + ", " + max + "], was " + value);
    }
    return value;
  }
}
