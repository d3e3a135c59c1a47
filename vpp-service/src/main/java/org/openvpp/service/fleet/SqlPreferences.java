package org.openvpp.service.fleet;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.openvpp.store.Database;

/** Device preferences in the platform's table {@code device_preference}, one row per device. */
public final class SqlPreferences implements PreferenceDesk.PreferenceRecords {
  private final Database db;

  public SqlPreferences(Database db) {
    this.db = db;
  }

  @Override
  public Map<String, PreferenceDesk.Preferences> all() {
    return db.inTransaction(
        c -> {
          Map<String, PreferenceDesk.Preferences> out = new HashMap<>();
          try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT device_id, reserve_kwh, comfort_low_c, comfort_high_c, ready_by"
                          + " FROM device_preference");
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              Optional<Double> reserve = number(rs, 2);
              Optional<Double> low = number(rs, 3);
              Optional<Double> high = number(rs, 4);
              Optional<LocalTime> ready =
                  Optional.ofNullable(rs.getString(5)).map(LocalTime::parse);
              if (reserve.isEmpty() && low.isEmpty() && ready.isEmpty()) {
                continue;
              }
              out.put(rs.getString(1), new PreferenceDesk.Preferences(reserve, low, high, ready));
            }
          }
          return out;
        });
  }

  private static Optional<Double> number(ResultSet rs, int column) throws SQLException {
    double v = rs.getDouble(column);
    return rs.wasNull() ? Optional.empty() : Optional.of(v);
  }

  @Override
  public void save(String deviceId, PreferenceDesk.Preferences p, Instant at) {
    db.run(
        c -> {
          try (PreparedStatement del =
              c.prepareStatement("DELETE FROM device_preference WHERE device_id = ?")) {
            del.setString(1, deviceId);
            del.executeUpdate();
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO device_preference (device_id, reserve_kwh, comfort_low_c,"
                      + " comfort_high_c, ready_by, updated_at, updated_by)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, deviceId);
            set(ps, 2, p.reserveKwh());
            set(ps, 3, p.comfortLowC());
            set(ps, 4, p.comfortHighC());
            ps.setString(5, p.readyBy().map(LocalTime::toString).orElse(null));
            ps.setObject(6, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
            ps.setString(7, "api");
            ps.executeUpdate();
          }
        });
  }

  private static void set(PreparedStatement ps, int index, Optional<Double> v) throws SQLException {
    if (v.isPresent()) {
      ps.setDouble(index, v.get());
    } else {
      ps.setNull(index, Types.DOUBLE);
    }
  }
}
