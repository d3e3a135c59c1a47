package org.openvpp.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.openvpp.device.DeviceId;
import org.openvpp.device.DeviceKind;
import org.openvpp.program.Consent;
import org.openvpp.program.Customer;
import org.openvpp.program.EnrolledDevice;
import org.openvpp.program.Enrolments;
import org.openvpp.program.EventLimits;
import org.openvpp.program.Incentives;
import org.openvpp.program.OptOutRules;
import org.openvpp.program.Program;
import org.openvpp.program.ProgramKind;
import org.openvpp.program.Site;
import org.openvpp.store.BulkLoad;
import org.openvpp.store.Database;
import org.openvpp.store.IngestReport;
import org.openvpp.store.ProgramStores;
import org.openvpp.store.TelemetryHistory;
import org.openvpp.time.Interval;
import org.openvpp.twin.Telemetry;
import org.openvpp.units.Energy;
import org.openvpp.units.Money;
import org.openvpp.units.Power;
import org.openvpp.units.Temperature;

/**
 * Bulk ingest of telemetry history ({@link TelemetryHistory}): 1,000,000 reports (200,000 with
 * {@code --quick}) of 1,000 devices, one a minute each, starting two hours before a month end (so
 * two monthly partitions), loaded in calls of 50,000 reports. Timed per way, each into a fresh
 * database: PostgreSQL with COPY (through the staging table, duplicates checked), PostgreSQL with a
 * JDBC batch of INSERTs (the baseline), and the embedded H2 with a JDBC batch. Then one device's
 * whole history is read back from PostgreSQL ({@code query_ms}). Last, the register's throughput
 * over the SQL stores: 2,000 sites (500 with {@code --quick}) each added (customer, site, consent)
 * and enrolled, on PostgreSQL and on H2, with a commit per record and in units of work of 100 sites
 * ({@link Database#atomically}), against the in-memory stores as the baseline. PostgreSQL at
 * 127.0.0.1:5432, user postgres, trust (VPP_TEST_PG_HOST / _PORT / _USER override); the databases
 * made are dropped. Making the reports is not timed.
 */
final class StoreBenchmark implements Benchmark {
  private static final int DEVICES = 1_000;
  private static final int CALL = 50_000;
  private static final Instant START = Instant.parse("2026-11-30T22:00:00Z");
  static final String HOST = env("VPP_TEST_PG_HOST", "127.0.0.1");
  static final String PORT = env("VPP_TEST_PG_PORT", "5432");
  static final String USER = env("VPP_TEST_PG_USER", "postgres");

  @Override
  public String name() {
    return "store";
  }

  @Override
  public String description() {
    return "bulk ingest of 1,000,000 telemetry reports: PostgreSQL COPY; baselines: PostgreSQL"
        + " JDBC batch, embedded H2 JDBC batch";
  }

