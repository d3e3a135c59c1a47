package org.openvpp.server.platform;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import org.openvpp.server.api.ApiInbox;
import org.openvpp.server.api.RunHistory;
import org.openvpp.server.security.Accounts;
import org.openvpp.server.security.AuditLog;
import org.openvpp.server.security.Tokens;
import org.openvpp.settle.Ledger;
import org.openvpp.settle.LedgerStore;
import org.openvpp.sim.fleet.Scenario;
import org.openvpp.store.Database;
import org.openvpp.store.SqlLedgerStore;
import org.openvpp.store.TelemetryHistory;

/**
 * The platform's system of record: what outlives a run and a restart, in one SQL database (the
 * embedded H2 folder of {@code ./vpp up}, or PostgreSQL for {@code ./vpp serve}).
 *
 * <p><b>Design note: what persists.</b> A run of {@code ./vpp up} is a simulated day that builds
 * its fleet, customers and enrolment from the scenario, so a run's working state (twins, event
 * book) lives and ends with it. What the platform keeps is everything a person or a partner gave it
 * or was told: the accounts (secrets as Argon2id hashes), the key that signs the API's tokens (so a
 * session outlives a restart), the audit log (append-only in the database), every device's
 * preferences (applied again when a later run starts), every run (running, finished, or interrupted
 * when the platform finds it still marked running on opening), a finished run's settlement and
 * statements as the API served them, its books in the platform's ledger (each transaction filed as
 * {@code run-N/…}, so re-running the same day never collides with an earlier run), and the
 * telemetry history of every report the twins accepted. Stopping {@code ./vpp up} at any moment
 * therefore loses nothing that was accepted: a change the API confirmed is in the audit log and,
 * for preferences, in {@code device_preference}; a run stopped midway is kept as interrupted with
 * its telemetry so far. The simulated day itself is not resumed: the next run starts its day again.
 *
 * <p>Threads: safe for concurrent use (the database pool hands each thread its own connection).
 */
public final class Platform implements AutoCloseable {
  private static final String TOKEN_KEY = "api-token-key";

  private final Database db;
  private final InstantSource clock;
  private final Accounts accounts;
  private final AuditLog audit;
  private final Tokens tokens;
  private final SqlPreferences preferences;
  private final SqlRuns runs;
  private final LedgerStore ledger;
  private final int interrupted;

  private Platform(Database db, InstantSource clock) {
    this.db = db;
    this.clock = clock;
    this.accounts = new Accounts(new SqlAccounts(db, clock));
    this.audit = new AuditLog(new SqlAudit(db));
    this.tokens = new Tokens(tokenKey());
    this.preferences = new SqlPreferences(db);
    this.ledger = SqlLedgerStore.in(db);
    this.runs = new SqlRuns(db, ledger);
    this.interrupted = runs.interruptRunning(clock.instant());
  }

  /** The platform kept in {@code db} (which it closes when closed). */
  public static Platform open(Database db, InstantSource clock) {
    Objects.requireNonNull(db, "db");
    Objects.requireNonNull(clock, "clock");
    try {
      return new Platform(db, clock);
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  /** The platform kept in the embedded database in {@code folder} (created if missing). */
  public static Platform embedded(Path folder) {
    return open(Database.embedded(folder), InstantSource.system());
  }

  private byte[] tokenKey() {
    return db.inTransaction(
        c -> {
          Optional<String> kept = secret(c);
          if (kept.isPresent()) {
            return Base64.getDecoder().decode(kept.get());
          }
          byte[] key = Tokens.newKey();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO platform_secret (name, secret_value, created_at) VALUES (?, ?, ?)")) {
            ps.setString(1, TOKEN_KEY);
            ps.setString(2, Base64.getEncoder().encodeToString(key));
            ps.setObject(3, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
            ps.executeUpdate();
          }
          return key;
        });
  }

  private static Optional<String> secret(java.sql.Connection c) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT secret_value FROM platform_secret WHERE name = ?")) {
      ps.setString(1, TOKEN_KEY);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    }
  }

  /** Where it is kept: the database's JDBC URL. */
  public String location() {
    return db.url();
  }

  public Accounts accounts() {
    return accounts;
  }

  public AuditLog audit() {
    return audit;
  }

  public Tokens tokens() {
    return tokens;
  }

  /** Every device's kept preferences, for the API's inbox. */
  public ApiInbox.PreferenceRecords preferences() {
    return preferences;
  }

  /** Every run, with a finished run's settlement and statements. */
  public RunHistory runs() {
    return runs;
  }

  /** The platform's ledger: every finished run's transactions, filed under the run's id. */
  public Ledger ledger() {
    return new Ledger(org.openvpp.units.Money.USD, ledger);
  }

  /** How many runs opening found still marked running, and marked interrupted. */
  public int interruptedOnOpen() {
    return interrupted;
  }

  /** Records a new run of {@code scenario}; returns its id ({@code run-N}). */
  public String startRun(Scenario scenario) {
    return runs.start(scenario, clock.instant());
  }

  /**
   * Records that run {@code id} finished, having settled {@code eventId} into {@code books}, which
   * are filed in the platform's ledger (all or nothing).
   */
  public void finishRun(String id, String eventId, String summary, Ledger books) {
    runs.finish(id, clock.instant(), eventId, summary, books);
  }

  /**
   * Keeps a run's interval meter data (by meter id); a meter's interval already kept (the same
   * simulated day run again) keeps its first reading.
   */
  public org.openvpp.store.IngestReport keepMeters(
      java.util.Map<String, org.openvpp.mv.baseline.MeterData> meters) {
    return org.openvpp.store.MeterIntervals.in(db)
        .ingestAll(meters, org.openvpp.store.BulkLoad.COPY_WHERE_POSSIBLE);
  }

  /** The interval meter data kept (for reading it back). */
  public org.openvpp.store.MeterIntervals meterIntervals() {
    return org.openvpp.store.MeterIntervals.in(db);
  }

  /**
   * Fresh program records for a run, each written through to the platform's program tables as it
   * changes (customers, sites, consents and enrolments by their ids, as the latest run left them;
   * events and opt-outs of every run).
   */
  public org.openvpp.server.run.ProgramRecords programRecords() {
    org.openvpp.store.ProgramStores tables = org.openvpp.store.ProgramStores.uncached(db);
    return new org.openvpp.server.run.ProgramRecords(
        new WrittenThrough<>(tables.programs()),
        new WrittenThrough<>(tables.customers()),
        new WrittenThrough<>(tables.sites()),
        new WrittenThrough<>(tables.consents()),
        new WrittenThrough<>(tables.enrolments()),
        new WrittenThrough<>(tables.events()),
        new WrittenThrough<>(tables.optOuts()));
  }

  /** The program tables, as the runs wrote them (for reading them back). */
  public org.openvpp.store.ProgramStores programTables() {
    return org.openvpp.store.ProgramStores.uncached(db);
  }

  /** A recorder of the next run's accepted telemetry into the platform's history. */
  public TelemetryRecorder telemetryRecorder() {
    return new TelemetryRecorder(TelemetryHistory.in(db));
  }

  /** The telemetry history (for reading it back). */
  public TelemetryHistory telemetryHistory() {
    return TelemetryHistory.in(db);
  }

  @Override
  public void close() {
    db.close();
  }
}
