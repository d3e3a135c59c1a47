package org.openvpp.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fresh databases for a test class: an H2 file database in a temporary folder, or a new PostgreSQL
 * database {@code vpp_test_<random>} on 127.0.0.1:5432 (user postgres, trust authentication; set
 * VPP_TEST_PG_HOST / VPP_TEST_PG_PORT / VPP_TEST_PG_USER to point elsewhere). Everything made is
 * closed and dropped after the class. PostgreSQL not answering is a failure, not a skip: CI must
 * run these tests against it.
 */
final class TestDatabases implements AfterAllCallback {
  private static final String HOST = env("VPP_TEST_PG_HOST", "127.0.0.1");
  private static final String PORT = env("VPP_TEST_PG_PORT", "5432");
  static final String USER = env("VPP_TEST_PG_USER", "postgres");

  private final List<Fresh> made = new ArrayList<>();

  /** One fresh database that can be closed and opened again on the same data. */
  static final class Fresh implements AutoCloseable {
    private final Backend backend;
    private final String location;
    private Database db;

    private Fresh(Backend backend, String location) {
      this.backend = backend;
      this.location = location;
      this.db = open();
    }

    private Database open() {
      return backend == Backend.H2
          ? Database.embedded(Path.of(location))
          : Database.open(pgUrl(location), USER, "");
    }

    Database db() {
      return db;
    }

    /** The H2 folder or the PostgreSQL database name. */
    String location() {
      return location;
    }

    /** Closes the database and opens it again on the same folder or PostgreSQL database. */
    Database reopen() {
      db.close();
      db = open();
      return db;
    }

    @Override
    public void close() {
      db.close();
    }
  }

  Database fresh(Backend backend) {
    return freshHandle(backend).db();
  }

  Fresh freshHandle(Backend backend) {
    Fresh f;
    if (backend == Backend.H2) {
      try {
        f = new Fresh(backend, Files.createTempDirectory("vpp-store-test").toString());
      } catch (IOException e) {
        throw new AssertionError("cannot make a temporary folder: " + e, e);
      }
    } else {
      String name = "vpp_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
      admin("CREATE DATABASE " + name);
      f = new Fresh(backend, name);
    }
    made.add(f);
    return f;
  }

  @Override
  public void afterAll(ExtensionContext context) {
    dropAll();
  }

  /** Closes and drops every database made (for runners without Jupiter's extensions). */
  void dropAll() {
    for (Fresh f : made) {
      f.close();
      if (f.backend == Backend.H2) {
        deleteTree(Path.of(f.location));
      } else {
        admin("DROP DATABASE IF EXISTS " + f.location + " WITH (FORCE)");
      }
    }
    made.clear();
  }

  static String pgUrl(String database) {
    return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + database;
  }

  private static void admin(String sql) {
    try (Connection c = DriverManager.getConnection(pgUrl("postgres"), USER, "");
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
              + " (trust authentication) for the store tests, which run every repository against"
              + " it: "
              + e.getMessage()
              + ". Start it with `pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql)"
              + " main start` (install with `apt-get install postgresql` if missing; .ci/run does"
              + " both), or point VPP_TEST_PG_HOST/PORT/USER at one.",
          e);
    }
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // A temporary folder left behind is harmless.
    }
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }
}
