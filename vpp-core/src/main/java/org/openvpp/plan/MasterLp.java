package org.openvpp.plan;

/**
 * The restricted master of {@link FleetPlanner}'s column generation: a small dense simplex.
 *
 * <p>Given fleet plans {@code k} (columns) with cost {@code C_k} and net discharge {@code N_kt} in
 * each event interval {@code t}, it solves
 *
 * <pre>
 *   min Σ_k w_k·C_k + Σ_t hi_t·s_t − Σ_t lo_t·u_t
 *   s.t. Σ_k w_k·N_kt + s_t − u_t = R_t   (each event interval t; dual λ_t)
 *        Σ_k w_k = 1,  w, s, u ≥ 0
 * </pre>
 *
 * whose dual is {@code max λ·R + z} subject to {@code z + λ·N_k ≤ C_k} and {@code lo ≤ λ ≤ hi}: the
 * cutting-plane model of the Lagrangian dual restricted to a box. {@code s} is the part of a
 * commitment left unmet, at price {@code hi}; {@code u} the part exceeded. Inputs should be scaled
 * to order one. Solved from scratch each time from an obvious feasible basis (column 0 plus a slack
 * or surplus per row), Dantzig's rule with Bland's after many pivots so it cannot cycle.
 *
 * <p>The disaggregated form has one convexity row per group of columns ({@code Σ_{k in g} w_k = 1}
 * for each group); its dual has one {@code z_g} per group, a finer model of the dual function.
 *
 * <p>Not thread-safe; short-lived.
 */
final class MasterLp {

  private static final double EPS = 1e-10;

  /** The solution: weights per column, unmet part per row, duals per row, and the value. */
  static final class Solution {
    final double[] weights;
    final double[] unmet;
    final double[] lambda;
    final double value;

    Solution(double[] weights, double[] unmet, double[] lambda, double value) {
      this.weights = weights;
      this.unmet = unmet;
      this.lambda = lambda;
      this.value = value;
    }
  }

  private MasterLp() {}

  /**
   * @param cost {@code C_k} for {@code k < columns}
   * @param delivery {@code N_kt} at {@code [k][t]}
   */
  static Solution solve(
      int columns, double[] cost, double[][] delivery, double[] r, double[] lo, double[] hi) {
    return solve(columns, new int[columns], 1, cost, delivery, r, lo, hi);
  }

  /**
   * The disaggregated master: one convexity row per group, {@code Σ_{k in g} w_k = 1} for each
   * {@code g < groups}, instead of one for all columns. Every group needs at least one column.
   *
   * @param group the group of each column
   */
  static Solution solve(
      int columns,
      int[] group,
      int groups,
      double[] cost,
      double[][] delivery,
      double[] r,
      double[] lo,
      double[] hi) {
    int m = r.length;
    check(columns, group, groups, cost, delivery, r, lo, hi);
    int rows = m + groups;
    int cols = columns + 2 * m;
    int rhs = cols;
    double[][] t = new double[rows][cols + 1];
    double[] c = new double[cols];
    for (int k = 0; k < columns; k++) {
      for (int i = 0; i < m; i++) {
        t[i][k] = delivery[k][i];
      }
      t[m + group[k]][k] = 1;
      c[k] = cost[k];
    }
    for (int i = 0; i < m; i++) {
      t[i][columns + i] = 1;
      t[i][columns + m + i] = -1;
      t[i][rhs] = r[i];
      c[columns + i] = hi[i];
      c[columns + m + i] = -lo[i];
    }
    int[] basis = new int[rows];
    boolean[] seeded = new boolean[groups];
    for (int k = 0; k < columns; k++) {
      int g = group[k];
      if (!seeded[g]) {
        seeded[g] = true;
        t[m + g][rhs] = 1;
        pivot(t, m + g, k);
        basis[m + g] = k;
      }
    }
    for (int g = 0; g < groups; g++) {
      if (!seeded[g]) {
        throw new IllegalStateException("group " + g + " of the master has no column");
      }
    }
    for (int i = 0; i < m; i++) {
      int j = t[i][rhs] >= 0 ? columns + i : columns + m + i;
      pivot(t, i, j);
      basis[i] = j;
    }
    double[] z = new double[cols];
    for (int j = 0; j < cols; j++) {
      double v = c[j];
      for (int i = 0; i < rows; i++) {
        v -= c[basis[i]] * t[i][j];
      }
      z[j] = v;
    }
    // A ray costs at least Σ (hi − lo) ≥ 0 per unit (weights are bounded by the convexity rows), so
    // a column that seems to improve without bound only does so by rounding: it is set aside.
    double roundOff = 1e-9 * (1 + maxAbs(c));
    boolean[] setAside = new boolean[cols];
    int limit = 20_000 + 20 * rows;
    for (int iter = 0; iter < limit; iter++) {
      boolean bland = iter > 500 + 4 * rows;
      int enter = -1;
      double best = -EPS;
      for (int j = 0; j < cols; j++) {
        if (z[j] < best && !setAside[j]) {
          enter = j;
          if (bland) {
            break;
          }
          best = z[j];
        }
      }
      if (enter < 0) {
        break;
      }
      int leave = -1;
      double ratio = Double.POSITIVE_INFINITY;
      for (int i = 0; i < rows; i++) {
        double a = t[i][enter];
        if (a > EPS) {
          double q = t[i][rhs] / a;
          if (q < ratio - 1e-12 || (q <= ratio + 1e-12 && leave >= 0 && basis[i] < basis[leave])) {
            ratio = q;
            leave = i;
          }
        }
      }
      if (leave < 0) {
        if (z[enter] < -roundOff) {
          throw new IllegalStateException(
              "master LP unbounded (reduced cost "
                  + z[enter]
                  + "): the box on multipliers is open");
        }
        setAside[enter] = true;
        continue;
      }
      pivot(t, leave, enter);
      double f = z[enter];
      for (int j = 0; j < cols; j++) {
        z[j] -= f * t[leave][j];
      }
      basis[leave] = enter;
    }
    double[] w = new double[columns];
    double[] unmet = new double[m];
    double value = 0;
    for (int i = 0; i < rows; i++) {
      double v = Math.max(0, t[i][rhs]);
      int j = basis[i];
      value += c[j] * v;
      if (j < columns) {
        w[j] = v;
      } else if (j < columns + m) {
        unmet[j - columns] = v;
      }
    }
    double[] lambda = new double[m];
    for (int i = 0; i < m; i++) {
      lambda[i] = Math.clamp(hi[i] - z[columns + i], lo[i], hi[i]);
    }
    return new Solution(w, unmet, lambda, value);
  }

