package org.openvpp.server.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openvpp.device.Battery;
import org.openvpp.device.DeviceId;
import org.openvpp.program.EventBook;
import org.openvpp.server.api.ApiInbox;
import org.openvpp.server.api.RunHistory;
import org.openvpp.server.platform.PlatformDatabases.Backend;
import org.openvpp.server.security.AuditLog;
import org.openvpp.server.security.Principal;
import org.openvpp.server.security.Role;
import org.openvpp.settle.Account;
import org.openvpp.settle.LineKind;
import org.openvpp.settle.Posting;
import org.openvpp.settle.Transaction;
import org.openvpp.sim.fleet.ScenarioFile;
import org.openvpp.store.Database;
import org.openvpp.twin.Telemetry;
import org.openvpp.twin.TwinStore;
import org.openvpp.units.Energy;
import org.openvpp.units.Money;
import org.openvpp.units.Power;

/**
 * The platform's records outlive a restart, on the embedded database and on PostgreSQL: each test
 * opens a platform, writes, closes it, and opens it again on the same data.
 */
class PlatformTest {
  private static final PlatformDatabases DATABASES = new PlatformDatabases();
  private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

  @TempDir Path tmp;

  @AfterAll
  static void drop() {
    DATABASES.dropAll();
  }

  private static Platform open(Backend backend, String location) {
    return Platform.open(PlatformDatabases.open(backend, location), InstantSource.fixed(NOW));
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void accountsAndTheTokenKeyOutliveARestart(Backend backend) {
    String at = DATABASES.fresh(backend, tmp);
    String token;
    try (Platform p = open(backend, at)) {
      Principal op =
          p.accounts()
              .addUser("operator", "a long enough secret", Role.OPERATOR_ADMIN, Optional.empty());
      p.accounts()
          .addUser("cust", "another long secret", Role.PARTICIPANT, Optional.of("customer-1"));
      String clientSecret = p.accounts().addClient("partner-1", Role.UTILITY_PARTNER);
      token = p.tokens().issue(op, NOW, Duration.ofHours(1));
      assertThat(p.accounts().client("partner-1", clientSecret)).isPresent();
    }
    try (Platform p = open(backend, at)) {
      assertThat(p.accounts().login("operator", "a long enough secret"))
          .get()
          .extracting(Principal::role)
          .isEqualTo(Role.OPERATOR_ADMIN);
      assertThat(p.accounts().login("cust", "another long secret"))
          .get()
          .extracting(Principal::customer)
          .isEqualTo(Optional.of("customer-1"));
      assertThat(p.accounts().login("operator", "the wrong password")).isEmpty();
      assertThat(p.tokens().verify(token, NOW.plusSeconds(60)))
          .as("a session signed before the restart")
          .get()
          .extracting(Principal::subject)
          .isEqualTo("operator");
      assertThatThrownBy(
              () ->
                  p.accounts()
                      .addUser(
                          "operator", "yet another secret", Role.OPERATOR_VIEWER, Optional.empty()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("taken");
      p.accounts().setPassword("operator", "a brand new password");
      p.accounts().remove("cust");
    }
    try (Platform p = open(backend, at)) {
      assertThat(p.accounts().login("operator", "a brand new password")).isPresent();
      assertThat(p.accounts().login("operator", "a long enough secret")).isEmpty();
      assertThat(p.accounts().exists("cust")).as("removed before the restart").isFalse();
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void theAuditLogOutlivesARestartAndRefusesEdits(Backend backend) {
    String at = DATABASES.fresh(backend, tmp);
    AuditLog.Entry first =
        new AuditLog.Entry(
            NOW, "operator", Role.OPERATOR_ADMIN, "event.opt-out", "e1 site-1", "done");
    AuditLog.Entry second =
        new AuditLog.Entry(
            NOW.plusSeconds(5),
            "cust",
            Role.PARTICIPANT,
            "device.preferences",
            "b1 {}",
            "refused: x");
    try (Platform p = open(backend, at)) {
      p.audit().append(first);
      p.audit().append(second);
    }
    try (Database db = PlatformDatabases.open(backend, at)) {
      assertThatThrownBy(
              () ->
                  db.run(
                      c -> {
                        try (PreparedStatement ps =
                            c.prepareStatement("UPDATE audit_entry SET outcome = 'done'")) {
                          ps.executeUpdate();
                        }
                      }))
          .hasMessageContaining("append-only");
      assertThatThrownBy(
              () ->
                  db.run(
                      c -> {
                        try (PreparedStatement ps = c.prepareStatement("DELETE FROM audit_entry")) {
                          ps.executeUpdate();
                        }
                      }))
          .hasMessageContaining("append-only");
    }
    try (Platform p = open(backend, at)) {
      assertThat(p.audit().entries()).containsExactly(first, second);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void preferencesAcceptedInOneRunAreAppliedWhenTheNextStarts(Backend backend) throws Exception {
    String at = DATABASES.fresh(backend, tmp);
    try (Platform p = open(backend, at)) {
      ApiInbox inbox = new ApiInbox(p.preferences());
      TwinStore twins = twins();
      var reserve = inbox.preferences("b1", prefs(Optional.of(4.0), Optional.empty()));
      inbox.apply(NOW, book(), twins);
      assertThat(reserve.get()).isEqualTo(NOW);
      var ready = inbox.preferences("b1", prefs(Optional.empty(), Optional.empty()));
      var refused = inbox.preferences("b1", prefs(Optional.of(99.0), Optional.empty()));
      inbox.apply(NOW.plusSeconds(60), book(), twins);
      assertThat(ready).isCompletedExceptionally(); // a battery has no ready-by time
      assertThat(refused).isCompletedExceptionally(); // beyond the battery
      assertThat(twins.reserveKwh(0)).isEqualTo(4.0);
    }
    try (Platform p = open(backend, at)) {
      assertThat(p.preferences().all()).containsOnlyKeys("b1");
      ApiInbox next = new ApiInbox(p.preferences());
      TwinStore twins = twins();
      assertThat(twins.reserveKwh(0)).isEqualTo(1.0);
      next.apply(NOW.plusSeconds(3600), book(), twins);
      assertThat(twins.reserveKwh(0))
          .as("the kept reserve, applied at the first step")
          .isEqualTo(4.0);
      assertThat(next.restored()).isEqualTo(1);
      assertThat(next.notRestored()).isEmpty();
      // A later change of another preference keeps the reserve too.
      var reserve = next.preferences("b1", prefs(Optional.of(5.0), Optional.empty()));
      next.apply(NOW.plusSeconds(3660), book(), twins);
      assertThat(reserve.get()).isNotNull();
      assertThat(p.preferences().all())
          .extractingByKey("b1")
          .extracting(ApiInbox.Preferences::reserveKwh)
          .isEqualTo(Optional.of(5.0));
    }
  }

  /** A reserve, or (with neither) a ready-by time, which a battery refuses. */
  private static ApiInbox.Preferences prefs(Optional<Double> reserve, Optional<Double> unused) {
    return new ApiInbox.Preferences(
        reserve,
        unused,
        unused,
        reserve.isPresent() ? Optional.empty() : Optional.of(LocalTime.of(7, 0)));
  }

  private static TwinStore twins() {
    TwinStore twins = new TwinStore(Duration.ofMinutes(5));
    twins.register(
        new Battery(
            DeviceId.of("b1"),
            Energy.ofKilowattHours(13.5),
            Power.ofKilowatts(5),
            Power.ofKilowatts(5),
            0.9,
            Energy.ofKilowattHours(1.0)));
    return twins;
  }

  private static EventBook book() {
    return EventBook.inMemory(org.openvpp.program.Enrolments.inMemory());
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aRunStoppedMidwayIsKeptAsInterruptedAndAFinishedOneFilesItsBooks(Backend backend) {
    String at = DATABASES.fresh(backend, tmp);
    var scenario = ScenarioFile.load("winter-morning-ca").withHomes(3);
    try (Platform p = open(backend, at)) {
      assertThat(p.startRun(scenario)).isEqualTo("run-1");
      // stopped here: never finished
    }
    try (Platform p = open(backend, at)) {
      assertThat(p.interruptedOnOpen()).isEqualTo(1);
      String id = p.startRun(scenario);
      assertThat(id).isEqualTo("run-2");
      org.openvpp.settle.Ledger books = org.openvpp.settle.Ledger.inMemory(Money.USD);
      books.post(
          Transaction.of(
              "e1/site-1",
              NOW,
              "event e1, site site-1",
              List.of(
                  new Posting(Account.expense("p"), usd("2.50"), LineKind.EVENT, "e1"),
                  new Posting(
                      Account.participant("customer-1"), usd("-2.50"), LineKind.EVENT, "e1"))));
      p.runs()
          .keep(
              id,
              List.of(
                  new RunHistory.Document("settlement", "", "{\"eventId\":\"e1\"}"),
                  new RunHistory.Document(
                      "statement", "customer-1", "{\"customerId\":\"customer-1\"}")));
      p.finishRun(id, "e1", "e1: 1.2 kWh", books);
    }
    try (Platform p = open(backend, at)) {
      assertThat(p.interruptedOnOpen()).isZero();
      assertThat(p.runs().runs())
          .extracting(RunHistory.Run::id, RunHistory.Run::state)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("run-2", "finished"),
              org.assertj.core.groups.Tuple.tuple("run-1", "interrupted"));
      assertThat(p.runs().latestFinished())
          .get()
          .extracting(RunHistory.Run::eventId)
          .isEqualTo(Optional.of("e1"));
      assertThat(p.runs().document("run-2", "statement", "customer-1")).isPresent();
      assertThat(p.ledger().transactions())
          .extracting(Transaction::id)
          .containsExactly("run-2/e1/site-1");
      assertThat(p.ledger().balance(Account.participant("customer-1"))).isEqualTo(usd("-2.50"));
      assertThat(p.ledger().total()).isEqualTo(usd("0.00"));
    }
  }

  private static Money usd(String amount) {
    return new Money(new java.math.BigDecimal(amount), Money.USD);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void everyAcceptedReportIsKeptInTheTelemetryHistory(Backend backend) {
    String at = DATABASES.fresh(backend, tmp);
    int reports = 25_003; // more than two batches and a part
    try (Platform p = open(backend, at)) {
      TwinStore twins = twins();
      TelemetryRecorder recorder = p.telemetryRecorder();
      twins.onChange(d -> recorder.accepted(twins, d));
      Instant start = Instant.parse("2026-07-01T00:00:00Z");
      for (int i = 0; i < reports; i++) {
        twins.apply(
            new Telemetry(
                DeviceId.of("b1"),
                start.plusSeconds(i),
                i + 1,
                Power.ofKilowatts(i % 5),
                Energy.ofKilowattHours(6)));
      }
      // a stale one the twin refuses is not history, nor is a customer's change of the twin
      twins.apply(new Telemetry(DeviceId.of("b1"), start, 1, Power.ZERO, Energy.ZERO));
      twins.setReserve(0, Energy.ofKilowattHours(2));
      twins.setOptedOut(0, true);
      recorder.close();
      assertThat(recorder.received()).isEqualTo(reports);
      assertThat(recorder.stored()).isEqualTo(reports);
    }
    try (Platform p = open(backend, at)) {
      var window =
          new org.openvpp.time.Interval(
              Instant.parse("2026-07-01T00:00:00Z"), Instant.parse("2026-07-02T00:00:00Z"));
      assertThat(p.telemetryHistory().count(window)).isEqualTo(reports);
      List<Telemetry> some = p.telemetryHistory().query(DeviceId.of("b1"), window);
      assertThat(some.get(7).power()).isEqualTo(Power.ofKilowatts(2));
      assertThat(some.get(7).sequence()).isEqualTo(8);
    }
  }
}
