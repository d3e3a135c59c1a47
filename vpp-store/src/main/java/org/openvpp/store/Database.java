package org.openvpp.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.jspecify.annotations.Nullable;

/**
 * An open SQL database with OpenVPP's schema: PostgreSQL (the system of record) or an embedded H2
 * file database in a local folder (the default of {@code ./vpp up}).
 *
 * <p><b>Design note.</b> Opening runs the Flyway migrations: {@code db/migration/common} holds the
 * schema both dialects share (H2 runs in PostgreSQL compatibility mode, so the same DDL serves
 * both), and {@code db/migration/postgresql} or {@code db/migration/h2} holds the few versions that
 * must differ (range-partitioned time-series tables on PostgreSQL, plain indexed tables on H2; the
 * append-only triggers). Version numbers are unique across the folders, so the two schemas stay one
 * history. Migrations only add; Flyway's clean is disabled, so reopening a database never drops
 * data. Connections come from a small HikariCP pool; each piece of work runs on one connection, in
 * one transaction ({@link #inTransaction}). Thread-safe: the pool hands each thread its own
 * connection; the stores built on it say what they assume.
 *
 * <p>H2 runs with {@code WRITE_DELAY=0}: each commit is written to the file when it is made, so a
 * killed process loses nothing committed (H2's default delays writes by about a second; CrashTest
 * lost most of a burst of commits with it). That stops H2's own compaction, so an H2 file database
 * gets {@link H2Housekeeping} while it is open.
 */
public final class Database implements AutoCloseable {
  private static final String H2_OPTIONS =
      ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0";
  private static final Duration HOUSEKEEPING_EVERY = Duration.ofSeconds(2);

  private final Dialect dialect;
  private final String url;
  private final HikariDataSource pool;
  private final int migrationsApplied;
  private final Optional<H2Housekeeping> housekeeping;

  // The connection of this thread's atomically(...) unit on this database, if one is open; work
  // joins it. Per instance, not static: a thread may have units open on two databases.
  @SuppressWarnings("ThreadLocalUsage")
  private final ThreadLocal<@Nullable Unit> unit = new ThreadLocal<>();

  /** An open unit of work: its connection, and what to undo in memory if it rolls back. */
  private static final class Unit {
    final Connection connection;
    final List<Runnable> onRollback = new ArrayList<>();

    Unit(Connection connection) {
      this.connection = connection;
    }
  }

  private Database(Dialect dialect, String url, HikariDataSource pool, boolean housekeeping) {
    this.dialect = dialect;
    this.url = url;
    this.pool = pool;
    try {
      MigrateResult result =
          Flyway.configure()
              .dataSource(pool)
              .locations(
                  "classpath:db/migration/common", "classpath:db/migration/" + dialect.vendor())
              .load()
              .migrate();
      this.migrationsApplied = result.migrationsExecuted;
    } catch (RuntimeException e) {
      pool.close();
      throw new StoreException(
          StoreException.Reason.MIGRATION,
          "could not migrate the schema of " + url + ": " + e.getMessage(),
          e);
    }
    this.housekeeping =
        housekeeping && dialect == Dialect.H2 && !url.startsWith("jdbc:h2:mem:")
            ? H2Housekeeping.start(pool, HOUSEKEEPING_EVERY)
            : Optional.empty();
  }

  /**
   * Opens the database at {@code jdbcUrl} ({@code jdbc:postgresql://host:port/db} or any {@code
   * jdbc:h2:} URL) and brings its schema up to date.
   *
   * @throws StoreException if it cannot be reached or migrated; the message says which
   */
  public static Database open(String jdbcUrl, String user, String password) {
    return open(jdbcUrl, user, password, true);
  }

