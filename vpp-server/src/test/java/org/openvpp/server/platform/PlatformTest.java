package org.openvpp.server.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openvpp.server.platform.PlatformDatabases.Backend;
import org.openvpp.server.security.AuditLog;
import org.openvpp.server.security.Principal;
import org.openvpp.server.security.Role;
import org.openvpp.store.Database;

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
}
