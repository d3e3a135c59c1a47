package org.openvpp.settle;

import java.time.Instant;
import java.util.Objects;
import org.openvpp.units.Money;

/**
 * One posting as read back from the ledger, with its transaction's id and instant.
 *
 * @param transactionId the transaction (or batch) it belongs to
 * @param at when it took effect
 * @param account the account
 * @param amount debit positive
 * @param kind what it is for
 * @param reference what it is about
 */
public record Entry(
    String transactionId,
    Instant at,
    Account account,
    Money amount,
    LineKind kind,
    String reference) {
  public Entry {
    Objects.requireNonNull(transactionId, "transactionId");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(reference, "reference");
  }
}
