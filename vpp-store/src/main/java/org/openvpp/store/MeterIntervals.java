package org.openvpp.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.openvpp.meter.MeterReading;
import org.openvpp.meter.ReadingVerdict;
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

  // The same table with the flows and the arrival of each reading (V8).
  private final Series readings =
      new Series(
          "meter_interval",
          List.of(
              "meter_id", "start_at", "step_s", "kwh", "import_kwh", "export_kwh", "received_at"));

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

  /**
   * Keeps readings received at {@code receivedAt}, the first reading of a meter's interval winning:
   * one verdict per reading, in order, {@link ReadingVerdict#ACCEPTED} or {@link
   * ReadingVerdict#DUPLICATE} (already held, or twice in {@code readings}), or {@link
   * ReadingVerdict#OUT_OF_RANGE} for a time the store cannot hold. Meant for one writer (the
   * service's metering thread): a reading stored by another writer between the check and the insert
   * is kept once but may be told accepted to both.
   */
  public List<ReadingVerdict> keep(List<MeterReading> batch, Instant receivedAt) {
    ReadingVerdict[] verdicts = new ReadingVerdict[batch.size()];
    Map<String, List<Integer>> byMeter = new java.util.LinkedHashMap<>();
    for (int i = 0; i < batch.size(); i++) {
      byMeter.computeIfAbsent(batch.get(i).meterId(), k -> new ArrayList<>()).add(i);
    }
    int[] rows = new int[batch.size()];
    int n = 0;
    Set<YearMonth> months = new HashSet<>();
    // what is held already, every meter's in one read
    Map<String, Set<Instant>> heldOf =
        db.inTransaction(
            c -> {
              Map<String, Set<Instant>> out = new HashMap<>();
              for (Map.Entry<String, List<Integer>> e : byMeter.entrySet()) {
                Instant first = Instant.MAX;
                Instant last = Instant.MIN;
                for (int i : e.getValue()) {
                  Instant start = batch.get(i).start();
                  first = start.isBefore(first) ? start : first;
                  last = start.isAfter(last) ? start : last;
                }
                out.put(e.getKey(), heldStarts(c, e.getKey(), first, last));
              }
              return out;
            });
    for (Map.Entry<String, List<Integer>> e : byMeter.entrySet()) {
      Set<Instant> held = Objects.requireNonNull(heldOf.get(e.getKey()));
      for (int i : e.getValue()) {
        MeterReading r = batch.get(i);
        if (!Series.checkTime(r.start()).isEmpty()) {
          verdicts[i] = ReadingVerdict.OUT_OF_RANGE;
        } else if (!held.add(r.start())) {
          verdicts[i] = ReadingVerdict.DUPLICATE;
        } else {
          verdicts[i] = ReadingVerdict.ACCEPTED;
          rows[n++] = i;
          months.add(Series.month(r.start()));
        }
      }
    }
    readings.load(
        db,
        BulkLoad.JDBC_BATCH,
        rows,
        n,
        months,
        (b, i) -> {
          MeterReading r = batch.get(i);
          b.text(r.meterId())
              .time(r.start())
              .number(r.length().toSeconds())
              .number(r.net().kilowattHours())
              .number(r.imported().kilowattHours())
              .number(r.exported().kilowattHours())
              .time(receivedAt);
        });
    return List.of(verdicts);
  }

  private static Set<Instant> heldStarts(Connection c, String meterId, Instant first, Instant last)
      throws SQLException {
    Set<Instant> held = new HashSet<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT start_at FROM meter_interval"
                + " WHERE meter_id = ? AND start_at >= ? AND start_at <= ?")) {
      new Sql.Binder(ps, 1).string(meterId).time(first, "first reading").time(last, "last reading");
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          held.add(Sql.instant(rs, "start_at"));
        }
      }
    }
    return held;
  }

  /**
   * The history of each of {@code meterIds} over {@code window}, on a grid of {@code step} in
   * {@code zone}, with {@code NaN} where there is no reading ({@link MeterData#withMissing}); a
   * meter with no reading in the window is absent from the answer. A reading longer than {@code
   * step} (an hourly Green Button history read at 15 minutes) is spread evenly over the intervals
   * it covers; readings shorter than {@code step} are summed, and an interval only part of whose
   * readings are held stays missing. One query for all the meters.
   *
   * @param window starts and ends on the {@code step} grid
   */
  public Map<String, MeterData> history(
      java.util.Collection<String> meterIds, Interval window, ZoneId zone, Duration step) {
    long stepS = step.toSeconds();
    long from = window.start().getEpochSecond();
    int n = (int) (Duration.between(window.start(), window.end()).toSeconds() / stepS);
    if (n <= 0 || from % stepS != 0) {
      throw new IllegalArgumentException(
          "window " + window + " must span whole intervals of " + step + " on its grid");
    }
    Set<String> wanted = new HashSet<>(meterIds);
    return db.inTransaction(
        c -> {
          Map<String, double[]> kwh = new java.util.HashMap<>();
          Map<String, double[]> covered = new java.util.HashMap<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT meter_id, start_at, step_s, kwh FROM meter_interval"
                      + " WHERE start_at >= ? AND start_at < ? ORDER BY meter_id, start_at")) {
            new Sql.Binder(ps, 1)
                .time(window.start().minus(Duration.ofHours(1)), "window start")
                .time(window.end(), "window end");
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                String meter = Sql.string(rs, "meter_id");
                if (!wanted.contains(meter)) {
                  continue;
                }
                long start = Sql.instant(rs, "start_at").getEpochSecond();
                long len = rs.getInt("step_s");
                double value = rs.getDouble("kwh");
                double[] k = kwh.computeIfAbsent(meter, m -> new double[n]);
                double[] cov = covered.computeIfAbsent(meter, m -> new double[n]);
                // spread over, or sum into, the step intervals it overlaps
                for (long t = Math.max(start, from); t < start + len; ) {
                  long slot = (t - from) / stepS;
                  if (slot >= n) {
                    break;
                  }
                  long slotEnd = from + (slot + 1) * stepS;
                  long part = Math.min(slotEnd, start + len) - t;
                  k[(int) slot] += value * part / len;
                  cov[(int) slot] += part;
                  t += part;
                }
              }
            }
          }
          Map<String, MeterData> out = new java.util.LinkedHashMap<>();
          for (String meter : meterIds) {
            double[] k = kwh.get(meter);
            if (k == null) {
              continue;
            }
            double[] cov = covered.getOrDefault(meter, new double[n]);
            for (int i = 0; i < n; i++) {
              if (cov[i] < stepS) {
                k[i] = Double.NaN;
              }
            }
            out.put(meter, MeterData.withMissing(zone, window.start(), step, k));
          }
          return out;
        });
  }

  /**
   * For every meter with readings received after {@code after}, the first and last interval start
   * among them: what a late arrival may have changed.
   */
  public Map<String, Interval> receivedAfter(Instant after) {
    return db.inTransaction(
        c -> {
          Map<String, Interval> out = new java.util.TreeMap<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT meter_id, MIN(start_at) AS first_at, MAX(start_at) AS last_at"
                      + " FROM meter_interval WHERE received_at > ? GROUP BY meter_id")) {
            new Sql.Binder(ps, 1).time(after, "received after");
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                Instant last = Sql.instant(rs, "last_at");
                out.put(
                    Sql.string(rs, "meter_id"),
                    new Interval(Sql.instant(rs, "first_at"), last.plusSeconds(1)));
              }
            }
          }
          return out;
        });
  }

  /** The monthly partitions of the table, by name (PostgreSQL); none on H2, which has none. */
  public List<String> partitions() {
    return series.partitions(db);
  }
}
