package org.openvpp.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.openvpp.program.Store;

/**
 * {@link Store} over one table per record type: the core's semantics exactly. {@code put} replaces
 * the row under its key and its child rows, in one transaction: on PostgreSQL with {@code INSERT
 * ... ON CONFLICT (store_key) DO UPDATE}, atomic even against another process; on H2, which has no
 * {@code DO UPDATE}, with an UPDATE and, if there was no row, an INSERT (an embedded database has
 * one process, and the store one thread); {@code all} is in the order first put, kept by the
 * identity column {@code seq} that an INSERT takes and an UPDATE leaves alone. Every call is its
 * own transaction (or joins the thread's unit of work, {@link Database#atomically}), so what a put
 * returned is in the database.
 *
 * <p>A caching store (the register's: it reads records on every request) loads the whole table on
 * its first read and then answers {@code find} and {@code all} from memory, putting through to the
 * database; it is then exactly the in-memory store plus durability, on the assumption that it is
 * the table's one writer. A unit of work that rolls back drops the copy, which is read again. Not
 * thread-safe, as the core's stores are not: the register and the event book confine them to one
 * thread.
 */
final class SqlStore<T> implements Store<T> {
  private final Database db;
  private final Table<T> table;
  private final String update;
  private final String insert;
  private final String select;
  private final String upsert;
  private final boolean caching;
  private @Nullable Map<String, T> copy; // a LinkedHashMap: insertion order is first put

  SqlStore(Database db, Table<T> table, boolean caching) {
    this.db = db;
    this.table = table;
    this.caching = caching;
    List<String> cols = table.columns();
    this.update =
        "UPDATE "
            + table.name()
            + " SET "
            + String.join(" = ?, ", cols)
            + " = ? WHERE store_key = ?";
    this.insert =
        "INSERT INTO "
            + table.name()
            + " (store_key, "
            + String.join(", ", cols)
            + ") VALUES (?"
            + ", ?".repeat(cols.size())
            + ")";
    this.select = "SELECT store_key, " + String.join(", ", cols) + " FROM " + table.name();
    List<String> sets = new java.util.ArrayList<>();
    for (String col : cols) {
      sets.add(col + " = EXCLUDED." + col);
    }
    this.upsert = insert + " ON CONFLICT (store_key) DO UPDATE SET " + String.join(", ", sets);
  }

  @Override
  public void put(String id, T value) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(value, "value");
    db.run(
        c -> {
          if (db.dialect() == Dialect.POSTGRESQL) {
            try (PreparedStatement ps = c.prepareStatement(upsert)) {
              ps.setString(1, id);
              table.bind(new Sql.Binder(ps, 2), value);
              ps.executeUpdate();
            }
            replaceChildren(c, id, value, true);
            return;
          }
          int updated;
          try (PreparedStatement ps = c.prepareStatement(update)) {
            table.bind(new Sql.Binder(ps, 1), value);
            ps.setString(table.columns().size() + 1, id);
            updated = ps.executeUpdate();
          }
          if (updated == 0) {
            try (PreparedStatement ps = c.prepareStatement(insert)) {
              ps.setString(1, id);
              table.bind(new Sql.Binder(ps, 2), value);
              ps.executeUpdate();
            }
          }
          replaceChildren(c, id, value, updated != 0);
        });
    Map<String, T> c = copy;
    if (c != null) {
      c.put(id, value);
      db.onRollback(this::forget);
    }
  }

  private void replaceChildren(Connection c, String id, T value, boolean mayHaveSome)
      throws SQLException {
    for (Table.Child<T, ?> child : table.children()) {
      if (mayHaveSome) {
        try (PreparedStatement ps =
            c.prepareStatement("DELETE FROM " + child.table() + " WHERE store_key = ?")) {
          ps.setString(1, id);
          ps.executeUpdate();
        }
      }
      try (PreparedStatement ps = c.prepareStatement(childInsert(child))) {
        child.write(ps, id, value);
      }
    }
  }

  @Override
  public Optional<T> find(String id) {
    if (caching) {
      return Optional.ofNullable(loaded().get(id));
    }
    return db.inTransaction(
        c -> {
          Table.Children children = children(c, Optional.of(id));
          try (PreparedStatement ps = c.prepareStatement(select + " WHERE store_key = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.of(table.read(rs, children)) : Optional.empty();
            }
          }
        });
  }

  @Override
  public List<T> all() {
    if (caching) {
      return List.copyOf(loaded().values());
    }
    return read();
  }

  private Map<String, T> loaded() {
    Map<String, T> c = copy;
    if (c == null) {
      c = new LinkedHashMap<>();
      for (Keyed<T> k : readKeyed()) {
        c.put(k.key(), k.value());
      }
      copy = c;
      db.onRollback(this::forget);
    }
    return c;
  }

  private void forget() {
    copy = null;
  }

  private record Keyed<T>(String key, T value) {}

  private List<Keyed<T>> readKeyed() {
    return db.inTransaction(
        c -> {
          Table.Children children = children(c, Optional.empty());
          List<Keyed<T>> out = new ArrayList<>();
          try (PreparedStatement ps = c.prepareStatement(select + " ORDER BY seq");
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              out.add(new Keyed<>(Sql.string(rs, "store_key"), table.read(rs, children)));
            }
          }
          return out;
        });
  }

  private List<T> read() {
    return db.inTransaction(
        c -> {
          Table.Children children = children(c, Optional.empty());
          List<T> out = new ArrayList<>();
          try (PreparedStatement ps = c.prepareStatement(select + " ORDER BY seq");
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              out.add(table.read(rs, children));
            }
          }
          return List.copyOf(out);
        });
  }

  private static String childInsert(Table.Child<?, ?> child) {
    return "INSERT INTO "
        + child.table()
        + " (store_key, pos, "
        + String.join(", ", child.columns())
        + ") VALUES (?, ?"
        + ", ?".repeat(child.columns().size())
        + ")";
  }

  /** One query per child table: the children of one key, or of every key. */
  private Table.Children children(Connection c, Optional<String> key) throws SQLException {
    Map<Table.Child<?, ?>, Map<String, List<Object>>> rows = new HashMap<>();
    for (Table.Child<T, ?> child : table.children()) {
      Map<String, List<Object>> byKey = new HashMap<>();
      String sql =
          "SELECT store_key, "
              + String.join(", ", child.columns())
              + " FROM "
              + child.table()
              + (key.isPresent() ? " WHERE store_key = ?" : "")
              + " ORDER BY store_key, pos";
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        if (key.isPresent()) {
          ps.setString(1, key.get());
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            byKey
                .computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                .add(child.reader().read(rs));
          }
        }
      }
      rows.put(child, byKey);
    }
    return new Table.Children(rows);
  }
}
