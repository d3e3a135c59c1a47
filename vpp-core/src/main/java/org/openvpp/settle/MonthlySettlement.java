package org.openvpp.settle;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openvpp.program.Enrolment;
import org.openvpp.program.Enrolments;
import org.openvpp.program.Incentives;
import org.openvpp.program.Program;
import org.openvpp.units.Money;

/**
 * A program's monthly lines for each enrolment in force at the end of the month (the last instant
 * before the next month starts in the program's time zone): the capacity payment, the lease fee and
 * the lease credits.
 *
 * <p><b>Formulas.</b> Capacity = per-kW-month rate × enrolled capacity in whole W / 1000, rounded
 * half-even to the cent. Lease fee = the monthly fee. Lease credit = the per-event credit × the
 * events the site took part in that month, at most the fee.
 *
 * <p><b>Postings</b> (one transaction {@code programId/yyyy-MM/enrolmentId} per enrolment with a
 * non-zero line): capacity credits the participant and debits the program's incentive expense; the
 * fee debits the participant and credits the program's lease income; the credit does the reverse of
 * the fee.
 */
public final class MonthlySettlement {
  private MonthlySettlement() {}

  /**
   * Posts a month's lines.
   *
   * @param eventsTakenPart per site id, the events of this month it earned in (missing: none)
   * @param at the instant of the postings (usually the month's end)
   * @return the transactions posted
   */
  public static List<Transaction> settle(
      Enrolments register,
      String programId,
      YearMonth month,
      ZoneId zone,
      Map<String, Integer> eventsTakenPart,
      Instant at,
      Ledger ledger) {
    Program program = register.program(programId);
    Incentives inc = program.incentives();
    Rate perKw = new Rate(inc.perKwMonth());
    Instant end = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant().minusNanos(1);
    int digits = Math.max(0, ledger.currency().getDefaultFractionDigits());
    String ref = month.toString();
    List<Transaction> posted = new ArrayList<>();
    for (Enrolment e : register.enrolledAt(programId, end)) {
      Account participant = Account.participant(register.site(e.siteId()).customerId());
      Money capacity =
          EventSettlement.money(
              perKw.minorUnitsFor((long) Math.rint(e.capacity().watts())),
              digits,
              ledger.currency());
      Money fee = inc.leaseFeeMonth();
      Money credit = inc.leaseCreditPerEvent().times(eventsTakenPart.getOrDefault(e.siteId(), 0));
      if (credit.compareTo(fee) > 0) {
        credit = fee;
      }
      List<Posting> lines = new ArrayList<>();
      if (!capacity.isZero()) {
        lines.add(new Posting(participant, capacity.negate(), LineKind.CAPACITY, ref));
        lines.add(new Posting(Account.expense(programId), capacity, LineKind.CAPACITY, ref));
      }
      if (!fee.isZero()) {
        lines.add(new Posting(participant, fee, LineKind.LEASE_FEE, ref));
        lines.add(
            new Posting(Account.leaseIncome(programId), fee.negate(), LineKind.LEASE_FEE, ref));
      }
      if (!credit.isZero()) {
        lines.add(new Posting(participant, credit.negate(), LineKind.LEASE_CREDIT, ref));
        lines.add(new Posting(Account.leaseIncome(programId), credit, LineKind.LEASE_CREDIT, ref));
      }
      if (!lines.isEmpty()) {
        posted.add(
            ledger.post(
                Transaction.of(
                    programId + "/" + ref + "/" + e.id(),
                    at,
                    "monthly lines of " + e.id() + " for " + ref,
                    lines)));
      }
    }
    return posted;
  }
}
