package org.openvpp.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * How one record type maps to a table of typed columns (after {@code seq} and {@code store_key}),
 * and to child tables for its lists and sets.
 *
 * @param <T> the record type
 */
interface Table<T> {

  String name();

  /** The typed columns, in the order {@link #bind} binds them. */
  List<String> columns();

  void bind(Sql.Binder b, T value) throws SQLException;

  /** The record of the current row; its children are in {@code children} under the row's key. */
  T read(ResultSet rs, Children children) throws SQLException;

  default List<Child<T, ?>> children() {
    return List.of();
  }

  /** Reads one child row. */
  @FunctionalInterface
  interface ChildReader<C> {
    C read(ResultSet rs) throws SQLException;
  }

  /** Binds one child row. */
  @FunctionalInterface
  interface ChildBinder<C> {
    void bind(Sql.Binder b, C child) throws SQLException;
  }

  /**
   * A list (or set) of a record kept in a table of its own: {@code store_key, pos, columns...}.
   *
   * @param table the child table
   * @param columns its typed columns
   * @param of the children of a record, in order
   * @param binder binds one child's columns
   * @param reader reads one child's columns
   */
  record Child<T, C>(
      String table,
      List<String> columns,
      Function<T, List<C>> of,
      ChildBinder<C> binder,
      ChildReader<C> reader) {

    void write(PreparedStatement ps, String key, T value) throws SQLException {
      int pos = 0;
      for (C c : of.apply(value)) {
        ps.setString(1, key);
        ps.setInt(2, pos++);
        binder.bind(new Sql.Binder(ps, 3), c);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** The children read with a query, by child table and parent key. */
  final class Children {
    private final Map<Child<?, ?>, Map<String, List<Object>>> rows;

    Children(Map<Child<?, ?>, Map<String, List<Object>>> rows) {
      this.rows = rows;
    }

    @SuppressWarnings("unchecked") // the rows of a Child<?, C> were read by its reader, as Cs
    <C> List<C> of(Child<?, C> child, String key) {
      Map<String, List<Object>> byKey = rows.get(child);
      List<Object> list = byKey == null ? null : byKey.get(key);
      return list == null ? List.of() : (List<C>) (List<?>) list;
    }
  }
}
