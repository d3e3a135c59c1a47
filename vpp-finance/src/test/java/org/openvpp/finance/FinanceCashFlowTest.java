package org.openvpp.finance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openvpp.units.Money;

/**
 * Cash flows, NPV, IRR, payback and debt service coverage checked against cash flows built by hand
 * (the arithmetic is in the comments, worked with exact decimals and rounded to the cent line by
 * line, as docs/finance.md says).
 */
class FinanceCashFlowTest {

  /**
   * Two years, no debt, no tax, no degradation; revenue and O&amp;M both grow 20 % a year, so
   * EBITDA does too and the IRR is exactly 20 %.
   *
   * <pre>
   * investment  80 × 100 kWh + 20 × 50 kW + 100 × 10 homes = 8,000 + 1,000 + 1,000 = 10,000.00
   * year 1      revenue 800 × 10 batteries = 8,000.00; hosts 20 % = 1,600.00; O&amp;M 40 × 10 = 400.00
   *             EBITDA 8,000 − 1,600 − 400 = 6,000.00
   * year 2      revenue 8,000 × 1.2 = 9,600.00; hosts 1,920.00; O&amp;M 480.00; EBITDA 7,200.00
   * NPV at 10 % −10,000 + 6,000 / 1.1 + 7,200 / 1.21
   *             = −10,000 + 5,454.5454… + 5,950.4132… = 1,404.9587 → 1,404.96
   * IRR         6,000 / 1.2 + 7,200 / 1.44 = 5,000 + 5,000 = 10,000, so 20 %
   * payback     cumulative −10,000, −4,000, +3,200: 1 + 4,000 / 7,200 = 1.5556 → 1.56 years
   * </pre>
   */
  static final String SIMPLE =
      """
      years: 2
      discount_rate: 10%
      fleet: {homes: 10, batteries_per_home: 1, battery_kwh: 10, battery_kw: 5}
      capital: {per_kwh: 80, per_kw: 20, installation_per_home: 100}
      om: {per_home_year: 40, escalation: 20%}
      degradation: {per_year: 0}
      revenue: {per_battery_year: 800, escalation: 0.2}
      host: {revenue_share: 20%}
      """;

