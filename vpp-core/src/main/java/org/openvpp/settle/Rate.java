package org.openvpp.settle;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import org.openvpp.units.Money;

/**
 * A price per kilo-unit (per kWh, per kW) ready for exact integer arithmetic: an amount for {@code
 * units} (Wh, W) in whole minor units is {@code price × units / 1000}, rounded half-even to the
 * minor unit. The fleet path and the per-object path both go through {@link #minorUnitsFor}, so
 * they agree to the cent.
 */
final class Rate {
  private final long numerator;
  private final long denominator;
  private final BigDecimal price;
  private final int digits;

  Rate(Money pricePerKilo) {
    this.price = pricePerKilo.amount();
    this.digits = Math.max(0, pricePerKilo.currency().getDefaultFractionDigits());
    BigDecimal minor = price.movePointRight(digits);
    int scale = Math.max(0, minor.scale());
    BigInteger unscaled = minor.setScale(scale, RoundingMode.UNNECESSARY).unscaledValue();
    this.numerator = unscaled.longValueExact();
    this.denominator = Math.multiplyExact(1000L, BigInteger.TEN.pow(scale).longValueExact());
  }

  boolean isZero() {
    return numerator == 0;
  }

  /** {@code price × units / 1000} in minor units, half-even. */
  long minorUnitsFor(long units) {
    long hi = Math.multiplyHigh(numerator, units);
    long lo = numerator * units;
    if ((hi == 0 && lo >= 0) || (hi == -1 && lo < 0)) {
      return divHalfEven(lo, denominator);
    }
    return price
        .multiply(BigDecimal.valueOf(units))
        .movePointLeft(3)
        .movePointRight(digits)
        .setScale(0, RoundingMode.HALF_EVEN)
        .longValueExact();
  }

  static long divHalfEven(long num, long den) {
    long q = Math.floorDiv(num, den);
    long r = Math.floorMod(num, den);
    long twice = 2 * r;
    if (twice > den || (twice == den && (q & 1) != 0)) {
      q++;
    }
    return q;
  }

  /** Energy settled in whole watt-hours: kWh × 1000 rounded half-even. */
  static long wattHours(double kwh) {
    return (long) Math.rint(kwh * 1000);
  }
}
