package org.openvpp.finance;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.openvpp.units.Money;

/**
 * A project's cash flows under one {@link Case}, and what they are worth.
 *
 * @param assumptions the case
 * @param years year 0 (the investment) to the last
 * @param equityNpv of the equity's cash flows at the project's discount rate, to the cent
 * @param projectNpv of the project's (unlevered) cash flows at the same rate, to the cent
 * @param equityIrr of the equity's cash flows
 * @param projectIrr of the project's cash flows
 * @param equityPayback years until the equity's cumulative cash flow reaches zero
 * @param projectPayback years until the project's does
 * @param coverage the debt service coverage, when there is debt service
 */
public record Outcome(
    Case assumptions,
    List<Year> years,
    Money equityNpv,
    Money projectNpv,
    Irr equityIrr,
    Irr projectIrr,
    Optional<BigDecimal> equityPayback,
    Optional<BigDecimal> projectPayback,
    Optional<Coverage> coverage) {

  public Outcome {
    years = List.copyOf(years);
  }

  /** Year 0's investment. */
  public Money investment() {
    return years.get(0).investment();
  }

  /** Year 0's loan. */
  public Money loan() {
    return years.get(0).loan();
  }

  public List<Money> equityCashFlows() {
    return years.stream().map(Year::equityCashFlow).toList();
  }

  public List<Money> projectCashFlows() {
    return years.stream().map(Year::projectCashFlow).toList();
  }

  /**
   * The debt service coverage ratios of the years with debt service.
   *
   * @param min the lowest, to four decimals
   * @param minYear the year of the lowest (the first, if several)
   * @param average their mean, to four decimals
   */
  public record Coverage(BigDecimal min, int minYear, BigDecimal average) {}
}
