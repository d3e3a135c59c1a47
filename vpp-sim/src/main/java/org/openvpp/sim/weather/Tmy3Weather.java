package org.openvpp.sim.weather;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

/**
 * A typical meteorological year in NREL's TMY3 format: Greensboro, North Carolina (from pvlib's
 * test data), shipped in this module's resources with its licence.
 *
 * <p>TMY3 files have two header lines (station metadata: id, name, state, UTC offset, latitude,
 * longitude, elevation; then column names) and 8,760 rows of hour-ending values in local standard
 * time ({@code 01:00} is the hour from midnight). Each month comes from a different real year, so
 * the date's year is ignored. GHI, DNI and DHI are all given; wind is {@code Wspd (m/s)}.
 *
 * <p>Immutable once loaded; safe to share between threads.
 */
public final class Tmy3Weather {

  public static final int HOURS = 8_760;
  private static final String GREENSBORO = "tmy3-greensboro/723170TYA.CSV";

  private final Site site;
  private final ZoneOffset dataOffset;
  private final double[] temperatureC = new double[HOURS];
  private final double[] ghi = new double[HOURS];
  private final double[] dni = new double[HOURS];
  private final double[] dhi = new double[HOURS];
  private final double[] windSpeed = new double[HOURS];

  private Tmy3Weather(String resource, List<String> lines) {
    String[] meta = DataFiles.fields(lines.get(0));
    double utcOffset = DataFiles.number(resource, 0, meta, 3);
    this.dataOffset = ZoneOffset.ofTotalSeconds((int) Math.round(utcOffset * 3_600));
    this.site =
        new Site(
            meta[1] + ", " + meta[2],
            DataFiles.number(resource, 0, meta, 4),
            DataFiles.number(resource, 0, meta, 5),
            dataOffset);
    String[] header = DataFiles.fields(lines.get(1));
    int time = DataFiles.column(resource, header, "Time (HH:MM)");
    int g = DataFiles.column(resource, header, "GHI (W/m^2)");
    int n = DataFiles.column(resource, header, "DNI (W/m^2)");
    int d = DataFiles.column(resource, header, "DHI (W/m^2)");
    int t = DataFiles.column(resource, header, "Dry-bulb (C)");
    int w = DataFiles.column(resource, header, "Wspd (m/s)");
    if (lines.size() - 2 != HOURS) {
      throw new IllegalStateException(
          resource + " must have " + HOURS + " hourly rows, has " + (lines.size() - 2));
    }
    for (int i = 0; i < HOURS; i++) {
      int line = i + 2;
      String[] f = DataFiles.fields(lines.get(line));
      String expected = String.format(Locale.ROOT, "%02d:00", i % 24 + 1);
      if (!f[time].equals(expected)) {
        throw new IllegalStateException(
            resource + " line " + (line + 1) + " should be hour-ending " + expected);
      }
      ghi[i] = DataFiles.number(resource, line, f, g);
      dni[i] = DataFiles.number(resource, line, f, n);
      dhi[i] = DataFiles.number(resource, line, f, d);
      temperatureC[i] = DataFiles.number(resource, line, f, t);
      windSpeed[i] = DataFiles.number(resource, line, f, w);
    }
  }

  /** Reads the shipped Greensboro, NC file (station 723170). */
  public static Tmy3Weather greensboro() {
    return new Tmy3Weather(GREENSBORO, DataFiles.lines(GREENSBORO));
  }

  /** The station; its zone is the file's fixed standard-time offset. */
  public Site site() {
    return site;
  }

  /**
   * The year as a series from 1 January of {@code year}, 00:00 local standard time.
   *
   * @throws IllegalArgumentException if {@code year} is a leap year (the data has 365 days)
   */
  public WeatherSeries year(int year) {
    if (Year.isLeap(year)) {
      throw new IllegalArgumentException(
          "a TMY3 year has 365 days and no 29 February; choose a year that is not a leap year,"
              + " was "
              + year);
    }
    Instant start = LocalDate.of(year, 1, 1).atStartOfDay().toInstant(dataOffset);
    return WeatherSeries.hourly(site, start, temperatureC, ghi, dni, dhi, windSpeed);
  }
}