  /**
   * Four years with everything: degradation and augmentation, a lease, escalating O&amp;M, half the
   * investment borrowed, tax with two-year depreciation and a loss carried forward.
   *
   * <pre>
   * investment   300 × 2,000 kWh + 100 × 1,000 kW + 1,000 × 100 homes = 800,000.00
   * loan         50 % = 400,000.00 at 10 % over 3 years;
   *              payment 400,000 × 0.1 / (1 − 1.1^−3) = 40,000 / 0.24868520 = 160,845.92
   * capacity     1.00, 0.95, 0.90; 0.85 restored to 1.00 at the start of year 4
   * augmentation (1 − 0.85) × 2,000 kWh × 200 = 60,000.00 in year 4
   * revenue      2,500 × 200 batteries × capacity = 500,000; 475,000; 450,000; 500,000
   * hosts        40 × 12 × 100 homes = 48,000.00 a year
   * O&amp;M          50 × 100 × 1.1^(y−1) = 5,000.00; 5,500.00; 6,050.00; 6,655.00
   * EBITDA       447,000.00; 421,500.00; 395,950.00; 500,000 − 48,000 − 6,655 − 60,000 = 385,345.00
   * balance      400,000.00; 279,154.08; 146,223.57 at the start of years 1 to 3
   * interest     40,000.00; 27,915.408 → 27,915.41; 14,622.357 → 14,622.36; 0
   * principal    160,845.92 − 40,000 = 120,845.92; 132,930.51; 146,223.57 (what is left); 0
   * depreciation 800,000 / 2 = 400,000.00 in years 1 and 2
   * equity tax   y1 447,000 − 40,000 − 400,000 = 7,000.00 → 25 % = 1,750.00
   *              y2 421,500 − 27,915.41 − 400,000 = −6,415.41 → 0, the loss carried
   *              y3 395,950 − 14,622.36 − 6,415.41 = 374,912.23 → 93,728.0575 → 93,728.06
   *              y4 385,345.00 → 96,336.25
   * equity CF    y0 400,000 − 800,000 = −400,000.00
   *              y1 447,000 − 40,000 − 120,845.92 − 1,750 = 284,404.08
   *              y2 421,500 − 160,845.92 = 260,654.08
   *              y3 395,950 − 14,622.36 − 146,223.57 − 93,728.06 = 141,376.01
   *              y4 385,345 − 96,336.25 = 289,008.75
   * NPV at 8 %   −400,000 + 284,404.08 / 1.08 + 260,654.08 / 1.08² + 141,376.01 / 1.08³
   *              + 289,008.75 / 1.08⁴
   *              = −400,000 + 263,337.1111 + 223,468.8615 + 112,228.8348 + 212,430.0590
   *              = 411,464.8664 → 411,464.87
   * IRR          NPV at 50.86 % is +25.44, at 50.87 % −25.21: 50.865 %
   * DSCR         (EBITDA − tax) / debt service: 445,250 / 160,845.92 = 2.7682;
   *              421,500 / 160,845.92 = 2.6205; 302,221.94 / 160,845.93 = 1.8790;
   *              min 1.8790 in year 3, mean 2.4226
   * payback      cumulative −400,000.00, −115,595.92, +145,058.16: 1 + 115,595.92 / 260,654.08
   *              = 1.4435 → 1.44 years
   * project tax  on EBITDA − depreciation: 47,000 → 11,750.00; 21,500 → 5,375.00;
   *              395,950 → 98,987.50; 385,345 → 96,336.25
   * project CF   −800,000; 435,250.00; 416,125.00; 296,962.50; 289,008.75
   * project NPV  −800,000 + 403,009.2593 + 356,760.1166 + 235,738.4069 + 212,430.0590
   *              = 407,937.8417 → 407,937.84
   * project IRR  NPV at 31.40 % is +88.03, at 31.41 % −33.24: 31.407 %
   * </pre>
   */
  static final String FULL =
      """
      years: 4
      discount_rate: 8%
      fleet:
        homes: 100
        batteries_per_home: 2
        battery_kwh: 10
        battery_kw: 5
      capital:
        per_kwh: 300
        per_kw: 100
        installation_per_home: 1000
      om:
        per_home_year: 50
        escalation: 10%
      degradation:
        per_year: 5%
      augmentation:
        years: [4]
        per_kwh: 200
      revenue:
        per_battery_year: 2500
      host:
        lease_per_home_month: 40
      debt:
        share: 50%
        rate: 10%
        years: 3
      tax:
        rate: 25%
        depreciation_years: 2
      """;

  private static Outcome run(String yaml) {
    Project p = ProjectFile.parse(yaml, "test.yaml");
    return CashFlowModel.run(p, p.nominalRevenue().orElseThrow(), Case.BASE);
  }

  private static List<String> column(Outcome o, java.util.function.Function<Year, Money> line) {
    return o.years().stream().map(y -> line.apply(y).rounded().toString()).toList();
  }

  private static BigDecimal irr(Irr irr) {
    return irr.rate().orElseThrow(() -> new AssertionError("no IRR: " + irr));
  }

  @Test
  void aTwoYearProjectMatchesItsHandBuiltCashFlowToTheCent() {
    Outcome o = run(SIMPLE);
    assertThat(o.investment()).isEqualTo(Money.usd("10000"));
    assertThat(column(o, Year::revenue)).containsExactly("0.00 USD", "8000.00 USD", "9600.00 USD");
    assertThat(column(o, Year::hostPayments))
        .containsExactly("0.00 USD", "1600.00 USD", "1920.00 USD");
    assertThat(column(o, Year::om)).containsExactly("0.00 USD", "400.00 USD", "480.00 USD");
    assertThat(column(o, Year::equityCashFlow))
        .containsExactly("-10000.00 USD", "6000.00 USD", "7200.00 USD");
    assertThat(o.projectCashFlows()).isEqualTo(o.equityCashFlows());
    assertThat(o.equityNpv()).isEqualTo(Money.usd("1404.96"));
    assertThat(o.projectNpv()).isEqualTo(Money.usd("1404.96"));
    assertThat(irr(o.equityIrr())).isEqualByComparingTo("0.200000");
    assertThat(o.equityPayback()).contains(new BigDecimal("1.56"));
    assertThat(o.coverage()).isEmpty();
    assertThat(o.years()).allSatisfy(y -> assertThat(y.dscr()).isEmpty());
  }

