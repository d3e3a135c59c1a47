package org.openvpp.ocpp.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.openvpp.check.ForAll;
import org.openvpp.check.Gen;
import org.openvpp.check.Property;
import org.openvpp.check.Provide;
import org.openvpp.ocpp.charger.ConnectorRef;
import org.openvpp.ocpp.metering.Sample;
import org.openvpp.ocpp.metering.Unit;

class LedgerPropertiesTest {
  private static final Instant T0 = Instant.parse("2026-12-01T18:00:00Z");

  /** A transaction's events (seqNo 0 to n-1) and an order of arrival with repeats. */
  record Case(List<TxEvent> events, List<Integer> arrivals) {}

  @Provide
  Gen<Case> cases() {
    return in -> {
      int n = Gen.ints(1, 12).next(in);
      List<TxEvent> events = new ArrayList<>();
      for (int seq = 0; seq < n; seq++) {
        String type = seq == 0 ? "Started" : seq == n - 1 && n > 1 ? "Ended" : "Updated";
        List<Sample> samples = new ArrayList<>();
        int registers = Gen.ints(0, 2).next(in);
        for (int k = 0; k < registers; k++) {
          samples.add(
              new Sample(
                  T0.plusSeconds(60L * seq),
                  Sample.ENERGY_IMPORT_REGISTER,
                  Gen.ints(0, 100_000).next(in),
                  Unit.WATT_HOUR,
                  Optional.empty(),
                  "Sample.Periodic",
                  "Outlet"));
        }
        boolean says = Gen.booleans().next(in);
        events.add(
            new TxEvent(
                "TX",
                seq,
                type,
                T0.plusSeconds(60L * seq),
                "MeterValuePeriodic",
                Gen.booleans().next(in),
                says ? Optional.of(new ConnectorRef(Gen.ints(1, 3).next(in), 1)) : Optional.empty(),
                says ? Optional.of(new IdToken("T" + seq, "ISO14443")) : Optional.empty(),
                type.equals("Ended") ? Optional.of("EVDisconnected") : Optional.empty(),
                samples));
      }
      List<Integer> arrivals = new ArrayList<>();
      for (int seq = 0; seq < n; seq++) {
        arrivals.add(seq);
      }
      int repeats = Gen.ints(0, n).next(in);
      for (int k = 0; k < repeats; k++) {
        arrivals.add(Gen.ints(0, n - 1).next(in));
      }
      for (int i = arrivals.size() - 1; i > 0; i--) {
        Collections.swap(arrivals, i, Gen.ints(0, i).next(in));
      }
      return new Case(List.copyOf(events), List.copyOf(arrivals));
    };
  }

  @Property(tries = 300)
  void anyArrivalWithRepeatsLeavesTheStateOfTheDistinctEventsInSequenceOrder(
      @ForAll("cases") Case c) {
    Ledger inOrder = new Ledger("CP");
    for (TxEvent e : c.events()) {
      assertThat(inOrder.apply(e, Optional.empty()).applied()).isTrue();
    }
    Ledger arrived = new Ledger("CP");
    int applied = 0;
    for (int seq : c.arrivals()) {
      if (arrived.apply(c.events().get(seq), Optional.empty()).applied()) {
        applied++;
      }
    }
    assertThat(applied).isEqualTo(c.events().size());
    assertThat(arrived.transaction("TX")).isEqualTo(inOrder.transaction("TX"));
    assertThat(arrived.transaction("TX").orElseThrow().events()).isEqualTo(c.events().size());
  }

  @Property(tries = 200)
  void aRepeatIsAnsweredWithTheStatusFirstAnswered(@ForAll("cases") Case c) {
    Ledger ledger = new Ledger("CP");
    for (TxEvent e : c.events()) {
      ledger.apply(e, Optional.of(AuthStatus.ACCEPTED));
    }
    for (int seq : c.arrivals()) {
      Ledger.Applied again = ledger.apply(c.events().get(seq), Optional.of(AuthStatus.BLOCKED));
      assertThat(again.applied()).isFalse();
      assertThat(again.status()).contains(AuthStatus.ACCEPTED);
    }
  }
}
