package org.openvpp.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openvpp.program.Enrolment;
import org.openvpp.program.Enrolments;
import org.openvpp.settle.Account;
import org.openvpp.settle.Ledger;
import org.openvpp.settle.LineKind;
import org.openvpp.settle.Posting;
import org.openvpp.settle.Transaction;
import org.openvpp.units.Money;
import org.openvpp.units.Power;

/** {@link Database#atomically}: the store calls inside one unit commit together or not at all. */
class UnitOfWorkTest {
  @RegisterExtension static final TestDatabases DATABASES = new TestDatabases();

  private static final Instant AT = Records.T0.plusSeconds(60);

  private static Enrolments registerWithSites(ProgramStores s, int sites) {
    Enrolments register = s.register();
    register.putProgram(Records.byo(Power.ofKilowatts(25), 2));
    for (int i = 1; i <= sites; i++) {
      register.addCustomer(Records.customer(i));
      register.addSite(Records.site(i));
      register.recordConsent(Records.consent(i, Optional.empty(), Optional.empty()));
    }
    return register;
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aUnitCommitsEveryRecordItWrote(Backend backend) {
    TestDatabases.Fresh handle = DATABASES.freshHandle(backend);
    ProgramStores s = ProgramStores.in(handle.db());
    Enrolments register = registerWithSites(s, 3);
    register.enrol("e1", "byo", "s1", Records.devices("d1"), "k1", AT);
    register.enrol("e2", "byo", "s2", Records.devices("d2"), "k2", AT);
    register.enrol("e3", "byo", "s3", Records.devices("d3"), "k3", AT);

    // A withdrawal writes two enrolments: the withdrawn one and the next from the waiting list.
    handle.db().atomically(() -> register.withdraw("e1", AT.plus(Duration.ofDays(1))));

    Enrolments again = ProgramStores.in(handle.reopen()).register();
    assertThat(again.enrolled("byo")).extracting(Enrolment::id).containsExactly("e2", "e3");
    assertThat(again.enrolment("e1").status()).isEqualTo(Enrolment.Status.WITHDRAWN);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aUnitThatThrowsLeavesNothing(Backend backend) {
    Database db = DATABASES.fresh(backend);
    ProgramStores s = ProgramStores.in(db);

    assertThatThrownBy(
            () ->
                db.atomically(
                    () -> {
                      Enrolments register = registerWithSites(s, 2);
                      register.enrol("e1", "byo", "s1", Records.devices("d1"), "k1", AT);
                      assertThat(s.enrolments().find("e1")).isPresent(); // seen inside the unit
                      throw new IllegalStateException("stop");
                    }))
        .hasMessage("stop");

    assertThat(s.programs().all()).isEmpty();
    assertThat(s.customers().all()).isEmpty();
    assertThat(s.enrolments().all()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aCachingStoreForgetsWhatARolledBackUnitPut(Backend backend) {
    Database db = DATABASES.fresh(backend);
    org.openvpp.program.Store<org.openvpp.program.Customer> cached =
        ProgramStores.in(db).customers();
    cached.put("c1", Records.customer(1));
    assertThat(cached.all()).hasSize(1); // the copy is loaded

    assertThatThrownBy(
            () ->
                db.atomically(
                    () -> {
                      cached.put("c2", Records.customer(2));
                      cached.put("c1", new org.openvpp.program.Customer("c1", "renamed"));
                      throw new IllegalStateException("stop");
                    }))
        .hasMessage("stop");

    assertThat(cached.all()).containsExactly(Records.customer(1));
    assertThat(cached.find("c2")).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aLedgerStoresCopyForgetsWhatARolledBackUnitAppended(Backend backend) {
    Database db = DATABASES.fresh(backend);
    SqlLedgerStore store = SqlLedgerStore.in(db);
    Transaction kept =
        Transaction.of(
            "t1",
            AT,
            "kept",
            List.of(
                new Posting(Account.expense("byo"), Money.usd("1.00"), LineKind.EVENT, "ev1"),
                new Posting(Account.participant("c1"), Money.usd("-1.00"), LineKind.EVENT, "ev1")));
    Ledger ledger = new Ledger(Money.USD, store);
    ledger.post(kept);

    assertThatThrownBy(
            () ->
                db.atomically(
                    () -> {
                      ledger.reverse("t1", "t1-rev", AT.plusSeconds(1), "undone");
                      assertThat(store.transactions()).hasSize(2);
                      throw new IllegalStateException("stop");
                    }))
        .hasMessage("stop");

    assertThat(store.transactions()).containsExactly(kept);
    assertThat(SqlLedgerStore.in(db).transactions()).containsExactly(kept);
  }
}
