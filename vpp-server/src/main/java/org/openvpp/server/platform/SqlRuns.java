package org.openvpp.server.platform;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openvpp.server.api.RunHistory;
import org.openvpp.settle.Ledger;
import org.openvpp.settle.LedgerStore;
import org.openvpp.settle.Transaction;
import org.openvpp.sim.fleet.Scenario;
import org.openvpp.store.Database;

/**
 * The runs in the platform's tables {@code vpp_run} and {@code vpp_run_document}, and a finished
 * run's books filed in the platform's ledger under the run's id.
 */
final class SqlRuns implements RunHistory {
  private final Database db;
  private final LedgerStore ledger;

  SqlRuns(Database db, LedgerStore ledger) {
    this.db = db;
    this.ledger = ledger;
  }

  /** Marks every run still {@code running} as {@code interrupted} at {@code now}; how many. */
  int interruptRunning(Instant now) {
    return db.inTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE vpp_run SET state = 'interrupted', ended_at = ? WHERE state ="
                      + " 'running'")) {
            ps.setObject(1, time(now));
            return ps.executeUpdate();
          }
        });
  }

  /** Records a new run of {@code scenario}, started at {@code now}; returns its id. */
  String start(Scenario scenario, Instant now) {
    return db.inTransaction(
        c -> {
          long next;
          try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM vpp_run");
              ResultSet rs = ps.executeQuery()) {
            rs.next();
            next = rs.getLong(1) + 1;
          }
          String id = "run-" + next;
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO vpp_run (id, scenario, homes, hours, seed, started_at, state)"
                      + " VALUES (?, ?, ?, ?, ?, ?, 'running')")) {
            ps.setString(1, id);
            ps.setString(2, scenario.name());
            ps.setInt(3, scenario.homes());
            ps.setInt(4, scenario.hours());
            ps.setLong(5, scenario.seed());
            ps.setObject(6, time(now));
            ps.executeUpdate();
          }
          return id;
        });
  }

  /**
   * Records that the run {@code id} finished at {@code now}, having settled {@code eventId}, and
   * files every transaction of its {@code books} in the platform's ledger as {@code id/…}: all of
   * it in one transaction, so a crash leaves the run either finished with its books or not
   * finished.
   */
  void finish(String id, Instant now, String eventId, String summary, Ledger books) {
    if (!books.batches().isEmpty()) {
      throw new IllegalStateException(
          "the run's ledger has batch transactions, which the platform does not file yet");
    }
    db.atomically(
        () -> {
          for (Transaction t : books.transactions()) {
            ledger.append(
                new Transaction(
                    id + "/" + t.id(),
                    t.at(),
                    t.memo(),
                    t.postings(),
                    t.reverses().map(r -> id + "/" + r)));
          }
          db.run(
              c -> {
                try (PreparedStatement ps =
                    c.prepareStatement(
                        "UPDATE vpp_run SET state = 'finished', ended_at = ?, event_id = ?,"
                            + " summary = ? WHERE id = ?")) {
                  ps.setObject(1, time(now));
                  ps.setString(2, eventId);
                  ps.setString(3, summary);
                  ps.setString(4, id);
                  if (ps.executeUpdate() != 1) {
                    throw new SQLException("no run '" + id + "'");
                  }
                }
              });
        });
  }

  private static final String RUN_COLUMNS =
      "SELECT id, scenario, homes, hours, seed, started_at, state, ended_at, event_id, summary"
          + " FROM vpp_run ";

  @Override
  public List<Run> runs() {
    return runs("ORDER BY seq DESC", Optional.empty());
  }

  @Override
  public Optional<Run> run(String id) {
    return runs("WHERE id = ?", Optional.of(id)).stream().findFirst();
  }

  @Override
  public Optional<Run> latestFinished() {
    return runs("WHERE state = 'finished' ORDER BY seq DESC LIMIT 1", Optional.empty()).stream()
        .findFirst();
  }

  /** The runs the clause after {@code FROM vpp_run} selects, its one parameter {@code arg}. */
  private List<Run> runs(String clause, Optional<String> arg) {
    return db.inTransaction(
        c -> {
          List<Run> out = new ArrayList<>();
          try (PreparedStatement ps = c.prepareStatement(RUN_COLUMNS + clause)) {
            if (arg.isPresent()) {
              ps.setString(1, arg.get());
            }
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(
                    new Run(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getInt(3),
                        rs.getInt(4),
                        rs.getLong(5),
                        rs.getObject(6, OffsetDateTime.class).toInstant(),
                        rs.getString(7),
                        Optional.ofNullable(rs.getObject(8, OffsetDateTime.class))
                            .map(OffsetDateTime::toInstant),
                        Optional.ofNullable(rs.getString(9)),
                        Optional.ofNullable(rs.getString(10))));
              }
            }
          }
          return out;
        });
  }

  @Override
  public Optional<Document> document(String runId, String kind, String key) {
    return db.inTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT body FROM vpp_run_document WHERE run_id = ? AND kind = ? AND doc_key = ?")) {
            ps.setString(1, runId);
            ps.setString(2, kind);
            ps.setString(3, key);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next()
                  ? Optional.of(new Document(kind, key, rs.getString(1)))
                  : Optional.<Document>empty();
            }
          }
        });
  }

  @Override
  public List<Document> documents(String runId, String kind) {
    return db.inTransaction(
        c -> {
          List<Document> out = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT doc_key, body FROM vpp_run_document WHERE run_id = ? AND kind = ?"
                      + " ORDER BY doc_key")) {
            ps.setString(1, runId);
            ps.setString(2, kind);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(new Document(kind, rs.getString(1), rs.getString(2)));
              }
            }
          }
          return out;
        });
  }

  @Override
  public void keep(String runId, List<Document> documents) {
    db.run(c -> insert(c, runId, documents));
  }

  private static void insert(Connection c, String runId, List<Document> documents)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO vpp_run_document (run_id, kind, doc_key, body) VALUES (?, ?, ?, ?)")) {
      for (Document d : documents) {
        ps.setString(1, runId);
        ps.setString(2, d.kind());
        ps.setString(3, d.key());
        ps.setString(4, d.json());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private static OffsetDateTime time(Instant at) {
    return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
  }
}
