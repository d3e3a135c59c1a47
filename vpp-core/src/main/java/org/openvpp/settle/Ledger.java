package org.openvpp.settle;

import static org.openvpp.settle.LedgerException.Reason.ALREADY_REVERSED;
import static org.openvpp.settle.LedgerException.Reason.CURRENCY;
import static org.openvpp.settle.LedgerException.Reason.DUPLICATE;
import static org.openvpp.settle.LedgerException.Reason.UNKNOWN;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openvpp.time.Interval;
import org.openvpp.units.Money;

/**
 * A double-entry ledger in one currency.
 *
 * <p><b>Rules.</b> Transactions are appended, never changed or removed; each balances to exactly
 * zero ({@link Transaction}, {@link BatchTransaction} check it); ids are unique across both forms;
 * amounts are whole minor units. A mistake is corrected by {@link #reverse reversing} the
 * transaction (a new transaction with every posting negated, pointing at the original) and posting
 * the right one; a transaction is reversed at most once, and a reversal is not itself reversed
 * (post the right entry again instead). An account's balance is the sum of its postings, debit
 * positive.
 *
 * <p>Balances of ordinary transactions are kept as they are posted; a batch's lines are read from
 * the batch when asked (binary search), so posting a million-line batch costs no map entries.
 * Single-threaded.
 */
public final class Ledger {
  private final Currency currency;
  private final LedgerStore store;
  private final Map<Account, BigDecimal> balances = new HashMap<>();
  private final Set<String> reversed = new HashSet<>();

  public Ledger(Currency currency, LedgerStore store) {
    this.currency = currency;
    this.store = store;
    for (Transaction t : store.transactions()) {
      apply(t);
    }
    for (BatchTransaction b : store.batches()) {
      b.reverses().ifPresent(reversed::add);
    }
  }

  public static Ledger inMemory(Currency currency) {
    return new Ledger(currency, LedgerStore.inMemory());
  }

  public Currency currency() {
    return currency;
  }

  public Transaction post(Transaction t) {
    requireNew(t.id());
    if (!t.currency().equals(currency)) {
      throw new LedgerException(
          CURRENCY,
          "ledger is in " + currency + "; transaction " + t.id() + " is in " + t.currency());
    }
    store.append(t);
    apply(t);
    return t;
  }

  public BatchTransaction post(BatchTransaction b) {
    requireNew(b.id());
    if (!b.currency().equals(currency)) {
      throw new LedgerException(
          CURRENCY, "ledger is in " + currency + "; batch " + b.id() + " is in " + b.currency());
    }
    store.append(b);
    b.reverses().ifPresent(reversed::add);
    return b;
  }

  /** Posts the reversal of transaction or batch {@code originalId}. */
  public void reverse(String originalId, String reversalId, Instant at, String memo) {
    if (reversed.contains(originalId)) {
      throw new LedgerException(
          ALREADY_REVERSED, "transaction " + originalId + " has already been reversed");
    }
    var t = store.transaction(originalId);
    if (t.isPresent()) {
      if (t.get().reverses().isPresent()) {
        throw new LedgerException(
            ALREADY_REVERSED,
            "transaction "
                + originalId
                + " is itself a reversal; post the right entry as a new transaction instead");
      }
      post(t.get().reversal(reversalId, at, memo));
      return;
    }
    var b = store.batch(originalId);
    if (b.isPresent()) {
      if (b.get().reverses().isPresent()) {
        throw new LedgerException(
            ALREADY_REVERSED, "batch " + originalId + " is itself a reversal; post anew instead");
      }
      post(b.get().reversal(reversalId, at, memo));
      return;
    }
    throw new LedgerException(UNKNOWN, "no transaction " + originalId + " to reverse");
  }

  /** Corrects a transaction: reverses it, then posts {@code replacement}. */
  public void correct(String originalId, String reversalId, Transaction replacement) {
    requireNew(replacement.id());
    reverse(originalId, reversalId, replacement.at(), "correction: reverses " + originalId);
    post(replacement);
  }

  /** The balance of {@code account}: the sum of its postings, debit positive. */
  public Money balance(Account account) {
    Money m = new Money(balances.getOrDefault(account, BigDecimal.ZERO), currency);
    for (BatchTransaction b : store.batches()) {
      m = m.plus(b.amountFor(account));
    }
    return m;
  }

  /** Every posting to {@code account} within {@code period} (by transaction instant), in order. */
  public List<Entry> entries(Account account, Interval period) {
    List<Entry> out = new ArrayList<>();
    for (Transaction t : store.transactions()) {
      if (!period.contains(t.at())) {
        continue;
      }
      for (Posting p : t.postings()) {
        if (p.account().equals(account)) {
          out.add(new Entry(t.id(), t.at(), account, p.amount(), p.kind(), p.reference()));
        }
      }
    }
    for (BatchTransaction b : store.batches()) {
      if (period.contains(b.at())) {
        Money m = b.amountFor(account);
        if (!m.isZero()) {
          out.add(new Entry(b.id(), b.at(), account, m, b.kind(), b.reference()));
        }
      }
    }
    out.sort(java.util.Comparator.comparing(Entry::at));
    return out;
  }

  /** Every ordinary transaction, in order posted. */
  public List<Transaction> transactions() {
    return store.transactions();
  }

  public List<BatchTransaction> batches() {
    return store.batches();
  }

  /** The sum of every posting in the ledger: always zero. */
  public Money total() {
    BigDecimal sum = BigDecimal.ZERO;
    for (BigDecimal v : balances.values()) {
      sum = sum.add(v);
    }
    Money m = new Money(sum, currency);
    for (BatchTransaction b : store.batches()) {
      long s = b.counterMinorUnits();
      for (int i = 0; i < b.lines(); i++) {
        s = Math.addExact(s, b.minorUnits(i));
      }
      m = m.plus(b.money(s));
    }
    return m;
  }

  private void apply(Transaction t) {
    for (Posting p : t.postings()) {
      balances.merge(p.account(), p.amount().amount(), BigDecimal::add);
    }
    t.reverses().ifPresent(reversed::add);
  }

  private void requireNew(String id) {
    if (store.transaction(id).isPresent() || store.batch(id).isPresent()) {
      throw new LedgerException(DUPLICATE, "transaction " + id + " is already in the ledger");
    }
  }
}