  /** Refuses inputs the simplex cannot take: sizes that disagree, non-finite numbers, hi < lo. */
  private static void check(
      int columns,
      int[] group,
      int groups,
      double[] cost,
      double[][] delivery,
      double[] r,
      double[] lo,
      double[] hi) {
    int m = r.length;
    if (columns < 1
        || group.length < columns
        || cost.length < columns
        || delivery.length < columns) {
      throw new IllegalStateException("the master needs at least one column and its data");
    }
    if (lo.length != m || hi.length != m) {
      throw new IllegalStateException("the master needs a box side per row");
    }
    for (int k = 0; k < columns; k++) {
      if (!Double.isFinite(cost[k])) {
        throw new IllegalStateException("column " + k + " of the master costs " + cost[k]);
      }
      if (group[k] < 0 || group[k] >= groups) {
        throw new IllegalStateException("column " + k + " is in group " + group[k]);
      }
      for (int i = 0; i < m; i++) {
        if (!Double.isFinite(delivery[k][i])) {
          throw new IllegalStateException(
              "column " + k + " of the master delivers " + delivery[k][i] + " in row " + i);
        }
      }
    }
    for (int i = 0; i < m; i++) {
      if (!Double.isFinite(r[i]) || !Double.isFinite(lo[i]) || !Double.isFinite(hi[i])) {
        throw new IllegalStateException(
            "row " + i + " of the master: need " + r[i] + ", box [" + lo[i] + ", " + hi[i] + "]");
      }
      if (hi[i] < lo[i]) {
        throw new IllegalStateException(
            "row " + i + " of the master: box [" + lo[i] + ", " + hi[i] + "] is empty");
      }
    }
  }

  private static double maxAbs(double[] x) {
    double m = 0;
    for (double v : x) {
      m = Math.max(m, Math.abs(v));
    }
    return m;
  }

  private static void pivot(double[][] t, int row, int col) {
    double[] p = t[row];
    double inv = 1 / p[col];
    for (int j = 0; j < p.length; j++) {
      p[j] *= inv;
    }
    p[col] = 1;
    for (int i = 0; i < t.length; i++) {
      if (i == row) {
        continue;
      }
      double f = t[i][col];
      if (f != 0) {
        double[] q = t[i];
        for (int j = 0; j < q.length; j++) {
          q[j] -= f * p[j];
        }
        q[col] = 0;
      }
    }
  }
}