  @Test
  void aFourYearProjectWithDebtTaxAndAugmentationMatchesItsHandBuiltCashFlowToTheCent() {
    Outcome o = run(FULL);
    assertThat(o.investment()).isEqualTo(Money.usd("800000"));
    assertThat(o.loan()).isEqualTo(Money.usd("400000"));
    assertThat(o.years().stream().map(y -> y.capacity().stripTrailingZeros().toPlainString()))
        .containsExactly("1", "1", "0.95", "0.9", "1");
    assertThat(column(o, Year::revenue))
        .containsExactly(
            "0.00 USD", "500000.00 USD", "475000.00 USD", "450000.00 USD", "500000.00 USD");
    assertThat(column(o, Year::hostPayments))
        .containsExactly(
            "0.00 USD", "48000.00 USD", "48000.00 USD", "48000.00 USD", "48000.00 USD");
    assertThat(column(o, Year::om))
        .containsExactly("0.00 USD", "5000.00 USD", "5500.00 USD", "6050.00 USD", "6655.00 USD");
    assertThat(column(o, Year::augmentation))
        .containsExactly("0.00 USD", "0.00 USD", "0.00 USD", "0.00 USD", "60000.00 USD");
    assertThat(column(o, Year::ebitda))
        .containsExactly(
            "0.00 USD", "447000.00 USD", "421500.00 USD", "395950.00 USD", "385345.00 USD");
    assertThat(column(o, Year::interest))
        .containsExactly("0.00 USD", "40000.00 USD", "27915.41 USD", "14622.36 USD", "0.00 USD");
    assertThat(column(o, Year::principal))
        .containsExactly("0.00 USD", "120845.92 USD", "132930.51 USD", "146223.57 USD", "0.00 USD");
    assertThat(column(o, Year::depreciation))
        .containsExactly("0.00 USD", "400000.00 USD", "400000.00 USD", "0.00 USD", "0.00 USD");
    assertThat(column(o, Year::tax))
        .containsExactly("0.00 USD", "1750.00 USD", "0.00 USD", "93728.06 USD", "96336.25 USD");
    assertThat(column(o, Year::equityCashFlow))
        .containsExactly(
            "-400000.00 USD", "284404.08 USD", "260654.08 USD", "141376.01 USD", "289008.75 USD");
    assertThat(column(o, Year::projectCashFlow))
        .containsExactly(
            "-800000.00 USD", "435250.00 USD", "416125.00 USD", "296962.50 USD", "289008.75 USD");
    assertThat(o.equityNpv()).isEqualTo(Money.usd("411464.87"));
    assertThat(o.projectNpv()).isEqualTo(Money.usd("407937.84"));
    // to 0.01 %: between the hand-checked rates where NPV changes sign
    assertThat(irr(o.equityIrr())).isBetween(new BigDecimal("0.5086"), new BigDecimal("0.5087"));
    assertThat(irr(o.equityIrr()).doubleValue()).isCloseTo(0.50865, within(0.0001));
    assertThat(irr(o.projectIrr())).isBetween(new BigDecimal("0.3140"), new BigDecimal("0.3141"));
    assertThat(o.equityPayback()).contains(new BigDecimal("1.44"));
    assertThat(o.projectPayback()).contains(new BigDecimal("1.88"));
  }

