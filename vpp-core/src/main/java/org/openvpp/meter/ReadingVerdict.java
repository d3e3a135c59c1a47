package org.openvpp.meter;

import java.util.Locale;

/**
 * What became of one meter reading offered to OpenVPP: kept, or the one reason it was refused.
 * Every input (the device protocol's meter topics, a Green Button file or feed) answers each
 * reading with one of these, by its {@link #key()}.
 */
public enum ReadingVerdict {
  /** Kept in the meter history. */
  ACCEPTED,
  /** Not a reading of the input's shape: syntax, a wrong type, an unknown or repeated key. */
  MALFORMED,
  /** A required value is absent. */
  MISSING,
  /** Imported or exported energy below zero. */
  NEGATIVE,
  /**
   * A length other than 5, 15, 30 or 60 minutes, a start off its length's grid, a value too big.
   */
  OUT_OF_RANGE,
  /** The interval ends after the service's present (beyond a small allowance for clocks). */
  FUTURE,
  /** No site in the register has this meter. */
  UNKNOWN_METER,
  /** The history already holds a reading of this meter for this interval (the first one stays). */
  DUPLICATE,
  /** The site's customer has not consented to OpenVPP reading its meter data. */
  NO_CONSENT,
  /** Wrong units or quantity (not electric energy), in a file whose units are stated. */
  WRONG_UNITS;

  /** The name used in receipts, logs, metrics and the documents, such as {@code out_of_range}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
