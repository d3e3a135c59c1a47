package org.openvpp.server.platform;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openvpp.server.security.Accounts;
import org.openvpp.server.security.Role;
import org.openvpp.store.Database;
import org.openvpp.store.StoreException;

/** The API's accounts in the platform's table {@code account}: names, roles, secrets' hashes. */
final class SqlAccounts implements Accounts.Records {
  private final Database db;
  private final InstantSource clock;

  SqlAccounts(Database db, InstantSource clock) {
    this.db = db;
    this.clock = clock;
  }

  @Override
  public List<Accounts.Account> all() {
    return db.inTransaction(
        c -> {
          List<Accounts.Account> out = new ArrayList<>();
          try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT name, role, customer_id, hash, machine FROM account ORDER BY seq");
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              out.add(
                  new Accounts.Account(
                      rs.getString(1),
                      Role.valueOf(rs.getString(2)),
                      Optional.ofNullable(rs.getString(3)),
                      rs.getString(4),
                      rs.getBoolean(5)));
            }
          }
          return out;
        });
  }

  @Override
  public void add(Accounts.Account a) {
    try {
      db.run(
          c -> {
            try (PreparedStatement ps =
                c.prepareStatement(
                    "INSERT INTO account (name, role, customer_id, hash, machine, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)")) {
              ps.setString(1, a.name());
              ps.setString(2, a.role().name());
              ps.setString(3, a.customer().orElse(null));
              ps.setString(4, a.hash());
              ps.setBoolean(5, a.machine());
              ps.setObject(6, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
              ps.executeUpdate();
            }
          });
    } catch (StoreException e) {
      if (e.getCause() instanceof SQLException s && "23505".equals(s.getSQLState())) {
        throw new IllegalArgumentException("the name '" + a.name() + "' is taken", e);
      }
      throw e;
    }
  }

  @Override
  public void remove(String name) {
    db.run(
        c -> {
          try (PreparedStatement ps = c.prepareStatement("DELETE FROM account WHERE name = ?")) {
            ps.setString(1, name);
            ps.executeUpdate();
          }
        });
  }

  @Override
  public void rehash(String name, String hash) {
    db.run(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("UPDATE account SET hash = ? WHERE name = ?")) {
            ps.setString(1, hash);
            ps.setString(2, name);
            if (ps.executeUpdate() != 1) {
              throw new SQLException("no account '" + name + "'");
            }
          }
        });
  }
}
