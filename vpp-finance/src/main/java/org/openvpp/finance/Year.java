package org.openvpp.finance;

import java.math.BigDecimal;
import java.util.Optional;
import org.openvpp.units.Money;

/**
 * One year of a project's cash flows, to the cent; year 0 is the investment. Costs are positive
 * amounts; the cash flows are signed (negative: paid out).
 *
 * @param year 0 (the investment) to the project's last
 * @param capacity the fleet's capacity during the year, a fraction of nominal (after augmentation)
 * @param investment the investment (year 0 only)
 * @param loan the debt drawn (year 0 only)
 * @param revenue what the fleet earns
 * @param hostPayments paid to the host customers
 * @param om operation and maintenance
 * @param augmentation batteries added to restore capacity
 * @param ebitda revenue less host payments, O&M and augmentation
 * @param interest interest on the loan
 * @param principal repayment of the loan
 * @param depreciation straight-line depreciation for tax
 * @param tax income tax on the equity's taxable income (negative: a saving, with losses offset)
 * @param taxCredit the investment tax credit (year 1 only)
 * @param equityCashFlow to the equity: EBITDA − interest − principal − tax + tax credit (year 0:
 *     the loan − the investment)
 * @param projectCashFlow of the whole project, unlevered: EBITDA − the project's own tax (on EBITDA
 *     − depreciation) + tax credit (year 0: − the investment)
 * @param dscr debt service coverage, (EBITDA − tax) / (interest + principal), in years with debt
 *     service, to four decimals
 */
public record Year(
    int year,
    BigDecimal capacity,
    Money investment,
    Money loan,
    Money revenue,
    Money hostPayments,
    Money om,
    Money augmentation,
    Money ebitda,
    Money interest,
    Money principal,
    Money depreciation,
    Money tax,
    Money taxCredit,
    Money equityCashFlow,
    Money projectCashFlow,
    Optional<BigDecimal> dscr) {

  /** Interest and principal. */
  public Money debtService() {
    return interest.plus(principal);
  }
}
