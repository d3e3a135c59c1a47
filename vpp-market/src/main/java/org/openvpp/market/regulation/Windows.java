package org.openvpp.market.regulation;

/**
 * Statistics of windows of two series, without copying them: Pearson's correlation and the slope of
 * a least-squares line. Two passes (means first), so that a constant window has exactly zero
 * variance.
 */
final class Windows {
  private Windows() {}

  /**
   * Pearson's correlation of {@code a[aFrom, aFrom + n)} with {@code b[bFrom, bFrom + n)}; 0 when
   * either window is constant (the correlation is undefined there, and a response that does not
   * move has shown no likeness to the signal).
   */
  static double pearson(double[] a, int aFrom, double[] b, int bFrom, int n) {
    double ma = 0;
    double mb = 0;
    for (int i = 0; i < n; i++) {
      ma += a[aFrom + i];
      mb += b[bFrom + i];
    }
    ma /= n;
    mb /= n;
    double sab = 0;
    double saa = 0;
    double sbb = 0;
    for (int i = 0; i < n; i++) {
      double da = a[aFrom + i] - ma;
      double db = b[bFrom + i] - mb;
      sab += da * db;
      saa += da * da;
      sbb += db * db;
    }
    if (saa == 0 || sbb == 0) {
      return 0;
    }
    return Math.max(-1, Math.min(1, sab / Math.sqrt(saa * sbb)));
  }

  /** The population standard deviation of {@code a[from, from + n)}. */
  static double std(double[] a, int from, int n) {
    double m = 0;
    for (int i = 0; i < n; i++) {
      m += a[from + i];
    }
    m /= n;
    double s = 0;
    for (int i = 0; i < n; i++) {
      double d = a[from + i] - m;
      s += d * d;
    }
    return Math.sqrt(s / n);
  }

  /**
   * The slope, per sample, of the least-squares line through {@code a[from, from + n)} against the
   * sample's place 0..n−1.
   */
  static double slope(double[] a, int from, int n) {
    double mx = (n - 1) / 2.0;
    double my = 0;
    for (int i = 0; i < n; i++) {
      my += a[from + i];
    }
    my /= n;
    double sxy = 0;
    double sxx = 0;
    for (int i = 0; i < n; i++) {
      double dx = i - mx;
      sxy += dx * (a[from + i] - my);
      sxx += dx * dx;
    }
    return sxx == 0 ? 0 : sxy / sxx;
  }
}