  @Override
  public Map<String, Object> run(boolean quick) throws Exception {
    int n = quick ? 200_000 : 1_000_000;
    List<Telemetry> rows = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int device = i % DEVICES;
      int minute = i / DEVICES;
      rows.add(
          new Telemetry(
              DeviceId.of(String.format(Locale.ROOT, "bat-%05d", device)),
              START.plus(Duration.ofMinutes(minute)),
              minute,
              Power.ofWatts(-2_500 + (device * 7 + minute) % 5_000),
              Energy.ofWattHours(6_000 + minute * 0.5),
              device % 4 == 0 ? Optional.of(Temperature.ofCelsius(21.25)) : Optional.empty(),
              Optional.empty()));
    }
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("reports", n);
    double copy = timedPostgres(rows, BulkLoad.COPY_WHERE_POSSIBLE, f, true);
    double batch = timedPostgres(rows, BulkLoad.JDBC_BATCH, f, false);
    double h2 = timedH2(rows);
    int sites = quick ? 500 : 2_000;
    f.put("enrol_sites", sites);
    f.put(
        "enrol_in_memory_sites_per_s",
        Math.round(sites / enrol(Enrolments.inMemory(), sites, Optional.empty())));
    f.put("enrol_pg_sites_per_s", Math.round(sites / enrolOnPostgres(sites, false)));
    f.put("enrol_pg_units_of_100_sites_per_s", Math.round(sites / enrolOnPostgres(sites, true)));
    f.put("enrol_h2_sites_per_s", Math.round(sites / enrolOnH2(sites, false)));
    f.put("enrol_h2_units_of_100_sites_per_s", Math.round(sites / enrolOnH2(sites, true)));
    f.put("pg_copy_rows_per_s", Math.round(n / copy));
    f.put("pg_jdbc_batch_rows_per_s", Math.round(n / batch));
    f.put("ratio_copy_vs_jdbc_batch", BenchMain.round3(batch / copy));
    f.put("h2_jdbc_batch_rows_per_s", Math.round(n / h2));
    return f;
  }

  private static double timedPostgres(
      List<Telemetry> rows, BulkLoad mode, Map<String, Object> f, boolean query)
      throws SQLException {
    String name = "vpp_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    admin("CREATE DATABASE " + name);
    try (Database db =
        Database.open("jdbc:postgresql://" + HOST + ":" + PORT + "/" + name, USER, "")) {
      double s = ingest(TelemetryHistory.in(db), rows, mode, "postgresql " + mode);
      if (query) {
        TelemetryHistory history = TelemetryHistory.in(db);
        Interval all = new Interval(START, START.plus(Duration.ofDays(30)));
        long t = System.nanoTime();
        int got = history.query(DeviceId.of("bat-00421"), all).size();
        f.put("query_ms", BenchMain.round3((System.nanoTime() - t) / 1e6));
        f.put("query_rows", got);
        f.put("pg_partitions", history.partitions().size());
      }
      return s;
    } finally {
      admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
  }

  private static double timedH2(List<Telemetry> rows) throws IOException {
    Path dir = Files.createTempDirectory("vpp-bench-store");
    try (Database db = Database.embedded(dir)) {
      return ingest(TelemetryHistory.in(db), rows, BulkLoad.JDBC_BATCH, "h2 JDBC_BATCH");
    } finally {
      try (Stream<Path> paths = Files.walk(dir)) {
        for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  /** Seconds to register {@code n} sites (customer, site, consent) and enrol each. */
  private static double enrol(Enrolments register, int n, Optional<Database> unitsOf100) {
    Instant t0 = Instant.parse("2026-06-01T00:00:00Z");
    register.putProgram(
        new Program(
            "byo",
            "BYO battery",
            ProgramKind.BYO_BATTERY,
            Set.of(DeviceKind.BATTERY),
            Set.of("ca-south"),
            Power.ofKilowatts(10.0 * n),
            n,
            new EventLimits(
                new Interval(t0, t0.plus(Duration.ofDays(120))),
                10,
                Duration.ofHours(4),
                Duration.ofHours(40),
                Duration.ofHours(1)),
            Incentives.none(Money.USD).withPerKwh(Money.usd("0.50")),
            new OptOutRules(2, Duration.ofHours(1), false),
            Set.of()));
    long t = System.nanoTime();
    for (int from = 0; from < n; from += 100) {
      int first = from;
      Runnable chunk = () -> enrolSites(register, t0, first, Math.min(n, first + 100));
      if (unitsOf100.isPresent()) {
        unitsOf100.get().atomically(chunk);
      } else {
        chunk.run();
      }
    }
    return (System.nanoTime() - t) / 1e9;
  }

  private static void enrolSites(Enrolments register, Instant t0, int from, int to) {
    for (int i = from; i < to; i++) {
      String s = "s" + i;
      register.addCustomer(new Customer("c" + i, "Customer " + i));
      register.addSite(new Site(s, "c" + i, "m" + i, "f" + (i % 20), "ca-south"));
      register.recordConsent(
          new Consent(
              "k" + i,
              s,
              "owner",
              t0,
              Set.of(Consent.Scope.CONTROL, Consent.Scope.METER_DATA),
              Optional.empty(),
              Optional.empty()));
      register.enrol(
          "e" + i,
          "byo",
          s,
          List.of(
              new EnrolledDevice(
                  DeviceId.of("bat-" + i), DeviceKind.BATTERY, Power.ofKilowatts(5))),
          "k" + i,
          t0.plusSeconds(i));
    }
  }

  private static double enrolOnPostgres(int n, boolean units) throws SQLException {
    String name = "vpp_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    admin("CREATE DATABASE " + name);
    try (Database db =
        Database.open("jdbc:postgresql://" + HOST + ":" + PORT + "/" + name, USER, "")) {
      double s =
          enrol(ProgramStores.in(db).register(), n, units ? Optional.of(db) : Optional.empty());
      System.out.printf(
          Locale.ROOT,
          "store: enrolled %,d sites on PostgreSQL%s in %.2f s%n",
          n,
          units ? " (units of 100)" : "",
          s);
      return s;
    } finally {
      admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
  }

  private static double enrolOnH2(int n, boolean units) throws IOException {
    Path dir = Files.createTempDirectory("vpp-bench-store");
    try (Database db = Database.embedded(dir)) {
      double s =
          enrol(ProgramStores.in(db).register(), n, units ? Optional.of(db) : Optional.empty());
      System.out.printf(
          Locale.ROOT,
          "store: enrolled %,d sites on H2%s in %.2f s%n",
          n,
          units ? " (units of 100)" : "",
          s);
      return s;
    } finally {
      try (Stream<Path> paths = Files.walk(dir)) {
        for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  private static double ingest(
      TelemetryHistory history, List<Telemetry> rows, BulkLoad mode, String label) {
    long t = System.nanoTime();
    long stored = 0;
    for (int from = 0; from < rows.size(); from += CALL) {
      IngestReport r = history.ingest(rows.subList(from, Math.min(rows.size(), from + CALL)), mode);
      stored += r.stored();
    }
    double s = (System.nanoTime() - t) / 1e9;
    if (stored != rows.size()) {
      throw new IllegalStateException(label + " stored " + stored + " of " + rows.size());
    }
    System.out.printf(
        Locale.ROOT,
        "store: %-28s %,d rows in %.2f s, %,.0f rows/s%n",
        label,
        stored,
        s,
        stored / s);
    return s;
  }

  static void admin(String sql) throws SQLException {
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:postgresql://" + HOST + ":" + PORT + "/postgres", USER, "");
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }
}
