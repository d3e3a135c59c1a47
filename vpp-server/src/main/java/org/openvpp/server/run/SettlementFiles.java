package org.openvpp.server.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Locale;
import org.openvpp.mv.SitePerformance;
import org.openvpp.server.cli.AtomicFiles;
import org.openvpp.settle.BatchTransaction;
import org.openvpp.settle.CapacityAccreditation;
import org.openvpp.settle.Posting;
import org.openvpp.settle.ProgramEconomics;
import org.openvpp.settle.Statement;
import org.openvpp.settle.Transaction;

/**
 * Writes a run's settlement as files ({@code ./vpp up --statements DIR}):
 *
 * <ul>
 *   <li>{@code statements/CUSTOMER.txt}: each measured participant's statement for the event's
 *       month, as text;
 *   <li>{@code economics.txt}: the program's economics over the run;
 *   <li>{@code accreditation.txt}: enrolled, available and delivered MW and the accredited figure;
 *   <li>{@code ledger.csv}: every posting, one row each ({@code
 *       transaction,at,account,amount,currency,kind,reference,memo}); a batch transaction gives a
 *       row per line and one for its counter posting.
 * </ul>
 *
 * <p>Each file is written to a temporary file in the same directory and moved into place, so a
 * reader never sees half a file. Existing files of the same names are replaced.
 */
public final class SettlementFiles {
  private SettlementFiles() {}

  /**
   * Writes the files under {@code dir}, creating it if needed.
   *
   * @throws UncheckedIOException when a file cannot be written
   */
  public static void write(RunSettlement.Result r, Path dir, ZoneId zone) {
    try {
      Path statements = dir.resolve("statements");
      Files.createDirectories(statements);
      for (Statement s : r.statements()) {
        AtomicFiles.write(statements.resolve(fileName(s.customerId()) + ".txt"), statement(s));
      }
      AtomicFiles.write(dir.resolve("economics.txt"), economics(r.economics(), zone));
      AtomicFiles.write(dir.resolve("accreditation.txt"), accreditation(r.accreditation()));
      AtomicFiles.write(dir.resolve("ledger.csv"), ledger(r));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the settlement under " + dir + ": " + e, e);
    }
  }

  static String statement(Statement s) {
    StringBuilder b = new StringBuilder();
    b.append("Statement for ").append(s.customerId()).append(", ").append(s.month()).append('\n');
    b.append(String.format(Locale.ROOT, "%-28s %14s%n", "opening balance owed", s.opening()));
    b.append("\nLines\n");
    b.append(
        String.format(
            Locale.ROOT,
            "  %-32s %-12s %-28s %14s%n",
            "transaction",
            "kind",
            "reference",
            "amount"));
    for (Statement.Line l : s.lines()) {
      b.append(
          String.format(
              Locale.ROOT,
              "  %-32s %-12s %-28s %14s%n",
              l.transactionId(),
              l.kind().name().toLowerCase(Locale.ROOT),
              l.reference(),
              l.amount()));
    }
    if (s.lines().isEmpty()) {
      b.append("  (none)\n");
    }
    b.append("\nEvents\n");
    for (SitePerformance p : s.events()) {
      b.append(
          String.format(
              Locale.ROOT,
              "  %s at %s: baseline %.3f kWh, metered %.3f kWh, delivered %.3f kWh, committed"
                  + " %.3f kWh%n",
              p.eventId(),
              p.siteId(),
              p.baseline().kilowattHours(),
              p.metered().kilowattHours(),
              p.delivered().kilowattHours(),
              p.committed().kilowattHours()));
    }
    if (s.events().isEmpty()) {
      b.append("  (none)\n");
    }
    b.append('\n');
    b.append(String.format(Locale.ROOT, "%-28s %14s%n", "earned this month", s.earned()));
    b.append(String.format(Locale.ROOT, "%-28s %14s%n", "closing balance owed", s.closing()));
    return b.toString();
  }

