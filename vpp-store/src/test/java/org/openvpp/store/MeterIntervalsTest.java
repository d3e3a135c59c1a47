package org.openvpp.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openvpp.mv.baseline.MeterData;
import org.openvpp.time.Interval;

class MeterIntervalsTest {
  @RegisterExtension static final TestDatabases DATABASES = new TestDatabases();

  private static final ZoneId LA = ZoneId.of("America/Los_Angeles");
  // 2026-11-30 16:00 local = 2026-12-01 00:00 UTC: the data crosses a UTC month boundary.
  private static final Instant START = Instant.parse("2026-11-30T20:00:00Z");
  private static final Interval ALL =
      new Interval(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2027-12-31T00:00:00Z"));

  private static MeterData quarterHours(Instant start, int n, boolean temperature) {
    double[] kwh = new double[n];
    double[] f = new double[n];
    for (int i = 0; i < n; i++) {
      kwh[i] = 0.1 * i - 0.35 + 1e-9;
      f[i] = i % 5 == 0 ? Double.NaN : 60 + i * 0.5;
    }
    MeterData d = MeterData.of(LA, start, Duration.ofMinutes(15), kwh);
    return temperature ? d.withTemperatureFahrenheit(f) : d;
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void meterDataComesBackEqualAcrossAMonthBoundary(Backend backend) {
    MeterIntervals meters = MeterIntervals.in(DATABASES.fresh(backend));
    MeterData withT = quarterHours(START, 96 * 2, true);
    MeterData without = quarterHours(START, 96, false);

    assertThat(meters.ingest("m1", withT)).isEqualTo(new IngestReport(192, 192, 0, 0, List.of()));
    meters.ingest("m2", without);

    assertThat(meters.read("m1", ALL, LA)).contains(withT);
    assertThat(meters.read("m2", ALL, LA)).contains(without);
    Interval secondDay =
        new Interval(START.plus(Duration.ofDays(1)), START.plus(Duration.ofDays(2)));
    assertThat(meters.read("m1", secondDay, LA).orElseThrow().count()).isEqualTo(96);
    assertThat(meters.read("nobody", ALL, LA)).isEmpty();
    if (backend == Backend.POSTGRESQL) {
      assertThat(meters.partitions())
          .containsExactly("meter_interval_y2026m11", "meter_interval_y2026m12");
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void theFirstReadingOfAnIntervalWins(Backend backend) {
    MeterIntervals meters = MeterIntervals.in(DATABASES.fresh(backend));
    MeterData first = quarterHours(START, 8, false);
    meters.ingest("m1", first);
    MeterData overlapping =
        MeterData.of(
            LA,
            START.plus(Duration.ofMinutes(60)),
            Duration.ofMinutes(15),
            new double[] {9, 9, 9, 9, 9, 9});

    IngestReport report = meters.ingest("m1", overlapping);

    assertThat(report).isEqualTo(new IngestReport(6, 2, 4, 0, List.of()));
    MeterData back = meters.read("m1", ALL, LA).orElseThrow();
    assertThat(back.count()).isEqualTo(10);
    assertThat(back.kwh(4)).isEqualTo(first.kwh(4));
    assertThat(back.kwh(9)).isEqualTo(9);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aGapOrABadMeterIdIsReportedClearly(Backend backend) {
    MeterIntervals meters = MeterIntervals.in(DATABASES.fresh(backend));
    meters.ingest("m1", quarterHours(START, 4, false));
    meters.ingest("m1", quarterHours(START.plus(Duration.ofHours(2)), 4, false));

    assertThatThrownBy(() -> meters.read("m1", ALL, LA))
        .isInstanceOfSatisfying(
            StoreException.class,
            e -> assertThat(e.reason()).isEqualTo(StoreException.Reason.NOT_REGULAR))
        .hasMessage(
            "meter m1 has a gap: no interval from 2026-11-30T21:00:00Z to 2026-11-30T22:00:00Z;"
                + " fill it or read the parts on either side");
    assertThatThrownBy(() -> meters.ingest("bad id", quarterHours(START, 4, false)))
        .isInstanceOfSatisfying(
            StoreException.class,
            e -> assertThat(e.reason()).isEqualTo(StoreException.Reason.INVALID))
        .hasMessageContaining("meter id must be 1-64 characters")
        .hasMessageContaining("nothing stored");
    MeterData early = quarterHours(Instant.parse("1969-12-31T23:30:00Z"), 4, false);
    IngestReport report = meters.ingest("m9", early);
    assertThat(report.rejected()).isEqualTo(2);
    assertThat(report.stored()).isEqualTo(2);
    assertThat(report.reasons().get(0)).contains("interval 0 of meter m9", "outside the years");
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void manyMetersGoInOneLoad(Backend backend) {
    MeterIntervals meters = MeterIntervals.in(DATABASES.fresh(backend));
    java.util.Map<String, MeterData> byMeter = new java.util.LinkedHashMap<>();
    for (int m = 0; m < 200; m++) {
      byMeter.put(
          "m" + m, quarterHours(START.plus(Duration.ofMinutes(15L * (m % 4))), 96, m % 2 == 0));
    }

    IngestReport report = meters.ingestAll(byMeter, BulkLoad.COPY_WHERE_POSSIBLE);

    assertThat(report).isEqualTo(new IngestReport(200 * 96, 200 * 96, 0, 0, List.of()));
    assertThat(meters.read("m7", ALL, LA)).contains(byMeter.get("m7"));
    assertThat(meters.read("m198", ALL, LA)).contains(byMeter.get("m198"));
    java.util.Map<String, MeterData> withBad = new java.util.LinkedHashMap<>();
    withBad.put("m-new", quarterHours(START, 4, false));
    withBad.put("", quarterHours(START, 4, false));
    assertThatThrownBy(() -> meters.ingestAll(withBad, BulkLoad.COPY_WHERE_POSSIBLE))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("was ''");
    assertThat(meters.read("m-new", ALL, LA)).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void meterDataOutlivesARestart(Backend backend) {
    TestDatabases.Fresh handle = DATABASES.freshHandle(backend);
    MeterData data = quarterHours(START, 96, true);
    MeterIntervals.in(handle.db()).ingest("m1", data, BulkLoad.JDBC_BATCH);

    assertThat(MeterIntervals.in(handle.reopen()).read("m1", ALL, LA)).contains(data);
  }
}
