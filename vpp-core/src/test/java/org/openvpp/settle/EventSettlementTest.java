package org.openvpp.settle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openvpp.program.Fixtures;
import org.openvpp.units.Money;

class EventSettlementTest {
  private static final Instant AT = Instant.parse("2026-07-16T00:00:00Z");

  @Test
  void incentivesByHandForFourSites() {
    // byo: 0.85 USD/kWh, 2.00 USD an event, half the revenue shared by delivered energy
    Ledger ledger = Ledger.inMemory(Money.USD);
    List<Participation> sites =
        List.of(
            new Participation(Perf.delivered("s1", "ev", 4.0), "c1", false),
            // 1234.5 Wh settles as 1234 (half-even): 0.85 × 1.234 = 1.0489 → 1.05
            new Participation(Perf.delivered("s2", "ev", 1.2345), "c2", false),
            new Participation(Perf.delivered("s3", "ev", 3.0), "c3", true),
            new Participation(Perf.delivered("s4", "ev", -0.5), "c4", false));
    EventSettlement s =
        EventSettlement.settle(
            Fixtures.byo(), "ev", "utility", Money.usd("10.01"), sites, AT, ledger);
    // pool: 10.01 × 0.5 = 5.005 → 5.00 (half-even); split 4000 : 1234 Wh →
    // 382.11 and 117.89 cents: floors 382 + 117 = 499, the cent left goes to the larger
    // remainder (s2's 0.89) → 3.82 and 1.18
    record Row(String site, long wh, String energy, String event, String share, String total) {}
    List<Row> expected =
        List.of(
            new Row("s1", 4000, "3.40", "2.00", "3.82", "9.22"),
            new Row("s2", 1234, "1.05", "2.00", "1.18", "4.23"),
            new Row("s3", 0, "0", "0", "0", "0"),
            new Row("s4", 0, "0", "0", "0", "0"));
    for (int i = 0; i < expected.size(); i++) {
      Row r = expected.get(i);
      SiteEarnings e = s.sites().get(i);
      assertThat(e.siteId()).isEqualTo(r.site());
      assertThat(e.settledWh()).as(r.site()).isEqualTo(r.wh());
      assertThat(e.energy()).as(r.site()).isEqualTo(Money.usd(r.energy()));
      assertThat(e.event()).as(r.site()).isEqualTo(Money.usd(r.event()));
      assertThat(e.revenueShare()).as(r.site()).isEqualTo(Money.usd(r.share()));
      assertThat(e.total()).as(r.site()).isEqualTo(Money.usd(r.total()));
    }
    assertThat(s.paid()).isEqualTo(Money.usd("13.45"));
    assertThat(ledger.balance(Account.participant("c1"))).isEqualTo(Money.usd("-9.22"));
    assertThat(ledger.balance(Account.participant("c2"))).isEqualTo(Money.usd("-4.23"));
    assertThat(ledger.balance(Account.participant("c3")).isZero()).isTrue();
    assertThat(ledger.balance(Account.expense("byo"))).isEqualTo(Money.usd("13.45"));
    assertThat(ledger.balance(Account.receivable("utility"))).isEqualTo(Money.usd("10.01"));
    assertThat(ledger.balance(Account.revenue("byo"))).isEqualTo(Money.usd("-10.01"));
    assertThat(ledger.total().isZero()).isTrue();
    // one revenue transaction and one per earning site
    assertThat(ledger.transactions())
        .extracting(Transaction::id)
        .containsExactly("ev/revenue", "ev/s1", "ev/s2");
  }

  @Test
  void theFleetFormPostsTheSameCentsAsBatches() {
    Ledger ledger = Ledger.inMemory(Money.USD);
    FleetSettlement f =
        FleetSettlement.settle(
            Fixtures.byo(),
            "ev",
            "utility",
            Money.usd("10.01"),
            new String[] {"c1", "c2", "c3", "c4"},
            new double[] {4.0, 1.2345, 3.0, -0.5},
            new boolean[] {false, false, true, false},
            AT,
            ledger);
    assertThat(f.paid()).isEqualTo(Money.usd("13.45"));
    assertThat(f.totalMinor(0)).isEqualTo(922);
    assertThat(f.shareMinor(1)).isEqualTo(118);
    assertThat(ledger.batches())
        .extracting(BatchTransaction::id)
        .containsExactly("ev/energy", "ev/event", "ev/revenue-share");
    assertThat(ledger.balance(Account.participant("c1"))).isEqualTo(Money.usd("-9.22"));
    assertThat(ledger.balance(Account.expense("byo"))).isEqualTo(Money.usd("13.45"));
    assertThat(ledger.total().isZero()).isTrue();
  }
}
