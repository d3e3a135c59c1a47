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
 * slope) by increasing slope; a step copies them into a second buffer with the two new segments in
 * place, then trims the ends, so the work is {@code O(T·S)} with {@code S} the number of segments,
 * which stays small because the domain is only {@code U − L} wide and equal slopes (a price held
 * for four quarter hours) merge. No value function is kept: the forward pass needs from {@code V_k}
 * only two points, the least minimiser of {@code V_k(x) + s_c·x} and the greatest of {@code V_k(x)
 * + s_d·x} (with the slopes swapped when {@code s_d > s_c}), recorded as the backward pass goes, so
 * the scratch stays in two small buffers and the cache. The forward pass then walks from {@code
 * e_0}: in each interval it moves to the minimiser of the convex function {@code f_k(e' − e) +
 * V_k(e')}, which lies between those two points, clamped to what power allows. Every step is exact
 * (no discretisation of the state), so the plan is an optimum of the LP up to rounding. Ties are
 * broken towards doing less.
 *
 * <p>Solving one battery at several costs that differ only up to some interval (the multipliers of
 * event intervals), the part of the backward pass after it is done once: {@link #keepFrom}.
 *
 * <p>Threads: an instance holds scratch arrays; use one per thread.
 */
final class StorageDp {

  private final int n;
  private final double h;
  // The current value function: its segments (length, slope) in len/slope[0, count), and the
  // buffers the next one is merged into; swapped at each step.
  private double[] len;
  private double[] slope;
  private double[] nextLen;
  private double[] nextSlope;
  // For each interval k, the two points of V_k the forward pass needs (see solve).
  private final double[] first;
  private final double[] second;
  private final double[] chargeSlope;
  private final double[] dischargeSlope;
  // A copy of V_keepAt from the last solve that did not resume: see keepFrom.
  private int keepAt = -1;
  private final double[] keptLen;
  private final double[] keptSlope;
  private int keptCount;
  private double keptLo;
  private double keptValue;
  private double keptTotal;

  StorageDp(int intervals, double hours) {
    this.n = intervals;
    this.h = hours;
    int most = 2 * intervals + 8;
    len = new double[most];
    slope = new double[most];
    nextLen = new double[most];
    nextSlope = new double[most];
    first = new double[n + 1];
    second = new double[n + 1];
    chargeSlope = new double[n + 1];
    dischargeSlope = new double[n + 1];
    keptLen = new double[most];
    keptSlope = new double[most];
  }

  /**
   * Declares that the costs of intervals {@code from..n−1} (from 0) are the same in every call:
   * each solve that does not resume then keeps {@code V_from}, and one that resumes (the same
   * battery again, other costs before {@code from}) starts from it, saving that much of the
   * backward pass.
   */
  void keepFrom(int from) {
    keepAt = from >= 1 && from <= n ? from : -1;
  }

  /**
   * As {@link #solve(double, double, double, double, double, double, double, double, double[],
   * double, double[], double[], int, boolean)}, from scratch.
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
    solve(
        capacity, floor, cmax, dmax, etaC, etaD, initial, finalMin, cost, wear, charge, discharge,
        offset, false);
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
      int offset,
      boolean resume) {
    double lc = h * etaC * cmax;
    double ld = h * dmax / etaD;
    double perStored = 1 / (h * etaC);
    double perGiven = etaD / h;
    // V_n: zero on [max(floor, finalMin), capacity].
    double lo = Math.max(floor, finalMin);
    double vlo = 0;
    double total = capacity - lo;
    int count = 0;
    if (total > 0) {
      len[0] = total;
      slope[0] = 0;
      count = 1;
    } else {
      total = 0;
    }
    int from = n;
    if (resume && keepAt > 0) {
      from = keepAt;
      count = keptCount;
      System.arraycopy(keptLen, 0, len, 0, count);
      System.arraycopy(keptSlope, 0, slope, 0, count);
      lo = keptLo;
      vlo = keptValue;
      total = keptTotal;
    }
    for (int k = from; k >= 1; k--) {
      if (k == keepAt && !resume) {
        keptCount = count;
        System.arraycopy(len, 0, keptLen, 0, count);
        System.arraycopy(slope, 0, keptSlope, 0, count);
        keptLo = lo;
        keptValue = vlo;
        keptTotal = total;
      }
      double a = cost[k - 1];
      double sc = (a + wear) * perStored;
      double sd = (a - wear) * perGiven;
      chargeSlope[k] = sc;
      dischargeSlope[k] = sd;
      double[] ln = len;
      double[] sl = slope;
      // The two minimisers the forward pass needs in interval k, from V_k's slopes: when sd ≤ sc,
      // the least of V_k + sc·x and then the greatest of V_k + sd·x; otherwise the same with the
      // slopes swapped.
      double lower = sd <= sc ? sc : sd;
      double upper = sd <= sc ? sd : sc;
      int j = 0;
      double x = lo;
      while (j < count && sl[j] + lower < 0) {
        x += ln[j++];
      }
      first[k] = x;
      while (j < count && sl[j] + upper <= 0) {
        x += ln[j++];
      }
      second[k] = x;
      if (k == 1) {
        break;
      }
      // V_{k−1} = V_k merged with the pieces of f̂(x) = f(−x), x = −Δ (charging has slope −sc,
      // discharging −sd) by slope, then trimmed to [floor, capacity]: it starts lc left of V_k.
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
      double[] ol = nextLen;
      double[] os = nextSlope;
      int out = 0;
      j = 0;
      while (j < count && sl[j] <= s1) {
        ol[out] = ln[j];
        os[out++] = sl[j++];
      }
      if (l1 > 0) {
        if (out > 0 && os[out - 1] == s1) {
          ol[out - 1] += l1;
        } else {
          ol[out] = l1;
          os[out++] = s1;
        }
        total += l1;
      }
      while (j < count && sl[j] <= s2) {
        ol[out] = ln[j];
        os[out++] = sl[j++];
      }
      if (l2 > 0) {
        if (out > 0 && os[out - 1] == s2) {
          ol[out - 1] += l2;
        } else {
          ol[out] = l2;
          os[out++] = s2;
        }
        total += l2;
      }
      while (j < count) {
        ol[out] = ln[j];
        os[out++] = sl[j++];
      }
      // Trim on the left to the floor, adding the value of what is cut...
      double start = lo - lc;
      double value = vlo + (a + wear) * cmax;
      int head = 0;
      while (start < floor && head < out) {
        double cut = Math.min(ol[head], floor - start);
        value += os[head] * cut;
        start += cut;
        total -= cut;
        ol[head] -= cut;
        if (ol[head] > 0) {
          break;
        }
        head++;
      }
      // ...and on the right to the capacity.
      double excess = start + total - capacity;
      while (excess > 0 && out > head) {
        double last = ol[out - 1];
        if (last <= excess) {
          excess -= last;
          total -= last;
          out--;
        } else {
          ol[out - 1] = last - excess;
          total -= excess;
          break;
        }
      }
      count = out - head;
      if (head > 0) {
        System.arraycopy(ol, head, ol, 0, count);
        System.arraycopy(os, head, os, 0, count);
      }
      nextLen = ln;
      nextSlope = sl;
      len = ol;
      slope = os;
      lo = Math.max(lo - lc, floor);
      vlo = value;
    }
    // Forward: from e_0, move to the minimiser of f_k(e' − e) + V_k(e') in each interval.
    double e = initial;
    for (int k = 1; k <= n; k++) {
      double sc = chargeSlope[k];
      double sd = dischargeSlope[k];
      double target;
      double ch;
      double dis;
      if (sd <= sc) {
        double x = first[k];
        if (x > e) {
          target = Math.min(x, e + lc);
        } else {
          x = second[k];
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
        double x = first[k];
        if (x > kink) {
          target = Math.min(x, e + lc);
        } else {
          x = second[k];
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
