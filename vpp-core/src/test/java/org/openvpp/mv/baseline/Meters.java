package org.openvpp.mv.baseline;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.openvpp.time.Interval;

/** Synthetic meter data for tests: hourly, in a named zone, from a function of day and hour. */
final class Meters {
  static final ZoneId LA = ZoneId.of("America/Los_Angeles");

  interface DayHour {
    double at(LocalDate day, int hour);
  }

  private Meters() {}

  /** Hourly data on the days {@code [from, to]} (local), value {@code kwh.at(day, hour)}. */
  static MeterData hourly(LocalDate from, LocalDate to, DayHour kwh) {
    return build(from, to, kwh, null);
  }

  /** Hourly data with temperature (°F) from {@code tempF}. */
  static MeterData hourly(LocalDate from, LocalDate to, DayHour kwh, DayHour tempF) {
    return build(from, to, kwh, tempF);
  }

  private static MeterData build(
      LocalDate from, LocalDate to, DayHour kwh, @org.jspecify.annotations.Nullable DayHour tempF) {
    ZonedDateTime start = from.atStartOfDay(LA);
    ZonedDateTime end = to.plusDays(1).atStartOfDay(LA);
    int n = (int) Duration.between(start, end).toHours();
    double[] v = new double[n];
    double[] t = new double[n];
    for (int i = 0; i < n; i++) {
      ZonedDateTime z = start.plusHours(i);
      v[i] = kwh.at(z.toLocalDate(), z.getHour());
      t[i] = tempF == null ? 0 : tempF.at(z.toLocalDate(), z.getHour());
    }
    MeterData m = MeterData.of(LA, start.toInstant(), Duration.ofHours(1), v);
    return tempF == null ? m : m.withTemperatureFahrenheit(t);
  }

  /** The event {@code [from, to)} local time on {@code day}. */
  static Interval event(LocalDate day, int fromHour, int toHour) {
    return new Interval(
        ZonedDateTime.of(day, LocalTime.of(fromHour, 0), LA).toInstant(),
        ZonedDateTime.of(day, LocalTime.of(toHour, 0), LA).toInstant());
  }
}
