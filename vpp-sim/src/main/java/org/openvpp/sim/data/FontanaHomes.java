package org.openvpp.sim.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Measured hourly household load of twelve homes in Fontana, California (CityLearn 2022), shipped
 * in this module's resources with its licence.
 *
 * <p>Each home has 8,760 hourly values of {@code non_shiftable_load} (kWh in the hour, so also the
 * average kW) from 1 August to 31 July. {@link #hourlyLoadKw(int, LocalDate)} gives the 24 values
 * of a calendar day, mapping the day to the same month and day of the data year.
 *
 * <p>Immutable once loaded; safe to share between threads.
 */
public final class FontanaHomes {

  public static final int HOMES = 12;
  private static final String DIR = "/org/openvpp/data/fontana/";

  private final double[][] loadKw;
  private final int[][] monthStart; // [home][month 1..12] row of hour-ending 1 on day 1

  private FontanaHomes(double[][] loadKw, int[][] monthStart) {
    this.loadKw = loadKw;
    this.monthStart = monthStart;
  }

  /** Loads all twelve homes from the classpath. */
  public static FontanaHomes load() {
    double[][] load = new double[HOMES][];
    int[][] starts = new int[HOMES][];
    for (int h = 0; h < HOMES; h++) {
      String name = DIR + "Building_" + (h + 1) + ".csv";
      try (InputStream in = FontanaHomes.class.getResourceAsStream(name)) {
        if (in == null) {
          throw new IllegalStateException("missing resource " + name + "; the build is incomplete");
        }
        Parsed p = parse(name, in);
        load[h] = p.load;
        starts[h] = p.monthStart;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + name, e);
      }
    }
    return new FontanaHomes(load, starts);
  }

  private static final class Parsed {
    final double[] load;
    final int[] monthStart;

    Parsed(double[] load, int[] monthStart) {
      this.load = load;
      this.monthStart = monthStart;
    }
  }

  private static Parsed parse(String name, InputStream in) throws IOException {
    BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    String header = Objects.requireNonNullElse(r.readLine(), "");
    List<String> cols = Arrays.asList(header.split(","));
    int month = column(name, cols, "month");
    int hour = column(name, cols, "hour");
    int load = column(name, cols, "non_shiftable_load");
    List<Double> values = new ArrayList<>(8_760);
    int[] starts = new int[13];
    Arrays.fill(starts, -1);
    String line;
    int row = 0;
    while ((line = r.readLine()) != null) {
      String[] f = line.split(",", -1);
      try {
        int m = Integer.parseInt(f[month]);
        int h = Integer.parseInt(f[hour]);
        if (h == 1 && starts[m] < 0) {
          starts[m] = row;
        }
        values.add(Double.parseDouble(f[load]));
      } catch (RuntimeException e) {
        throw new IllegalStateException(name + " line " + (row + 2) + " is malformed: " + line, e);
      }
      row++;
    }
    for (int m = 1; m <= 12; m++) {
      if (starts[m] < 0) {
        throw new IllegalStateException(name + " has no data for month " + m);
      }
    }
    return new Parsed(values.stream().mapToDouble(Double::doubleValue).toArray(), starts);
  }

  private static int column(String name, List<String> cols, String wanted) {
    int i = cols.indexOf(wanted);
    if (i < 0) {
      throw new IllegalStateException(name + " has no column '" + wanted + "', has " + cols);
    }
    return i;
  }

  /** The 24 hourly average loads (kW) of {@code home} on the same month and day as {@code date}. */
  public double[] hourlyLoadKw(int home, LocalDate date) {
    Objects.checkIndex(home, HOMES);
    int day = Math.min(date.getDayOfMonth(), 28) - 1;
    int from = monthStart[home][date.getMonthValue()] + day * 24;
    return Arrays.copyOfRange(loadKw[home], from, from + 24);
  }
}
