package org.openvpp.sim.solar;

/** Small statistics for comparing series in tests. */
public final class Stats {
  private Stats() {}

  /** Pearson correlation of two equally long series. */
  public static double correlation(double[] a, double[] b) {
    if (a.length != b.length || a.length < 2) {
      throw new IllegalArgumentException(
          "need two series of the same length >= 2, got " + a.length + " and " + b.length);
    }
    double ma = mean(a);
    double mb = mean(b);
    double sab = 0;
    double saa = 0;
    double sbb = 0;
    for (int i = 0; i < a.length; i++) {
      double da = a[i] - ma;
      double db = b[i] - mb;
      sab += da * db;
      saa += da * da;
      sbb += db * db;
    }
    return sab / Math.sqrt(saa * sbb);
  }

  public static double sum(double[] a) {
    double s = 0;
    for (double v : a) {
      s += v;
    }
    return s;
  }

  public static double mean(double[] a) {
    return sum(a) / a.length;
  }
}
