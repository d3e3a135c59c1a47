package org.openvpp.units;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

/**
 * An exact amount of money in one currency.
 *
 * <p>The amount is a {@link BigDecimal} held in a canonical form (trailing zeros stripped), so two
 * amounts that are numerically equal are {@link #equals equal} whatever scale they were written
 * with. Arithmetic is exact; rounding happens only where asked for, with {@link #rounded()} (to the
 * currency's minor unit, half-even, as ledgers do) or {@link #rounded(int, RoundingMode)}.
 * Arithmetic across currencies is refused.
 *
 * @param amount the amount
 * @param currency its currency
 */
public record Money(BigDecimal amount, Currency currency) implements Comparable<Money> {

  public static final Currency USD = Currency.getInstance("USD");

  public Money {
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(currency, "currency");
    amount = amount.signum() == 0 ? BigDecimal.ZERO : amount.stripTrailingZeros();
  }

  public static Money of(String amount, Currency currency) {
    try {
      return new Money(new BigDecimal(amount), currency);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a decimal amount: '" + amount + "'", e);
    }
  }

  public static Money usd(String amount) {
    return of(amount, USD);
  }

  public static Money zero(Currency currency) {
    return new Money(BigDecimal.ZERO, currency);
  }

  public Money plus(Money other) {
    requireSameCurrency(other);
    return new Money(amount.add(other.amount), currency);
  }

  public Money minus(Money other) {
    requireSameCurrency(other);
    return new Money(amount.subtract(other.amount), currency);
  }

  public Money negate() {
    return new Money(amount.negate(), currency);
  }

  /** This amount times an exact factor, without rounding. */
  public Money times(BigDecimal factor) {
    return new Money(amount.multiply(factor), currency);
  }

  public Money times(long factor) {
    return times(BigDecimal.valueOf(factor));
  }

  /** Rounded half-even to the currency's minor unit (cents for USD). */
  public Money rounded() {
    return rounded(Math.max(0, currency.getDefaultFractionDigits()), RoundingMode.HALF_EVEN);
  }

  public Money rounded(int scale, RoundingMode mode) {
    return new Money(amount.setScale(scale, mode), currency);
  }

  public int signum() {
    return amount.signum();
  }

  public boolean isZero() {
    return amount.signum() == 0;
  }

  @Override
  public int compareTo(Money other) {
    requireSameCurrency(other);
    return amount.compareTo(other.amount);
  }

  private void requireSameCurrency(Money other) {
    if (!currency.equals(other.currency)) {
      throw new IllegalArgumentException(
          "cannot combine " + this + " with " + other + ": currencies differ");
    }
  }

  /** The amount with at least the currency's minor digits, then its code: {@code 219.30 USD}. */
  @Override
  public String toString() {
    int digits = Math.max(0, currency.getDefaultFractionDigits());
    return amount.setScale(Math.max(amount.scale(), digits)).toPlainString()
        + " "
        + currency.getCurrencyCode();
  }
}
