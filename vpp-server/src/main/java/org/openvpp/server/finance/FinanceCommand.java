package org.openvpp.server.finance;

import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.openvpp.finance.Appraisal;
import org.openvpp.finance.Project;
import org.openvpp.finance.ProjectFile;
import org.openvpp.server.cli.Options;
import org.openvpp.server.cli.UsageException;
import org.openvpp.units.Money;

/**
 * {@code ./vpp finance}: a project file appraised (vpp-finance's {@link Appraisal}) and printed as
 * tables, or as one JSON object with {@code --json}. A malformed project file is a usage error
 * (exit code 2) whose message names the line and the key.
 */
public final class FinanceCommand {

  static final String USAGE =
      """
      Usage: ./vpp finance --project FILE [--revenue-usd N] [--json]

        --project FILE    the project file (YAML): years, discount rate, fleet, capital, O&M,
                          degradation and augmentation, revenue, host payments, debt, tax; every
                          key in docs/finance.md, examples in examples/finance/
        --revenue-usd N   the fleet's revenue in year 1 at nominal capacity, USD (for example a
                          backtest's figure); replaces the file's revenue.per_battery_year
        --json            one JSON object instead of the tables

      Prints the yearly cash flows (revenue, host payments, O&M, augmentation, EBITDA, interest,
      principal, tax, cash flow to equity, debt service coverage), the NPV, IRR and payback of the
      equity and of the project, and a sensitivity table (prices and capital -20 % and +20 %,
      degradation x0.5 and x1.5).
      """;

  private FinanceCommand() {}

  /** Runs {@code ./vpp finance ARGS}; returns the exit code. */
  public static int run(List<String> args, PrintStream out) throws UsageException {
    if (args.contains("--help") || args.contains("-h")) {
      out.print(USAGE);
      return 0;
    }
    Options o =
        Options.parse("finance", args, Set.of("--project", "--revenue-usd"), Set.of("--json"));
    String file = o.text("--project", "");
    if (file.isEmpty()) {
      throw new UsageException(
          "finance: --project FILE is required (a project file: docs/finance.md, examples in"
              + " examples/finance/)");
    }
    Project project = ProjectFile.parse(read(file), file);
    String given = o.text("--revenue-usd", "");
    Money revenue;
    String source;
    if (!given.isEmpty()) {
      revenue = usd(given);
      source = "--revenue-usd";
    } else {
      revenue =
          project
              .nominalRevenue()
              .orElseThrow(
                  () ->
                      new UsageException(
                          "finance: "
                              + file
                              + " gives no revenue: add revenue.per_battery_year (USD per battery"
                              + " in year 1) or give --revenue-usd N (the fleet's revenue in year"
                              + " 1 at nominal capacity, USD)"));
      source = "revenue.per_battery_year";
    }
    Appraisal appraisal = Appraisal.of(project, revenue);
    if (o.flag("--json")) {
      out.println(FinanceJson.write(appraisal, file, source));
    } else {
      out.print(FinanceReport.text(appraisal, file, source));
    }
    return 0;
  }

  /** The project file's text; a file that is not there, or not text, is a usage error. */
  private static String read(String file) throws UsageException {
    Path p;
    try {
      p = Path.of(file);
    } catch (InvalidPathException e) {
      throw new UsageException(
          "finance: --project '" + file + "' is not a file name: " + e.getReason());
    }
    if (Files.isDirectory(p)) {
      throw new UsageException(
          "finance: --project " + file + " is a folder; give a project file (docs/finance.md)");
    }
    if (!Files.isRegularFile(p)) {
      throw new UsageException(
          "finance: --project "
              + file
              + ": no such file"
              + (p.isAbsolute() ? "" : " (relative to " + Path.of("").toAbsolutePath() + ")"));
    }
    try {
      if (Files.size(p) > 4L * ProjectFile.MAX_CHARS) {
        throw new UsageException("finance: " + file + ": a project file is at most 64 KiB");
      }
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (CharacterCodingException e) {
      throw new UsageException("finance: " + file + " is not UTF-8 text; a project file is YAML");
    } catch (IOException e) {
      throw new IllegalStateException("finance: cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static Money usd(String text) throws UsageException {
    String t = text.strip().replace("_", "");
    if (!t.matches("\\d{1,13}(\\.\\d{1,2})?")) {
      throw new UsageException(
          "finance: --revenue-usd needs an amount of USD of at least 0 with at most two decimals"
              + " (for example 2200000), was '"
              + text
              + "'");
    }
    return new Money(new BigDecimal(t), Money.USD);
  }
}