  private static Database open(String jdbcUrl, String user, String password, boolean housekeeping) {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    Dialect dialect = Dialect.ofUrl(jdbcUrl);
    String url =
        dialect == Dialect.H2 && !jdbcUrl.toUpperCase(java.util.Locale.ROOT).contains(";MODE=")
            ? jdbcUrl + H2_OPTIONS
            : jdbcUrl;
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(4);
    config.setMinimumIdle(1);
    config.setConnectionTimeout(10_000);
    config.setPoolName("openvpp-" + dialect.vendor());
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(config);
    } catch (RuntimeException e) {
      Throwable root = e;
      while (root.getCause() != null) {
        root = root.getCause();
      }
      throw new StoreException(
          StoreException.Reason.UNREACHABLE,
          "cannot connect to "
              + url
              + " as "
              + user
              + ": "
              + root.getMessage()
              + hint(dialect, String.valueOf(root.getMessage())),
          e);
    }
    return new Database(dialect, url, pool, housekeeping);
  }

  private static String hint(Dialect dialect, String reason) {
    if (dialect == Dialect.POSTGRESQL) {
      return " (is PostgreSQL running? Start it, for example with `pg_ctlcluster"
          + " --skip-systemctl-redirect 15 main start`, and check the URL and user)";
    }
    return reason.contains("already in use") || reason.contains("file is locked")
        ? " (another process, perhaps another ./vpp up, has this folder open: stop it or use"
            + " another folder)"
        : "";
  }

  /**
   * Opens (or creates) the embedded H2 database kept in {@code folder}, the default of {@code ./vpp
   * up}: data survives stopping and starting again on the same folder.
   */
  public static Database embedded(Path folder) {
    return embedded(folder, true);
  }

  /** {@link #embedded(Path)}, without {@link H2Housekeeping} if asked (for its test). */
  static Database embedded(Path folder, boolean housekeeping) {
    Path dir = folder.toAbsolutePath().normalize();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new StoreException(
          StoreException.Reason.CONFIGURATION,
          "cannot create the database folder " + dir + ": " + e,
          e);
    }
    return open("jdbc:h2:file:" + dir.resolve("openvpp") + H2_OPTIONS, "sa", "", housekeeping);
  }

  public Dialect dialect() {
    return dialect;
  }

  /** The JDBC URL it was opened with. */
  public String url() {
    return url;
  }

  /** How many migrations opening applied: all of them on a new database, none when up to date. */
  public int migrationsApplied() {
    return migrationsApplied;
  }

  /**
   * Runs {@code work} on one connection in one transaction: committed if it returns, rolled back if
   * it throws.
   *
   * @throws StoreException wrapping an {@link SQLException}, with what was being done
   */
  public <R> R inTransaction(SqlWork<R> work) {
    Unit open = unit.get();
    if (open != null) {
      try {
        return work.apply(open.connection);
      } catch (SQLException e) {
        throw wrap(e);
      }
    }
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try {
        R result = work.apply(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw wrap(e);
    }
  }

  private StoreException wrap(SQLException e) {
    return new StoreException(
        StoreException.Reason.DATABASE,
        "database error on " + url + ": " + e.getMessage() + " (SQL state " + e.getSQLState() + ")",
        e);
  }

  /**
   * Runs {@code work} as one unit: every store call this thread makes on this database inside it
   * joins one transaction, committed when {@code work} returns and rolled back if it throws. Use it
   * for an operation that writes several records (a withdrawal that enrols the next on the waiting
   * list; enrolling a fleet), so a crash leaves all of it or none, and for speed (one commit
   * instead of one per record). A database error inside it fails the whole unit. Units do not nest:
   * an inner call joins the outer unit.
   */
  public <R> R atomically(Supplier<R> work) {
    if (unit.get() != null) {
      return work.get();
    }
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      Unit u = new Unit(c);
      unit.set(u);
      try {
        R result = work.get();
        c.commit();
        return result;
      } catch (RuntimeException | Error e) {
        try {
          c.rollback();
        } finally {
          for (Runnable undo : u.onRollback) {
            undo.run();
          }
        }
        throw e;
      } finally {
        unit.remove();
      }
    } catch (SQLException e) {
      throw wrap(e);
    }
  }

  /** {@link #atomically(Supplier)} for work that returns nothing. */
  public void atomically(Runnable work) {
    atomically(
        () -> {
          work.run();
          return Boolean.TRUE;
        });
  }

  /**
   * Whether this thread is inside a unit of work; if it is, {@code undo} runs should the unit roll
   * back (for stores that keep copies in memory).
   */
  boolean onRollback(Runnable undo) {
    Unit open = unit.get();
    if (open == null) {
      return false;
    }
    open.onRollback.add(undo);
    return true;
  }

  /** Runs {@code action} on one connection in one transaction, as {@link #inTransaction} does. */
  public void run(SqlAction action) {
    inTransaction(
        c -> {
          action.run(c);
          return Boolean.TRUE;
        });
  }

  /** Closes the pool; an embedded database is then closed and its files may be opened again. */
  @Override
  public void close() {
    housekeeping.ifPresent(H2Housekeeping::close);
    pool.close();
  }

  @Override
  public String toString() {
    return dialect + " " + url;
  }
}
