package org.openvpp.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/** Conversions between the core's values and SQL columns, shared by the stores. */
final class Sql {
  private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

  private Sql() {}

  /**
   * {@code at} as a {@code TIMESTAMP WITH TIME ZONE} value. Both databases keep microseconds, so an
   * instant finer than that, or outside years 1 to 9999, is refused rather than silently changed.
   */
  @SuppressWarnings("JavaInstantGetSecondsGetNano") // the sub-second part is what is checked
  static OffsetDateTime time(Instant at, String what) {
    if (at.getNano() % 1_000 != 0) {
      throw new StoreException(
          StoreException.Reason.NOT_EXACT,
          what
              + " "
              + at
              + " is finer than a microsecond, which the database cannot keep exactly;"
              + " truncate it first (Instant.truncatedTo(ChronoUnit.MICROS))");
    }
    if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
      throw new StoreException(
          StoreException.Reason.NOT_EXACT, what + " " + at + " is outside the years 1 to 9999");
    }
    return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
  }

  /**
   * {@code v} if both databases can keep it exactly: PostgreSQL cannot store U+0000 in text, and an
   * unpaired surrogate is not Unicode (it would come back as '?').
   */
  static String text(String v) {
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == 0) {
        throw new StoreException(
            StoreException.Reason.NOT_EXACT,
            "text '"
                + v.replace("\0", "\\0")
                + "' contains a NUL character (U+0000), which PostgreSQL cannot store; remove it");
      }
      if (Character.isSurrogate(c)) {
        boolean paired =
            Character.isHighSurrogate(c)
                && i + 1 < v.length()
                && Character.isLowSurrogate(v.charAt(i + 1));
        if (!paired) {
          throw new StoreException(
              StoreException.Reason.NOT_EXACT,
              "text contains an unpaired surrogate at index "
                  + i
                  + " (not valid Unicode, it could not be kept exactly)");
        }
        i++;
      }
    }
    return v;
  }

  /**
   * {@code v} as both databases keep it: H2 turns -0.0 into 0.0 and PostgreSQL does not, so -0.0 is
   * written as 0.0 on both (every other finite double round-trips bit for bit).
   */
  static double number(double v) {
    return v == 0 ? 0.0 : v;
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    if (t == null) {
      throw new SQLException("column " + column + " is null");
    }
    return t.toInstant();
  }

  static Optional<Instant> optionalInstant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? Optional.empty() : Optional.of(t.toInstant());
  }

  static String string(ResultSet rs, String column) throws SQLException {
    String s = rs.getString(column);
    if (s == null) {
      throw new SQLException("column " + column + " is null");
    }
    return s;
  }

  static Optional<String> optionalString(ResultSet rs, String column) throws SQLException {
    return Optional.ofNullable(rs.getString(column));
  }

  static Optional<Double> optionalDouble(ResultSet rs, String column) throws SQLException {
    double v = rs.getDouble(column);
    return rs.wasNull() ? Optional.empty() : Optional.of(v);
  }

  static Optional<Boolean> optionalBoolean(ResultSet rs, String column) throws SQLException {
    boolean v = rs.getBoolean(column);
    return rs.wasNull() ? Optional.empty() : Optional.of(v);
  }

  /** Binds parameters in order, so a mapping reads like its column list. */
  static final class Binder {
    private final PreparedStatement ps;
    private int index;

    Binder(PreparedStatement ps, int first) {
      this.ps = ps;
      this.index = first;
    }

    Binder string(String v) throws SQLException {
      ps.setString(index++, text(v));
      return this;
    }

    Binder string(Optional<String> v) throws SQLException {
      if (v.isPresent()) {
        ps.setString(index++, text(v.get()));
      } else {
        ps.setNull(index++, Types.VARCHAR);
      }
      return this;
    }

    Binder time(Instant v, String what) throws SQLException {
      ps.setObject(index++, Sql.time(v, what));
      return this;
    }

    Binder time(Optional<Instant> v, String what) throws SQLException {
      if (v.isPresent()) {
        ps.setObject(index++, Sql.time(v.get(), what));
      } else {
        ps.setNull(index++, Types.TIMESTAMP_WITH_TIMEZONE);
      }
      return this;
    }

    Binder number(double v) throws SQLException {
      ps.setDouble(index++, Sql.number(v));
      return this;
    }

    Binder number(Optional<Double> v) throws SQLException {
      if (v.isPresent()) {
        ps.setDouble(index++, Sql.number(v.get()));
      } else {
        ps.setNull(index++, Types.DOUBLE);
      }
      return this;
    }

    Binder number(int v) throws SQLException {
      ps.setInt(index++, v);
      return this;
    }

    Binder number(long v) throws SQLException {
      ps.setLong(index++, v);
      return this;
    }

    Binder bool(boolean v) throws SQLException {
      ps.setBoolean(index++, v);
      return this;
    }

    Binder bool(Optional<Boolean> v) throws SQLException {
      if (v.isPresent()) {
        ps.setBoolean(index++, v.get());
      } else {
        ps.setNull(index++, Types.BOOLEAN);
      }
      return this;
    }
  }
}
