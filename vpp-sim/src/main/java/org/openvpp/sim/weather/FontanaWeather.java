package org.openvpp.sim.weather;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Year;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;

/**
 * One year of hourly weather in Fontana, California, from CityLearn's 2022 challenge data set (the
 * weather of the twelve homes of {@code org.openvpp.sim.data.FontanaHomes}), shipped in this
 * module's resources with its licence.
 *
 * <p>What the file's columns are, found from the data (see the README beside it):
 *
 * <ul>
 *   <li>Rows line up with the Building files: row 0 is the stray hour 24 of 31 July, rows 1..8759
 *       run from 1 August hour 1 to 31 July hour 23. Hours are hour-ending averages in local
 *       standard time (UTC-8, no daylight saving): irradiance is symmetric about solar noon in
 *       standard time and best correlated with the homes' PV output at zero shift.
 *   <li>{@code diffuse_solar_irradiance} is in fact <em>global</em> horizontal irradiance: its
 *       clear-sky envelope scales with cos Z up to about 1,000 W/m² at high sun, which diffuse
 *       light never reaches; it sums to about 1,820 kWh/m² a year, a plausible GHI for inland
 *       southern California, whereas reading it as diffuse would make GHI about 2,940 kWh/m².
 *   <li>{@code direct_solar_irradiance} is direct <em>normal</em> irradiance: its clear-sky values
 *       stay near 800-900 W/m² from low to high sun; read as horizontal it would exceed global at
 *       low sun. With it, {@code GHI - DNI·cos Z} is never negative (1st percentile 47 W/m² in
 *       daylight), as diffuse light must be.
 * </ul>
 *
 * So this loader takes GHI and DNI from those columns and derives {@code DHI = max(0, GHI - DNI·cos
 * Z)} at the middle of each hour. The file has no wind: {@value #DEFAULT_WIND_SPEED} m/s is used.
 *
 * <p>Immutable once loaded; safe to share between threads.
 */
public final class FontanaWeather {

  public static final Site SITE =
      new Site("Fontana, California", 34.09, -117.43, ZoneId.of("America/Los_Angeles"));

  /** The clock of the data: Pacific Standard Time all year. */
  public static final ZoneOffset DATA_OFFSET = ZoneOffset.ofHours(-8);

  /** Wind speed assumed for every hour, m/s (the file has none). */
  public static final double DEFAULT_WIND_SPEED = 2.0;

  static final int HOURS = 8_760;
  private static final String RESOURCE = "fontana-weather/weather.csv";

  /** A non-leap August-to-July span used to place the data's hours in time. */
  private static final LocalDate REFERENCE_START = LocalDate.of(2022, 8, 1);

  // Index 0 is 1 August 00:00-01:00 standard time; index 8759 is 31 July 23:00-24:00.
  private final double[] temperatureC;
  private final double[] ghi;
  private final double[] dni;
  private final double[] dhi;
  private final double[] windSpeed;

  private FontanaWeather(double[] temperatureC, double[] ghi, double[] dni, double[] dhi) {
    this.temperatureC = temperatureC;
    this.ghi = ghi;
    this.dni = dni;
    this.dhi = dhi;
    this.windSpeed = new double[HOURS];
    Arrays.fill(windSpeed, DEFAULT_WIND_SPEED);
  }

