package org.openvpp.sim.weather;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Year;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * PVWatts' hourly output for a 4 kW rack-mounted system near Golden, Colorado (from pvlib's test
 * data), shipped in this module's resources with its licence: the weather it was computed from and
 * its results, to validate a PV model against.
 *
 * <p>What the file is, found from the data (see the README beside it):
 *
 * <ul>
 *   <li>Rows are the 8,760 hours of a typical year, {@code Hour} 0-23 being the hour that
 *       <em>starts</em> then, in local standard time (Mountain, UTC-7, no daylight saving): the
 *       file's plane-of-array irradiance is reproduced with the sun at the middle of each hour
 *       (correlation 1.000), and worse with it at the start or end.
 *   <li>{@code Beam} is direct normal and {@code Diffuse} diffuse horizontal irradiance; there is
 *       no GHI, so this loader derives {@code GHI = DNI·cos Z + DHI} at the middle of each hour.
 *   <li>It is PVWatts version 5: DC power follows the plane-of-array irradiance with the version 5
 *       standard-module temperature coefficient (-0.47 %/°C), and AC follows version 5's inverter
 *       part-load curve.
 * </ul>
 *
 * <p>The header's system parameters are read from the file, not assumed.
 *
 * <p>Immutable once loaded; safe to share between threads.
 */
public final class PvWattsReference {

  public static final int HOURS = 8_760;

  /** The data's clock: Mountain Standard Time all year. */
  public static final ZoneOffset DATA_OFFSET = ZoneOffset.ofHours(-7);

  private static final String RESOURCE = "pvwatts/pvwatts_8760_rackmount.csv";

  private final Map<String, String> header;
  private final Site site;
  private final double dcSystemKw;
  private final double tiltDeg;
  private final double azimuthDeg;
  private final double systemLossesPercent;
  private final double inverterEfficiencyPercent;
  private final double dcToAcRatio;
  private final int[] month = new int[HOURS];
  private final int[] day = new int[HOURS];
  private final int[] hour = new int[HOURS];
  private final double[] dni = new double[HOURS];
  private final double[] dhi = new double[HOURS];
  private final double[] temperatureC = new double[HOURS];
  private final double[] windSpeed = new double[HOURS];
  private final double[] poa = new double[HOURS];
  private final double[] cellC = new double[HOURS];
  private final double[] dcW = new double[HOURS];
  private final double[] acW = new double[HOURS];
  private final double totalAcWh;
  private final double totalPoaWhPerM2;

  private PvWattsReference(List<String> lines) {
    this.header = new HashMap<>();
    int row = 0;
    while (row < lines.size() && !lines.get(row).startsWith("Month,Day,Hour")) {
      String[] f = DataFiles.fields(lines.get(row));
      if (f.length >= 2 && !f[0].isEmpty()) {
        header.put(f[0], f[1]);
      }
      row++;
    }
    if (row == lines.size()) {
      throw new IllegalStateException(RESOURCE + " has no 'Month,Day,Hour,...' column header");
    }
    this.site =
        new Site(
            "Golden, Colorado (PVWatts reference)",
            headerNumber("Lat (deg N):"),
            -headerNumber("Long (deg W):"),
            ZoneId.of("America/Denver"));
    this.dcSystemKw = headerNumber("DC System Size (kW):");
    this.tiltDeg = headerNumber("Array Tilt (deg):");
    this.azimuthDeg = headerNumber("Array Azimuth (deg):");
    this.systemLossesPercent = headerNumber("System Losses:");
    this.inverterEfficiencyPercent = headerNumber("Invert Efficiency:");
    this.dcToAcRatio = headerNumber("DC to AC Size Ratio:");
    // The rows must be the hours of a 365-day year in order; 2019 is such a year.
    LocalDateTime expected = LocalDate.of(2019, 1, 1).atStartOfDay();
    for (int i = 0; i < HOURS; i++) {
      int line = row + 1 + i;
      String[] f = DataFiles.fields(lines.get(line));
      month[i] = (int) DataFiles.number(RESOURCE, line, f, 0);
      day[i] = (int) DataFiles.number(RESOURCE, line, f, 1);
      hour[i] = (int) DataFiles.number(RESOURCE, line, f, 2);
      if (month[i] != expected.getMonthValue()
          || day[i] != expected.getDayOfMonth()
          || hour[i] != expected.getHour()) {
        throw new IllegalStateException(
            RESOURCE
                + " line "
                + (line + 1)
                + " should be hour "
                + expected
                + " of a 365-day year");
      }
      expected = expected.plusHours(1);
      dni[i] = DataFiles.number(RESOURCE, line, f, 3);
      dhi[i] = DataFiles.number(RESOURCE, line, f, 4);
      temperatureC[i] = DataFiles.number(RESOURCE, line, f, 5);
      windSpeed[i] = DataFiles.number(RESOURCE, line, f, 6);
      poa[i] = DataFiles.number(RESOURCE, line, f, 7);
      cellC[i] = DataFiles.number(RESOURCE, line, f, 8);
      dcW[i] = DataFiles.number(RESOURCE, line, f, 9);
      acW[i] = DataFiles.number(RESOURCE, line, f, 10);
    }
    int totals = row + 1 + HOURS;
    String[] f = DataFiles.fields(lines.get(totals));
    if (!f[0].equals("Totals")) {
      throw new IllegalStateException(RESOURCE + " line " + (totals + 1) + " should be 'Totals'");
    }
    this.totalPoaWhPerM2 = DataFiles.number(RESOURCE, totals, f, 7);
    this.totalAcWh = DataFiles.number(RESOURCE, totals, f, 10);
  }

