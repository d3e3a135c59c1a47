package org.openvpp.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openvpp.device.DeviceId;
import org.openvpp.time.Interval;
import org.openvpp.twin.Telemetry;
import org.openvpp.units.Energy;
import org.openvpp.units.Power;
import org.openvpp.units.Temperature;

class TelemetryHistoryTest {
  @RegisterExtension static final TestDatabases DATABASES = new TestDatabases();

  private static final Instant T = Instant.parse("2026-11-30T22:00:00Z");
  private static final Interval ALL =
      new Interval(Instant.parse("1970-01-01T00:00:00Z"), Instant.parse("2199-12-31T00:00:00Z"));

  private static Telemetry report(int device, Instant at, long seq) {
    return new Telemetry(
        DeviceId.of("bat-" + device),
        at,
        seq,
        Power.ofWatts(-1234.5 + device * 0.1),
        Energy.ofWattHours(5_000 + seq * 0.25),
        device % 3 == 0 ? Optional.of(Temperature.ofCelsius(21.5)) : Optional.empty(),
        device % 2 == 0 ? Optional.of(true) : Optional.empty());
  }

  /** {@code devices} devices reporting every minute for {@code minutes} minutes from {@code T}. */
  private static List<Telemetry> fleet(int devices, int minutes) {
    List<Telemetry> out = new ArrayList<>(devices * minutes);
    for (int m = 0; m < minutes; m++) {
      for (int d = 0; d < devices; d++) {
        out.add(report(d, T.plus(Duration.ofMinutes(m)), m));
      }
    }
    return out;
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aHundredThousandReportsGoInAndComeBack(Backend backend) {
    TelemetryHistory history = TelemetryHistory.in(DATABASES.fresh(backend));
    List<Telemetry> rows = fleet(500, 200); // 100,000 reports over 200 minutes, across a month end

    IngestReport report = history.ingest(rows);

    assertThat(report).isEqualTo(new IngestReport(100_000, 100_000, 0, 0, List.of()));
    assertThat(history.count(ALL)).isEqualTo(100_000);
    List<Telemetry> one = history.query(DeviceId.of("bat-42"), ALL);
    assertThat(one).hasSize(200);
    assertThat(one.get(0)).isEqualTo(report(42, T, 0));
    assertThat(one.get(199)).isEqualTo(report(42, T.plus(Duration.ofMinutes(199)), 199));
    assertThat(history.query(DeviceId.of("bat-3"), ALL).get(7))
        .isEqualTo(report(3, T.plus(Duration.ofMinutes(7)), 7));
    Interval december = new Interval(Instant.parse("2026-12-01T00:00:00Z"), ALL.end());
    assertThat(history.count(december)).isEqualTo(500L * 80);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void partitionsAreMadeForEachMonthRowsFallIn(Backend backend) {
    Database db = DATABASES.fresh(backend);
    TelemetryHistory history = TelemetryHistory.in(db);
    List<Telemetry> rows =
        List.of(
            report(1, Instant.parse("2026-01-31T23:59:59.999999Z"), 1),
            report(1, Instant.parse("2026-02-01T00:00:00Z"), 2),
            report(1, Instant.parse("2026-12-31T23:30:00Z"), 3),
            report(1, Instant.parse("2027-01-01T00:30:00Z"), 4));

    assertThat(history.ingest(rows).stored()).isEqualTo(4);
    // A second store on the same database finds the partitions there and makes none twice.
    assertThat(TelemetryHistory.in(db).ingest(List.of(report(2, rows.get(1).at(), 9))).stored())
        .isEqualTo(1);

    if (backend == Backend.POSTGRESQL) {
      assertThat(history.partitions())
          .containsExactly(
              "telemetry_y2026m01",
              "telemetry_y2026m02",
              "telemetry_y2026m12",
              "telemetry_y2027m01");
    } else {
      assertThat(history.partitions()).isEmpty();
    }
    Interval aroundNewYear =
        new Interval(Instant.parse("2026-12-31T00:00:00Z"), Instant.parse("2027-01-02T00:00:00Z"));
    assertThat(history.query(DeviceId.of("bat-1"), aroundNewYear))
        .containsExactly(rows.get(2), rows.get(3));
    Interval aroundFebruary =
        new Interval(Instant.parse("2026-01-31T23:59:59Z"), Instant.parse("2026-02-01T00:00:01Z"));
    assertThat(history.query(DeviceId.of("bat-1"), aroundFebruary))
        .containsExactly(rows.get(0), rows.get(1));
  }

  @org.junit.jupiter.api.Test
  void aQueryOverOneMonthReadsOnlyThatMonthsPartition() {
    Database db = DATABASES.fresh(Backend.POSTGRESQL);
    TelemetryHistory history = TelemetryHistory.in(db);
    history.ingest(
        List.of(
            report(1, Instant.parse("2026-10-15T00:00:00Z"), 1),
            report(1, Instant.parse("2026-11-15T00:00:00Z"), 2),
            report(1, Instant.parse("2026-12-15T00:00:00Z"), 3)));

    String plan =
        db.inTransaction(
            c -> {
              StringBuilder sb = new StringBuilder();
              try (java.sql.Statement s = c.createStatement();
                  java.sql.ResultSet rs =
                      s.executeQuery(
                          "EXPLAIN SELECT * FROM telemetry WHERE device_id = 'bat-1'"
                              + " AND at >= '2026-11-01T00:00:00Z' AND at < '2026-11-20T00:00:00Z'")) {
                while (rs.next()) {
                  sb.append(rs.getString(1)).append('\n');
                }
              }
              return sb.toString();
            });

    assertThat(plan)
        .contains("telemetry_y2026m11")
        .doesNotContain("telemetry_y2026m10", "telemetry_y2026m12");
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void theFirstReportOfADeviceAndTimeWins(Backend backend) {
    TelemetryHistory history = TelemetryHistory.in(DATABASES.fresh(backend));
    Telemetry first = report(1, T, 1);
    Telemetry sameTimeLater = report(1, T, 2);
    Telemetry other = report(2, T, 1);

    IngestReport a = history.ingest(List.of(first, other, sameTimeLater));
    IngestReport b = history.ingest(List.of(report(1, T, 3), report(1, T.plusSeconds(1), 4)));

    assertThat(a).isEqualTo(new IngestReport(3, 2, 1, 0, List.of()));
    assertThat(b).isEqualTo(new IngestReport(2, 1, 1, 0, List.of()));
    assertThat(history.query(DeviceId.of("bat-1"), ALL))
        .containsExactly(first, report(1, T.plusSeconds(1), 4));
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void badReportsAreRejectedWithTheirReasonAndTheRestKept(Backend backend) {
    TelemetryHistory history = TelemetryHistory.in(DATABASES.fresh(backend));
    List<@Nullable Telemetry> rows =
        Arrays.asList(
            report(1, T, 1),
            report(1, T.plusNanos(1), 2),
            null,
            report(1, Instant.parse("1969-12-31T23:59:59Z"), 3),
            report(1, Instant.parse("2200-01-01T00:00:00Z"), 4),
            report(1, T.plusSeconds(60), 5));

    IngestReport report = history.ingest(rows);

    assertThat(report.received()).isEqualTo(6);
    assertThat(report.stored()).isEqualTo(2);
    assertThat(report.rejected()).isEqualTo(4);
    assertThat(report.reasons())
        .containsExactly(
            "row 1 (device bat-1): time 2026-11-30T22:00:00.000000001Z is finer than a"
                + " microsecond; not stored",
            "row 2: the report is null; not stored",
            "row 3 (device bat-1): time 1969-12-31T23:59:59Z is outside the years 1970 to 2199;"
                + " not stored",
            "row 4 (device bat-1): time 2200-01-01T00:00:00Z is outside the years 1970 to 2199;"
                + " not stored");
    assertThat(history.query(DeviceId.of("bat-1"), ALL))
        .containsExactly(report(1, T, 1), report(1, T.plusSeconds(60), 5));
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void extremeDoublesComeBackBitForBit(Backend backend) {
    TelemetryHistory history = TelemetryHistory.in(DATABASES.fresh(backend));
    double[] values = {
      0.0,
      Double.MIN_VALUE,
      Double.MIN_NORMAL,
      1e-300,
      1.0e300,
      Double.MAX_VALUE,
      0.1 + 0.2,
      -1234.5678901234567
    };
    List<Telemetry> rows = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      rows.add(
          new Telemetry(
              DeviceId.of("x"),
              T.plusSeconds(i),
              i,
              Power.ofWatts(values[i]),
              Energy.ofWattHours(values[values.length - 1 - i]),
              Optional.of(Temperature.ofCelsius(Math.abs(values[i]) % 100))));
    }

    for (BulkLoad mode : BulkLoad.values()) {
      TelemetryHistory h =
          mode == BulkLoad.JDBC_BATCH ? TelemetryHistory.in(DATABASES.fresh(backend)) : history;
      assertThat(h.ingest(rows, mode).stored()).as(mode.name()).isEqualTo(values.length);
      assertThat(h.query(DeviceId.of("x"), ALL)).as(mode.name()).isEqualTo(rows);
      // H2 keeps no negative zero, so neither database is given one.
      Telemetry negativeZero =
          new Telemetry(DeviceId.of("z"), T, 1, Power.ofWatts(-0.0), Energy.ofWattHours(-0.0));
      h.ingest(List.of(negativeZero), mode);
      assertThat(h.query(DeviceId.of("z"), ALL))
          .containsExactly(new Telemetry(DeviceId.of("z"), T, 1, Power.ZERO, Energy.ZERO));
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aJdbcBatchStoresTheSameAsCopy(Backend backend) {
    TelemetryHistory copy = TelemetryHistory.in(DATABASES.fresh(backend));
    TelemetryHistory batch = TelemetryHistory.in(DATABASES.fresh(backend));
    List<Telemetry> rows = new ArrayList<>(fleet(50, 30));
    rows.add(rows.get(17)); // a duplicate

    IngestReport a = copy.ingest(rows, BulkLoad.COPY_WHERE_POSSIBLE);
    IngestReport b = batch.ingest(rows, BulkLoad.JDBC_BATCH);

    assertThat(a).isEqualTo(b).isEqualTo(new IngestReport(1501, 1500, 1, 0, List.of()));
    assertThat(copy.query(DeviceId.of("bat-7"), ALL))
        .isEqualTo(batch.query(DeviceId.of("bat-7"), ALL))
        .hasSize(30);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void historyOutlivesARestart(Backend backend) {
    TestDatabases.Fresh handle = DATABASES.freshHandle(backend);
    List<Telemetry> rows = fleet(10, 10);
    TelemetryHistory.in(handle.db()).ingest(rows);

    TelemetryHistory again = TelemetryHistory.in(handle.reopen());

    assertThat(again.count(ALL)).isEqualTo(100);
    assertThat(again.query(DeviceId.of("bat-4"), ALL)).hasSize(10);
    assertThat(again.ingest(rows).duplicates()).isEqualTo(100);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aChargersReportKeepsItsCarsNeed(Backend backend) {
    TelemetryHistory history = TelemetryHistory.in(DATABASES.fresh(backend));
    Telemetry withNeed =
        new Telemetry(
            DeviceId.of("ev-1"),
            T,
            9,
            Power.ofKilowatts(7.2),
            Energy.ofKilowattHours(31.5),
            Optional.empty(),
            Optional.of(true),
            Optional.of(
                new org.openvpp.twin.ChargeNeed(
                    Energy.ofKilowattHours(18.25), T.plus(Duration.ofHours(9)))));
    Telemetry unplugged =
        new Telemetry(
            DeviceId.of("ev-1"),
            T.plus(Duration.ofMinutes(1)),
            10,
            Power.ZERO,
            Energy.ofKilowattHours(31.5),
            Optional.empty(),
            Optional.of(false));
    assertThat(history.ingest(List.of(withNeed, unplugged)).stored()).isEqualTo(2);
    assertThat(history.query(DeviceId.of("ev-1"), ALL)).containsExactly(withNeed, unplugged);
  }
}
