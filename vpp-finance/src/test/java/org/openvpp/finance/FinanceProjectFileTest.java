package org.openvpp.finance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.openvpp.units.Money;

/** The project file: every key read, and malformed files refused with the line and field. */
class FinanceProjectFileTest {

  /** Line numbers below count from this text's first line. */
  private static final String GOOD =
      """
      years: 10
      discount_rate: 8%
      fleet:
        homes: 1000
        batteries_per_home: 2
        battery_kwh: 13.5
        battery_kw: 5
      capital:
        per_kwh: 400
        per_kw: 100
        installation_per_home: 1_500
        fixed: 250000
      om:
        per_home_year: 80
        escalation: 0.025
      degradation:
        per_year: 2%
      augmentation:
        years: [6]
        per_kwh: 250
      revenue:
        per_battery_year: 900
        escalation: -1%
      host:
        lease_per_home_month: 55
        lease_escalation: 2%
      debt:
        share: 60%
        rate: 7%
        years: 8
      tax:
        rate: 26%
        depreciation_years: 7
        losses: offset
        itc: 30%
      """;

  private static ProjectFileException refused(String yaml) {
    try {
      ProjectFile.parse(yaml, "project.yaml");
    } catch (ProjectFileException e) {
      return e;
    }
    throw new AssertionError("accepted: " + yaml);
  }

  @Test
  void everyKeyIsReadWithItsUnit() {
    Project p = ProjectFile.parse(GOOD, "project.yaml");
    assertThat(p.years()).isEqualTo(10);
    assertThat(p.discountRate()).isEqualByComparingTo("0.08");
    assertThat(p.fleet())
        .isEqualTo(new Project.Fleet(1000, 2, new BigDecimal("13.5"), BigDecimal.valueOf(5)));
    assertThat(p.fleet().kwh()).isEqualByComparingTo("27000");
    assertThat(p.capital().installationPerHome()).isEqualTo(Money.usd("1500"));
    // 400 × 27,000 + 100 × 10,000 + 1,500 × 1,000 + 250,000
    assertThat(p.capital().total(p.fleet())).isEqualTo(Money.usd("13550000"));
    assertThat(p.om().escalation()).isEqualByComparingTo("0.025");
    assertThat(p.degradationPerYear()).isEqualByComparingTo("0.02");
    assertThat(p.augmentation().orElseThrow().years()).containsExactly(6);
    assertThat(p.revenue().escalation()).isEqualByComparingTo("-0.01");
    assertThat(p.nominalRevenue()).contains(Money.usd("1800000"));
    assertThat(p.host()).isEqualTo(new Project.Lease(Money.usd("55"), new BigDecimal("0.02")));
    Project.Debt debt = p.debt().orElseThrow();
    assertThat(debt.share()).isEqualByComparingTo("0.6");
    assertThat(debt.years()).isEqualTo(8);
    Project.Tax tax = p.tax().orElseThrow();
    assertThat(tax.losses()).isEqualTo(Project.Losses.OFFSET);
    assertThat(tax.itc()).isEqualByComparingTo("0.3");
  }

  @Test
  void optionalKeysTakeTheirDefaults() {
    Project p =
        ProjectFile.parse(
            """
            years: 5
            discount_rate: 0.1
            fleet: {homes: 1, batteries_per_home: 1, battery_kwh: 10, battery_kw: 5}
            capital: {per_kwh: 500}
            om: {per_home_year: 0}
            degradation: {per_year: 0}
            host: {revenue_share: 0.25}
            tax: {rate: 0.2}
            """,
            "p.yaml");
    assertThat(p.capital().perKw()).isEqualTo(Money.zero(Money.USD));
    assertThat(p.augmentation()).isEmpty();
    assertThat(p.nominalRevenue()).isEmpty();
    assertThat(p.debt()).isEmpty();
    assertThat(p.tax().orElseThrow().depreciationYears()).isEqualTo(5);
    assertThat(p.tax().orElseThrow().losses()).isEqualTo(Project.Losses.CARRY_FORWARD);
  }

  @Test
  void aValueThatIsNotANumberIsRefusedWithItsLineAndField() {
    ProjectFileException e = refused(GOOD.replace("per_kwh: 400", "per_kwh: abc"));
    assertThat(e)
        .hasMessage("project.yaml line 9: capital.per_kwh: must be a number of USD, was 'abc'");
    assertThat(e.line()).isEqualTo(OptionalInt.of(9));
    assertThat(e.field()).isEqualTo("capital.per_kwh");
  }

  @Test
  void anUnknownKeyIsRefusedWithTheKeysThatAreKnown() {
    assertThat(refused(GOOD.replace("  per_kw: 100", "  per_kWh: 100")))
        .hasMessage(
            "project.yaml line 10: capital.per_kWh: unknown key; the keys of capital are per_kwh,"
                + " per_kw, installation_per_home, fixed (docs/finance.md)");
    assertThat(refused(GOOD + "lifetime: 12\n"))
        .hasMessageStartingWith("project.yaml line 36: lifetime: unknown key; the keys at the top");
  }

  @Test
  void aMissingRequiredKeyIsRefusedWithTheLineOfItsBlock() {
    assertThat(refused(GOOD.replace("  rate: 7%\n", "")))
        .hasMessage("project.yaml line 27: debt.rate: missing; give " + fraction());
    assertThat(refused(GOOD.replace("years: 10\n", "")))
        .hasMessage("project.yaml: years: missing; give the project's life in years");
    assertThat(refused(GOOD.replace("degradation:\n  per_year: 2%\n", "")))
        .hasMessage(
            "project.yaml: degradation: missing; give a map with per_year (docs/finance.md)");
  }