  @Test
  void theDebtServiceCoverageOfEachYearWithDebtIsEbitdaLessTaxOverInterestAndPrincipal() {
    Outcome o = run(FULL);
    assertThat(o.years().stream().map(y -> y.dscr().map(BigDecimal::toPlainString)))
        .containsExactly(
            Optional.empty(),
            Optional.of("2.7682"),
            Optional.of("2.6205"),
            Optional.of("1.8790"),
            Optional.empty());
    Outcome.Coverage c = o.coverage().orElseThrow();
    assertThat(c.min()).isEqualByComparingTo("1.8790");
    assertThat(c.minYear()).isEqualTo(3);
    assertThat(c.average()).isEqualByComparingTo("2.4226");
  }

  @Test
  void theLoanIsRepaidToTheCent() {
    Outcome o = run(FULL);
    Money repaid = Money.zero(Money.USD);
    for (Year y : o.years()) {
      repaid = repaid.plus(y.principal());
    }
    assertThat(repaid).isEqualTo(o.loan());
  }

  @Test
  void aRevenueShareMovesWithPricesAndALeaseDoesNot() {
    Project share = ProjectFile.parse(SIMPLE, "share.yaml");
    Project lease =
        ProjectFile.parse(
            SIMPLE.replace("host: {revenue_share: 20%}", "host: {lease_per_home_month: 10}"),
            "lease.yaml");
    Money revenue = Money.usd("8000");
    Case up = Case.SENSITIVITIES.get(1);
    assertThat(up.name()).isEqualTo("prices +20 %");

    // share: 20 % of 8,000 and 9,600, then of 9,600 and 11,520
    assertThat(CashFlowModel.run(share, revenue, Case.BASE).years().get(2).hostPayments())
        .isEqualTo(Money.usd("1920"));
    assertThat(CashFlowModel.run(share, revenue, up).years().get(2).hostPayments())
        .isEqualTo(Money.usd("2304"));
    // lease: 10 × 12 months × 10 homes = 1,200 a year whatever the prices
    assertThat(CashFlowModel.run(lease, revenue, Case.BASE).years().get(2).hostPayments())
        .isEqualTo(Money.usd("1200"));
    assertThat(CashFlowModel.run(lease, revenue, up).years().get(2).hostPayments())
        .isEqualTo(Money.usd("1200"));
    // lease EBITDA: 8,000 − 1,200 − 400 = 6,400 and 9,600 − 1,200 − 480 = 7,920
    assertThat(column(CashFlowModel.run(lease, revenue, Case.BASE), Year::equityCashFlow))
        .containsExactly("-10000.00 USD", "6400.00 USD", "7920.00 USD");
  }

  @Test
  void theSensitivitiesScalePricesCapitalAndDegradation() {
    Project p = ProjectFile.parse(SIMPLE, "simple.yaml");
    Appraisal a = Appraisal.of(p, p.nominalRevenue().orElseThrow());
    assertThat(a.sensitivities().stream().map(o -> o.assumptions().name()))
        .containsExactly(
            "prices -20 %",
            "prices +20 %",
            "capital -20 %",
            "capital +20 %",
            "degradation x0.5",
            "degradation x1.5");
    // prices −20 %: EBITDA (6,400 − 1,280 − 400) = 4,720 and (7,680 − 1,536 − 480) = 5,664;
    // NPV −10,000 + 4,290.9091 + 4,680.9917 = −1,028.0992 → −1,028.10
    assertThat(a.sensitivities().get(0).equityNpv()).isEqualTo(Money.usd("-1028.10"));
    // capital +20 %: 2,000 more invested in year 0, so NPV 1,404.96 − 2,000
    assertThat(a.sensitivities().get(3).investment()).isEqualTo(Money.usd("12000"));
    assertThat(a.sensitivities().get(3).equityNpv()).isEqualTo(Money.usd("-595.04"));
    // no degradation to scale
    assertThat(a.sensitivities().get(5).equityNpv()).isEqualTo(a.base().equityNpv());

    // the four-year project, degradation × 1.5: 7.5 % a year, 0.775 left at the start of year 4,
    // so augmentation buys back 0.225 × 2,000 kWh × 200 = 90,000; capital +20 % makes that 108,000
    Project full = ProjectFile.parse(FULL, "full.yaml");
    Money revenue = full.nominalRevenue().orElseThrow();
    Outcome worse = CashFlowModel.run(full, revenue, Case.SENSITIVITIES.get(5));
    assertThat(worse.years().get(3).capacity()).isEqualByComparingTo("0.850");
    assertThat(worse.years().get(4).augmentation()).isEqualTo(Money.usd("90000"));
    assertThat(
            CashFlowModel.run(full, revenue, Case.SENSITIVITIES.get(3))
                .years()
                .get(4)
                .augmentation())
        .isEqualTo(Money.usd("72000"));
  }