  static String economics(ProgramEconomics e, ZoneId zone) {
    return String.format(
        Locale.ROOT,
        "Program %s, %s to %s%n%-24s %14s%n%-24s %14s%n%-24s %14s%n%-24s %14s%n",
        e.programId(),
        e.period().start().atZone(zone).toLocalDateTime(),
        e.period().end().atZone(zone).toLocalDateTime(),
        "revenue",
        e.revenue(),
        "lease income (net)",
        e.leaseIncome(),
        "incentives paid",
        e.payouts(),
        "net",
        e.net());
  }

  static String accreditation(CapacityAccreditation a) {
    return String.format(
        Locale.ROOT,
        "Program %s%n%-24s %10.3f MW%n%-24s %10.3f MW%n%-24s %10.3f MW (mean over %d event(s))%n"
            + "%-24s %10.3f (20th percentile of the events' delivered ÷ dispatched)%n"
            + "%-24s %10.3f MW%n",
        a.programId(),
        "enrolled",
        a.enrolled().watts() / 1e6,
        "available",
        a.available().watts() / 1e6,
        "delivered",
        a.delivered().watts() / 1e6,
        a.events(),
        "accredited ratio",
        a.ratio(),
        "accredited",
        a.accredited().watts() / 1e6);
  }

  static String ledger(RunSettlement.Result r) {
    StringBuilder b =
        new StringBuilder("transaction,at,account,amount,currency,kind,reference,memo\n");
    for (Transaction t : r.ledger().transactions()) {
      for (Posting p : t.postings()) {
        row(
            b,
            t.id(),
            t.at().toString(),
            p.account().toString(),
            plain(p.amount()),
            p.amount().currency().getCurrencyCode(),
            p.kind().name().toLowerCase(Locale.ROOT),
            p.reference(),
            t.memo());
      }
    }
    for (BatchTransaction t : r.ledger().batches()) {
      String kind = t.kind().name().toLowerCase(Locale.ROOT);
      String currency = t.currency().getCurrencyCode();
      for (int i = 0; i < t.lines(); i++) {
        row(
            b,
            t.id(),
            t.at().toString(),
            t.linesKind().name().toLowerCase(Locale.ROOT) + ":" + t.owner(i),
            cents(t, t.minorUnits(i)),
            currency,
            kind,
            t.reference(),
            t.memo());
      }
      row(
          b,
          t.id(),
          t.at().toString(),
          t.counter().toString(),
          cents(t, t.counterMinorUnits()),
          currency,
          kind,
          t.reference(),
          t.memo());
    }
    return b.toString();
  }

  private static String plain(org.openvpp.units.Money m) {
    int digits = Math.max(0, m.currency().getDefaultFractionDigits());
    return m.amount().setScale(Math.max(m.amount().scale(), digits)).toPlainString();
  }

  private static String cents(BatchTransaction t, long minorUnits) {
    return java.math.BigDecimal.valueOf(
            minorUnits, Math.max(0, t.currency().getDefaultFractionDigits()))
        .toPlainString();
  }

  private static void row(StringBuilder b, String... fields) {
    for (int i = 0; i < fields.length; i++) {
      if (i > 0) {
        b.append(',');
      }
      String f = fields[i];
      if (f.indexOf(',') >= 0 || f.indexOf('"') >= 0 || f.indexOf('\n') >= 0) {
        b.append('"').append(f.replace("\"", "\"\"")).append('"');
      } else {
        b.append(f);
      }
    }
    b.append('\n');
  }

  /**
   * A customer id as a file name: refused when it could leave the statements folder or name
   * something else (a separator, {@code ..}, a leading dot, a control character).
   *
   * @throws IllegalArgumentException saying which id and why
   */
  static String fileName(String customerId) {
    boolean bad =
        customerId.isEmpty()
            || customerId.startsWith(".")
            || customerId.chars().anyMatch(c -> c == '/' || c == '\\' || c < 0x20 || c == 0x7f);
    if (bad) {
      throw new IllegalArgumentException(
          "customer id '"
              + customerId
              + "' cannot name a statement file: no separators, control characters or leading dot");
    }
    return customerId;
  }
}
