package org.openvpp.settle;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import org.openvpp.program.Incentives;
import org.openvpp.program.Program;
import org.openvpp.units.Money;

/**
 * Settles one event, site by site, into ordinary ledger transactions.
 *
 * <p><b>Formulas</b> (docs/settlement.md). A site earns when it did not opt out and delivered at
 * least one whole Wh (delivered kWh × 1000 rounded half-even). Then: energy = per-kWh rate ×
 * settled Wh / 1000, rounded half-even to the cent; event = the per-event amount; revenue share:
 * the pool, {@code revenue × share} rounded half-even to the cent, is split over the earning sites
 * by settled Wh with the largest-remainder method, so the parts sum to the pool exactly.
 *
 * <p><b>Postings.</b> The revenue: debit the counterparty's receivable, credit the program's
 * revenue. Each earning site: one transaction {@code eventId/siteId}, credit its customer's
 * participant account per non-zero line and debit the program's incentive expense by the same, line
 * kind by line kind.
 *
 * <p>{@link FleetSettlement} computes the same amounts over primitive arrays and posts them as
 * batches; the two agree to the cent (tested).
 *
 * @param eventId the event
 * @param sites per participation, in the order given
 * @param revenue what the utility or market pays for the event
 * @param paid the sum paid to participants
 */
public record EventSettlement(String eventId, List<SiteEarnings> sites, Money revenue, Money paid) {

  public EventSettlement {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(revenue, "revenue");
    Objects.requireNonNull(paid, "paid");
    sites = List.copyOf(sites);
  }

  /**
   * Computes and posts an event's settlement.
   *
   * @param revenue what {@code counterparty} pays the program for the event, whole cents; zero for
   *     none
   */
  public static EventSettlement settle(
      Program program,
      String eventId,
      String counterparty,
      Money revenue,
      List<Participation> participants,
      Instant at,
      Ledger ledger) {
    Incentives inc = program.incentives();
    Currency cur = ledger.currency();
    int digits = Math.max(0, cur.getDefaultFractionDigits());
    Rate perKwh = new Rate(inc.perKwh());
    long perEvent = minor(inc.perEvent());
    long pool = minor(revenue.times(inc.revenueShare()).rounded());
    long[] weights = new long[participants.size()];
    for (int i = 0; i < weights.length; i++) {
      Participation p = participants.get(i);
      weights[i] = p.earns() ? Rate.wattHours(p.performance().delivered().kilowattHours()) : 0;
    }
    long[] shares =
        anyPositive(weights) ? Allocation.split(pool, weights) : new long[weights.length];
    postRevenue(ledger, eventId, at, counterparty, program, revenue);
    List<SiteEarnings> out = new ArrayList<>();
    Money paid = Money.zero(cur);
    for (int i = 0; i < weights.length; i++) {
      Participation p = participants.get(i);
      String site = p.performance().siteId();
      long wh = weights[i];
      Money energy = money(wh > 0 ? perKwh.minorUnitsFor(wh) : 0, digits, cur);
      Money event = money(wh > 0 ? perEvent : 0, digits, cur);
      Money share = money(shares[i], digits, cur);
      SiteEarnings e = new SiteEarnings(site, p.customerId(), wh, energy, event, share);
      out.add(e);
      if (e.total().isZero()) {
        continue;
      }
      List<Posting> lines = new ArrayList<>();
      Account participant = Account.participant(p.customerId());
      Account expense = Account.expense(program.id());
      addPair(lines, participant, expense, energy, LineKind.ENERGY, eventId);
      addPair(lines, participant, expense, event, LineKind.EVENT, eventId);
      addPair(lines, participant, expense, share, LineKind.REVENUE_SHARE, eventId);
      ledger.post(
          Transaction.of(eventId + "/" + site, at, "event " + eventId + ", site " + site, lines));
      paid = paid.plus(e.total());
    }
    return new EventSettlement(eventId, out, revenue, paid);
  }

  /** Credit {@code to}, debit {@code from}, when {@code m} is not zero. */
  private static void addPair(
      List<Posting> lines, Account to, Account from, Money m, LineKind kind, String reference) {
    if (!m.isZero()) {
      lines.add(new Posting(to, m.negate(), kind, reference));
      lines.add(new Posting(from, m, kind, reference));
    }
  }

  static long minor(Money m) {
    int digits = Math.max(0, m.currency().getDefaultFractionDigits());
    return m.amount()
        .movePointRight(digits)
        .setScale(0, java.math.RoundingMode.UNNECESSARY)
        .longValueExact();
  }

  static Money money(long minor, int digits, Currency cur) {
    return new Money(BigDecimal.valueOf(minor, digits), cur);
  }

  static boolean anyPositive(long[] v) {
    for (long x : v) {
      if (x > 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * Posts what the utility or market pays for event {@code eventId}, when anything: receivable from
   * {@code counterparty} against the program's revenue. Shared by the per-site and the fleet form,
   * which must post the same.
   */
  static void postRevenue(
      Ledger ledger,
      String eventId,
      Instant at,
      String counterparty,
      Program program,
      Money revenue) {
    if (revenue.isZero()) {
      return;
    }
    ledger.post(
        Transaction.of(
            eventId + "/revenue",
            at,
            "revenue of event " + eventId + " from " + counterparty,
            List.of(
                new Posting(
                    Account.receivable(counterparty), revenue, LineKind.MARKET_REVENUE, eventId),
                new Posting(
                    Account.revenue(program.id()),
                    revenue.negate(),
                    LineKind.MARKET_REVENUE,
                    eventId))));
  }
}
