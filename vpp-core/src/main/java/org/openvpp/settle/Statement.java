package org.openvpp.settle;

import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.openvpp.mv.SitePerformance;
import org.openvpp.time.Interval;
import org.openvpp.units.Money;

/**
 * A participant's monthly statement: what the VPP owed them at the start of the month, every line
 * of the month (earned positive, charged negative), the events their sites took part in with how
 * they performed, what they earned net, and what they are owed at the end.
 *
 * <p>Amounts are from the participant's side: the ledger's participant account is a credit balance
 * when the VPP owes, so each line is the posting negated.
 *
 * @param customerId the participant
 * @param month the month
 * @param opening owed to them at the start of the month
 * @param lines the month's lines, in time order
 * @param events their sites' performance in the month's events
 * @param earned the sum of the lines
 * @param closing owed to them at the end of the month ({@code opening + earned})
 */
public record Statement(
    String customerId,
    YearMonth month,
    Money opening,
    List<Line> lines,
    List<SitePerformance> events,
    Money earned,
    Money closing) {

  /**
   * One line of a statement.
   *
   * @param transactionId the ledger transaction
   * @param kind what it is for
   * @param reference the event or month
   * @param amount earned positive, charged negative
   */
  public record Line(String transactionId, LineKind kind, String reference, Money amount) {
    public Line {
      Objects.requireNonNull(transactionId, "transactionId");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(reference, "reference");
      Objects.requireNonNull(amount, "amount");
    }
  }

  public Statement {
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(month, "month");
    Objects.requireNonNull(opening, "opening");
    Objects.requireNonNull(earned, "earned");
    Objects.requireNonNull(closing, "closing");
    lines = List.copyOf(lines);
    events = List.copyOf(events);
  }

  /**
   * Builds a customer's statement for a month from the ledger.
   *
   * @param zone the time zone whose calendar month is meant
   * @param performances the performance of the customer's sites; those whose event starts in the
   *     month are listed
   */
  public static Statement monthly(
      Ledger ledger,
      String customerId,
      YearMonth month,
      ZoneId zone,
      List<SitePerformance> performances) {
    Interval period =
        new Interval(
            month.atDay(1).atStartOfDay(zone).toInstant(),
            month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant());
    Account account = Account.participant(customerId);
    Money zero = Money.zero(ledger.currency());
    Money opening = zero;
    for (Entry e : ledger.entries(account, new Interval(java.time.Instant.MIN, period.start()))) {
      opening = opening.minus(e.amount());
    }
    List<Line> lines = new ArrayList<>();
    Money earned = zero;
    for (Entry e : ledger.entries(account, period)) {
      Money amount = e.amount().negate();
      lines.add(new Line(e.transactionId(), e.kind(), e.reference(), amount));
      earned = earned.plus(amount);
    }
    List<SitePerformance> events = new ArrayList<>();
    for (SitePerformance p : performances) {
      if (period.contains(p.window().start())) {
        events.add(p);
      }
    }
    return new Statement(customerId, month, opening, lines, events, earned, opening.plus(earned));
  }

  /** The sum of the lines of one kind. */
  public Money total(LineKind kind) {
    Money m = Money.zero(earned.currency());
    for (Line l : lines) {
      if (l.kind() == kind) {
        m = m.plus(l.amount());
      }
    }
    return m;
  }
}
