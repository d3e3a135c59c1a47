package org.openvpp.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openvpp.device.DeviceId;
import org.openvpp.dispatch.CommandLedger.AckOutcome;
import org.openvpp.dispatch.CommandLedger.AckStatus;
import org.openvpp.dispatch.CommandLedger.State;
import org.openvpp.units.Power;

class CommandLedgerTest {
  static final Instant T0 = Instant.parse("2019-08-16T00:00:00Z");
  static final Duration S = Duration.ofSeconds(1);

  final CommandLedger ledger = new CommandLedger(Duration.ofSeconds(10), 2, Duration.ofSeconds(60));

  static Command command(long seq, Duration ttl) {
    return new Command(DeviceId.of("bat-1"), seq, Power.ofKilowatts(-3), T0, T0.plus(ttl));
  }

  @Test
  void anAcknowledgedCommandIsSettledAndNotSentAgain() {
    String id = ledger.issue(command(7, Duration.ofMinutes(5)), T0);
    assertThat(id).isEqualTo("c-7");
    assertThat(ledger.acknowledge(id, AckStatus.ACCEPTED, Optional.empty(), T0.plus(S)))
        .isEqualTo(AckOutcome.RECORDED);
    assertThat(ledger.due(T0.plus(Duration.ofMinutes(1)))).isEmpty();
    assertThat(ledger.entry(id).orElseThrow().state()).isEqualTo(State.ACCEPTED);
    assertThat(ledger.acknowledge(id, AckStatus.REJECTED, Optional.empty(), T0.plus(S)))
        .isEqualTo(AckOutcome.ALREADY_SETTLED);
    assertThat(ledger.acknowledge("c-99", AckStatus.ACCEPTED, Optional.empty(), T0))
        .isEqualTo(AckOutcome.UNKNOWN_COMMAND);
  }

  @Test
  void anUnacknowledgedCommandIsRetriedWithBackOffUntilItExpires() {
    Command c = command(1, Duration.ofSeconds(100));
    ledger.issue(c, T0);
    // Retries after 10 s, then 20 s later, then 40 s later, then (capped) 60 s later.
    assertThat(ledger.due(T0.plusSeconds(9))).isEmpty();
    assertThat(ledger.due(T0.plusSeconds(10))).containsExactly(c);
    assertThat(ledger.due(T0.plusSeconds(29))).isEmpty();
    assertThat(ledger.due(T0.plusSeconds(30))).containsExactly(c);
    assertThat(ledger.due(T0.plusSeconds(70))).containsExactly(c);
    assertThat(ledger.entry("c-1").orElseThrow().attempts()).isEqualTo(4);
    assertThat(ledger.due(T0.plusSeconds(100))).isEmpty();
    CommandLedger.Entry e = ledger.entry("c-1").orElseThrow();
    assertThat(e.state()).isEqualTo(State.EXPIRED);
    assertThat(e.settled()).hasValue(T0.plusSeconds(100));
  }

  @Test
  void aRejectionKeepsTheDevicesReasonForTheAudit() {
    ledger.issue(command(3, Duration.ofMinutes(5)), T0);
    ledger.acknowledge("c-3", AckStatus.REJECTED, Optional.of("below reserve"), T0.plus(S));
    assertThat(ledger.entries())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.state()).isEqualTo(State.REJECTED);
              assertThat(e.reason()).hasValue("below reserve");
            });
    assertThat(ledger.count(State.REJECTED)).isEqualTo(1);
  }

  @Test
  void settledRecordsAreForgottenOnlyWhenAsked() {
    ledger.issue(command(1, Duration.ofMinutes(5)), T0);
    ledger.issue(command(2, Duration.ofMinutes(5)), T0);
    ledger.acknowledge("c-1", AckStatus.ACCEPTED, Optional.empty(), T0.plus(S));
    assertThat(ledger.forgetBefore(T0.plus(Duration.ofMinutes(10)))).isEqualTo(1);
    assertThat(ledger.entries()).extracting(CommandLedger.Entry::id).containsExactly("c-2");
  }

  @Test
  void aCommandIsIssuedOnce() {
    ledger.issue(command(1, Duration.ofMinutes(5)), T0);
    assertThatThrownBy(() -> ledger.issue(command(1, Duration.ofMinutes(5)), T0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("c-1 was issued already");
  }
}
