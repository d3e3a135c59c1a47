package org.openvpp.server.finance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvpp.server.Main;

/**
 * {@code ./vpp finance} through the command line's entry point, on the two-year project of
 * vpp-finance's FinanceCashFlowTest (NPV 1,404.96 USD at 10 %, IRR 20 %, payback 1.56 years).
 */
class FinanceCommandTest {
  private static final String PROJECT =
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

  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return Main.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        Map.of());
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private String project(String text) throws IOException {
    Path p = dir.resolve("project.yaml");
    Files.writeString(p, text);
    return p.toString();
  }

  @Test
  void aProjectFileGivesTheTablesAndExitCodeZero() throws IOException {
    assertThat(run("finance", "--project", project(PROJECT))).as(err()).isZero();
    String text = out();
    assertThat(text)
        .contains("10 homes, 10 batteries (100 kWh, 50 kW), 2 years")
        .contains("8,000.00 USD in year 1 at nominal capacity (revenue.per_battery_year)")
        .contains("20 % of each year's revenue")
        .contains("Returns at a discount rate of 10 %")
        .containsPattern("equity +1,404.96 +20.00 % +1.56 years")
        .containsPattern("prices -20 % +-1,028.10 ")
        .containsPattern("capital \\+20 % +-595.04 ");
    // the yearly table: year 2's EBITDA and cash flow
    assertThat(text)
        .containsPattern(
            "(?m)^2 +100.0 % +9,600.00 +1,920.00 +480.00 +0.00 +7,200.00 +7,200.00 +7,200.00$");
    assertThat(err()).isEmpty();
  }

  @Test
  void revenueFromTheCommandLineReplacesTheFilesFigure() throws IOException {
    assertThat(run("finance", "--project", project(PROJECT), "--revenue-usd", "4000")).isZero();
    // 4,000 and 4,800; hosts 800 and 960; EBITDA 2,800 and 3,360: NPV −10,000 + 2,545.45 + 2,776.86
    assertThat(out())
        .contains("4,000.00 USD in year 1 at nominal capacity (--revenue-usd)")
        .containsPattern("equity +-4,677.69 ");
  }

  @Test
  void jsonGivesOneObjectWithEveryFigure() throws IOException {
    assertThat(run("finance", "--project", project(PROJECT), "--json")).isZero();
    // amounts are written with their two decimals
    assertThat(out()).contains("\"equity_cash_flow\":7200.00", "\"equity_npv_usd\":1404.96");
    JsonNode j =
        new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .readTree(out());
    assertThat(j.path("investment_usd").decimalValue()).isEqualByComparingTo("10000");
    assertThat(j.path("base").path("equity_npv_usd").decimalValue())
        .isEqualByComparingTo("1404.96");
    assertThat(j.path("base").path("equity_irr").decimalValue()).isEqualByComparingTo("0.2");
    assertThat(j.path("base").has("min_dscr")).isFalse();
    assertThat(j.path("cash_flows")).hasSize(3);
    assertThat(j.path("cash_flows").get(2).path("equity_cash_flow").decimalValue())
        .isEqualByComparingTo("7200");
    assertThat(j.path("sensitivity")).hasSize(6);
    assertThat(j.path("sensitivity").get(0).path("name").asText()).isEqualTo("prices -20 %");
  }

  @Test
  void aMalformedProjectFileIsABadUsageNamingTheLineAndField() throws IOException {
    String file = project(PROJECT.replace("per_kwh: 80", "per_kwh: eighty"));
    assertThat(run("finance", "--project", file)).isEqualTo(2);
    assertThat(err())
        .isEqualTo(
            "error: "
                + file
                + " line 4: capital.per_kwh: must be a number of USD, was 'eighty'"
                + System.lineSeparator());
    assertThat(out()).isEmpty();
  }

  @Test
  void badUsageIsRefusedWithExitCodeTwo() throws IOException {
    assertThat(run("finance")).isEqualTo(2);
    assertThat(err()).contains("finance: --project FILE is required");
    assertThat(run("finance", "--project", dir.resolve("none.yaml").toString())).isEqualTo(2);
    assertThat(err()).contains("none.yaml: no such file");
    assertThat(run("finance", "--project", project(PROJECT), "--revenue-usd", "lots")).isEqualTo(2);
    assertThat(err()).contains("--revenue-usd needs an amount of USD");
    assertThat(run("finance", "--project", project(PROJECT), "--years", "3")).isEqualTo(2);
    assertThat(err()).contains("unknown argument '--years'");
    String noRevenue = project(PROJECT.replace("per_battery_year: 800, ", ""));
    assertThat(run("finance", "--project", noRevenue)).isEqualTo(2);
    assertThat(err()).contains("gives no revenue: add revenue.per_battery_year");
  }

  @Test
  void helpListsTheOptions() {
    assertThat(run("finance", "--help")).isZero();
    assertThat(out()).contains("--project FILE ", "--revenue-usd N ", "--json ");
  }

  @Test
  void theDocumentsExampleIsTheExampleFileAndPrintsWhatTheDocumentShows() throws IOException {
    Path root = Path.of(System.getProperty("user.dir"), "..");
    String doc = Files.readString(root.resolve("docs/finance.md"));
    String file = "examples/finance/two-battery-lease.yaml";
    assertThat(fenced(doc, "```yaml\n")).isEqualTo(Files.readString(root.resolve(file)));
    assertThat(run("finance", "--project", "../" + file)).as(err()).isZero();
    String shown = fenced(doc.substring(doc.indexOf("## What it prints")), "```text\n");
    assertThat(out().replace("../" + file, file)).isEqualTo(shown);
  }

  /** The first fenced block that opens with {@code fence}. */
  private static String fenced(String doc, String fence) {
    int from = doc.indexOf(fence);
    assertThat(from).as("a block " + fence.strip()).isNotNegative();
    from += fence.length();
    return doc.substring(from, doc.indexOf("```", from));
  }
}
