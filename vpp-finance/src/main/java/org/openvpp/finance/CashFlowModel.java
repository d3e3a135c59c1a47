package org.openvpp.finance;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.openvpp.units.Money;

/**
 * A project's yearly cash flows under one {@link Case}.
 *
 * <p>Design note. Each line of each year is computed exactly from the project's figures and then
 * rounded once to the cent (half-even, as {@link Money#rounded()}); every total (EBITDA, the cash
 * flows) is a sum of those rounded lines, so the table adds up to the cent and a hand calculation
 * from the printed lines gives the same NPV. The order within a year, which the formulas in
 * docs/finance.md follow:
 *
 * <ol>
 *   <li>augmentation at the start of an augmentation year brings the capacity back to 1, at a cost
 *       for the kWh lost so far;
 *   <li>revenue = year-1 revenue × price factor × (1 + revenue escalation)^(y−1) × capacity;
 *   <li>host payments (a lease escalating on its own, or a share of this revenue), O&amp;M, EBITDA;
 *   <li>the loan: interest on the balance at the start of the year, principal the level annuity
 *       less interest, the last year's principal whatever balance is left (so it is repaid to the
 *       cent);
 *   <li>tax, twice: on the equity's income (EBITDA − interest − depreciation) and on the unlevered
 *       project's (EBITDA − depreciation), each with its own carried loss;
 *   <li>capacity falls by the degradation rate, linearly, never below 0.
 * </ol>
 *
 * <p>Stateless and without side effects; safe from any thread.
 */
final class CashFlowModel {
  private static final BigDecimal TWELVE = BigDecimal.valueOf(12);
  private static final BigDecimal HALF = new BigDecimal("0.5");

  private CashFlowModel() {}

  static Outcome run(Project p, Money nominalRevenue, Case c) {
    Money zero = Money.zero(Money.USD);
    Project.Fleet fleet = p.fleet();
    int years = p.years();

    Money investment = p.capital().total(fleet).times(c.capital()).rounded();
    Money loan = p.debt().map(d -> investment.times(d.share()).rounded()).orElse(zero);
    Money credit = p.tax().map(t -> investment.times(t.itc()).rounded()).orElse(zero);
    List<Money> depreciation = depreciation(p, investment.minus(credit.times(HALF)).rounded());
    List<Service> debtService = debtService(p, loan);

    List<Year> rows = new ArrayList<>();
    rows.add(
        new Year(
            0,
            BigDecimal.ONE,
            investment,
            loan,
            zero,
            zero,
            zero,
            zero,
            zero,
            zero,
            zero,
            zero,
            zero,
            zero,
            loan.minus(investment),
            investment.negate(),
            Optional.empty()));

    Set<Integer> augmented =
        new HashSet<>(p.augmentation().map(Project.Augmentation::years).orElse(List.of()));
    Money augmentationPerKwh =
        p.augmentation().map(a -> a.perKwh().times(c.capital())).orElse(zero);
    BigDecimal loss = p.degradationPerYear().multiply(c.degradation());
    BigDecimal capacity = BigDecimal.ONE;
    TaxLedger equityTax = new TaxLedger(p.tax());
    TaxLedger projectTax = new TaxLedger(p.tax());

    for (int y = 1; y <= years; y++) {
      Money augmentation = zero;
      if (augmented.contains(y) && capacity.compareTo(BigDecimal.ONE) < 0) {
        augmentation =
            augmentationPerKwh
                .times(BigDecimal.ONE.subtract(capacity).multiply(fleet.kwh()))
                .rounded();
        capacity = BigDecimal.ONE;
      }
      Money revenue =
          nominalRevenue
              .times(c.prices())
              .times(growth(p.revenue().escalation(), y))
              .times(capacity)
              .rounded();
      Money host =
          switch (p.host()) {
            case Project.Lease lease ->
                lease
                    .perHomeMonth()
                    .times(TWELVE)
                    .times(fleet.homes())
                    .times(growth(lease.escalation(), y))
                    .rounded();
            case Project.RevenueShare share -> revenue.times(share.share()).rounded();
          };
      Money om =
          p.om().perHomeYear().times(fleet.homes()).times(growth(p.om().escalation(), y)).rounded();
      Money ebitda = revenue.minus(host).minus(om).minus(augmentation);

      Money interest = debtService.get(y - 1).interest();
      Money principal = debtService.get(y - 1).principal();
      Money dep = depreciation.get(y - 1);
      Money tax = equityTax.on(ebitda.minus(interest).minus(dep));
      Money unleveredTax = projectTax.on(ebitda.minus(dep));
      Money yearCredit = y == 1 ? credit : zero;
      Money service = interest.plus(principal);
      Optional<BigDecimal> dscr =
          service.signum() > 0
              ? Optional.of(
                  ebitda.minus(tax).amount().divide(service.amount(), 4, RoundingMode.HALF_EVEN))
              : Optional.empty();
      rows.add(
          new Year(
              y,
              capacity,
              zero,
              zero,
              revenue,
              host,
              om,
              augmentation,
              ebitda,
              interest,
              principal,
              dep,
              tax,
              yearCredit,
              ebitda.minus(service).minus(tax).plus(yearCredit),
              ebitda.minus(unleveredTax).plus(yearCredit),
              dscr));
      capacity = capacity.subtract(loss).max(BigDecimal.ZERO);
    }

    List<Money> equity = rows.stream().map(Year::equityCashFlow).toList();
    List<Money> project = rows.stream().map(Year::projectCashFlow).toList();
    return new Outcome(
        c,
        rows,
        Returns.npv(equity, p.discountRate()),
        Returns.npv(project, p.discountRate()),
        Returns.irr(equity),
        Returns.irr(project),
        Returns.payback(equity),
        Returns.payback(project),
        coverage(rows));
  }

