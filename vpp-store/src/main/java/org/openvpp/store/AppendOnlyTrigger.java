package org.openvpp.store;

import java.sql.Connection;
import java.sql.SQLException;
import org.h2.api.Trigger;
import org.jspecify.annotations.Nullable;

/**
 * H2's append-only guard of the ledger tables (db/migration/h2/V4__ledger_append_only.sql) and the
 * audit log (V6__audit_append_only.sql): every UPDATE or DELETE is refused. PostgreSQL does the
 * same with a PL/pgSQL trigger. Public only because H2 instantiates it by name.
 */
public final class AppendOnlyTrigger implements Trigger {
  private String table = "?";

  public AppendOnlyTrigger() {}

  @Override
  public void init(
      Connection conn,
      String schemaName,
      String triggerName,
      String tableName,
      boolean before,
      int type) {
    this.table = tableName;
  }

  @Override
  public void fire(Connection conn, Object @Nullable [] oldRow, Object @Nullable [] newRow)
      throws SQLException {
    String op = newRow == null ? "DELETE" : "UPDATE";
    throw new SQLException(
        table.equalsIgnoreCase("audit_entry")
            ? "the audit log is append-only: " + op + " on " + table + " refused"
            : "the ledger is append-only: "
                + op
                + " on "
                + table
                + " refused; correct a transaction by posting its reversal",
        "P0001");
  }
}
