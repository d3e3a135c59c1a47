package org.openvpp.finance;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.openvpp.units.Money;

/**
 * NPV, IRR and payback of yearly cash flows, the first in year 0 (now, not discounted), each later
 * one at the end of its year.
 *
 * <p>NPV is exact decimal arithmetic (34 significant digits) rounded once, to the cent, so it can
 * be checked by hand. IRR is found in doubles, robustly rather than fast: NPV(r) is evaluated on a
 * grid of rates from −99 % to 10,000 % (steps of one point up to 100 %, then of 5 %), every
 * interval where it changes sign is bisected to 10⁻¹³, and the rate is reported to six decimals.
 * Exactly one root is an IRR; none, or several (cash flows that change sign more than once can have
 * several), is an {@link Irr.None} that says so. Two roots within one grid step would be missed;
 * for a project's cash flows that does not happen.
 */
public final class Returns {
  private static final MathContext EXACT = MathContext.DECIMAL128;
  private static final double[] GRID = grid();

  private Returns() {}

  /** The net present value at {@code rate} a year, to the cent. */
  public static Money npv(List<Money> flows, BigDecimal rate) {
    if (flows.isEmpty()) {
      throw new IllegalArgumentException("npv: no cash flows");
    }
    if (rate.compareTo(BigDecimal.ONE.negate()) <= 0) {
      throw new IllegalArgumentException(
          "npv: the rate must be more than -1 (-100 %), was " + rate.toPlainString());
    }
    BigDecimal growth = BigDecimal.ONE.add(rate);
    BigDecimal factor = BigDecimal.ONE;
    Money sum = Money.zero(flows.get(0).currency());
    for (Money flow : flows) {
      sum = sum.plus(new Money(flow.amount().divide(factor, EXACT), flow.currency()));
      factor = factor.multiply(growth);
    }
    return sum.rounded();
  }

  /** The internal rate of return: the rate at which {@link #npv} is zero, if exactly one. */
  public static Irr irr(List<Money> flows) {
    double[] cf = new double[flows.size()];
    boolean negative = false;
    boolean positive = false;
    for (int t = 0; t < cf.length; t++) {
      cf[t] = flows.get(t).amount().doubleValue();
      negative |= cf[t] < 0;
      positive |= cf[t] > 0;
    }
    if (!positive) {
      return new Irr.None("no IRR: cash flows never turn positive");
    }
    if (!negative) {
      return new Irr.None("no IRR: cash flows are never negative (nothing is invested)");
    }
    List<Double> roots = new ArrayList<>();
    double lo = GRID[0];
    double atLo = npv(cf, lo);
    if (atLo == 0) {
      roots.add(lo);
    }
    for (int i = 1; i < GRID.length; i++) {
      double hi = GRID[i];
      double atHi = npv(cf, hi);
      if (atHi == 0) {
        roots.add(hi);
      } else if (atLo != 0 && (atLo < 0) != (atHi < 0)) {
        roots.add(bisect(cf, lo, atLo, hi));
      }
      lo = hi;
      atLo = atHi;
    }
    if (roots.isEmpty()) {
      return new Irr.None("no IRR between -99 % and 10,000 %");
    }
    if (roots.size() > 1) {
      List<String> rates = new ArrayList<>();
      for (double r : roots) {
        rates.add(String.format(Locale.ROOT, "%.2f %%", r * 100));
      }
      return new Irr.None(
          "no single IRR: NPV is zero at "
              + String.join(" and ", rates)
              + " (the cash flows change sign more than once); judge by NPV");
    }
    return new Irr.Rate(BigDecimal.valueOf(roots.get(0)).setScale(6, RoundingMode.HALF_EVEN));
  }

  /**
   * The years until the cumulative cash flow first reaches zero, counting each year's flow as
   * spread evenly over it (2.5: halfway through year 3), to two decimals; 0 when nothing is
   * invested, empty when it is never reached.
   */
  public static Optional<BigDecimal> payback(List<Money> flows) {
    if (flows.isEmpty()) {
      throw new IllegalArgumentException("payback: no cash flows");
    }
    BigDecimal cumulative = flows.get(0).amount();
    if (cumulative.signum() >= 0) {
      return Optional.of(BigDecimal.ZERO.setScale(2));
    }
    for (int t = 1; t < flows.size(); t++) {
      BigDecimal before = cumulative;
      BigDecimal flow = flows.get(t).amount();
      cumulative = cumulative.add(flow);
      if (cumulative.signum() >= 0) {
        // before < 0 <= before + flow, so flow > 0
        BigDecimal part = before.negate().divide(flow, EXACT);
        return Optional.of(
            BigDecimal.valueOf(t - 1L).add(part).setScale(2, RoundingMode.HALF_EVEN));
      }
    }
    return Optional.empty();
  }

  private static double npv(double[] cf, double rate) {
    double discount = 1 / (1 + rate);
    double factor = 1;
    double sum = 0;
    for (double flow : cf) {
      sum += flow * factor;
      factor *= discount;
    }
    return sum;
  }

  /** A root of NPV in [lo, hi], where NPV changes sign. */
  private static double bisect(double[] cf, double from, double atFrom, double to) {
    double lo = from;
    double atLo = atFrom;
    double hi = to;
    for (int i = 0; i < 200 && hi - lo > 1e-13; i++) {
      double mid = (lo + hi) / 2;
      double atMid = npv(cf, mid);
      if (atMid == 0) {
        return mid;
      }
      if ((atMid < 0) == (atLo < 0)) {
        lo = mid;
        atLo = atMid;
      } else {
        hi = mid;
      }
    }
    return (lo + hi) / 2;
  }

  /** −0.99 to 1 by 0.01, then up by 5 % a step to 100. */
  private static double[] grid() {
    List<Double> rates = new ArrayList<>();
    for (int i = -99; i <= 100; i++) {
      rates.add(i / 100.0);
    }
    for (double r = 1.05; r <= 100; r *= 1.05) {
      rates.add(r);
    }
    double[] g = new double[rates.size()];
    for (int i = 0; i < g.length; i++) {
      g[i] = rates.get(i);
    }
    return g;
  }
}
