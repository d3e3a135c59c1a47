package org.openvpp.settle;

import java.util.Objects;
import org.openvpp.time.Interval;
import org.openvpp.units.Money;

/**
 * What a program earned against what it paid over a period, read from the ledger.
 *
 * @param programId the program
 * @param period the period (by transaction instant)
 * @param revenue from the utility or the market
 * @param leaseIncome lease fees charged, net of lease credits
 * @param payouts incentives paid to participants
 * @param net {@code revenue + leaseIncome − payouts}
 */
public record ProgramEconomics(
    String programId, Interval period, Money revenue, Money leaseIncome, Money payouts, Money net) {

  public ProgramEconomics {
    Objects.requireNonNull(programId, "programId");
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(revenue, "revenue");
    Objects.requireNonNull(leaseIncome, "leaseIncome");
    Objects.requireNonNull(payouts, "payouts");
    Objects.requireNonNull(net, "net");
  }

  public static ProgramEconomics of(Ledger ledger, String programId, Interval period) {
    Money revenue = sum(ledger, Account.revenue(programId), period).negate();
    Money lease = sum(ledger, Account.leaseIncome(programId), period).negate();
    Money payouts = sum(ledger, Account.expense(programId), period);
    return new ProgramEconomics(
        programId, period, revenue, lease, payouts, revenue.plus(lease).minus(payouts));
  }

  private static Money sum(Ledger ledger, Account account, Interval period) {
    Money m = Money.zero(ledger.currency());
    for (Entry e : ledger.entries(account, period)) {
      m = m.plus(e.amount());
    }
    return m;
  }
}