  /** Reads the shipped file. */
  public static FontanaWeather load() {
    List<String> lines = DataFiles.lines(RESOURCE);
    String[] header = DataFiles.fields(lines.get(0));
    int temp = DataFiles.column(RESOURCE, header, "outdoor_dry_bulb_temperature");
    int global = DataFiles.column(RESOURCE, header, "diffuse_solar_irradiance");
    int normal = DataFiles.column(RESOURCE, header, "direct_solar_irradiance");
    if (lines.size() - 1 != HOURS) {
      throw new IllegalStateException(
          RESOURCE + " must have " + HOURS + " hourly rows, has " + (lines.size() - 1));
    }
    double[] t = new double[HOURS];
    double[] g = new double[HOURS];
    double[] n = new double[HOURS];
    for (int row = 0; row < HOURS; row++) {
      String[] f = DataFiles.fields(lines.get(row + 1));
      int k = row == 0 ? HOURS - 1 : row - 1; // row 0 is hour 24 of 31 July
      t[k] = DataFiles.number(RESOURCE, row + 1, f, temp);
      g[k] = DataFiles.number(RESOURCE, row + 1, f, global);
      n[k] = DataFiles.number(RESOURCE, row + 1, f, normal);
    }
    long start = REFERENCE_START.atStartOfDay().toEpochSecond(DATA_OFFSET);
    double[] d = DataFiles.diffuseFromGlobal(SITE, start, g, n);
    return new FontanaWeather(t, g, n, d);
  }

  /**
   * The weather of the calendar day {@code date}, with the day before and after so that any minute
   * of the civil day in Los Angeles (standard or daylight time) can be interpolated: 72 hours from
   * midnight standard time (UTC-8) of the day before.
   *
   * <p>Each day is taken from the same month and day of the data year, with the day of the month
   * capped at 28, exactly as {@code FontanaHomes#hourlyLoadKw} maps days, so a simulated day's
   * weather and household load come from the same measured day.
   */
  public WeatherSeries day(LocalDate date) {
    double[][] out = new double[5][72];
    for (int d = 0; d < 3; d++) {
      int from = firstHourOf(date.plusDays(d - 1L));
      copy(from, out, d * 24, 24);
    }
    LocalDateTime start = date.minusDays(1).atStartOfDay();
    return WeatherSeries.hourly(
        SITE, start.toInstant(DATA_OFFSET), out[0], out[1], out[2], out[3], out[4]);
  }

  /**
   * The whole data year as one series from 1 August of {@code firstYear}, 00:00 standard time, to 1
   * August of the next year.
   *
   * @throws IllegalArgumentException if that span contains a 29 February, which the data lacks
   */
  public WeatherSeries dataYear(int firstYear) {
    if (Year.isLeap(firstYear + 1L)) {
      throw new IllegalArgumentException(
          "the Fontana data has 365 days and no 29 February; the year from 1 August "
              + firstYear
              + " has one, choose a first year whose next year is not a leap year");
    }
    double[][] out = new double[5][HOURS];
    copy(0, out, 0, HOURS);
    LocalDateTime start = LocalDate.of(firstYear, 8, 1).atStartOfDay();
    return WeatherSeries.hourly(
        SITE, start.toInstant(DATA_OFFSET), out[0], out[1], out[2], out[3], out[4]);
  }

  /**
   * The data year's hourly outdoor temperature, °C, from 1 August 00:00-01:00 standard time (index
   * 0) to 31 July 23:00-24:00 (index 8759): the hour-by-hour layout of {@code
   * org.openvpp.sim.data.FontanaHistory}.
   */
  public double[] temperatureSeriesC() {
    return temperatureC.clone();
  }

  /**
   * The data year's hourly global horizontal irradiance, W/m², laid out as {@link
   * #temperatureSeriesC}.
   */
  public double[] ghiSeriesWm2() {
    return ghi.clone();
  }

  private void copy(int from, double[][] out, int to, int length) {
    System.arraycopy(temperatureC, from, out[0], to, length);
    System.arraycopy(ghi, from, out[1], to, length);
    System.arraycopy(dni, from, out[2], to, length);
    System.arraycopy(dhi, from, out[3], to, length);
    System.arraycopy(windSpeed, from, out[4], to, length);
  }

  /** Index of the first hour of the data day with the month and (capped) day of {@code date}. */
  static int firstHourOf(LocalDate date) {
    int month = date.getMonthValue();
    LocalDate mapped =
        LocalDate.of(
            REFERENCE_START.getYear() + (month >= 8 ? 0 : 1),
            month,
            Math.min(date.getDayOfMonth(), 28));
    return (int) ChronoUnit.DAYS.between(REFERENCE_START, mapped) * 24;
  }
}
