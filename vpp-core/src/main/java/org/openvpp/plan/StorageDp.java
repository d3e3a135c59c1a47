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
  private final double[] chargeSlope;
  private final double[] dischargeSlope;

  StorageDp(int intervals, double hours) {
    this.n = intervals;
    this.h = hours;
    lo = new double[n + 1];
    vlo = new double[n + 1];
    start = new int[n + 1];
    count = new int[n + 1];
    chargeSlope = new double[n + 1];
    dischargeSlope = new double[n + 1];
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
    double perStored = 1 / (h * etaC);
    double perGiven = etaD / h;
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
      double sc = (a + wear) * perStored;
      double sd = (a - wear) * perGiven;
      chargeSlope[k] = sc;
      dischargeSlope[k] = sd;
      // The pieces of f̂(x) = f(−x), x = −Δ: charging has slope −sc, discharging −sd.
      double l1 = lc;
      double s1 = -sc;
      double l2 = ld;
      double s2 = -sd;
      if (s2 < s1) {
        l1 = ld;
        s1 = -sd;
        l2 = lc;
        s2 = -sc;
      }
      int from = start[k];
      int end = from + count[k];
      if (pos + count[k] + 2 > segLen.length) {
        int grow = Math.max(segLen.length * 2, pos + count[k] + 2);
        segLen = java.util.Arrays.copyOf(segLen, grow);
        segSlope = java.util.Arrays.copyOf(segSlope, grow);
      }
      double[] len = segLen;
      double[] slope = segSlope;
      // Merge V_k's segments with the two pieces by slope, trimming to [floor, capacity] as they
      // are written: V_{k−1} starts lc left of V_k.
      double x = lo[k] - lc;
      double value = vlo[k] + (a + wear) * cmax;
      int out = pos;
      int piece = 0;
      int j = from;
      while (j < end || piece < 2) {
        double l;
        double sl;
        if (piece < 2 && (j >= end || (piece == 0 ? s1 : s2) < slope[j])) {
          l = piece == 0 ? l1 : l2;
          sl = piece == 0 ? s1 : s2;
          piece++;
        } else {
          l = len[j];
          sl = slope[j];
          j++;
        }
        if (l <= 0) {
          continue;
        }
        if (x < floor) {
          double cut = Math.min(l, floor - x);
          value += sl * cut;
          x += cut;
          l -= cut;
          if (l <= 0) {
            continue;
          }
        }
        double room = capacity - x;
        if (room <= 0) {
          break;
        }
        if (l > room) {
          l = room;
        }
        if (out > pos && slope[out - 1] == sl) {
          len[out - 1] += l;
        } else {
          len[out] = l;
          slope[out] = sl;
          out++;
        }
        x += l;
      }
      start[k - 1] = pos;
      count[k - 1] = out - pos;
      lo[k - 1] = Math.max(lo[k] - lc, floor);
      vlo[k - 1] = value;
      pos = out;
    }
    chargeSlope[1] = (cost[0] + wear) * perStored;
    dischargeSlope[1] = (cost[0] - wear) * perGiven;
    // Forward: from e_0, move to the minimiser of f_k(e' − e) + V_k(e') in each interval.
    double[] len = segLen;
    double[] slope = segSlope;
    double e = initial;
    for (int k = 1; k <= n; k++) {
      double sc = chargeSlope[k];
      double sd = dischargeSlope[k];
      int j = start[k];
      int end = j + count[k];
      double target;
      double ch;
      double dis;
      if (sd <= sc) {
        // The least minimiser of V_k + sc·x, then (further right) the greatest of V_k + sd·x.
        double x = lo[k];
        while (j < end && slope[j] + sc < 0) {
          x += len[j++];
        }
        if (x > e) {
          target = Math.min(x, e + lc);
        } else {
          while (j < end && slope[j] + sd <= 0) {
            x += len[j++];
          }
          target = x < e ? Math.max(x, e - ld) : e;
        }
        double delta = target - e;
        if (delta >= 0) {
          ch = lc > 0 ? delta * perStored : 0;
          dis = 0;
        } else {
          ch = 0;
          dis = -delta * perGiven;
        }
      } else {
        // Charging and discharging at once pays: f has slope sc up to the kink at lc − ld, then sd.
        double kink = e + lc - ld;
        double x = lo[k];
        while (j < end && slope[j] + sd < 0) {
          x += len[j++];
        }
        if (x > kink) {
          target = Math.min(x, e + lc);
        } else {
          while (j < end && slope[j] + sc <= 0) {
            x += len[j++];
          }
          target = x < kink ? Math.max(x, e - ld) : kink;
        }
        double delta = target - e;
        dis = Math.min(dmax, (lc - delta) * perGiven);
        ch = lc > 0 ? (delta + dis / perGiven) * perStored : 0;
      }
      ch = Math.clamp(ch, 0, cmax);
      dis = Math.clamp(dis, 0, dmax);
      charge[offset + k - 1] = ch;
      discharge[offset + k - 1] = dis;
      e += h * (etaC * ch - dis / etaD);
    }
  }
}
