package org.openvpp.settle;

import java.util.Objects;
import org.openvpp.units.Money;

/**
 * One line of a transaction: an amount to an account, debit positive.
 *
 * @param account the account
 * @param amount debit if positive, credit if negative; never zero; in whole minor units
 * @param kind what it is for
 * @param reference what it is about (an event id, a month), for statements
 */
public record Posting(Account account, Money amount, LineKind kind, String reference) {
  public Posting {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(reference, "reference");
    if (amount.isZero()) {
      throw new IllegalArgumentException("posting to " + account + " of zero; leave it out");
    }
    int digits = Math.max(0, amount.currency().getDefaultFractionDigits());
    if (amount.amount().scale() > digits) {
      throw new LedgerException(
          LedgerException.Reason.NOT_IN_MINOR_UNITS,
          "posting to "
              + account
              + " of "
              + amount.amount().toPlainString()
              + " is finer than the currency's minor unit; round it first (Money.rounded)");
    }
  }

  Posting negated() {
    return new Posting(account, amount.negate(), kind, reference);
  }
}
