package org.openvpp.server.finance;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.openvpp.finance.Appraisal;
import org.openvpp.finance.Irr;
import org.openvpp.finance.Outcome;
import org.openvpp.finance.Project;
import org.openvpp.finance.Year;
import org.openvpp.units.Money;

/**
 * The appraisal as plain-text tables: the project in a few lines, the yearly cash flows, the
 * returns, and the sensitivity table. Amounts in USD to the cent; a column that would be all zeros
 * for lack of tax or debt is left out.
 */
final class FinanceReport {

  private FinanceReport() {}

  static String text(Appraisal a, String file, String revenueSource) {
    Project p = a.project();
    Outcome base = a.base();
    StringBuilder s = new StringBuilder();
    Project.Fleet f = p.fleet();
    s.append(
        String.format(
            Locale.ROOT,
            "%s: %,d homes, %,d batteries (%s kWh, %s kW), %d years%n",
            file,
            f.homes(),
            f.batteries(),
            number(f.kwh()),
            number(f.kw()),
            p.years()));
    s.append("  revenue      ")
        .append(usd(a.nominalRevenue()))
        .append(" USD in year 1 at nominal capacity (")
        .append(revenueSource)
        .append(")\n");
    s.append("  investment   ").append(usd(base.investment())).append(" USD in year 0");
    p.debt()
        .filter(d -> base.loan().signum() > 0)
        .ifPresent(
            d ->
                s.append(": debt ")
                    .append(usd(base.loan()))
                    .append(" (")
                    .append(percent(d.share()))
                    .append(" at ")
                    .append(percent(d.rate()))
                    .append(" over ")
                    .append(d.years())
                    .append(" years), equity ")
                    .append(usd(base.investment().minus(base.loan()))));
    s.append('\n');
    s.append("  hosts        ")
        .append(
            switch (p.host()) {
              case Project.Lease l ->
                  "a lease of "
                      + usd(l.perHomeMonth())
                      + " USD per home and month"
                      + (l.escalation().signum() == 0
                          ? ""
                          : ", growing " + percent(l.escalation()) + " a year");
              case Project.RevenueShare r -> percent(r.share()) + " of each year's revenue";
            })
        .append("\n\n");

    s.append("Cash flows, USD (costs as positive amounts; cash flows negative when paid out)\n");
    s.append(cashFlows(base));
    s.append('\n');

    s.append("Returns at a discount rate of ").append(percent(p.discountRate())).append('\n');
    s.append(
        table(
            List.of("", "NPV, USD", "IRR", "payback"),
            List.of(
                List.of(
                    "equity",
                    usd(base.equityNpv()),
                    irr(base.equityIrr()),
                    payback(base.equityPayback())),
                List.of(
                    "project",
                    usd(base.projectNpv()),
                    irr(base.projectIrr()),
                    payback(base.projectPayback())))));
    base.coverage()
        .ifPresent(
            c ->
                s.append(
                    String.format(
                        Locale.ROOT,
                        "debt service coverage: minimum %s in year %d, mean %s%n",
                        ratio(c.min()),
                        c.minYear(),
                        ratio(c.average()))));
    Set<String> reasons = new LinkedHashSet<>();
    reason(base.equityIrr(), "equity", reasons);
    reason(base.projectIrr(), "project", reasons);
    reasons.forEach(r -> s.append(r).append('\n'));
    s.append('\n');

    s.append("Sensitivity\n");
    List<List<String>> rows = new ArrayList<>();
    List<Outcome> all = new ArrayList<>(List.of(base));
    all.addAll(a.sensitivities());
    boolean debt = base.coverage().isPresent();
    for (Outcome o : all) {
      List<String> row = new ArrayList<>();
      row.add(o.assumptions().name());
      row.add(usd(o.equityNpv()));
      row.add(irr(o.equityIrr()));
      row.add(usd(o.projectNpv()));
      row.add(irr(o.projectIrr()));
      row.add(payback(o.equityPayback()));
      if (debt) {
        row.add(o.coverage().map(c -> ratio(c.min())).orElse("-"));
      }
      rows.add(row);
    }
    List<String> headers =
        new ArrayList<>(
            List.of(
                "case",
                "equity NPV, USD",
                "equity IRR",
                "project NPV, USD",
                "project IRR",
                "equity payback"));
    if (debt) {
      headers.add("min DSCR");
    }
    s.append(table(headers, rows));
    // each reason once: the same one tends to hold for many cases
    Set<String> caseReasons = new LinkedHashSet<>();
    for (Outcome o : all) {
      for (Irr irr : List.of(o.equityIrr(), o.projectIrr())) {
        if (irr instanceof Irr.None none) {
          caseReasons.add("none: " + none.reason());
        }
      }
    }
    caseReasons.forEach(r -> s.append(r).append('\n'));
    return s.toString();
  }

