package org.openvpp.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.openvpp.device.DeviceId;
import org.openvpp.time.Interval;
import org.openvpp.twin.ChargeNeed;
import org.openvpp.twin.Telemetry;
import org.openvpp.units.Energy;
import org.openvpp.units.Power;
import org.openvpp.units.Temperature;

/**
 * Every telemetry report kept, for history and analysis: table {@code telemetry}, keyed by device
 * and time (on H2 time first, see db/migration/h2/V10), range-partitioned by month on PostgreSQL
 * and loaded with COPY (see {@link Series}).
 *
 * <p>Rules of {@link #ingest}: a report whose time is outside 1970–2199 or finer than a microsecond
 * is rejected (with its index and why; the others are still stored); of reports with the same
 * device and time, the first one seen is kept (earlier in the same call, or already stored) and the
 * others counted as duplicates. The twin's own ordering rules (increasing sequence) are not applied
 * here: history keeps what devices said, late or not. Thread-safe.
 */
public final class TelemetryHistory {
  private static final String COLUMNS =
      "device_id, at, sequence, power_w, stored_wh, temperature_c, plugged_in, need_wh, ready_at";

  private final Database db;
  private final Series series =
      new Series(
          "telemetry",
          List.of(
              "device_id",
              "at",
              "sequence",
              "power_w",
              "stored_wh",
              "temperature_c",
              "plugged_in",
              "need_wh",
              "ready_at"));

  private TelemetryHistory(Database db) {
    this.db = db;
  }

  public static TelemetryHistory in(Database db) {
    return new TelemetryHistory(db);
  }

  /** Stores {@code reports} the fastest way the database allows (COPY on PostgreSQL). */
  public IngestReport ingest(List<? extends @Nullable Telemetry> reports) {
    return ingest(reports, BulkLoad.COPY_WHERE_POSSIBLE);
  }

  /** Stores {@code reports}, loading them as {@code mode} says. */
  public IngestReport ingest(List<? extends @Nullable Telemetry> reports, BulkLoad mode) {
    Objects.requireNonNull(mode, "mode");
    int n = reports.size();
    Telemetry[] rows = new Telemetry[n];
    int[] keep = new int[n];
    int kept = 0;
    int duplicates = 0;
    int rejected = 0;
    List<String> reasons = new ArrayList<>();
    Set<Key> seen = new HashSet<>();
    Set<YearMonth> months = new HashSet<>();
    for (int i = 0; i < n; i++) {
      Telemetry t = reports.get(i);
      String why = t == null ? "the report is null" : Series.checkTime(t.at());
      if (!why.isEmpty()) {
        rejected++;
        if (reasons.size() < IngestReport.MAX_REASONS) {
          reasons.add(
              "row "
                  + i
                  + (t == null ? "" : " (device " + t.device() + ")")
                  + ": "
                  + why
                  + "; not stored");
        }
        continue;
      }
      Telemetry ok = Objects.requireNonNull(t);
      if (!seen.add(new Key(ok.device().value(), ok.at()))) {
        duplicates++;
        continue;
      }
      rows[i] = ok;
      keep[kept++] = i;
      months.add(Series.month(ok.at()));
    }
    // In the primary key's order (V3, V10: by device on PostgreSQL, by time on H2): a B-tree takes
    // sorted rows far faster.
    Integer[] order = new Integer[kept];
    for (int k = 0; k < kept; k++) {
      order[k] = keep[k];
    }
    Comparator<Integer> byDevice = Comparator.comparing((Integer i) -> rows[i].device().value());
    Comparator<Integer> byTime = Comparator.comparing((Integer i) -> rows[i].at());
    Arrays.sort(
        order,
        db.dialect() == Dialect.H2
            ? byTime.thenComparing(byDevice)
            : byDevice.thenComparing(byTime));
    for (int k = 0; k < kept; k++) {
      keep[k] = order[k];
    }
    long stored =
        series.load(
            db,
            mode,
            keep,
            kept,
            months,
            (b, i) -> {
              Telemetry t = rows[i];
              b.text(t.device().value())
                  .time(t.at())
                  .number(t.sequence())
                  .number(t.power().watts())
                  .number(t.stored().wattHours());
              if (t.temperature().isPresent()) {
                b.number(t.temperature().get().celsius());
              } else {
                b.nothing(Types.DOUBLE);
              }
              if (t.pluggedIn().isPresent()) {
                b.bool(t.pluggedIn().get());
              } else {
                b.nothing(Types.BOOLEAN);
              }
              if (t.need().isPresent()) {
                b.number(t.need().get().energy().wattHours()).time(t.need().get().readyBy());
              } else {
                b.nothing(Types.DOUBLE).nothing(Types.TIMESTAMP_WITH_TIMEZONE);
              }
            });
    return new IngestReport(n, (int) stored, duplicates + (kept - (int) stored), rejected, reasons);
  }

  private record Key(String device, Instant at) {}

  private static Optional<ChargeNeed> need(ResultSet rs) throws java.sql.SQLException {
    Optional<Double> wh = Sql.optionalDouble(rs, "need_wh");
    java.time.OffsetDateTime ready = rs.getObject("ready_at", java.time.OffsetDateTime.class);
    return wh.isPresent() && ready != null
        ? Optional.of(new ChargeNeed(Energy.ofWattHours(wh.get()), ready.toInstant()))
        : Optional.empty();
  }

  /** The reports of {@code device} in {@code window}, by time. */
  public List<Telemetry> query(DeviceId device, Interval window) {
    return db.inTransaction(
        c -> {
          List<Telemetry> out = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT "
                      + COLUMNS
                      + " FROM telemetry WHERE device_id = ? AND at >= ? AND at < ? ORDER BY at")) {
            new Sql.Binder(ps, 1)
                .string(device.value())
                .time(window.start(), "window start")
                .time(window.end(), "window end");
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(
                    new Telemetry(
                        device,
                        Sql.instant(rs, "at"),
                        rs.getLong("sequence"),
                        Power.ofWatts(rs.getDouble("power_w")),
                        Energy.ofWattHours(rs.getDouble("stored_wh")),
                        Sql.optionalDouble(rs, "temperature_c").map(Temperature::ofCelsius),
                        Sql.optionalBoolean(rs, "plugged_in"),
                        need(rs)));
              }
            }
          }
          return List.copyOf(out);
        });
  }

  /** How many reports are stored with a time in {@code window}, over every device. */
  public long count(Interval window) {
    return db.inTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT COUNT(*) FROM telemetry WHERE at >= ? AND at < ?")) {
            new Sql.Binder(ps, 1)
                .time(window.start(), "window start")
                .time(window.end(), "window end");
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              return rs.getLong(1);
            }
          }
        });
  }

  /** The monthly partitions of the table, by name (PostgreSQL); none on H2, which has none. */
  public List<String> partitions() {
    return series.partitions(db);
  }
}
