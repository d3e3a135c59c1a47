package org.openvpp.mv.baseline;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Objects;
import org.openvpp.time.Horizon;
import org.openvpp.time.Interval;
import org.openvpp.units.Energy;
import org.openvpp.units.Temperature;

/**
 * One site's interval meter data: energy per interval (kWh, load convention) on a regular grid of
 * interval starts, the site's time zone (the methods reason in local days and clock times), and
 * optionally the outdoor temperature of each interval.
 *
 * <p>Values are held in primitive arrays; the arrays given are copied, so an instance is immutable
 * and safe to share between threads. Data made by {@link #of} has no gaps; data made by {@link
 * #withMissing} may lack readings ({@code NaN}), which every method treats as a day it cannot use
 * (a reference day, or an adjustment window, must have all its readings). Temperature may be
 * missing for single intervals ({@code NaN}).
 *
 * <p>The interval length must divide an hour (5, 10, 15, 20, 30 or 60 minutes), and the grid must
 * be aligned with the local clock (interval starts at whole multiples of the length after the
 * hour), so a local date and clock time name one interval.
 */
public final class MeterData {

  private static final double[] NO_TEMPERATURE = new double[0];

  private final ZoneId zone;
  private final Instant start;
  private final Duration step;
  private final double[] kwh;
  private final double[] temperatureF;

  private MeterData(
      ZoneId zone, Instant start, Duration step, double[] kwh, double[] temperatureF) {
    this.zone = zone;
    this.start = start;
    this.step = step;
    this.kwh = kwh;
    this.temperatureF = temperatureF;
  }

  /**
   * Meter data without temperature.
   *
   * @param zone the site's time zone
   * @param start the start of the first interval
   * @param step the interval length; divides an hour
   * @param kwh energy per interval, finite; at least one value
   * @throws IllegalArgumentException on a bad step, an empty or non-finite series, or a grid not
   *     aligned with the local clock
   */
  public static MeterData of(ZoneId zone, Instant start, Duration step, double[] kwh) {
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(step, "step");
    long nanos = step.toNanos();
    long hour = Duration.ofHours(1).toNanos();
    if (nanos <= 0 || nanos % Duration.ofMinutes(1).toNanos() != 0 || hour % nanos != 0) {
      throw new IllegalArgumentException(
          "interval length must divide an hour (5, 10, 15, 20, 30 or 60 min), was " + step);
    }
    if (kwh.length == 0) {
      throw new IllegalArgumentException("meter data needs at least one interval");
    }
    for (int i = 0; i < kwh.length; i++) {
      if (!Double.isFinite(kwh[i])) {
        throw new IllegalArgumentException("kWh of interval " + i + " is not finite: " + kwh[i]);
      }
    }
    LocalTime first = start.atZone(zone).toLocalTime();
    if (first.toNanoOfDay() % step.toNanos() != 0) {
      throw new IllegalArgumentException(
          "interval starts must be aligned with the local clock in steps of "
              + step
              + "; the first starts at "
              + first);
    }
    return new MeterData(zone, start, step, kwh.clone(), NO_TEMPERATURE);
  }

  /**
   * Meter data from a history that may lack readings: {@code NaN} marks an interval without one (a
   * meter that has not reported it, or not yet). Otherwise as {@link #of}.
   *
   * @throws IllegalArgumentException on a bad step, an empty series, an infinite value, or a grid
   *     not aligned with the local clock
   */
  public static MeterData withMissing(ZoneId zone, Instant start, Duration step, double[] kwh) {
    double[] filled = kwh.clone();
    for (int i = 0; i < filled.length; i++) {
      if (Double.isInfinite(filled[i])) {
        throw new IllegalArgumentException("kWh of interval " + i + " is infinite");
      }
      if (Double.isNaN(filled[i])) {
        filled[i] = 0;
      }
    }
    MeterData checked = of(zone, start, step, filled);
    return new MeterData(zone, start, step, kwh.clone(), checked.temperatureF);
  }

  /** Whether interval {@code i} has a reading (always, for data made by {@link #of}). */
  public boolean hasReading(int i) {
    return !Double.isNaN(kwh[i]);
  }

  /** The same data with the outdoor temperature of each interval in °F ({@code NaN} = missing). */
  public MeterData withTemperatureFahrenheit(double[] fahrenheit) {
    if (fahrenheit.length != kwh.length) {
      throw new IllegalArgumentException(
          "need one temperature per interval: " + kwh.length + ", got " + fahrenheit.length);
    }
    for (int i = 0; i < fahrenheit.length; i++) {
      if (Double.isInfinite(fahrenheit[i])) {
        throw new IllegalArgumentException("temperature of interval " + i + " is infinite");
      }
    }
    return new MeterData(zone, start, step, kwh, fahrenheit.clone());
  }

