package org.openvpp.server.platform;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import org.openvpp.server.security.Accounts;
import org.openvpp.server.security.AuditLog;
import org.openvpp.server.security.Tokens;
import org.openvpp.store.Database;

/**
 * The platform's own records, beside the service's: the people and machine clients who may use the
 * API (secrets as Argon2id hashes), the key that signs the API's tokens (so a session outlives a
 * restart), and the audit log (append-only), in the service's database (the embedded H2 folder of
 * {@code ./vpp up}, or PostgreSQL for {@code ./vpp serve}).
 *
 * <p>Threads: safe for concurrent use (the database pool hands each thread its own connection).
 */
public final class Platform implements AutoCloseable {
  private static final String TOKEN_KEY = "api-token-key";

  private final Database db;
  private final InstantSource clock;
  private final Accounts accounts;
  private final AuditLog audit;
  private final Tokens tokens;

  private Platform(Database db, InstantSource clock) {
    this.db = db;
    this.clock = clock;
    this.accounts = new Accounts(new SqlAccounts(db, clock));
    this.audit = new AuditLog(new SqlAudit(db));
    this.tokens = new Tokens(tokenKey());
  }

  /** The platform kept in {@code db} (which it closes when closed). */
  public static Platform open(Database db, InstantSource clock) {
    Objects.requireNonNull(db, "db");
    Objects.requireNonNull(clock, "clock");
    try {
      return new Platform(db, clock);
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  /** The platform kept in the embedded database in {@code folder} (created if missing). */
  public static Platform embedded(Path folder) {
    return open(Database.embedded(folder), InstantSource.system());
  }

  private byte[] tokenKey() {
    return db.inTransaction(
        c -> {
          Optional<String> kept = secret(c);
          if (kept.isPresent()) {
            return Base64.getDecoder().decode(kept.get());
          }
          byte[] key = Tokens.newKey();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO platform_secret (name, secret_value, created_at) VALUES (?, ?, ?)")) {
            ps.setString(1, TOKEN_KEY);
            ps.setString(2, Base64.getEncoder().encodeToString(key));
            ps.setObject(3, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
            ps.executeUpdate();
          }
          return key;
        });
  }

  private static Optional<String> secret(java.sql.Connection c) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT secret_value FROM platform_secret WHERE name = ?")) {
      ps.setString(1, TOKEN_KEY);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    }
  }

  /** Where it is kept: the database's JDBC URL. */
  public String location() {
    return db.url();
  }

  public Accounts accounts() {
    return accounts;
  }

  public AuditLog audit() {
    return audit;
  }

  public Tokens tokens() {
    return tokens;
  }

  @Override
  public void close() {
    db.close();
  }
}
