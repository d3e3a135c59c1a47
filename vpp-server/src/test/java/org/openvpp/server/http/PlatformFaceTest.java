package org.openvpp.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openvpp.server.platform.Platform;
import org.openvpp.server.platform.PlatformDatabases;
import org.openvpp.server.platform.PlatformDatabases.Backend;

/**
 * The face on the platform's SQL records (embedded H2, and a real PostgreSQL): an account made by a
 * sign-up and the audit log, stamped with the service's time, outlive a restart.
 */
class PlatformFaceTest {
  static final Instant START = LocalDate.of(2019, 8, 1).atStartOfDay(World.LA).toInstant();
  final PlatformDatabases databases = new PlatformDatabases();
  @TempDir Path tmp;

  @AfterEach
  void drop() {
    databases.dropAll();
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aSignUpAndItsAuditEntryOutliveARestart(Backend backend) {
    String location = databases.fresh(backend, tmp);
    try (Platform p =
        Platform.open(PlatformDatabases.open(backend, location), InstantSource.system())) {
      World w =
          new World(START, Security.of(p.accounts(), p.tokens(), p.audit()).withSignUpLimit(50));
      try {
        w.run(Duration.ofMinutes(3));
        World.Answer up = w.signUp("Ana", "ana");
        assertThat(up.status()).isEqualTo(201);
        assertThat(w.post("/api/v1/customers", World.json(Map.of("name", "B")), w.viewer).status())
            .isEqualTo(403);
      } finally {
        w.close();
      }
    }
    try (Platform again =
        Platform.open(PlatformDatabases.open(backend, location), InstantSource.system())) {
      assertThat(again.accounts().account("ana")).isPresent();
      assertThat(again.accounts().login("ana", World.PASSWORD)).isPresent();
      assertThat(again.audit().entries())
          .anyMatch(
              e ->
                  e.action().equals("signup")
                      && e.outcome().equals("done")
                      && e.at().equals(START.plus(Duration.ofMinutes(3))))
          .anyMatch(
              e -> e.subject().equals("viewer") && e.outcome().startsWith("refused: forbidden"));
    }
  }
}
