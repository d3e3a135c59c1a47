package org.openvpp.market;

/**
 * The best day of moves for a store of energy on a grid of levels: dynamic programming backwards
 * over the levels hour by hour, the gain of each move from each level given, the day ending at or
 * above a level. Ties go to the smaller move (moves are tried nearest first). Shared by the
 * market's clearing of storage ({@link StorageClearing}) and the bidder's plan of energy and
 * reserves ({@link CoOptimiser}), which differ only in what a move earns.
 */
final class GridDp {
  /** What moving {@code move} levels from {@code level} in {@code hour} earns; −∞ if it may not. */
  @FunctionalInterface
  interface Gain {
    double of(int hour, int level, int move);
  }

  private GridDp() {}

  /**
   * The best moves, one per hour, from {@code start}.
   *
   * @param size the levels, {@code 0..size−1}
   * @param end the least level the day may end at
   * @param least the most negative move of each hour
   * @param most the most positive move of each hour
   * @param value written with the best day's total gain at {@code value[0]}
   */
  static int[] path(
      int size, int start, int end, int[] least, int[] most, Gain gain, double[] value) {
    int hours = least.length;
    double[] v = new double[size];
    double[] next = new double[size];
    int[][] move = new int[hours][size];
    for (int j = 0; j < size; j++) {
      v[j] = j >= end ? 0 : Double.NEGATIVE_INFINITY;
    }
    for (int h = hours - 1; h >= 0; h--) {
      int reach = Math.max(-least[h], most[h]);
      for (int j = 0; j < size; j++) {
        double best = Double.NEGATIVE_INFINITY;
        int choice = 0;
        for (int r = 0; r <= reach; r++) {
          for (int sign = 1; sign >= -1; sign -= 2) {
            int d = sign * r;
            if ((r == 0 && sign < 0) || d < least[h] || d > most[h] || j + d < 0 || j + d >= size) {
              continue;
            }
            double candidate = gain.of(h, j, d) + v[j + d];
            if (candidate > best + 1e-9) {
              best = candidate;
              choice = d;
            }
          }
        }
        next[j] = best;
        move[h][j] = choice;
      }
      double[] t = v;
      v = next;
      next = t;
    }
    int[] path = new int[hours];
    int j = start;
    for (int h = 0; h < hours; h++) {
      path[h] = move[h][j];
      j += path[h];
    }
    value[0] = v[start];
    return path;
  }
}
