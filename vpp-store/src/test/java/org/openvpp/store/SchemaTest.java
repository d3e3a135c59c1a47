package org.openvpp.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One schema: the migrations give both databases the same tables, columns, types and nullness. */
class SchemaTest {
  @RegisterExtension static final TestDatabases DATABASES = new TestDatabases();

  private static List<String> columns(Database db) {
    return db.inTransaction(
        c -> {
          List<String> out = new ArrayList<>();
          try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT table_name, column_name, data_type, is_nullable,"
                          + " character_maximum_length FROM information_schema.columns"
                          + " WHERE table_schema = 'public' AND table_name <> 'flyway_schema_history'"
                          + " ORDER BY table_name, column_name");
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              long length = rs.getLong(5);
              // H2 reports an unbounded VARCHAR as its maximum length, PostgreSQL as none.
              boolean noLength = rs.wasNull() || length == 1_000_000_000L;
              out.add(
                  (rs.getString(1)
                          + "."
                          + rs.getString(2)
                          + " "
                          + rs.getString(3)
                          + (noLength ? "" : "(" + length + ")")
                          + (rs.getString(4).equals("YES") ? " null" : " not null"))
                      .toLowerCase(Locale.ROOT));
            }
          }
          return out;
        });
  }

  @Test
  void bothDatabasesHaveTheSameColumns() {
    List<String> h2 = columns(DATABASES.fresh(Backend.H2));
    List<String> pg = columns(DATABASES.fresh(Backend.POSTGRESQL));

    assertThat(h2).hasSizeGreaterThan(100).isEqualTo(pg);
    assertThat(h2)
        .contains(
            "telemetry.at timestamp with time zone not null",
            "ledger_posting.amount_minor bigint not null",
            "telemetry.device_id character varying(64) not null");
  }
}