  /**
   * The yearly table; depreciation and tax only with tax, tax credit only with one, DSCR only with
   * debt.
   */
  private static String cashFlows(Outcome o) {
    List<Year> years = o.years();
    boolean tax = years.stream().anyMatch(y -> !y.depreciation().isZero() || !y.tax().isZero());
    boolean credit = years.stream().anyMatch(y -> !y.taxCredit().isZero());
    boolean debt = o.coverage().isPresent();
    List<String> headers = new ArrayList<>(List.of("year", "capacity"));
    List<Function<Year, String>> cells = new ArrayList<>();
    cells.add(y -> String.valueOf(y.year()));
    cells.add(y -> y.year() == 0 ? "" : percent1(y.capacity()));
    column(headers, cells, "revenue", Year::revenue);
    column(headers, cells, "host payments", Year::hostPayments);
    column(headers, cells, "O&M", Year::om);
    column(headers, cells, "augmentation", Year::augmentation);
    column(headers, cells, "EBITDA", Year::ebitda);
    if (debt) {
      column(headers, cells, "interest", Year::interest);
      column(headers, cells, "principal", Year::principal);
    }
    if (tax) {
      column(headers, cells, "depreciation", Year::depreciation);
      column(headers, cells, "tax", Year::tax);
    }
    if (credit) {
      column(headers, cells, "tax credit", Year::taxCredit);
    }
    headers.add("equity CF");
    cells.add(y -> usd(y.equityCashFlow()));
    headers.add("project CF");
    cells.add(y -> usd(y.projectCashFlow()));
    if (debt) {
      headers.add("DSCR");
      cells.add(y -> y.dscr().map(FinanceReport::ratio).orElse(""));
    }
    List<List<String>> rows = new ArrayList<>();
    for (Year y : years) {
      rows.add(cells.stream().map(c -> c.apply(y)).toList());
    }
    return table(headers, rows);
  }

  /** A money column, blank in year 0 (which has only the investment and the cash flows). */
  private static void column(
      List<String> headers,
      List<Function<Year, String>> cells,
      String header,
      Function<Year, Money> amount) {
    headers.add(header);
    cells.add(y -> y.year() == 0 ? "" : usd(amount.apply(y)));
  }

  /** Columns padded to their widest cell: the first left-aligned, the others right-aligned. */
  private static String table(List<String> headers, List<List<String>> rows) {
    int[] width = new int[headers.size()];
    for (int i = 0; i < width.length; i++) {
      width[i] = headers.get(i).length();
      for (List<String> r : rows) {
        width[i] = Math.max(width[i], r.get(i).length());
      }
    }
    StringBuilder s = new StringBuilder();
    List<List<String>> all = new ArrayList<>();
    all.add(headers);
    all.addAll(rows);
    for (List<String> r : all) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < width.length; i++) {
        String cell = r.get(i);
        String pad = " ".repeat(width[i] - cell.length());
        if (i == 0) {
          line.append(cell).append(pad);
        } else {
          line.append("  ").append(pad).append(cell);
        }
      }
      s.append(line.toString().stripTrailing()).append('\n');
    }
    return s.toString();
  }

  private static void reason(Irr irr, String whose, Set<String> into) {
    if (irr instanceof Irr.None none) {
      into.add("IRR (" + whose + "): " + none.reason());
    }
  }

  static String usd(Money m) {
    return String.format(Locale.ROOT, "%,.2f", m.rounded().amount());
  }

  private static String number(BigDecimal v) {
    return String.format(Locale.ROOT, "%,f", v).replaceAll("\\.?0+$", "");
  }

  /** A fraction as a percentage with as many decimals as it has, at least none: 0.075 → 7.5 %. */
  static String percent(BigDecimal fraction) {
    BigDecimal p = fraction.movePointRight(2).stripTrailingZeros();
    return (p.scale() < 0 ? p.setScale(0) : p).toPlainString() + " %";
  }

  private static String percent1(BigDecimal fraction) {
    return fraction.movePointRight(2).setScale(1, RoundingMode.HALF_EVEN).toPlainString() + " %";
  }

  private static String irr(Irr irr) {
    return irr.rate()
        .map(r -> r.movePointRight(2).setScale(2, RoundingMode.HALF_EVEN).toPlainString() + " %")
        .orElse("none");
  }

  private static String payback(Optional<BigDecimal> years) {
    return years.map(y -> y.toPlainString() + " years").orElse("never");
  }

  private static String ratio(BigDecimal r) {
    return r.setScale(2, RoundingMode.HALF_EVEN).toPlainString();
  }
}