  /** Reads the shipped file. */
  public static PvWattsReference load() {
    return new PvWattsReference(DataFiles.lines(RESOURCE));
  }

  private double headerNumber(String key) {
    String value = header.get(key);
    if (value == null) {
      throw new IllegalStateException(RESOURCE + " has no header line '" + key + "'");
    }
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new IllegalStateException(
          RESOURCE + " header '" + key + "' is not a number: " + value, e);
    }
  }

  public Site site() {
    return site;
  }

  /** DC system size, kW. */
  public double dcSystemKw() {
    return dcSystemKw;
  }

  public double tiltDeg() {
    return tiltDeg;
  }

  /** Degrees clockwise from north. */
  public double azimuthDeg() {
    return azimuthDeg;
  }

  public double systemLossesPercent() {
    return systemLossesPercent;
  }

  public double inverterEfficiencyPercent() {
    return inverterEfficiencyPercent;
  }

  public double dcToAcRatio() {
    return dcToAcRatio;
  }

  /** The header's array type, e.g. {@code Fixed (open rack)}. */
  public String arrayType() {
    String value = header.get("Array Type:");
    return value == null ? "" : value;
  }

  /**
   * The weather of the file as a series from 1 January of {@code year}, 00:00 standard time
   * (UTC-7).
   *
   * @throws IllegalArgumentException if {@code year} is a leap year (the data has 365 days)
   */
  public WeatherSeries weather(int year) {
    if (Year.isLeap(year)) {
      throw new IllegalArgumentException(
          "the PVWatts year has 365 days and no 29 February; choose a year that is not a leap"
              + " year, was "
              + year);
    }
    long start = LocalDate.of(year, 1, 1).atStartOfDay().toEpochSecond(DATA_OFFSET);
    double[] ghi = DataFiles.globalFromComponents(site, start, dni, dhi);
    return WeatherSeries.hourly(
        site, java.time.Instant.ofEpochSecond(start), temperatureC, ghi, dni, dhi, windSpeed);
  }

  public int month(int i) {
    return month[i];
  }

  public int day(int i) {
    return day[i];
  }

  /** The hour of the day the row starts, 0-23, standard time. */
  public int hour(int i) {
    return hour[i];
  }

  /** PVWatts' plane-of-array irradiance for hour {@code i}, W/m². */
  public double poaWm2(int i) {
    return poa[i];
  }

  /** PVWatts' cell temperature for hour {@code i}, °C. */
  public double cellTemperatureC(int i) {
    return cellC[i];
  }

  /** PVWatts' DC array output for hour {@code i}, W. */
  public double dcOutputW(int i) {
    return dcW[i];
  }

  /** PVWatts' AC system output for hour {@code i}, W (so also Wh in the hour). */
  public double acOutputW(int i) {
    return acW[i];
  }

  /** The file's own total of AC output, Wh. */
  public double totalAcWh() {
    return totalAcWh;
  }

  /** The file's own total of plane-of-array irradiance, Wh/m². */
  public double totalPoaWhPerM2() {
    return totalPoaWhPerM2;
  }
}
