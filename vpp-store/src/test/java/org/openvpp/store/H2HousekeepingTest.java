package org.openvpp.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many small commits to an embedded database, with and without the housekeeping rounds: without,
 * every commit leaves a chunk behind; with them the file stays near what it holds. The database's
 * own rounds are off, and those of the test run between commits on its thread, so the comparison
 * does not depend on timing. H2's retention time is set to 0 here so that a dead chunk may go at
 * once (the service keeps H2's 45 s, see {@link H2Housekeeping}).
 */
class H2HousekeepingTest {
  private static final int COMMITS = 30_000;

  @Test
  void roundsKeepAFileOfManySmallCommitsSmall(@TempDir Path dir) throws Exception {
    long without = fileAfterCommits(dir.resolve("without"), false);
    long with = fileAfterCommits(dir.resolve("with"), true);

    assertThat(without).as("bytes without housekeeping").isGreaterThan(8L << 20);
    assertThat(with).as("bytes with housekeeping").isLessThan(without / 4);
  }

  private static long fileAfterCommits(Path folder, boolean housekeeping)
      throws SQLException, IOException {
    try (Database db = Database.embedded(folder, false)) {
      db.run(
          c -> {
            try (Statement s = c.createStatement()) {
              s.execute("SET RETENTION_TIME 0");
              s.execute("CREATE TABLE t (id BIGINT PRIMARY KEY, v DOUBLE PRECISION)");
            }
          });
      MVStore store = db.inTransaction(H2HousekeepingTest::storeOf);
      for (int i = 0; i < COMMITS; i++) {
        long id = i;
        db.run(
            c -> {
              try (PreparedStatement p = c.prepareStatement("INSERT INTO t VALUES (?, ?)")) {
                p.setLong(1, id);
                p.setDouble(2, id * 0.5);
                p.executeUpdate();
              }
            });
        if (housekeeping && i % 200 == 199) {
          H2Housekeeping.round(store);
        }
      }
      return Files.size(folder.resolve("openvpp.mv.db"));
    }
  }

  private static MVStore storeOf(Connection c) throws SQLException {
    return ((SessionLocal) c.unwrap(JdbcConnection.class).getSession())
        .getDatabase()
        .getStore()
        .getMvStore();
  }
}