  @Test
  void lossesAreCarriedForwardOffsetOrLostAsTheFileSays() {
    // EBITDA 6,000 and 7,200; depreciation 10,000 in year 1; tax 50 %:
    // carry_forward: y1 −4,000 → 0, carried; y2 (7,200 − 4,000) × 50 % = 1,600
    // offset:        y1 −4,000 × 50 % = −2,000 (a saving); y2 3,600
    // lost:          y1 0; y2 3,600
    String base = SIMPLE + "tax: {rate: 50%, depreciation_years: 1, losses: MODE}\n";
    assertThat(column(run(base.replace("MODE", "carry_forward")), Year::tax))
        .containsExactly("0.00 USD", "0.00 USD", "1600.00 USD");
    assertThat(column(run(base.replace("MODE", "offset")), Year::tax))
        .containsExactly("0.00 USD", "-2000.00 USD", "3600.00 USD");
    assertThat(column(run(base.replace("MODE", "lost")), Year::tax))
        .containsExactly("0.00 USD", "0.00 USD", "3600.00 USD");
  }

  @Test
  void theInvestmentTaxCreditIsCashInYearOneAndHalvesItsShareOfTheBasis() {
    // 30 % of 10,000 = 3,000 in year 1; basis 10,000 − 1,500 = 8,500 over 2 years = 4,250 each;
    // tax 0 %, so the equity's year 1 is 6,000 + 3,000
    Outcome o = run(SIMPLE + "tax: {rate: 0, itc: 30%}\n");
    assertThat(column(o, Year::taxCredit)).containsExactly("0.00 USD", "3000.00 USD", "0.00 USD");
    assertThat(column(o, Year::depreciation))
        .containsExactly("0.00 USD", "4250.00 USD", "4250.00 USD");
    assertThat(column(o, Year::equityCashFlow))
        .containsExactly("-10000.00 USD", "9000.00 USD", "7200.00 USD");
  }

  @Test
  void depreciationRoundsToTheCentAndTheLastYearTakesTheRemainder() {
    // 10,000 over 3 years: 3,333.33, 3,333.33, 3,333.34
    String yaml =
        SIMPLE.replace("years: 2", "years: 3") + "tax: {rate: 0, depreciation_years: 3}\n";
    assertThat(column(run(yaml), Year::depreciation))
        .containsExactly("0.00 USD", "3333.33 USD", "3333.33 USD", "3333.34 USD");
  }

  @Test
  void aLoanWithoutInterestIsRepaidInEqualParts() {
    // 100 % of 10,000 at 0 % over 2 years: 5,000 a year; the equity invests nothing
    Outcome o = run(SIMPLE + "debt: {share: 1, rate: 0, years: 2}\n");
    assertThat(column(o, Year::principal))
        .containsExactly("0.00 USD", "5000.00 USD", "5000.00 USD");
    assertThat(o.equityCashFlows().get(0)).isEqualTo(Money.zero(Money.USD));
    assertThat(o.equityIrr()).isInstanceOf(Irr.None.class);
    assertThat(o.equityPayback()).contains(new BigDecimal("0.00"));
  }
}
