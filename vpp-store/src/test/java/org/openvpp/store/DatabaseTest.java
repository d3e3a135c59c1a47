package org.openvpp.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DatabaseTest {
  @RegisterExtension static final TestDatabases DATABASES = new TestDatabases();

  @ParameterizedTest
  @EnumSource(Backend.class)
  void openingMigratesOnceAndReopeningChangesNothing(Backend backend) {
    TestDatabases.Fresh handle = DATABASES.freshHandle(backend);
    assertThat(handle.db().dialect().name()).isEqualTo(backend.name());
    assertThat(handle.db().migrationsApplied()).isEqualTo(10);
    ProgramStores.in(handle.db()).customers().put("c1", Records.customer(1));

    Database again = handle.reopen();

    assertThat(again.migrationsApplied()).isZero();
    assertThat(ProgramStores.in(again).customers().all()).containsExactly(Records.customer(1));
    int applied =
        again.inTransaction(
            c -> {
              try (Statement s = c.createStatement();
                  ResultSet rs =
                      s.executeQuery(
                          "SELECT COUNT(*) FROM flyway_schema_history WHERE success AND type = 'SQL'")) {
                rs.next();
                return rs.getInt(1);
              }
            });
    assertThat(applied).isEqualTo(10);
  }

  @Test
  void anEmbeddedDatabaseLivesInItsFolder(@TempDir Path dir) {
    Path folder = dir.resolve("data").resolve("db");
    try (Database db = Database.embedded(folder)) {
      assertThat(db.dialect()).isEqualTo(Dialect.H2);
      ProgramStores.in(db).customers().put("c1", Records.customer(1));
    }
    assertThat(Files.exists(folder.resolve("openvpp.mv.db"))).isTrue();
    try (Database db = Database.embedded(folder)) {
      assertThat(ProgramStores.in(db).customers().find("c1")).contains(Records.customer(1));
    }
  }

  @Test
  void anUnreachablePostgresqlSaysWhatToDo() {
    assertThatThrownBy(() -> Database.open("jdbc:postgresql://127.0.0.1:1/nothing", "postgres", ""))
        .isInstanceOfSatisfying(
            StoreException.class,
            e -> assertThat(e.reason()).isEqualTo(StoreException.Reason.UNREACHABLE))
        .hasMessageContaining("cannot connect to jdbc:postgresql://127.0.0.1:1/nothing")
        .hasMessageContaining("is PostgreSQL running?");
  }

  @Test
  void anUnknownUrlIsRefused() {
    assertThatThrownBy(() -> Database.open("jdbc:mysql://localhost/x", "u", ""))
        .isInstanceOfSatisfying(
            StoreException.class,
            e -> assertThat(e.reason()).isEqualTo(StoreException.Reason.CONFIGURATION))
        .hasMessageContaining("unsupported database URL");
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aFailedTransactionLeavesNothingBehind(Backend backend) {
    Database db = DATABASES.fresh(backend);
    assertThatThrownBy(
            () ->
                db.run(
                    c -> {
                      try (Statement s = c.createStatement()) {
                        s.executeUpdate(
                            "INSERT INTO customer (store_key, id, name) VALUES ('x', 'x', 'X')");
                        s.executeUpdate("INSERT INTO no_such_table VALUES (1)");
                      }
                    }))
        .isInstanceOfSatisfying(
            StoreException.class,
            e -> assertThat(e.reason()).isEqualTo(StoreException.Reason.DATABASE))
        .hasMessageContaining("database error");
    assertThat(ProgramStores.in(db).customers().all()).isEmpty();
  }
}
