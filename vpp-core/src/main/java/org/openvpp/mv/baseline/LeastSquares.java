package org.openvpp.mv.baseline;

/**
 * Ordinary least squares from accumulated normal equations {@code XᵀX β = Xᵀy}, solved by Cholesky
 * factorisation with a tiny ridge (10⁻⁹ of the largest diagonal) so that a column with no data (all
 * zeros) gets the coefficient 0 instead of failing.
 *
 * <p>Not thread-safe: one instance per fit.
 */
final class LeastSquares {
  private final int p;
  private final double[] xtx; // row-major p × p, upper triangle used
  private final double[] xty;

  LeastSquares(int columns) {
    this.p = columns;
    this.xtx = new double[columns * columns];
    this.xty = new double[columns];
  }

  /** Adds one observation with non-zero columns {@code cols} holding {@code values}. */
  void add(int[] cols, double[] values, int n, double y) {
    for (int a = 0; a < n; a++) {
      int ca = cols[a];
      double va = values[a];
      xty[ca] += va * y;
      for (int b = 0; b < n; b++) {
        int cb = cols[b];
        if (cb >= ca) {
          xtx[ca * p + cb] += va * values[b];
        }
      }
    }
  }

  double[] solve() {
    double[] l = new double[p * p];
    for (int i = 0; i < p; i++) {
      for (int j = 0; j <= i; j++) {
        double sum = xtx[j * p + i] + (i == j ? 1e-10 * xtx[i * p + i] + 1e-12 : 0);
        for (int k = 0; k < j; k++) {
          sum -= l[i * p + k] * l[j * p + k];
        }
        if (i == j) {
          l[i * p + i] = Math.sqrt(Math.max(sum, 1e-300));
        } else {
          l[i * p + j] = sum / l[j * p + j];
        }
      }
    }
    double[] z = new double[p];
    for (int i = 0; i < p; i++) {
      double sum = xty[i];
      for (int k = 0; k < i; k++) {
        sum -= l[i * p + k] * z[k];
      }
      z[i] = sum / l[i * p + i];
    }
    double[] beta = new double[p];
    for (int i = p - 1; i >= 0; i--) {
      double sum = z[i];
      for (int k = i + 1; k < p; k++) {
        sum -= l[k * p + i] * beta[k];
      }
      beta[i] = sum / l[i * p + i];
    }
    return beta;
  }
}
