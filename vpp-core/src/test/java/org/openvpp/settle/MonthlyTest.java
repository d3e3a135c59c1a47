package org.openvpp.settle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openvpp.program.Fixtures.T0;
import static org.openvpp.program.Fixtures.battery;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openvpp.device.DeviceId;
import org.openvpp.device.DeviceKind;
import org.openvpp.mv.SitePerformance;
import org.openvpp.program.EnrolledDevice;
import org.openvpp.program.Enrolments;
import org.openvpp.program.Fixtures;
import org.openvpp.time.Interval;
import org.openvpp.units.Money;
import org.openvpp.units.Power;

class MonthlyTest {
  private static final ZoneId UTC = ZoneOffset.UTC;
  private static final YearMonth JULY = YearMonth.of(2026, 7);
  private static final Instant END_OF_JULY = Instant.parse("2026-07-31T23:59:59Z");

  @Test
  void statementsAndEconomicsOfAMonthByHand() {
    Enrolments r = Fixtures.register(3, Fixtures.byo(), Fixtures.leased());
    r.enrol("e1", "byo", "s1", battery("b1", 5), "k1", T0);
    // two leased batteries for 55 USD a month
    r.enrol(
        "e2",
        "leased",
        "s2",
        List.of(
            new EnrolledDevice(DeviceId.of("l1"), DeviceKind.BATTERY, Power.ofKilowatts(5)),
            new EnrolledDevice(DeviceId.of("l2"), DeviceKind.BATTERY, Power.ofKilowatts(5))),
        "k2",
        T0);
    r.enrol("e3", "leased", "s3", battery("l3", 5), "k3", T0);
    Ledger ledger = Ledger.inMemory(Money.USD);
    SitePerformance p1 = Perf.delivered("s1", "ev", 4.0);
    EventSettlement.settle(
        Fixtures.byo(),
        "ev",
        "utility",
        Money.usd("0"),
        List.of(new Participation(p1, "c1", false)),
        Perf.WINDOW.end(),
        ledger);
    MonthlySettlement.settle(r, "byo", JULY, UTC, Map.of("s1", 1), END_OF_JULY, ledger);
    // s2 took part in 3 events: 15 USD credit; s3 in 12: capped at the 55 USD fee
    MonthlySettlement.settle(
        r, "leased", JULY, UTC, Map.of("s2", 3, "s3", 12), END_OF_JULY, ledger);

    Statement c1 = Statement.monthly(ledger, "c1", JULY, UTC, List.of(p1));
    // energy 0.85 × 4 = 3.40, event 2.00, capacity 1.50 × 5 kW = 7.50
    assertThat(c1.lines())
        .extracting(l -> l.kind() + " " + l.amount())
        .containsExactly("ENERGY 3.40 USD", "EVENT 2.00 USD", "CAPACITY 7.50 USD");
    assertThat(c1.opening().isZero()).isTrue();
    assertThat(c1.earned()).isEqualTo(Money.usd("12.90"));
    assertThat(c1.events()).containsExactly(p1);

    Statement c2 = Statement.monthly(ledger, "c2", JULY, UTC, List.of());
    assertThat(c2.total(org.openvpp.settle.LineKind.LEASE_FEE)).isEqualTo(Money.usd("-55"));
    assertThat(c2.total(org.openvpp.settle.LineKind.LEASE_CREDIT)).isEqualTo(Money.usd("15"));
    assertThat(c2.closing()).isEqualTo(Money.usd("-40"));
    Statement c3 = Statement.monthly(ledger, "c3", JULY, UTC, List.of());
    assertThat(c3.closing().isZero()).isTrue();

    Statement c1August = Statement.monthly(ledger, "c1", JULY.plusMonths(1), UTC, List.of(p1));
    assertThat(c1August.opening()).isEqualTo(Money.usd("12.90"));
    assertThat(c1August.lines()).isEmpty();
    assertThat(c1August.events()).isEmpty();

    Interval july =
        new Interval(Instant.parse("2026-07-01T00:00:00Z"), Instant.parse("2026-08-01T00:00:00Z"));
    ProgramEconomics byo = ProgramEconomics.of(ledger, "byo", july);
    assertThat(byo.payouts()).isEqualTo(Money.usd("12.90"));
    assertThat(byo.net()).isEqualTo(Money.usd("-12.90"));
    ProgramEconomics leased = ProgramEconomics.of(ledger, "leased", july);
    // 55 + 55 in fees, 15 + 55 in credits
    assertThat(leased.leaseIncome()).isEqualTo(Money.usd("40"));
    assertThat(leased.net()).isEqualTo(Money.usd("40"));
    assertThat(ledger.total().isZero()).isTrue();
  }
}