  /** (1 + rate)^(year − 1), exact. */
  private static BigDecimal growth(BigDecimal rate, int year) {
    return BigDecimal.ONE.add(rate).pow(year - 1);
  }

  /**
   * Straight-line depreciation of {@code basis} for each year of the project: equal amounts to the
   * cent, the last of the depreciation years taking what rounding left; nothing after it (nor, when
   * the depreciation runs past the project's end, for the years after the end).
   */
  private static List<Money> depreciation(Project p, Money basis) {
    Money zero = Money.zero(Money.USD);
    List<Money> out = new ArrayList<>();
    if (p.tax().isEmpty()) {
      for (int y = 1; y <= p.years(); y++) {
        out.add(zero);
      }
      return out;
    }
    int n = p.tax().get().depreciationYears();
    Money each =
        new Money(
            basis.amount().divide(BigDecimal.valueOf(n), 2, RoundingMode.HALF_EVEN), Money.USD);
    for (int y = 1; y <= p.years(); y++) {
      out.add(y < n ? each : y == n ? basis.minus(each.times(n - 1L)) : zero);
    }
    return out;
  }

  /**
   * Interest and principal of each year of the project: a level annuity, payment = loan × r / (1 −
   * (1 + r)^−n) to the cent (loan / n when r is 0).
   */
  private static List<Service> debtService(Project p, Money loan) {
    Money zero = Money.zero(Money.USD);
    List<Service> out = new ArrayList<>();
    if (p.debt().isEmpty() || loan.isZero()) {
      for (int y = 1; y <= p.years(); y++) {
        out.add(new Service(zero, zero));
      }
      return out;
    }
    Project.Debt d = p.debt().get();
    int n = d.years();
    BigDecimal r = d.rate();
    BigDecimal payment;
    if (r.signum() == 0) {
      payment = loan.amount().divide(BigDecimal.valueOf(n), 2, RoundingMode.HALF_EVEN);
    } else {
      BigDecimal discount =
          BigDecimal.ONE.divide(BigDecimal.ONE.add(r).pow(n), MathContext.DECIMAL128);
      payment =
          loan.amount()
              .multiply(r)
              .divide(BigDecimal.ONE.subtract(discount), 2, RoundingMode.HALF_EVEN);
    }
    Money balance = loan;
    for (int y = 1; y <= p.years(); y++) {
      if (y > n) {
        out.add(new Service(zero, zero));
        continue;
      }
      Money interest = balance.times(r).rounded();
      Money principal = new Money(payment, Money.USD).minus(interest);
      if (y == n || principal.compareTo(balance) > 0) {
        principal = balance;
      }
      balance = balance.minus(principal);
      out.add(new Service(interest, principal));
    }
    return out;
  }

  private static Optional<Outcome.Coverage> coverage(List<Year> rows) {
    BigDecimal min = null;
    int minYear = 0;
    BigDecimal sum = BigDecimal.ZERO;
    int count = 0;
    for (Year y : rows) {
      if (y.dscr().isEmpty()) {
        continue;
      }
      BigDecimal d = y.dscr().get();
      if (min == null || d.compareTo(min) < 0) {
        min = d;
        minYear = y.year();
      }
      sum = sum.add(d);
      count++;
    }
    if (min == null) {
      return Optional.empty();
    }
    return Optional.of(
        new Outcome.Coverage(
            min, minYear, sum.divide(BigDecimal.valueOf(count), 4, RoundingMode.HALF_EVEN)));
  }

  /** One year's debt service. */
  private record Service(Money interest, Money principal) {}

  /** The tax of each year in turn, keeping the loss carried forward. */
  private static final class TaxLedger {
    private final Optional<Project.Tax> tax;
    private BigDecimal carried = BigDecimal.ZERO;

    TaxLedger(Optional<Project.Tax> tax) {
      this.tax = tax;
    }

    Money on(Money income) {
      if (tax.isEmpty()) {
        return Money.zero(Money.USD);
      }
      Project.Tax t = tax.get();
      BigDecimal taxable =
          switch (t.losses()) {
            case CARRY_FORWARD -> {
              BigDecimal net = income.amount().subtract(carried);
              carried = net.signum() < 0 ? net.negate() : BigDecimal.ZERO;
              yield net.max(BigDecimal.ZERO);
            }
            case OFFSET -> income.amount();
            case LOST -> income.amount().max(BigDecimal.ZERO);
          };
      return new Money(taxable.multiply(t.rate()), Money.USD).rounded();
    }
  }
}
