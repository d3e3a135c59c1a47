package org.openvpp.server.platform;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.openvpp.server.security.AuditLog;
import org.openvpp.server.security.Role;
import org.openvpp.store.Database;

/** The audit log in the platform's table {@code audit_entry}, which refuses updates and deletes. */
final class SqlAudit implements AuditLog.Records {
  private final Database db;

  SqlAudit(Database db) {
    this.db = db;
  }

  @Override
  public List<AuditLog.Entry> all() {
    return db.inTransaction(
        c -> {
          List<AuditLog.Entry> out = new ArrayList<>();
          try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT at, subject, role, action, target, outcome FROM audit_entry ORDER BY"
                          + " seq");
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              out.add(
                  new AuditLog.Entry(
                      rs.getObject(1, OffsetDateTime.class).toInstant(),
                      rs.getString(2),
                      Role.valueOf(rs.getString(3)),
                      rs.getString(4),
                      rs.getString(5),
                      rs.getString(6)));
            }
          }
          return out;
        });
  }

  @Override
  public void append(AuditLog.Entry e) {
    db.run(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO audit_entry (at, subject, role, action, target, outcome)"
                      + " VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setObject(1, OffsetDateTime.ofInstant(e.at(), ZoneOffset.UTC));
            ps.setString(2, e.subject());
            ps.setString(3, e.role().name());
            ps.setString(4, e.action());
            ps.setString(5, e.target());
            ps.setString(6, e.outcome());
            ps.executeUpdate();
          }
        });
  }
}