  /** The same data with the outdoor temperature of each interval in °C ({@code NaN} = missing). */
  public MeterData withTemperatureCelsius(double[] celsius) {
    double[] f = new double[celsius.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = celsius[i] * 9 / 5 + 32;
    }
    return withTemperatureFahrenheit(f);
  }

  public ZoneId zone() {
    return zone;
  }

  public Instant start() {
    return start;
  }

  public Duration step() {
    return step;
  }

  public int count() {
    return kwh.length;
  }

  public Horizon horizon() {
    return new Horizon(start, step, kwh.length);
  }

  /** The end of the last interval. */
  public Instant end() {
    return startOf(kwh.length);
  }

  /** The start of interval {@code i} (or, for {@code i == count()}, the end of the data). */
  public Instant startOf(int i) {
    return start.plus(step.multipliedBy(i));
  }

  /**
   * {@code instant} on this site's clock, with its UTC offset there (such as {@code
   * 2017-09-13T16:00:00-08:00}): how messages name a time, in the offset the data was written in.
   */
  String local(Instant instant) {
    return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atZone(zone).toOffsetDateTime());
  }

  /** {@code window} as {@code [start, end)} on this site's clock ({@link #local(Instant)}). */
  String local(Interval window) {
    return "[" + local(window.start()) + ", " + local(window.end()) + ")";
  }

  /** Intervals per hour: 1 for hourly data, 4 for 15-minute data. */
  public int intervalsPerHour() {
    return (int) (3600 / step.toSeconds());
  }

  /** Energy of interval {@code i}, kWh. */
  public double kwh(int i) {
    return kwh[i];
  }

  /** Energy of interval {@code i}, typed; a missing reading is refused. */
  public Energy energy(int i) {
    if (!hasReading(i)) {
      throw new IllegalStateException("interval " + i + " (" + startOf(i) + ") has no reading");
    }
    return Energy.ofKilowattHours(kwh[i]);
  }

  /** A copy of all values, kWh. */
  public double[] kwhArray() {
    return kwh.clone();
  }

  /**
   * @throws BaselineException (needs temperature) when this site has no outdoor temperature, naming
   *     the {@code method} that needs it
   */
  void requireTemperature(String method) {
    if (!hasTemperature()) {
      throw new BaselineException(
          BaselineException.Reason.NEEDS_TEMPERATURE,
          method + " needs the outdoor temperature; give it with the meter data");
    }
  }

  public boolean hasTemperature() {
    return temperatureF.length > 0;
  }

  /**
   * Outdoor temperature of interval {@code i} in °F, {@code NaN} where missing.
   *
   * @throws BaselineException ({@code NEEDS_TEMPERATURE}) when the data has no temperature
   */
  public double temperatureF(int i) {
    if (temperatureF.length == 0) {
      throw new BaselineException(
          BaselineException.Reason.NEEDS_TEMPERATURE, "the meter data has no outdoor temperature");
    }
    return temperatureF[i];
  }

  /** Outdoor temperature of interval {@code i}, typed; empty where missing or absent. */
  public java.util.Optional<Temperature> temperature(int i) {
    if (temperatureF.length == 0 || Double.isNaN(temperatureF[i])) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(Temperature.ofFahrenheit(temperatureF[i]));
  }

  /** The index of the interval starting exactly at {@code instant}, or -1. */
  public int indexOf(Instant instant) {
    if (instant.isBefore(start)) {
      return -1;
    }
    long nanos = Duration.between(start, instant).toNanos();
    long stepNanos = step.toNanos();
    if (nanos % stepNanos != 0) {
      return -1;
    }
    long i = nanos / stepNanos;
    return i < kwh.length ? (int) i : -1;
  }

  /**
   * The index of the interval that starts at local {@code time} on local {@code date}, or -1 when
   * it lies outside the data. A clock time skipped by a daylight-saving gap maps to the instant an
   * hour later; a repeated one to the earlier of the two.
   */
  public int indexAt(LocalDate date, LocalTime time) {
    return indexOf(ZonedDateTime.of(LocalDateTime.of(date, time), zone).toInstant());
  }

  /** The local date of interval {@code i}'s start. */
  public LocalDate localDate(int i) {
    return startOf(i).atZone(zone).toLocalDate();
  }

  @Override
  public String toString() {
    return "MeterData["
        + kwh.length
        + " × "
        + step
        + " from "
        + start.atZone(zone)
        + (hasTemperature() ? ", with temperature" : "")
        + "]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MeterData m
        && zone.equals(m.zone)
        && start.equals(m.start)
        && step.equals(m.step)
        && Arrays.equals(kwh, m.kwh)
        && Arrays.equals(temperatureF, m.temperatureF);
  }

  @Override
  public int hashCode() {
    return Objects.hash(zone, start, step, Arrays.hashCode(kwh), Arrays.hashCode(temperatureF));
  }
}
