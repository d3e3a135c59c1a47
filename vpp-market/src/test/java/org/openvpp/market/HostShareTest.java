package org.openvpp.market;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.openvpp.settle.Account;
import org.openvpp.settle.BatchTransaction;
import org.openvpp.settle.Ledger;
import org.openvpp.units.Money;

class HostShareTest {
  /**
   * By hand: a 25 % share of $100.02 is $25.005, $25.00 half-even (2,500 cents); three hosts online
   * 720, 720 and 360 hours take 1,000, 1,000 and 500 cents.
   */
  @Test
  void theShareOfTheNetIsSplitByHoursOnlineToTheCent() {
    BatchTransaction b =
        HostShare.payout(
                "hosts-2019-07",
                Instant.EPOCH,
                "arbitrage",
                new String[] {"a", "b", "c"},
                new long[] {720, 720, 360},
                Money.usd("100.02"),
                0.25)
            .orElseThrow();
    Ledger ledger = Ledger.inMemory(Money.USD);

    ledger.post(b);

    assertThat(ledger.balance(Account.participant("a"))).isEqualTo(Money.usd("-10.00"));
    assertThat(ledger.balance(Account.participant("c"))).isEqualTo(Money.usd("-5.00"));
    assertThat(ledger.balance(Account.expense("arbitrage"))).isEqualTo(Money.usd("25.00"));
    assertThat(ledger.total()).isEqualTo(Money.zero(Money.USD));
  }

  @Test
  void aMonthThatLostMoneyPaysNoShare() {
    assertThat(
            HostShare.payout(
                "hosts-2019-08",
                Instant.EPOCH,
                "arbitrage",
                new String[] {"a"},
                new long[] {720},
                Money.usd("-3.00"),
                0.25))
        .isEmpty();
  }
}
