package org.openvpp.store;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Work done on one connection of a {@link Database}.
 *
 * @param <R> what it returns
 */
@FunctionalInterface
public interface SqlWork<R> {
  R apply(Connection connection) throws SQLException;
}
