package org.openvpp.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openvpp.settle.Account;
import org.openvpp.settle.BatchTransaction;
import org.openvpp.settle.Ledger;
import org.openvpp.settle.LineKind;
import org.openvpp.settle.Posting;
import org.openvpp.settle.Transaction;
import org.openvpp.units.Money;

class SqlLedgerStoreTest {
  @RegisterExtension static final TestDatabases DATABASES = new TestDatabases();

  private static final Instant AT = Instant.parse("2026-08-03T20:00:00Z");

  private static Transaction payment(String id, String customer, String cents) {
    return Transaction.of(
        id,
        AT,
        "event ev1, memo with \"quotes\", commas",
        List.of(
            new Posting(Account.expense("byo"), Money.usd(cents), LineKind.ENERGY, "ev1"),
            new Posting(
                Account.participant(customer), Money.usd(cents).negate(), LineKind.ENERGY, "ev1")));
  }

  private static BatchTransaction batch(String id, int lines) {
    String[] owners = new String[lines];
    long[] cents = new long[lines];
    for (int i = 0; i < lines; i++) {
      owners[i] = String.format("c%07d", i);
      cents[i] = -((i * 37L) % 1_000) - 1;
    }
    return new BatchTransaction(
        id,
        AT.plusSeconds(60),
        "per-event payments",
        Money.USD,
        LineKind.EVENT,
        "ev1",
        Account.Kind.PARTICIPANT,
        owners,
        cents,
        Account.expense("byo"),
        Optional.empty());
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aLedgerOverTheStoreComesBackWholeAfterARestart(Backend backend) {
    TestDatabases.Fresh handle = DATABASES.freshHandle(backend);
    Ledger ledger = new Ledger(Money.USD, SqlLedgerStore.in(handle.db()));
    ledger.post(payment("t1", "c0000001", "12.34"));
    ledger.post(payment("t2", "c0000002", "0.01"));
    ledger.post(batch("b1", 2_000));
    ledger.reverse("t1", "t1-rev", AT.plusSeconds(3600), "wrong rate");
    ledger.reverse("b1", "b1-rev", AT.plusSeconds(3600), "wrong event");
    List<Transaction> transactions = ledger.transactions();
    Money owed = ledger.balance(Account.participant("c0000002"));
    Money expense = ledger.balance(Account.expense("byo"));

    SqlLedgerStore reread = SqlLedgerStore.in(handle.reopen());
    Ledger again = new Ledger(Money.USD, reread);

    assertThat(reread.transactions()).isEqualTo(transactions);
    assertThat(reread.transaction("t1-rev").orElseThrow().reverses()).contains("t1");
    assertThat(reread.batches()).hasSize(2);
    BatchTransaction b1 = reread.batch("b1").orElseThrow();
    BatchTransaction original = batch("b1", 2_000);
    assertThat(b1.lines()).isEqualTo(original.lines());
    for (int i = 0; i < b1.lines(); i++) {
      assertThat(b1.owner(i)).isEqualTo(original.owner(i));
      assertThat(b1.minorUnits(i)).isEqualTo(original.minorUnits(i));
    }
    assertThat(b1.counterMinorUnits()).isEqualTo(original.counterMinorUnits());
    assertThat(again.balance(Account.participant("c0000002"))).isEqualTo(owed);
    assertThat(again.balance(Account.expense("byo"))).isEqualTo(expense);
    assertThat(again.total().isZero()).isTrue();
    // The restarted ledger still knows what was reversed.
    assertThatThrownBy(() -> again.reverse("t1", "t1-rev2", AT.plusSeconds(7200), "again"))
        .hasMessageContaining("already been reversed");
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void everyTransactionAndBatchBalancesInTheTables(Backend backend) {
    Database db = DATABASES.fresh(backend);
    SqlLedgerStore store = SqlLedgerStore.in(db);
    store.append(payment("t1", "a", "5.00"));
    store.append(payment("t2", "b", "1234567.89"));
    store.append(batch("b1", 500));

    long unbalanced =
        db.inTransaction(
            c -> {
              try (Statement s = c.createStatement();
                  ResultSet rs =
                      s.executeQuery(
                          "SELECT COUNT(*) FROM (SELECT transaction_id FROM ledger_posting"
                              + " GROUP BY transaction_id HAVING SUM(amount_minor) <> 0) u")) {
                rs.next();
                return rs.getLong(1);
              }
            });
    long batchSum =
        db.inTransaction(
            c -> {
              try (Statement s = c.createStatement();
                  ResultSet rs =
                      s.executeQuery(
                          "SELECT b.counter_minor + (SELECT SUM(l.amount_minor) FROM"
                              + " ledger_batch_line l WHERE l.batch_id = b.id) FROM ledger_batch b")) {
                rs.next();
                return rs.getLong(1);
              }
            });
    long cents =
        db.inTransaction(
            c -> {
              try (Statement s = c.createStatement();
                  ResultSet rs =
                      s.executeQuery(
                          "SELECT amount_minor FROM ledger_posting WHERE transaction_id = 't2'"
                              + " AND pos = 0")) {
                rs.next();
                return rs.getLong(1);
              }
            });

    assertThat(unbalanced).isZero();
    assertThat(batchSum).isZero();
    assertThat(cents).isEqualTo(123_456_789L);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void theTablesRefuseUpdatesAndDeletes(Backend backend) {
    Database db = DATABASES.fresh(backend);
    SqlLedgerStore store = SqlLedgerStore.in(db);
    store.append(payment("t1", "a", "5.00"));
    store.append(batch("b1", 3));

    for (String sql :
        List.of(
            "UPDATE ledger_transaction SET memo = 'edited'",
            "DELETE FROM ledger_transaction",
            "UPDATE ledger_posting SET amount_minor = 1",
            "DELETE FROM ledger_posting",
            "UPDATE ledger_batch SET counter_minor = 0",
            "DELETE FROM ledger_batch_line")) {
      assertThatThrownBy(
              () ->
                  db.run(
                      c -> {
                        try (Statement s = c.createStatement()) {
                          s.executeUpdate(sql);
                        }
                      }))
          .as(sql)
          .isInstanceOfSatisfying(
              StoreException.class,
              e -> assertThat(e.reason()).isEqualTo(StoreException.Reason.DATABASE))
          .hasMessageContaining("append-only");
    }
    assertThat(SqlLedgerStore.in(db).transactions()).containsExactly(payment("t1", "a", "5.00"));
    assertThat(SqlLedgerStore.in(db).batch("b1").orElseThrow().counterMinorUnits())
        .isEqualTo(batch("b1", 3).counterMinorUnits());
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aDuplicateIdIsRefusedAndLeavesNothingHalfWritten(Backend backend) {
    Database db = DATABASES.fresh(backend);
    SqlLedgerStore store = SqlLedgerStore.in(db);
    store.append(payment("t1", "a", "5.00"));
    store.append(batch("b1", 10));

    assertThatThrownBy(() -> store.append(payment("t1", "b", "7.00")))
        .isInstanceOf(StoreException.class);
    assertThatThrownBy(() -> store.append(batch("b1", 20))).isInstanceOf(StoreException.class);
    SqlLedgerStore fresh = SqlLedgerStore.in(db);
    assertThat(fresh.transactions()).containsExactly(payment("t1", "a", "5.00"));
    assertThat(fresh.batch("b1").orElseThrow().lines()).isEqualTo(10);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aBatchOfAHundredThousandLinesIsStoredExactly(Backend backend) {
    Database db = DATABASES.fresh(backend);
    BatchTransaction big = batch("big", 100_000);
    SqlLedgerStore.in(db).append(big);

    BatchTransaction back = SqlLedgerStore.in(db).batches().get(0);

    assertThat(back.lines()).isEqualTo(100_000);
    assertThat(back.counterMinorUnits()).isEqualTo(big.counterMinorUnits());
    for (int i = 0; i < back.lines(); i += 997) {
      assertThat(back.owner(i)).isEqualTo(big.owner(i));
      assertThat(back.minorUnits(i)).isEqualTo(big.minorUnits(i));
    }
    assertThat(back.amountFor(Account.participant("c0099999")))
        .isEqualTo(big.amountFor(Account.participant("c0099999")));
  }
}
