package org.openvpp.server.finance;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openvpp.finance.Appraisal;
import org.openvpp.finance.Irr;
import org.openvpp.finance.Outcome;
import org.openvpp.finance.Project;
import org.openvpp.finance.Year;
import org.openvpp.units.Money;

/**
 * The appraisal as one JSON object, serialised from the view records below (keys in snake_case;
 * amounts in USD as numbers with two decimals; rates and shares as fractions; what is absent, such
 * as an IRR that does not exist, is left out and its reason given). docs/finance.md shows one.
 */
final class FinanceJson {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(new Jdk8Module())
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .defaultPropertyInclusion(
              JsonInclude.Value.construct(
                  JsonInclude.Include.NON_ABSENT, JsonInclude.Include.NON_ABSENT))
          .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
          .build();

  private FinanceJson() {}

  static String write(Appraisal a, String file, String revenueSource) {
    Project p = a.project();
    List<Returns> cases = new ArrayList<>();
    for (Outcome o : a.sensitivities()) {
      cases.add(returns(o));
    }
    View view =
        new View(
            file,
            p.years(),
            p.discountRate(),
            p.fleet().homes(),
            p.fleet().batteries(),
            p.fleet().kwh().stripTrailingZeros(),
            p.fleet().kw().stripTrailingZeros(),
            usd(a.nominalRevenue()),
            revenueSource,
            usd(a.base().investment()),
            usd(a.base().loan()),
            a.base().years().stream().map(FinanceJson::year).toList(),
            returns(a.base()),
            cases);
    try {
      return MAPPER.writeValueAsString(view);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the appraisal as JSON: " + e.getMessage(), e);
    }
  }

  private static YearView year(Year y) {
    return new YearView(
        y.year(),
        y.capacity().stripTrailingZeros(),
        usd(y.revenue()),
        usd(y.hostPayments()),
        usd(y.om()),
        usd(y.augmentation()),
        usd(y.ebitda()),
        usd(y.interest()),
        usd(y.principal()),
        usd(y.depreciation()),
        usd(y.tax()),
        usd(y.taxCredit()),
        usd(y.equityCashFlow()),
        usd(y.projectCashFlow()),
        y.dscr());
  }

  private static Returns returns(Outcome o) {
    return new Returns(
        o.assumptions().name(),
        o.assumptions().prices(),
        o.assumptions().capital(),
        o.assumptions().degradation(),
        usd(o.equityNpv()),
        o.equityIrr().rate(),
        reason(o.equityIrr()),
        o.equityPayback(),
        usd(o.projectNpv()),
        o.projectIrr().rate(),
        reason(o.projectIrr()),
        o.projectPayback(),
        o.coverage().map(Outcome.Coverage::min),
        o.coverage().map(Outcome.Coverage::minYear),
        o.coverage().map(Outcome.Coverage::average));
  }

  private static Optional<String> reason(Irr irr) {
    return irr instanceof Irr.None none ? Optional.of(none.reason()) : Optional.empty();
  }

  private static BigDecimal usd(Money m) {
    return m.rounded().amount().setScale(2);
  }

  /** The whole answer. */
  record View(
      String project,
      int years,
      BigDecimal discountRate,
      int homes,
      long batteries,
      BigDecimal kwh,
      BigDecimal kw,
      BigDecimal revenueUsd,
      String revenueFrom,
      BigDecimal investmentUsd,
      BigDecimal debtUsd,
      List<YearView> cashFlows,
      Returns base,
      List<Returns> sensitivity) {}

  /** One year, amounts in USD. */
  record YearView(
      int year,
      BigDecimal capacity,
      BigDecimal revenue,
      BigDecimal hostPayments,
      BigDecimal om,
      BigDecimal augmentation,
      BigDecimal ebitda,
      BigDecimal interest,
      BigDecimal principal,
      BigDecimal depreciation,
      BigDecimal tax,
      BigDecimal taxCredit,
      BigDecimal equityCashFlow,
      BigDecimal projectCashFlow,
      Optional<BigDecimal> dscr) {}

  /** The returns of one case. */
  record Returns(
      String name,
      BigDecimal prices,
      BigDecimal capital,
      BigDecimal degradation,
      BigDecimal equityNpvUsd,
      Optional<BigDecimal> equityIrr,
      Optional<String> equityIrrNone,
      Optional<BigDecimal> equityPaybackYears,
      BigDecimal projectNpvUsd,
      Optional<BigDecimal> projectIrr,
      Optional<String> projectIrrNone,
      Optional<BigDecimal> projectPaybackYears,
      Optional<BigDecimal> minDscr,
      Optional<Integer> minDscrYear,
      Optional<BigDecimal> meanDscr) {}
}
