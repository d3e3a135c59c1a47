package org.openvpp.store;

import java.sql.Connection;
import java.sql.SQLException;

/** Work done on one connection of a {@link Database} that returns nothing. */
@FunctionalInterface
public interface SqlAction {
  void run(Connection connection) throws SQLException;
}
