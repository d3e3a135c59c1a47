package org.openvpp.store;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Writes many rows into one table, as fast as the dialect allows: PostgreSQL's {@code COPY ... FROM
 * STDIN (FORMAT csv)} through pgjdbc's CopyManager, or a JDBC batch of INSERTs (H2, or PostgreSQL
 * when asked, for comparison). Values are given field by field, then {@link #endRow}; {@link
 * #finish} sends what is left and returns the rows written.
 *
 * <p>CSV fields: text always quoted (a quote doubled), so an unquoted empty field is NULL and
 * {@code ""} is an empty string; instants in ISO-8601 UTC; doubles as {@link Double#toString}
 * (finite values only: callers reject the rest). Runs on the caller's connection and transaction.
 * One writer, one thread.
 */
abstract sealed class Bulk {

  static Bulk open(Connection c, Dialect dialect, BulkLoad mode, String table, List<String> columns)
      throws SQLException {
    return dialect == Dialect.POSTGRESQL && mode == BulkLoad.COPY_WHERE_POSSIBLE
        ? new Copy(c, table, columns)
        : new Batch(c, table, columns, "");
  }

  /** A JDBC batch of {@code INSERT ... suffix} (for example {@code ON CONFLICT DO NOTHING}). */
  static Bulk batch(Connection c, String table, List<String> columns, String suffix)
      throws SQLException {
    return new Batch(c, table, columns, suffix);
  }

  abstract Bulk text(String v) throws SQLException;

  abstract Bulk number(double v) throws SQLException;

  abstract Bulk number(long v) throws SQLException;

  abstract Bulk bool(boolean v) throws SQLException;

  abstract Bulk time(Instant v) throws SQLException;

  /** A NULL of the given {@link Types} type. */
  abstract Bulk nothing(int sqlType) throws SQLException;

  abstract void endRow() throws SQLException;

  /** Sends what is left; returns the rows the database reported written. */
  abstract long finish() throws SQLException;

  /** Gives up, leaving the connection usable (the caller rolls back). */
  abstract void abandon();

  private static final class Copy extends Bulk {
    private static final int FLUSH_CHARS = 1 << 20;
    private final CopyIn copy;
    private final StringBuilder buf = new StringBuilder(FLUSH_CHARS + 4096);
    private boolean first = true;

    Copy(Connection c, String table, List<String> columns) throws SQLException {
      this.copy =
          c.unwrap(PGConnection.class)
              .getCopyAPI()
              .copyIn(
                  "COPY "
                      + table
                      + " ("
                      + String.join(", ", columns)
                      + ") FROM STDIN (FORMAT csv)");
    }

    private void sep() {
      if (!first) {
        buf.append(',');
      }
      first = false;
    }

    @Override
    Bulk text(String v) {
      Sql.text(v);
      sep();
      buf.append('"');
      for (int i = 0; i < v.length(); i++) {
        char ch = v.charAt(i);
        if (ch == '"') {
          buf.append('"');
        }
        buf.append(ch);
      }
      buf.append('"');
      return this;
    }

    @Override
    Bulk number(double v) {
      sep();
      buf.append(Sql.number(v));
      return this;
    }

    @Override
    Bulk number(long v) {
      sep();
      buf.append(v);
      return this;
    }

    @Override
    Bulk bool(boolean v) {
      sep();
      buf.append(v ? 't' : 'f');
      return this;
    }

    @Override
    Bulk time(Instant v) {
      sep();
      buf.append(v);
      return this;
    }

    @Override
    Bulk nothing(int sqlType) {
      sep();
      return this;
    }

    @Override
    void endRow() throws SQLException {
      buf.append('\n');
      first = true;
      if (buf.length() >= FLUSH_CHARS) {
        flush();
      }
    }

    private void flush() throws SQLException {
      if (buf.isEmpty()) {
        return;
      }
      byte[] bytes = buf.toString().getBytes(StandardCharsets.UTF_8);
      copy.writeToCopy(bytes, 0, bytes.length);
      buf.setLength(0);
    }

    @Override
    long finish() throws SQLException {
      flush();
      return copy.endCopy();
    }

    @Override
    void abandon() {
      try {
        if (copy.isActive()) {
          copy.cancelCopy();
        }
      } catch (SQLException e) {
        // The connection is rolled back and returned to the pool by the caller either way.
      }
    }
  }

  private static final class Batch extends Bulk {
    private static final int ROWS_PER_BATCH = 1_000;
    private final PreparedStatement ps;
    private int index = 1;
    private int pending;
    private long written;

    Batch(Connection c, String table, List<String> columns, String suffix) throws SQLException {
      this.ps =
          c.prepareStatement(
              "INSERT INTO "
                  + table
                  + " ("
                  + String.join(", ", columns)
                  + ") VALUES (?"
                  + ", ?".repeat(columns.size() - 1)
                  + ")"
                  + (suffix.isEmpty() ? "" : " " + suffix));
    }

    @Override
    Bulk text(String v) throws SQLException {
      ps.setString(index++, Sql.text(v));
      return this;
    }

    @Override
    Bulk number(double v) throws SQLException {
      ps.setDouble(index++, Sql.number(v));
      return this;
    }

    @Override
    Bulk number(long v) throws SQLException {
      ps.setLong(index++, v);
      return this;
    }

    @Override
    Bulk bool(boolean v) throws SQLException {
      ps.setBoolean(index++, v);
      return this;
    }

    @Override
    Bulk time(Instant v) throws SQLException {
      ps.setObject(index++, Sql.time(v, "time"));
      return this;
    }

    @Override
    Bulk nothing(int sqlType) throws SQLException {
      ps.setNull(index++, sqlType);
      return this;
    }

    @Override
    void endRow() throws SQLException {
      ps.addBatch();
      index = 1;
      if (++pending >= ROWS_PER_BATCH) {
        run();
      }
    }

    private void run() throws SQLException {
      if (pending == 0) {
        return;
      }
      for (int n : ps.executeBatch()) {
        if (n > 0) {
          written += n;
        }
      }
      pending = 0;
    }

    @Override
    long finish() throws SQLException {
      run();
      ps.close();
      return written;
    }

    @Override
    void abandon() {
      try {
        ps.close();
      } catch (SQLException e) {
        // The caller rolls back; nothing more to do.
      }
    }
  }
}