  private static String fraction() {
    return "a fraction (0.07) or a percentage (7%)";
  }

  @Test
  void aNegativeAmountIsRefused() {
    assertThat(refused(GOOD.replace("per_home_year: 80", "per_home_year: -80")))
        .hasMessage("project.yaml line 14: om.per_home_year: must not be negative, was -80");
    assertThat(refused(GOOD.replace("battery_kw: 5", "battery_kw: 0")))
        .hasMessage(
            "project.yaml line 7: fleet.battery_kw: must be a number of kW more than 0 and at most"
                + " 1,000,000, was 0");
  }

  @Test
  void aRevenueShareAboveOneIsRefusedWithAHintForPercentages() {
    String share =
        GOOD.replace(
            "  lease_per_home_month: 55\n  lease_escalation: 2%\n", "  revenue_share: 30\n");
    assertThat(refused(share))
        .hasMessage(
            "project.yaml line 25: host.revenue_share: must be between 0 and 1 (0% and 100%), was"
                + " 30; for 30 % write 0.3 or 30%");
    assertThat(refused(share.replace("revenue_share: 30", "revenue_share: 120%")))
        .hasMessage(
            "project.yaml line 25: host.revenue_share: must be between 0 and 1 (0% and 100%), was"
                + " 120%");
  }

  @Test
  void aProjectPaysItsHostsOneWay() {
    assertThat(refused(GOOD.replace("  lease_escalation: 2%\n", "  revenue_share: 0.3\n")))
        .hasMessageStartingWith(
            "project.yaml line 26: host.revenue_share: give lease_per_home_month or revenue_share,"
                + " not both");
    assertThat(refused(GOOD.replace("  lease_per_home_month: 55\n", "")))
        .hasMessage(
            "project.yaml line 24: host: give lease_per_home_month (USD per home and month, for"
                + " example 55) or revenue_share (a fraction of revenue, for example 0.3)");
  }

  @Test
  void wholeNumbersAndYearsAreCheckedAgainstTheProject() {
    assertThat(refused(GOOD.replace("homes: 1000", "homes: 10.5")))
        .hasMessage("project.yaml line 4: fleet.homes: must be a whole number, was '10.5'");
    assertThat(refused(GOOD.replace("  years: 8", "  years: 12")))
        .hasMessage(
            "project.yaml line 30: debt.years: must be between 1 and 10 (years of repayment, at"
                + " most the project's years), was 12");
    assertThat(refused(GOOD.replace("years: [6]", "years: [6, 11]")))
        .hasMessage(
            "project.yaml line 19: augmentation.years: must be between 2 and 10 (years of the"
                + " project from the second), was 11");
    assertThat(refused(GOOD.replace("years: [6]", "years: [6, 4]")))
        .hasMessage(
            "project.yaml line 19: augmentation.years: must be ascending and each once, was 4"
                + " after 6");
  }

  @Test
  void aKeyGivenTwiceIsRefused() {
    assertThat(refused(GOOD.replace("  per_kw: 100\n", "  per_kw: 100\n  per_kwh: 300\n")))
        .hasMessage("project.yaml line 11: capital.per_kwh: given twice (first on line 9)");
  }

  @Test
  void aListOrMapWhereANumberBelongsIsRefused() {
    assertThat(refused(GOOD.replace("discount_rate: 8%", "discount_rate: [8%]")))
        .hasMessage(
            "project.yaml line 2: discount_rate: must be a fraction (0.07) or a percentage (7%),"
                + " was a list");
    assertThat(refused(GOOD.replace("  per_kwh: 400", "  per_kwh:")))
        .hasMessage("project.yaml line 9: capital.per_kwh: has no value; give a number of USD");
    assertThat(refused(GOOD.replace("losses: offset", "losses: forward")))
        .hasMessage(
            "project.yaml line 34: tax.losses: must be one of carry_forward, offset, lost, was"
                + " 'forward'");
  }

  @Test
  void textThatIsNotAProjectFileIsRefused() {
    assertThat(refused(""))
        .hasMessage("project.yaml: the file is empty; docs/finance.md shows a project file");
    assertThat(refused("- years: 10\n"))
        .hasMessageStartingWith("project.yaml line 1: a project file is a map of keys");
    assertThat(refused("years: 10\nfleet: {homes: 1\n"))
        .hasMessageStartingWith("project.yaml line 3: not valid YAML:");
    assertThat(refused("x".repeat(ProjectFile.MAX_CHARS + 1)))
        .hasMessage("project.yaml: a project file is at most 64 KiB");
  }

  @Test
  void theExampleProjectsOfTheRepositoryAreValid() throws Exception {
    java.nio.file.Path dir =
        java.nio.file.Path.of(System.getProperty("user.dir"), "..", "examples", "finance");
    List<java.nio.file.Path> files;
    try (var s = java.nio.file.Files.list(dir)) {
      files = s.filter(f -> f.toString().endsWith(".yaml")).toList();
    }
    assertThat(files).isNotEmpty();
    for (java.nio.file.Path f : files) {
      Project p = ProjectFile.parse(java.nio.file.Files.readString(f), f.toString());
      assertThat(p.nominalRevenue()).as(f.toString()).isPresent();
    }
  }

  @Test
  void aRuleBrokenInCodeNamesTheKey() {
    assertThatThrownBy(() -> new Project.Debt(BigDecimal.ONE, new BigDecimal("1.5"), 5))
        .hasMessage("debt.rate must be between 0 and 1, was 1.5");
  }
}
