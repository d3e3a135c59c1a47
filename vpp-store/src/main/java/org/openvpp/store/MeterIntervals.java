package org.openvpp.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.openvpp.mv.baseline.MeterData;
import org.openvpp.time.Interval;

/**
 * Interval meter data of every meter, kept for baselines and settlement: table {@code
 * meter_interval}, keyed by meter and interval start, range-partitioned by month on PostgreSQL and
 * loaded with COPY (see {@link Series}).
 *
 * <p>Rules of {@link #ingest}: the meter id must be 1 to 64 characters of letters, digits and
 * {@code . _ : -} (refused otherwise, nothing stored); an interval outside 1970–2199 is rejected
 * (with its index), the others stored; an interval already stored for the meter is kept and the new
 * one counted as a duplicate (the first reading wins: a revised reading is a correction to record
 * elsewhere, not a silent overwrite). A missing temperature ({@code NaN}) is kept as NULL. {@link
 * #read} gives the stored intervals of a window back as one {@link MeterData}, which must be
 * gap-free. Thread-safe.
 */
public final class MeterIntervals {
  private static final Pattern METER_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  private final Database db;
  private final Series series =
      new Series(
          "meter_interval", List.of("meter_id", "start_at", "step_s", "kwh", "temperature_f"));

  private MeterIntervals(Database db) {
    this.db = db;
  }

  public static MeterIntervals in(Database db) {
    return new MeterIntervals(db);
  }

  /** Stores the intervals of {@code data} for {@code meterId}, with COPY on PostgreSQL. */
  public IngestReport ingest(String meterId, MeterData data) {
    return ingest(meterId, data, BulkLoad.COPY_WHERE_POSSIBLE);
  }

  /**
   * Stores the intervals of {@code data} for {@code meterId}, loading them as {@code mode} says.
   */
  public IngestReport ingest(String meterId, MeterData data, BulkLoad mode) {
    return ingestAll(Map.of(meterId, data), mode);
  }

  /**
   * Stores the intervals of many meters in one load (one COPY on PostgreSQL), in the map's order;
   * the report counts intervals over all of them.
   *
   * @throws StoreException if a meter id is invalid: nothing is stored then
   */
  public IngestReport ingestAll(Map<String, MeterData> byMeter, BulkLoad mode) {
    List<String> ids = new ArrayList<>();
    List<MeterData> data = new ArrayList<>();
    int n = 0;
    for (Map.Entry<String, MeterData> e : byMeter.entrySet()) {
      if (!METER_ID.matcher(e.getKey()).matches()) {
        throw new StoreException(
            StoreException.Reason.INVALID,
            "meter id must be 1-64 characters of letters, digits and . _ : -, was '"
                + e.getKey()
                + "'; nothing stored");
      }
      ids.add(e.getKey());
      data.add(e.getValue());
      n = Math.addExact(n, e.getValue().count());
    }
    // Row r of the load is interval interval[r] of meter meter[r].
    int[] meter = new int[n];
    int[] interval = new int[n];
    int[] keep = new int[n];
    int kept = 0;
    int rejected = 0;
    int row = 0;
    List<String> reasons = new ArrayList<>();
    Set<YearMonth> months = new HashSet<>();
    for (int m = 0; m < ids.size(); m++) {
      MeterData d = data.get(m);
      for (int i = 0; i < d.count(); i++, row++) {
        meter[row] = m;
        interval[row] = i;
        Instant start = d.startOf(i);
        String why = Series.checkTime(start);
        if (!why.isEmpty()) {
          rejected++;
          if (reasons.size() < IngestReport.MAX_REASONS) {
            reasons.add("interval " + i + " of meter " + ids.get(m) + ": " + why + "; not stored");
          }
          continue;
        }
        keep[kept++] = row;
        months.add(Series.month(start));
      }
    }
    long stored =
        series.load(
            db,
            mode,
            keep,
            kept,
            months,
            (b, r) -> {
              MeterData d = data.get(meter[r]);
              int i = interval[r];
              b.text(ids.get(meter[r]))
                  .time(d.startOf(i))
                  .number(d.step().toSeconds())
                  .number(d.kwh(i));
              double f = d.hasTemperature() ? d.temperatureF(i) : Double.NaN;
              if (Double.isNaN(f)) {
                b.nothing(Types.DOUBLE);
              } else {
                b.number(f);
              }
            });
    return new IngestReport(n, (int) stored, kept - (int) stored, rejected, reasons);
  }

  /**
   * The stored intervals of {@code meterId} that start in {@code window}, as meter data in {@code
   * zone}; empty if there are none.
   *
   * @throws StoreException if they have a gap or mixed interval lengths (the message says where),
   *     since {@link MeterData} holds a regular grid only
   */
  public Optional<MeterData> read(String meterId, Interval window, ZoneId zone) {
    return db.inTransaction(
        c -> {
          List<Instant> starts = new ArrayList<>();
          List<Double> kwh = new ArrayList<>();
          List<Double> temps = new ArrayList<>();
          int step = -1;
          boolean anyTemperature = false;
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT start_at, step_s, kwh, temperature_f FROM meter_interval"
                      + " WHERE meter_id = ? AND start_at >= ? AND start_at < ? ORDER BY start_at")) {
            new Sql.Binder(ps, 1)
                .string(meterId)
                .time(window.start(), "window start")
                .time(window.end(), "window end");
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                Instant start = Sql.instant(rs, "start_at");
                int s = rs.getInt("step_s");
                if (step == -1) {
                  step = s;
                } else if (s != step) {
                  throw new StoreException(
                      StoreException.Reason.NOT_REGULAR,
                      "meter "
                          + meterId
                          + " mixes "
                          + step
                          + " s and "
                          + s
                          + " s intervals at "
                          + start
                          + "; read the parts separately");
                }
                if (!starts.isEmpty()) {
                  Instant expected = starts.get(starts.size() - 1).plusSeconds(step);
                  if (!start.equals(expected)) {
                    throw new StoreException(
                        StoreException.Reason.NOT_REGULAR,
                        "meter "
                            + meterId
                            + " has a gap: no interval from "
                            + expected
                            + " to "
                            + start
                            + "; fill it or read the parts on either side");
                  }
                }
                starts.add(start);
                kwh.add(rs.getDouble("kwh"));
                Optional<Double> t = Sql.optionalDouble(rs, "temperature_f");
                anyTemperature |= t.isPresent();
                temps.add(t.orElse(Double.NaN));
              }
            }
          }
          if (starts.isEmpty()) {
            return Optional.<MeterData>empty();
          }
          double[] k = new double[kwh.size()];
          double[] f = new double[kwh.size()];
          for (int i = 0; i < k.length; i++) {
            k[i] = kwh.get(i);
            f[i] = temps.get(i);
          }
          MeterData data = MeterData.of(zone, starts.get(0), Duration.ofSeconds(step), k);
          return Optional.of(anyTemperature ? data.withTemperatureFahrenheit(f) : data);
        });
  }

  /** The monthly partitions of the table, by name (PostgreSQL); none on H2, which has none. */
  public List<String> partitions() {
    return series.partitions(db);
  }
}
