package org.openvpp.plan;

/**
 * The exact optimum of one battery's linear program, by dynamic programming over piecewise-linear
 * convex value functions: the fast per-device solver of {@link FleetPlanner}.
 *
 * <p>The problem. Over intervals {@code k = 1..T} of {@code h} hours, choose charge {@code c_k ∈
 * [0, C]} and discharge {@code d_k ∈ [0, D]} (kW at the grid) to minimise {@code Σ (a_k + g)·c_k +
 * (g − a_k)·d_k}, where {@code a_k} is the cost of holding one kW of net load through interval
 * {@code k} and {@code g} the wear cost of one kW of throughput through one interval, subject to
 * the energy held {@code e_k = e_{k−1} + h·(η_c·c_k − d_k/η_d)} staying in {@code [L, U]} and
 * {@code e_T ≥ F}. Charge and discharge may both be positive in one interval, as in the LP.
 *
 * <p>The method. Let {@code V_k(e)} be the least cost of intervals {@code k+1..T} starting from
 * {@code e}. {@code V_T} is 0 on {@code [max(L, F), U]}. The cost of interval {@code k} as a
 * function of the change {@code Δ} of energy held, {@code f_k(Δ)}, is the minimum over {@code (c,
 * d)} with {@code h·(η_c·c − d/η_d) = Δ}: an infimal convolution of a charging piece (slope {@code
 * s_c = (a+g)/(h·η_c)} per kWh stored, length {@code h·η_c·C}) and a discharging piece (slope
 * {@code s_d = (a−g)·η_d/h}, length {@code h·D/η_d}), so convex and piecewise linear with those two
 * slopes in increasing order (when {@code s_d > s_c}, which only very negative prices cause,
 * charging and discharging at once pays, and the order of the pieces says so). Then {@code
 * V_{k−1}(e) = min_Δ f_k(Δ) + V_k(e+Δ)} is again an infimal convolution: its breakpoints are the
 * union of {@code V_k}'s and {@code f_k}'s, its slopes the merged sorted list, restricted to {@code
 * [L, U]}. A value function is held as its left end, the value there, and its segments (length,
 * slope) by increasing slope; a step inserts two segments and trims the ends, so the work is {@code
 * O(T·S)} with {@code S} the number of segments, which stays small because the domain is only
 * {@code U − L} wide and equal slopes (a price held for four quarter hours) merge. The forward pass
 * then walks from {@code e_0}: in each interval it moves to the minimiser of the convex function
 * {@code f_k(e' − e) + V_k(e')}, found from the slopes of {@code V_k} against the two slopes of
 * {@code f_k}, clamped to what power allows. Every step is exact (no discretisation of the state),
 * so the plan is an optimum of the LP up to rounding. Ties are broken towards doing less.
 *
 * <p>Threads: an instance holds scratch arrays; use one per thread.
 */
final class StorageDp {

  private final int n;
  private final double h;
  // Value function V_k for k = 1..n: left end, value there, and its segments in seg*[start,
  // +count).
  private final double[] lo;
  private final double[] vlo;
  private final int[] start;
  private final int[] count;
  private double[] segLen = new double[1024];
  private double[] segSlope = new double[1024];
  private double[] tmpLen = new double[64];
  private double[] tmpSlope = new double[64];

  StorageDp(int intervals, double hours) {
    this.n = intervals;
    this.h = hours;
    lo = new double[n + 1];
    vlo = new double[n + 1];
    start = new int[n + 1];
    count = new int[n + 1];
  }

