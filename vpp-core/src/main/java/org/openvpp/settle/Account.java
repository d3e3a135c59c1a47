package org.openvpp.settle;

import java.util.Objects;

/**
 * A ledger account: a kind and whose it is. Balances are debit-positive: a credit balance (what the
 * VPP owes a participant, what a program has earned) is negative.
 *
 * @param kind what the account records
 * @param owner a customer id, a program id or a counterparty id, by kind
 */
public record Account(Kind kind, String owner) implements Comparable<Account> {

  /** The kinds of account. */
  public enum Kind {
    /** What the VPP owes a customer (credit) or the customer owes (debit); owner: customer. */
    PARTICIPANT,
    /** Incentives a program has paid out; owner: program. */
    INCENTIVE_EXPENSE,
    /** Lease fees a program has charged, net of lease credits; owner: program. */
    LEASE_INCOME,
    /** What a program has earned from the utility or the market; owner: program. */
    REVENUE,
    /** What a utility or market operator owes; owner: the counterparty. */
    RECEIVABLE
  }

  public Account {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(owner, "owner");
  }

  public static Account participant(String customerId) {
    return new Account(Kind.PARTICIPANT, customerId);
  }

  public static Account expense(String programId) {
    return new Account(Kind.INCENTIVE_EXPENSE, programId);
  }

  public static Account leaseIncome(String programId) {
    return new Account(Kind.LEASE_INCOME, programId);
  }

  public static Account revenue(String programId) {
    return new Account(Kind.REVENUE, programId);
  }

  public static Account receivable(String counterparty) {
    return new Account(Kind.RECEIVABLE, counterparty);
  }

  @Override
  public int compareTo(Account o) {
    int c = kind.compareTo(o.kind);
    return c != 0 ? c : owner.compareTo(o.owner);
  }

  @Override
  public String toString() {
    return kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + owner;
  }
}
