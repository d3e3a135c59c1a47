package org.openvpp.server.platform;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.openvpp.store.Database;

/**
 * Where a platform test keeps its records: an embedded H2 folder, or a fresh PostgreSQL database on
 * 127.0.0.1:5432 (user postgres, trust authentication; VPP_TEST_PG_HOST/PORT/USER point elsewhere),
 * dropped by {@link #dropAll}. PostgreSQL not answering fails the test: CI runs them against it.
 */
public final class PlatformDatabases {
  public enum Backend {
    H2,
    POSTGRESQL
  }

  private static final String HOST = env("VPP_TEST_PG_HOST", "127.0.0.1");
  private static final String PORT = env("VPP_TEST_PG_PORT", "5432");
  private static final String USER = env("VPP_TEST_PG_USER", "postgres");

  private final List<String> made = new ArrayList<>();

  /** A new, empty location for {@code backend} under {@code tmp}: open it with {@link #open}. */
  public String fresh(Backend backend, Path tmp) {
    if (backend == Backend.H2) {
      return tmp.resolve("h2-" + made.size()).toString();
    }
    String name = "vpp_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    admin("CREATE DATABASE " + name);
    made.add(name);
    return name;
  }

  /** The database at {@code location}: opened anew each time (a restart). */
  public static Database open(Backend backend, String location) {
    return backend == Backend.H2
        ? Database.embedded(Path.of(location))
        : Database.open("jdbc:postgresql://" + HOST + ":" + PORT + "/" + location, USER, "");
  }

  /** The JDBC URL of a PostgreSQL location {@link #fresh} made. */
  public static String url(String location) {
    return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + location;
  }

  /** The PostgreSQL user the tests connect as (trust authentication: no password). */
  public static String user() {
    return USER;
  }

  public void dropAll() {
    for (String name : made) {
      admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
    made.clear();
  }

  private static void admin(String sql) {
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:postgresql://" + HOST + ":" + PORT + "/postgres", USER, "");
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new AssertionError(
          "PostgreSQL must answer at "
              + HOST
              + ":"
              + PORT
              + " as user "
              + USER
              + " for the platform tests: "
              + e.getMessage()
              + " (.ci/run starts it; or pg_ctlcluster --skip-systemctl-redirect 15 main start)",
          e);
    }
  }

  private static String env(String name, String fallback) {
    return Objects.requireNonNullElse(System.getenv(name), fallback);
  }
}
