package org.openvpp.settle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openvpp.units.Money;

class LedgerTest {
  private static final Instant AT = Instant.parse("2026-07-16T00:00:00Z");
  private static final Account C1 = Account.participant("c1");
  private static final Account EXP = Account.expense("byo");

  private static Transaction pay(String id, String amount) {
    return Transaction.of(
        id,
        AT,
        "pay",
        List.of(
            new Posting(C1, Money.usd(amount).negate(), LineKind.ENERGY, "ev"),
            new Posting(EXP, Money.usd(amount), LineKind.ENERGY, "ev")));
  }

  private static LedgerException.Reason refusal(Runnable r) {
    try {
      r.run();
    } catch (LedgerException e) {
      return e.reason();
    }
    throw new AssertionError("not refused");
  }

  @Test
  void whatTheLedgerRefuses() {
    Ledger ledger = Ledger.inMemory(Money.USD);
    ledger.post(pay("t1", "3.40"));
    ledger.post(pay("t2", "1.00"));
    ledger.reverse("t2", "t2-r", AT, "wrong site");
    record Case(String what, Runnable r, LedgerException.Reason reason) {}
    List<Case> cases =
        List.of(
            new Case(
                "unbalanced",
                () ->
                    Transaction.of(
                        "x",
                        AT,
                        "",
                        List.of(
                            new Posting(C1, Money.usd("-1.00"), LineKind.ENERGY, "ev"),
                            new Posting(EXP, Money.usd("0.99"), LineKind.ENERGY, "ev"))),
                LedgerException.Reason.UNBALANCED),
            new Case(
                "one posting",
                () ->
                    Transaction.of(
                        "x",
                        AT,
                        "",
                        List.of(new Posting(C1, Money.usd("-1.00"), LineKind.ENERGY, "ev"))),
                LedgerException.Reason.UNBALANCED),
            new Case(
                "finer than a cent",
                () -> new Posting(C1, Money.usd("0.005"), LineKind.ENERGY, "ev"),
                LedgerException.Reason.NOT_IN_MINOR_UNITS),
            new Case(
                "two currencies",
                () ->
                    Transaction.of(
                        "x",
                        AT,
                        "",
                        List.of(
                            new Posting(C1, Money.usd("-1.00"), LineKind.ENERGY, "ev"),
                            new Posting(
                                EXP,
                                Money.of("1.00", java.util.Currency.getInstance("EUR")),
                                LineKind.ENERGY,
                                "ev"))),
                LedgerException.Reason.CURRENCY),
            new Case(
                "ledger in another currency",
                () -> Ledger.inMemory(java.util.Currency.getInstance("EUR")).post(pay("x", "1")),
                LedgerException.Reason.CURRENCY),
            new Case(
                "id taken", () -> ledger.post(pay("t1", "1.00")), LedgerException.Reason.DUPLICATE),
            new Case(
                "reversed twice",
                () -> ledger.reverse("t2", "t2-r2", AT, ""),
                LedgerException.Reason.ALREADY_REVERSED),
            new Case(
                "reversal reversed",
                () -> ledger.reverse("t2-r", "t2-rr", AT, ""),
                LedgerException.Reason.ALREADY_REVERSED),
            new Case(
                "unknown",
                () -> ledger.reverse("nope", "n-r", AT, ""),
                LedgerException.Reason.UNKNOWN));
    for (Case c : cases) {
      assertThat(refusal(c.r())).as(c.what()).isEqualTo(c.reason());
    }
    assertThat(ledger.balance(C1)).isEqualTo(Money.usd("-3.40"));
    assertThatThrownBy(() -> ledger.post(pay("t1", "1.00")))
        .hasMessage("transaction t1 is already in the ledger");
  }

  @Test
  void aCorrectionReversesAndPostsAnewLeavingTheOriginalInPlace() {
    Ledger ledger = Ledger.inMemory(Money.USD);
    ledger.post(pay("t1", "3.40"));
    ledger.correct("t1", "t1-r", pay("t1-b", "3.04"));
    assertThat(ledger.balance(C1)).isEqualTo(Money.usd("-3.04"));
    assertThat(ledger.transactions())
        .extracting(Transaction::id)
        .containsExactly("t1", "t1-r", "t1-b");
    assertThat(ledger.transactions().get(0).postings().get(0).amount())
        .isEqualTo(Money.usd("-3.40"));
    assertThat(ledger.transactions().get(1).reverses()).contains("t1");
  }

  @Test
  void aBatchReadsAsItsPostingsAndReversesLikeATransaction() {
    Ledger ledger = Ledger.inMemory(Money.USD);
    BatchTransaction b =
        new BatchTransaction(
            "b1",
            AT,
            "energy",
            Money.USD,
            LineKind.ENERGY,
            "ev",
            Account.Kind.PARTICIPANT,
            new String[] {"c1", "c2", "c3"},
            new long[] {-340, 0, -105},
            EXP,
            Optional.empty());
    ledger.post(b);
    assertThat(b.counterMinorUnits()).isEqualTo(445);
    assertThat(ledger.balance(C1)).isEqualTo(Money.usd("-3.40"));
    assertThat(ledger.balance(Account.participant("c3"))).isEqualTo(Money.usd("-1.05"));
    assertThat(ledger.balance(EXP)).isEqualTo(Money.usd("4.45"));
    assertThat(ledger.entries(Account.participant("c2"), Perf.WINDOW)).isEmpty();
    ledger.reverse("b1", "b1-r", AT, "wrong rate");
    assertThat(ledger.balance(EXP).isZero()).isTrue();
    assertThat(refusal(() -> ledger.reverse("b1", "b1-r2", AT, "")))
        .isEqualTo(LedgerException.Reason.ALREADY_REVERSED);
    assertThatThrownBy(
            () ->
                new BatchTransaction(
                    "b2",
                    AT,
                    "",
                    Money.USD,
                    LineKind.ENERGY,
                    "ev",
                    Account.Kind.PARTICIPANT,
                    new String[] {"c2", "c1"},
                    new long[] {1, 2},
                    EXP,
                    Optional.empty()))
        .hasMessageContaining("owners must be sorted and distinct");
  }
}
