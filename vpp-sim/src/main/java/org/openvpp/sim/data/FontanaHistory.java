package org.openvpp.sim.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The twelve Fontana homes' measured year as hourly series for forecasting: household load and PV
 * output in kW, and which days are weekend days or holidays.
 *
 * <p>Index {@code t = 24·d + h} is hour {@code h} (00:00-01:00 is 0) of day {@code d}, day 0 being
 * 1 August, in Pacific Standard Time, as in {@code FontanaWeather#temperatureSeriesC}: file row
 * {@code r ≥ 1} is index {@code r − 1}; row 0, a stray hour 24 of 31 July, is index 8759. PV output
 * is the file's {@code solar_generation} (W per kW of PV) times the home's nominal PV power from
 * the data set's {@code schema.json} (4 or 5 kW).
 *
 * <p>Immutable once loaded; safe to share between threads.
 */
public final class FontanaHistory {

  public static final int HOMES = FontanaHomes.HOMES;
  public static final int HOURS = 8_760;
  public static final int DAYS = HOURS / 24;

  /** Nominal PV power of Building_1..12, kW, from the data set's schema.json. */
  private static final double[] PV_NOMINAL_KW = {4, 4, 4, 5, 4, 4, 4, 4, 4, 5, 5, 5};

  private static final String DIR = "/org/openvpp/data/fontana/";

  private final double[][] loadKw;
  private final double[][] pvKw;
  private final boolean[] offDay;

  private FontanaHistory(double[][] loadKw, double[][] pvKw, boolean[] offDay) {
    this.loadKw = loadKw;
    this.pvKw = pvKw;
    this.offDay = offDay;
  }

  /** Loads all twelve homes from the classpath. */
  public static FontanaHistory load() {
    double[][] load = new double[HOMES][];
    double[][] pv = new double[HOMES][];
    boolean[] off = new boolean[DAYS];
    for (int home = 0; home < HOMES; home++) {
      String name = DIR + "Building_" + (home + 1) + ".csv";
      try (InputStream in = FontanaHistory.class.getResourceAsStream(name)) {
        if (in == null) {
          throw new IllegalStateException("missing resource " + name + "; the build is incomplete");
        }
        load[home] = new double[HOURS];
        pv[home] = new double[HOURS];
        read(name, in, load[home], pv[home], PV_NOMINAL_KW[home] / 1_000, off);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + name, e);
      }
    }
    return new FontanaHistory(load, pv, off);
  }

  private static void read(
      String name, InputStream in, double[] load, double[] pv, double pvScale, boolean[] off)
      throws IOException {
    BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    List<String> cols = Arrays.asList(Objects.requireNonNullElse(r.readLine(), "").split(",", -1));
    int loadCol = column(name, cols, "non_shiftable_load");
    int pvCol = column(name, cols, "solar_generation");
    int dayCol = column(name, cols, "day_type");
    String line;
    int row = 0;
    while ((line = r.readLine()) != null) {
      if (row >= HOURS) {
        throw new IllegalStateException(name + " has more than " + HOURS + " rows");
      }
      String[] f = line.split(",", -1);
      int t = row == 0 ? HOURS - 1 : row - 1;
      try {
        load[t] = Double.parseDouble(f[loadCol]);
        pv[t] = Double.parseDouble(f[pvCol]) * pvScale;
        int dayType = Integer.parseInt(f[dayCol]);
        off[t / 24] = dayType >= 6; // 6 Saturday, 7 Sunday, 8 holiday
      } catch (RuntimeException e) {
        throw new IllegalStateException(name + " line " + (row + 2) + " is malformed: " + line, e);
      }
      row++;
    }
    if (row != HOURS) {
      throw new IllegalStateException(name + " has " + row + " rows, expected " + HOURS);
    }
  }

  private static int column(String name, List<String> cols, String wanted) {
    int i = cols.indexOf(wanted);
    if (i < 0) {
      throw new IllegalStateException(name + " has no column '" + wanted + "', has " + cols);
    }
    return i;
  }

  /** Household load of {@code home} (0..11), kW average per hour, 8,760 values. */
  public double[] loadKw(int home) {
    return loadKw[Objects.checkIndex(home, HOMES)].clone();
  }

  /** PV output of {@code home} (0..11), kW average per hour, as a positive magnitude. */
  public double[] pvKw(int home) {
    return pvKw[Objects.checkIndex(home, HOMES)].clone();
  }

  /** Per day, whether it is a Saturday, Sunday or holiday. */
  public boolean[] offDays() {
    return offDay.clone();
  }
}
