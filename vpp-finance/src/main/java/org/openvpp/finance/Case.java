package org.openvpp.finance;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * One case of the sensitivity table: factors on the project's own figures.
 *
 * @param name how the table names it, for example {@code prices -20 %}
 * @param prices on revenue (every year's; a revenue share follows, a lease does not)
 * @param capital on the investment and on augmentation's cost per kWh
 * @param degradation on the capacity lost each year
 */
public record Case(String name, BigDecimal prices, BigDecimal capital, BigDecimal degradation) {

  /** The project as its file says. */
  public static final Case BASE = new Case("base", BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE);

  private static final BigDecimal MINUS_20 = new BigDecimal("0.8");
  private static final BigDecimal PLUS_20 = new BigDecimal("1.2");

  /** The table's cases after the base: prices and capital ±20 %, degradation ×0.5 and ×1.5. */
  public static final List<Case> SENSITIVITIES =
      List.of(
          new Case("prices -20 %", MINUS_20, BigDecimal.ONE, BigDecimal.ONE),
          new Case("prices +20 %", PLUS_20, BigDecimal.ONE, BigDecimal.ONE),
          new Case("capital -20 %", BigDecimal.ONE, MINUS_20, BigDecimal.ONE),
          new Case("capital +20 %", BigDecimal.ONE, PLUS_20, BigDecimal.ONE),
          new Case("degradation x0.5", BigDecimal.ONE, BigDecimal.ONE, new BigDecimal("0.5")),
          new Case("degradation x1.5", BigDecimal.ONE, BigDecimal.ONE, new BigDecimal("1.5")));

  public Case {
    Objects.requireNonNull(name, "name");
    for (BigDecimal f : List.of(prices, capital, degradation)) {
      if (f.signum() < 0) {
        throw new IllegalArgumentException(
            "case " + name + ": a factor must not be negative, was " + f.toPlainString());
      }
    }
  }
}
