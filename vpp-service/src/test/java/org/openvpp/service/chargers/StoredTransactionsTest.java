package org.openvpp.service.chargers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openvpp.ocpp.charger.ConnectorRef;
import org.openvpp.ocpp.transaction.Transaction;
import org.openvpp.service.state.ServiceState;
import org.openvpp.units.Energy;

/** What of the chargers' transactions a restart keeps. */
class StoredTransactionsTest {
  private static final Instant T0 = Instant.parse("2019-08-12T21:00:00Z");
  private final ServiceState state = ServiceState.inMemory();
  private final InstantSource clock = InstantSource.fixed(T0);

  private static Transaction tx(String id, Optional<Integer> evse, boolean open) {
    return new Transaction(
        "EVSE-1",
        id,
        evse.map(e -> new ConnectorRef(e, 1)),
        Optional.empty(),
        T0,
        Optional.of(Energy.ofWattHours(100)),
        Optional.of(Energy.ofWattHours(150)),
        open ? Optional.empty() : Optional.of(T0.plusSeconds(600)),
        Optional.empty(),
        1,
        0);
  }

  @Test
  void idsAreNeverGivenTwiceAcrossRestarts() {
    Set<Integer> given = new HashSet<>();
    for (int run = 0; run < 3; run++) {
      StoredTransactions s = new StoredTransactions(state, clock);
      for (int i = 0; i < 150; i++) {
        assertThat(given.add(s.nextId())).isTrue();
      }
    }
    assertThat(given).allMatch(id -> id > 0);
  }

  @Test
  void anOpenTransactionIsKeptUntilItEndsAndComesBackAsItStood() {
    StoredTransactions s = new StoredTransactions(state, clock);
    s.changed(tx("7", Optional.of(1), true));
    Transaction back = new StoredTransactions(state, clock).open().get(0);
    assertThat(back).isEqualTo(tx("7", Optional.of(1), true));
    s.changed(tx("7", Optional.of(1), false));
    assertThat(new StoredTransactions(state, clock).open()).isEmpty();
  }

  @Test
  void aTransactionThatLaterSaysItsEvseLeavesNothingBehindWhenItEnds() {
    StoredTransactions s = new StoredTransactions(state, clock);
    s.changed(tx("TX-9", Optional.empty(), true));
    s.changed(tx("TX-9", Optional.of(2), true));
    assertThat(new StoredTransactions(state, clock).open())
        .extracting(t -> t.connector().map(ConnectorRef::evseId))
        .containsExactly(Optional.of(2));
    s.changed(tx("TX-9", Optional.of(2), false));
    assertThat(new StoredTransactions(state, clock).open()).isEmpty();
  }

  @Test
  void anEndedTransactionDoesNotForgetTheOneThatTookItsEvseSince() {
    StoredTransactions s = new StoredTransactions(state, clock);
    s.changed(tx("7", Optional.of(1), true));
    s.changed(tx("8", Optional.of(1), true));
    s.changed(tx("7", Optional.of(1), false));
    assertThat(new StoredTransactions(state, clock).open())
        .extracting(Transaction::id)
        .containsExactly("8");
  }

  private static Transaction read(String id, double lastWh) {
    Transaction t = tx(id, Optional.of(1), true);
    return new Transaction(
        t.charger(),
        t.id(),
        t.connector(),
        t.idToken(),
        t.started(),
        t.meterStart(),
        Optional.of(Energy.ofWattHours(lastWh)),
        Optional.empty(),
        Optional.empty(),
        t.events() + 1,
        0);
  }

  @Test
  void meterValuesAreWrittenAtMostEveryQuarterHourAnythingElseAtOnce() {
    Instant[] now = {T0};
    StoredTransactions s = new StoredTransactions(state, () -> now[0]);
    s.changed(read("7", 150));
    for (int minute = 1; minute < 15; minute++) {
      now[0] = T0.plusSeconds(60L * minute);
      s.changed(read("7", 150 + 100 * minute));
    }
    assertThat(new StoredTransactions(state, clock).open().get(0).meterLast())
        .as("a reading a minute for 14 minutes: the first one stays written")
        .contains(Energy.ofWattHours(150));
    now[0] = T0.plus(StoredTransactions.REFRESH);
    s.changed(read("7", 1_650));
    assertThat(new StoredTransactions(state, clock).open().get(0).meterLast())
        .contains(Energy.ofWattHours(1_650));
    // another transaction on the EVSE, and the end: written at once
    now[0] = now[0].plusSeconds(60);
    s.changed(read("8", 10));
    assertThat(new StoredTransactions(state, clock).open())
        .extracting(Transaction::id)
        .containsExactly("8");
    s.changed(tx("8", Optional.of(1), false));
    assertThat(new StoredTransactions(state, clock).open()).isEmpty();
  }
}
