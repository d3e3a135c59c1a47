package org.openvpp.market;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.openvpp.settle.Account;
import org.openvpp.settle.LineKind;
import org.openvpp.settle.Posting;
import org.openvpp.settle.Transaction;
import org.openvpp.units.Energy;
import org.openvpp.units.EnergyPrice;
import org.openvpp.units.Money;

/**
 * One day of an aggregation's day-ahead market settlement, each amount rounded to the cent once, at
 * the day's total.
 *
 * <p>Per hour {@code h} at clearing price {@code p_h}: the award {@code a_h} (net sale, MWh) is
 * paid {@code a_h·p_h}; what the fleet delivered, {@code d_h}, differs from it by the deviation
 * {@code a_h − d_h}, which the aggregation buys back (or sells) at the same price, {@code −(a_h −
 * d_h)·p_h}, and pays a penalty on, {@code |a_h − d_h|·|p_h|·penalty} (the market's {@link
 * MarketRules#deviationPenalty}). The net is {@code Σ d_h·p_h − penalties}: what the energy truly
 * delivered earned, less the cost of having promised otherwise.
 *
 * @param day the operating day
 * @param awarded what the awards were worth
 * @param imbalance the deviations bought back (negative) or sold (positive) at the clearing prices
 * @param penalty what the deviations cost beyond that (not positive)
 * @param sold energy delivered in hours of net sale
 * @param bought energy taken in hours of net purchase
 * @param undelivered the sum of the deviations' magnitudes
 */
public record DaySettlement(
    LocalDate day,
    Money awarded,
    Money imbalance,
    Money penalty,
    Energy sold,
    Energy bought,
    Energy undelivered) {

  public DaySettlement {
    Objects.requireNonNull(day, "day");
    Objects.requireNonNull(awarded, "awarded");
    Objects.requireNonNull(imbalance, "imbalance");
    Objects.requireNonNull(penalty, "penalty");
    Objects.requireNonNull(sold, "sold");
    Objects.requireNonNull(bought, "bought");
    Objects.requireNonNull(undelivered, "undelivered");
  }

  /**
   * Settles a day: {@code deliveredKw[h]} is the fleet's mean net delivery in hour {@code h} (kW,
   * discharge positive), as metered.
   */
  public static DaySettlement of(DayAward award, double[] deliveredKw, MarketRules rules) {
    if (deliveredKw.length != HourlyPrices.PER_DAY) {
      throw new IllegalArgumentException(
          deliveredKw.length + " hours delivered for a day of 24 hours");
    }
    Money awarded = Money.zero(Money.USD);
    Money imbalance = Money.zero(Money.USD);
    Money penalty = Money.zero(Money.USD);
    double sold = 0;
    double bought = 0;
    double undelivered = 0;
    for (int h = 0; h < HourlyPrices.PER_DAY; h++) {
      EnergyPrice p = award.prices().get(h);
      double a = award.netKw(h);
      double d = deliveredKw[h];
      if (!Double.isFinite(d)) {
        throw new IllegalArgumentException("hour " + h + " delivered " + d + " kW");
      }
      awarded = awarded.plus(p.costOf(kwh(a)));
      double deviation = a - d;
      imbalance = imbalance.minus(p.costOf(kwh(deviation)));
      BigDecimal magnitude = p.perMegawattHour().amount().abs();
      penalty =
          penalty.minus(
              new Money(magnitude, Money.USD)
                  .times(BigDecimal.valueOf(Math.abs(deviation) / 1_000))
                  .times(rules.deviationPenalty()));
      if (d > 0) {
        sold += d;
      } else {
        bought -= d;
      }
      undelivered += Math.abs(deviation);
    }
    return new DaySettlement(
        award.day(),
        awarded.rounded(),
        imbalance.rounded(),
        penalty.rounded(),
        Energy.ofKilowattHours(sold),
        Energy.ofKilowattHours(bought),
        Energy.ofKilowattHours(undelivered));
  }

  private static Energy kwh(double kw) {
    return Energy.ofKilowattHours(kw);
  }

  /** What the day earned in the market: the awards, the imbalance and the penalty. */
  public Money net() {
    return awarded.plus(imbalance).plus(penalty);
  }

  /**
   * The day as a ledger transaction: the market operator owes (or is owed) the net, credited to the
   * program's revenue, with the three parts as separate lines for statements.
   *
   * @param program the program whose revenue it is
   * @param at when it was settled
   * @return the transaction, or empty for a day without awards or deliveries
   */
  public Optional<Transaction> transaction(String program, Instant at) {
    String reference = "day-ahead " + day;
    List<Posting> lines = new ArrayList<>();
    add(lines, Account.receivable("market"), awarded, reference + " awards");
    add(lines, Account.revenue(program), awarded.negate(), reference + " awards");
    add(lines, Account.receivable("market"), imbalance, reference + " imbalance");
    add(lines, Account.revenue(program), imbalance.negate(), reference + " imbalance");
    add(lines, Account.receivable("market"), penalty, reference + " deviation penalty");
    add(lines, Account.revenue(program), penalty.negate(), reference + " deviation penalty");
    return lines.isEmpty()
        ? Optional.empty()
        : Optional.of(
            Transaction.of("market-" + program + "-" + day, at, "day-ahead " + day, lines));
  }

  private static void add(List<Posting> lines, Account account, Money amount, String reference) {
    if (!amount.isZero()) {
      lines.add(new Posting(account, amount, LineKind.MARKET_REVENUE, reference));
    }
  }
}