  /**
   * Solves one battery and writes its charge and discharge (kW) into {@code charge[offset..]} and
   * {@code discharge[offset..]}.
   *
   * @param cost {@code a_k} for each interval: currency per kW of net load held through it
   * @param wear {@code g}: currency per kW of charge or discharge held through one interval
   */
  void solve(
      double capacity,
      double floor,
      double cmax,
      double dmax,
      double etaC,
      double etaD,
      double initial,
      double finalMin,
      double[] cost,
      double wear,
      double[] charge,
      double[] discharge,
      int offset) {
    double lc = h * etaC * cmax;
    double ld = h * dmax / etaD;
    // V_n: zero on [max(floor, finalMin), capacity].
    int pos = 0;
    lo[n] = Math.max(floor, finalMin);
    vlo[n] = 0;
    start[n] = 0;
    double width = capacity - lo[n];
    if (width > 0) {
      segLen[0] = width;
      segSlope[0] = 0;
      count[n] = 1;
      pos = 1;
    } else {
      count[n] = 0;
    }
    for (int k = n; k >= 2; k--) {
      double a = cost[k - 1];
      double sc = (a + wear) / (h * etaC);
      double sd = (a - wear) * etaD / h;
      // The pieces of f̂(x) = f(−x), x = −Δ: charging has slope −sc, discharging −sd.
      double p1Len = lc;
      double p1Slope = -sc;
      double p2Len = ld;
      double p2Slope = -sd;
      if (p2Slope < p1Slope) {
        double t = p1Len;
        p1Len = p2Len;
        p2Len = t;
        t = p1Slope;
        p1Slope = p2Slope;
        p2Slope = t;
      }
      int m = merge(start[k], count[k], p1Len, p1Slope, p2Len, p2Slope);
      double left = lo[k] - lc;
      double value = vlo[k] + (a + wear) * cmax;
      // Trim to [floor, capacity].
      int i = 0;
      double need = floor - left;
      if (need > 0) {
        while (i < m && tmpLen[i] <= need) {
          value += tmpSlope[i] * tmpLen[i];
          need -= tmpLen[i];
          i++;
        }
        if (i < m) {
          value += tmpSlope[i] * need;
          tmpLen[i] -= need;
        }
        left = floor;
      }
      double total = 0;
      for (int j = i; j < m; j++) {
        total += tmpLen[j];
      }
      double excess = left + total - capacity;
      int end = m;
      while (excess > 0 && end > i) {
        double l = tmpLen[end - 1];
        if (l <= excess) {
          excess -= l;
          end--;
        } else {
          tmpLen[end - 1] = l - excess;
          excess = 0;
        }
      }
      if (pos + (end - i) > segLen.length) {
        int grow = Math.max(segLen.length * 2, pos + (end - i));
        segLen = java.util.Arrays.copyOf(segLen, grow);
        segSlope = java.util.Arrays.copyOf(segSlope, grow);
      }
      start[k - 1] = pos;
      count[k - 1] = end - i;
      System.arraycopy(tmpLen, i, segLen, pos, end - i);
      System.arraycopy(tmpSlope, i, segSlope, pos, end - i);
      pos += end - i;
      lo[k - 1] = left;
      vlo[k - 1] = value;
    }
    // Forward: from e_0, move to the minimiser of f_k(e' − e) + V_k(e') in each interval.
    double e = initial;
    for (int k = 1; k <= n; k++) {
      double a = cost[k - 1];
      double sc = (a + wear) / (h * etaC);
      double sd = (a - wear) * etaD / h;
      int s = start[k];
      int c = count[k];
      double target;
      double ch;
      double dis;
      if (sd <= sc) {
        double xc = argminLeast(k, s, c, sc);
        if (xc > e) {
          target = Math.min(xc, e + lc);
        } else {
          double xd = argminMost(k, s, c, sd);
          target = xd < e ? Math.max(xd, e - ld) : e;
        }
        double delta = target - e;
        if (delta >= 0) {
          ch = lc > 0 ? delta / (h * etaC) : 0;
          dis = 0;
        } else {
          ch = 0;
          dis = -delta * etaD / h;
        }
      } else {
        // Charging and discharging at once pays: f has slope sc up to the kink at lc − ld, then sd.
        double kink = e + lc - ld;
        double xr = argminLeast(k, s, c, sd);
        if (xr > kink) {
          target = Math.min(xr, e + lc);
        } else {
          double xl = argminMost(k, s, c, sc);
          target = xl < kink ? Math.max(xl, e - ld) : kink;
        }
        double delta = target - e;
        dis = Math.min(dmax, etaD * (lc - delta) / h);
        ch = lc > 0 ? (delta + h * dis / etaD) / (h * etaC) : 0;
      }
      ch = Math.clamp(ch, 0, cmax);
      dis = Math.clamp(dis, 0, dmax);
      charge[offset + k - 1] = ch;
      discharge[offset + k - 1] = dis;
      e += h * (etaC * ch - dis / etaD);
    }
  }

  /** The least minimiser of {@code V_k(x) + σ·x}. */
  private double argminLeast(int k, int s, int c, double sigma) {
    double x = lo[k];
    for (int j = s; j < s + c && segSlope[j] + sigma < 0; j++) {
      x += segLen[j];
    }
    return x;
  }

  /** The greatest minimiser of {@code V_k(x) + σ·x}. */
  private double argminMost(int k, int s, int c, double sigma) {
    double x = lo[k];
    for (int j = s; j < s + c && segSlope[j] + sigma <= 0; j++) {
      x += segLen[j];
    }
    return x;
  }

  /**
   * Merges the segments of V (at {@code seg*[s, s+c)}) with two pieces of increasing slope into
   * {@code tmp*}, joining equal slopes and dropping empty pieces; returns the count.
   */
  private int merge(int s, int c, double l1, double s1, double l2, double s2) {
    if (tmpLen.length < c + 2) {
      tmpLen = new double[2 * (c + 2)];
      tmpSlope = new double[2 * (c + 2)];
    }
    int m = 0;
    int j = s;
    int end = s + c;
    int piece = 0;
    while (j < end || piece < 2) {
      double len;
      double slope;
      if (piece < 2 && (j >= end || (piece == 0 ? s1 : s2) < segSlope[j])) {
        len = piece == 0 ? l1 : l2;
        slope = piece == 0 ? s1 : s2;
        piece++;
      } else {
        len = segLen[j];
        slope = segSlope[j];
        j++;
      }
      if (len <= 0) {
        continue;
      }
      if (m > 0 && tmpSlope[m - 1] == slope) {
        tmpLen[m - 1] += len;
      } else {
        tmpLen[m] = len;
        tmpSlope[m] = slope;
        m++;
      }
    }
    return m;
  }
}
