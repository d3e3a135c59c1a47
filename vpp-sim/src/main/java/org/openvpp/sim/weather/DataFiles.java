package org.openvpp.sim.weather;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.openvpp.sim.solar.SolarPosition;

/** Reading the CSV files shipped in the resources, and deriving missing irradiance components. */
final class DataFiles {
  static final String ROOT = "/org/openvpp/data/";

  private DataFiles() {}

  /** All lines of a classpath resource under {@link #ROOT}. */
  static List<String> lines(String resource) {
    String name = ROOT + resource;
    try (InputStream in = DataFiles.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name + "; the build is incomplete");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      List<String> lines = new ArrayList<>(9_000);
      String line;
      while ((line = r.readLine()) != null) {
        lines.add(line);
      }
      return lines;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name, e);
    }
  }

  /** The comma-separated fields of a line, quotes removed (no field here holds a comma). */
  static String[] fields(String line) {
    String[] f = line.split(",", -1);
    for (int i = 0; i < f.length; i++) {
      f[i] = f[i].replace("\"", "").trim();
    }
    return f;
  }

  static int column(String resource, String[] header, String wanted) {
    int i = Arrays.asList(header).indexOf(wanted);
    if (i < 0) {
      throw new IllegalStateException(
          resource + " has no column '" + wanted + "', has " + Arrays.toString(header));
    }
    return i;
  }

  static double number(String resource, int lineIndex, String[] fields, int column) {
    try {
      return Double.parseDouble(fields[column]);
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          resource
              + " line "
              + (lineIndex + 1)
              + " column "
              + (column + 1)
              + " is not a number: "
              + String.join(",", fields),
          e);
    }
  }

  /**
   * {@code GHI = DNI·max(0, cos Z) + DHI} per hour, with the zenith at the middle of hour {@code i}
   * of a series starting at {@code startSecond}.
   */
  static double[] globalFromComponents(Site site, long startSecond, double[] dni, double[] dhi) {
    SolarPosition sun = new SolarPosition(site.latitudeDeg(), site.longitudeDeg());
    double[] ghi = new double[dni.length];
    for (int i = 0; i < ghi.length; i++) {
      sun.update(startSecond + 3_600L * i + 1_800);
      ghi[i] = dni[i] * Math.max(0, sun.cosZenith()) + dhi[i];
    }
    return ghi;
  }

  /**
   * {@code DHI = max(0, GHI - DNI·max(0, cos Z))} per hour, with the zenith at the middle of hour
   * {@code i} of a series starting at {@code startSecond}.
   */
  static double[] diffuseFromGlobal(Site site, long startSecond, double[] ghi, double[] dni) {
    SolarPosition sun = new SolarPosition(site.latitudeDeg(), site.longitudeDeg());
    double[] dhi = new double[ghi.length];
    for (int i = 0; i < dhi.length; i++) {
      sun.update(startSecond + 3_600L * i + 1_800);
      dhi[i] = Math.max(0, ghi[i] - dni[i] * Math.max(0, sun.cosZenith()));
    }
    return dhi;
  }
}
