package org.openvpp.settle;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A balanced set of postings: at least two, one currency, summing to exactly zero. Immutable; a
 * mistake is undone by a reversing transaction ({@link #reversal}), never by an edit.
 *
 * @param id unique in the ledger
 * @param at when it takes effect (statements and economics go by it)
 * @param memo for people
 * @param postings the lines
 * @param reverses the transaction this one reverses, if it is a reversal
 */
public record Transaction(
    String id, Instant at, String memo, List<Posting> postings, Optional<String> reverses) {

  public Transaction {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(memo, "memo");
    Objects.requireNonNull(reverses, "reverses");
    postings = List.copyOf(postings);
    if (postings.size() < 2) {
      throw new LedgerException(
          LedgerException.Reason.UNBALANCED,
          "transaction " + id + " needs at least two postings, has " + postings.size());
    }
    Currency currency = postings.get(0).amount().currency();
    BigDecimal sum = BigDecimal.ZERO;
    for (Posting p : postings) {
      if (!p.amount().currency().equals(currency)) {
        throw new LedgerException(
            LedgerException.Reason.CURRENCY,
            "transaction " + id + " mixes " + currency + " and " + p.amount().currency());
      }
      sum = sum.add(p.amount().amount());
    }
    if (sum.signum() != 0) {
      throw new LedgerException(
          LedgerException.Reason.UNBALANCED,
          "transaction "
              + id
              + " does not balance: its postings sum to "
              + sum.toPlainString()
              + " "
              + currency
              + ", not 0");
    }
  }

  public static Transaction of(String id, Instant at, String memo, List<Posting> postings) {
    return new Transaction(id, at, memo, postings, Optional.empty());
  }

  public Currency currency() {
    return postings.get(0).amount().currency();
  }

  /** The transaction that undoes this one: the same postings negated. */
  public Transaction reversal(String reversalId, Instant at, String memo) {
    List<Posting> neg = new ArrayList<>(postings.size());
    for (Posting p : postings) {
      neg.add(p.negated());
    }
    return new Transaction(reversalId, at, memo, neg, Optional.of(id));
  }
}
