package org.openvpp.settle;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.Currency;
import java.util.Objects;
import java.util.Optional;
import org.openvpp.units.Money;

/**
 * A transaction over a whole fleet in compact form: one line per owner of one account kind (say,
 * the million participants paid for an event), in whole minor units in a {@code long[]}, and one
 * counter posting that balances them. It balances by construction: the counter amount is the
 * negated exact sum of the lines (overflow is refused). Read as ordinary postings, it is the same
 * as a {@link Transaction} with {@code owners.length + 1} postings (zero lines left out).
 *
 * <p><b>Why this form.</b> A million {@link Posting} objects with {@code BigDecimal} amounts cost
 * about 150 bytes each and a second or so to make; the arrays cost 12 bytes a line (plus the owner
 * ids the caller already holds) and sum in milliseconds. Owners are kept sorted and distinct, so
 * one owner's line is found by binary search with no index map.
 *
 * <p>Immutable: the arrays are copied in and never handed out.
 */
public final class BatchTransaction {
  private final String id;
  private final Instant at;
  private final String memo;
  private final Currency currency;
  private final LineKind kind;
  private final String reference;
  private final Account.Kind linesKind;
  private final String[] owners;
  private final long[] minor;
  private final Account counter;
  private final long counterMinor;
  private final Optional<String> reverses;

  /**
   * A batch of lines balanced by one counter posting.
   *
   * @param linesKind the account kind of every line, owned by {@code owners[i]}
   * @param owners the lines' owners, sorted ascending and distinct
   * @param minorUnits each line's amount in the currency's minor units (cents), debit positive
   * @param counter the account that balances the lines
   */
  public BatchTransaction(
      String id,
      Instant at,
      String memo,
      Currency currency,
      LineKind kind,
      String reference,
      Account.Kind linesKind,
      String[] owners,
      long[] minorUnits,
      Account counter,
      Optional<String> reverses) {
    this.id = Objects.requireNonNull(id, "id");
    this.at = Objects.requireNonNull(at, "at");
    this.memo = Objects.requireNonNull(memo, "memo");
    this.currency = Objects.requireNonNull(currency, "currency");
    this.kind = Objects.requireNonNull(kind, "kind");
    this.reference = Objects.requireNonNull(reference, "reference");
    this.linesKind = Objects.requireNonNull(linesKind, "linesKind");
    this.counter = Objects.requireNonNull(counter, "counter");
    this.reverses = Objects.requireNonNull(reverses, "reverses");
    if (owners.length != minorUnits.length || owners.length == 0) {
      throw new IllegalArgumentException(
          "batch "
              + id
              + " needs one amount per owner and at least one, got "
              + owners.length
              + " owners and "
              + minorUnits.length
              + " amounts");
    }
    for (int i = 1; i < owners.length; i++) {
      if (owners[i - 1].compareTo(owners[i]) >= 0) {
        throw new IllegalArgumentException(
            "batch "
                + id
                + ": owners must be sorted and distinct; '"
                + owners[i - 1]
                + "' comes before '"
                + owners[i]
                + "'");
      }
    }
    if (counter.kind() == linesKind && Arrays.binarySearch(owners, counter.owner()) >= 0) {
      throw new IllegalArgumentException("batch " + id + ": the counter account is also a line");
    }
    this.owners = owners.clone();
    this.minor = minorUnits.clone();
    long sum = 0;
    for (long v : minor) {
      sum = Math.addExact(sum, v);
    }
    this.counterMinor = Math.negateExact(sum);
  }

  public String id() {
    return id;
  }

  public Instant at() {
    return at;
  }

  public String memo() {
    return memo;
  }

  public Currency currency() {
    return currency;
  }

  public LineKind kind() {
    return kind;
  }

  public String reference() {
    return reference;
  }

  public Account.Kind linesKind() {
    return linesKind;
  }

  public Account counter() {
    return counter;
  }

  public Optional<String> reverses() {
    return reverses;
  }

  public int lines() {
    return owners.length;
  }

  public String owner(int i) {
    return owners[i];
  }

  /** Line {@code i}'s amount in minor units. */
  public long minorUnits(int i) {
    return minor[i];
  }

  /** The counter posting's amount in minor units: minus the sum of the lines. */
  public long counterMinorUnits() {
    return counterMinor;
  }

  /** The amount posted to {@code account} by this batch (zero if none). */
  public Money amountFor(Account account) {
    long v = 0;
    if (account.equals(counter)) {
      v += counterMinor;
    }
    if (account.kind() == linesKind) {
      int i = Arrays.binarySearch(owners, account.owner());
      if (i >= 0) {
        v += minor[i];
      }
    }
    return money(v);
  }

  Money money(long minorUnits) {
    return new Money(
        BigDecimal.valueOf(minorUnits, Math.max(0, currency.getDefaultFractionDigits())), currency);
  }

  /** The batch that undoes this one. */
  public BatchTransaction reversal(String reversalId, Instant at, String memo) {
    long[] neg = new long[minor.length];
    for (int i = 0; i < neg.length; i++) {
      neg[i] = Math.negateExact(minor[i]);
    }
    return new BatchTransaction(
        reversalId,
        at,
        memo,
        currency,
        kind,
        reference,
        linesKind,
        owners,
        neg,
        counter,
        Optional.of(id));
  }
}
