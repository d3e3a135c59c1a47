package org.openvpp.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One time-series table and how rows get into it (db/migration/{vendor}/V3__series.sql).
 *
 * <p><b>Design note.</b> On PostgreSQL the table is range-partitioned by UTC month; before a load
 * the partitions of the months it touches are created ({@code CREATE TABLE IF NOT EXISTS ...
 * PARTITION OF}, in a transaction of their own, remembered per instance so the catalogue is asked
 * once per month). Rows are COPYed into a temporary staging table of the same shape, then moved
 * with {@code INSERT ... SELECT ... ON CONFLICT DO NOTHING}: COPY itself cannot skip a duplicate
 * key, and this way a row whose key is already stored is counted and dropped instead of failing the
 * load. H2 (and {@link BulkLoad#JDBC_BATCH}) inserts with a JDBC batch of {@code INSERT ... ON
 * CONFLICT DO NOTHING}. Callers remove duplicates within one load first (the first row wins), so
 * which row survives never depends on the database's order. Thread-safe: each load runs on its own
 * connection.
 */
final class Series {
  /**
   * Rows may lie in these years only: partitions are made on demand, so a typo'd year is refused.
   */
  static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");

  static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");

  /** Writes row {@code i} of the caller's input into a bulk writer. */
  @FunctionalInterface
  interface RowWriter {
    void write(Bulk bulk, int i) throws SQLException;
  }

  private final String table;
  private final List<String> columns;
  private final Set<YearMonth> partitions = ConcurrentHashMap.newKeySet();

  Series(String table, List<String> columns) {
    this.table = table;
    this.columns = List.copyOf(columns);
  }

  String table() {
    return table;
  }

  /** Why {@code at} cannot be stored, or the empty string if it can. */
  @SuppressWarnings("JavaInstantGetSecondsGetNano") // the sub-second part is what is checked
  static String checkTime(Instant at) {
    if (at.isBefore(EARLIEST) || !at.isBefore(LATEST)) {
      return "time " + at + " is outside the years 1970 to 2199";
    }
    if (at.getNano() % 1_000 != 0) {
      return "time " + at + " is finer than a microsecond";
    }
    return "";
  }

  /**
   * Loads rows {@code rows[0..n)} (indices into the caller's input, written by {@code writer})
   * whose times fall in {@code months}; returns how many were stored (the rest were already there).
   */
  long load(
      Database db, BulkLoad mode, int[] rows, int n, Set<YearMonth> months, RowWriter writer) {
    if (n == 0) {
      return 0;
    }
    if (db.dialect() == Dialect.POSTGRESQL) {
      ensurePartitions(db, months);
    }
    return db.inTransaction(
        c -> {
          if (db.dialect() == Dialect.POSTGRESQL && mode == BulkLoad.COPY_WHERE_POSSIBLE) {
            return copyThroughStaging(c, rows, n, writer);
          }
          Bulk bulk = Bulk.batch(c, table, columns, "ON CONFLICT DO NOTHING");
          return write(bulk, rows, n, writer);
        });
  }

  private long copyThroughStaging(Connection c, int[] rows, int n, RowWriter writer)
      throws SQLException {
    String staging = table + "_in";
    try (Statement s = c.createStatement()) {
      s.execute(
          "CREATE TEMPORARY TABLE IF NOT EXISTS "
              + staging
              + " (LIKE "
              + table
              + ") ON COMMIT DELETE ROWS");
    }
    write(
        Bulk.open(c, Dialect.POSTGRESQL, BulkLoad.COPY_WHERE_POSSIBLE, staging, columns),
        rows,
        n,
        writer);
    String cols = String.join(", ", columns);
    try (Statement s = c.createStatement()) {
      return s.executeUpdate(
          "INSERT INTO "
              + table
              + " ("
              + cols
              + ") SELECT "
              + cols
              + " FROM "
              + staging
              + " ON CONFLICT DO NOTHING");
    }
  }

  private static long write(Bulk bulk, int[] rows, int n, RowWriter writer) throws SQLException {
    try {
      for (int k = 0; k < n; k++) {
        writer.write(bulk, rows[k]);
        bulk.endRow();
      }
      return bulk.finish();
    } catch (SQLException | RuntimeException e) {
      bulk.abandon();
      throw e;
    }
  }

  private void ensurePartitions(Database db, Set<YearMonth> months) {
    List<YearMonth> missing = new ArrayList<>();
    for (YearMonth m : months) {
      if (!partitions.contains(m)) {
        missing.add(m);
      }
    }
    if (missing.isEmpty()) {
      return;
    }
    db.run(
        c -> {
          try (Statement s = c.createStatement()) {
            for (YearMonth m : missing) {
              s.execute(
                  "CREATE TABLE IF NOT EXISTS "
                      + partitionName(m)
                      + " PARTITION OF "
                      + table
                      + " FOR VALUES FROM ('"
                      + bound(m)
                      + "') TO ('"
                      + bound(m.plusMonths(1))
                      + "')");
            }
          }
        });
    partitions.addAll(missing);
  }

  String partitionName(YearMonth m) {
    return String.format(
        java.util.Locale.ROOT, "%s_y%04dm%02d", table, m.getYear(), m.getMonthValue());
  }

  private static String bound(YearMonth m) {
    return LocalDate.of(m.getYear(), m.getMonth(), 1)
        .atStartOfDay()
        .toInstant(ZoneOffset.UTC)
        .toString();
  }

  static YearMonth month(Instant at) {
    return YearMonth.from(at.atOffset(ZoneOffset.UTC));
  }

  /** The partitions that exist, by name (PostgreSQL); none on H2. */
  List<String> partitions(Database db) {
    if (db.dialect() != Dialect.POSTGRESQL) {
      return List.of();
    }
    return db.inTransaction(
        c -> {
          Set<String> names = new TreeSet<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT child.relname FROM pg_inherits i"
                      + " JOIN pg_class child ON child.oid = i.inhrelid"
                      + " JOIN pg_class parent ON parent.oid = i.inhparent"
                      + " WHERE parent.relname = ?")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                names.add(rs.getString(1));
              }
            }
          }
          return List.copyOf(names);
        });
  }
}
