package org.openvpp.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Small documents by kind and key (table {@code service_document}, V9): the service's own state
 * that must outlive a restart and is not a record of the register, the ledger or a time series — an
 * event's commitment, its M&amp;V, a month's close. A put replaces the document whole (upsert).
 * Thread-safe.
 */
public final class Documents {
  private final Database db;

  private Documents(Database db) {
    this.db = db;
  }

  public static Documents in(Database db) {
    return new Documents(db);
  }

  /** Puts {@code body} under {@code kind}/{@code key}, replacing what was there. */
  public void put(String kind, String key, String body, Instant at) {
    db.run(
        c -> {
          String sql =
              db.dialect() == Dialect.POSTGRESQL
                  ? "INSERT INTO service_document (kind, doc_key, body, updated_at) VALUES (?, ?, ?, ?)"
                      + " ON CONFLICT (kind, doc_key) DO UPDATE SET body = EXCLUDED.body,"
                      + " updated_at = EXCLUDED.updated_at"
                  : "MERGE INTO service_document (kind, doc_key, body, updated_at) KEY (kind, doc_key)"
                      + " VALUES (?, ?, ?, ?)";
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            new Sql.Binder(ps, 1).string(kind).string(key).string(body).time(at, "updated at");
            ps.executeUpdate();
          }
        });
  }

  public Optional<String> get(String kind, String key) {
    return db.inTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT body FROM service_document WHERE kind = ? AND doc_key = ?")) {
            new Sql.Binder(ps, 1).string(kind).string(key);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.of(Sql.string(rs, "body")) : Optional.<String>empty();
            }
          }
        });
  }

  /** Every document of {@code kind}, by key in key order. */
  public Map<String, String> all(String kind) {
    return db.inTransaction(
        c -> {
          Map<String, String> out = new LinkedHashMap<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT doc_key, body FROM service_document WHERE kind = ? ORDER BY doc_key")) {
            new Sql.Binder(ps, 1).string(kind);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.put(Sql.string(rs, "doc_key"), Sql.string(rs, "body"));
              }
            }
          }
          return out;
        });
  }
}
