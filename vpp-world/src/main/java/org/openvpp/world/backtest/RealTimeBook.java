package org.openvpp.world.backtest;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.openvpp.market.ArbitrageBidder;
import org.openvpp.market.HourlyPrices;
import org.openvpp.market.MarketRules;
import org.openvpp.market.ProgramEvent;
import org.openvpp.market.Reserve;
import org.openvpp.market.ReserveBid;
import org.openvpp.market.ReservePrices;
import org.openvpp.market.realtime.ReserveCall;
import org.openvpp.market.realtime.Tracking;
import org.openvpp.units.EnergyPrice;
import org.openvpp.units.Money;

/**
 * One operating day's real time as it happens, interval by interval: what each interval's delivery
 * did against its target, the calls served and restored, and each hour's regulation scored; at the
 * end, the day's {@link Backtest.Deployment} and the hourly deliveries the day-ahead settlement
 * nets against the award.
 *
 * <p>Design note. An interval's target is the award ramped between hours, plus the calls, less the
 * restoring of what earlier calls took. What the fleet gave beyond the target without the calls (at
 * most the calls' power) served the calls, and is paid the hour's energy price; the rest of the
 * difference between metered and target is uninstructed deviation, added to the hour's delivery so
 * that the day-ahead settlement charges it with its penalty. Energy instructed away from the award
 * (ramps, restoring) is settled at the hour's price, the stand-in for the real-time price the data
 * lacks. When a call ends, the energy it gave is bought back over the market's restoration period
 * (grossed up by the round trip), spread evenly; what runs past midnight is carried into the next
 * day ({@link #carry}). A call's capacity payment is kept in proportion to the energy served, and
 * lost whole when its full power was not reached by the response time.
 *
 * <p>Not thread-safe.
 */
final class RealTimeBook {
  /** An interval is off when missed by more than this share of its target, or {@link #OFF_KW}. */
  private static final double OFF_SHARE = 0.03;

  private static final double OFF_KW = 1;
  private static final double ROUND_TRIP = 0.90;

  private final LocalDate day;
  private final HourlyPrices prices;
  private final Optional<ReserveBid> held;
  private final Optional<ReservePrices> reserves;
  private final List<ReserveCall> calls;
  private final double[] given;
  private final boolean[] reached;
  private final double[] restoring;
  private final double[] deliveredKwh = new double[HourlyPrices.PER_DAY];
  private final double[] eventKw;
  private final double[] eventPrice;
  private final Tracking tracking = new Tracking();
  private final int perHour;
  private final int responseIntervals;
  private final int restorationIntervals;
  private final double hours;
  private double paid;
  private double eventAsked;
  private double eventServed;
  private double eventPaid;
  private double instructed;
  private double performance;
  private double regulationKwh;
  private double scoredKwh;

  /**
   * A day with {@code calls} on the capacity {@code held}, and {@code carried} restoring (kW per
   * interval from the day's first) left from the day before.
   */
  RealTimeBook(
      LocalDate day,
      HourlyPrices prices,
      Optional<ReserveBid> held,
      Optional<ReservePrices> reserves,
      MarketRules.RealTime rules,
      List<ReserveCall> calls,
      List<ProgramEvent> events,
      double[] carried) {
    this.day = day;
    this.prices = prices;
    this.held = held;
    this.reserves = reserves;
    this.calls = List.copyOf(calls);
    this.perHour = rules.perHour();
    this.hours = rules.hours();
    this.responseIntervals = rules.intervals(rules.reserveResponse());
    this.restorationIntervals = rules.intervals(rules.restoration());
    this.given = new double[calls.size()];
    this.reached = new boolean[calls.size()];
    this.restoring = new double[HourlyPrices.PER_DAY * perHour + restorationIntervals];
    System.arraycopy(carried, 0, restoring, 0, Math.min(carried.length, restoring.length));
    this.eventKw = new double[HourlyPrices.PER_DAY * perHour];
    this.eventPrice = new double[eventKw.length];
    Instant midnight = day.atStartOfDay(prices.market().zone()).toInstant();
    for (ProgramEvent e : events) {
      double kw = e.power().kilowatts();
      double price = e.pays().perMegawattHour().amount().doubleValue() / 1_000;
      for (int k = e.from() * perHour; k < e.to() * perHour; k++) {
        // an event is answered from the first interval after its notice
        if (!midnight.plus(rules.interval().multipliedBy(k)).isBefore(e.notified())) {
          eventPrice[k] = (eventPrice[k] * eventKw[k] + price * kw) / (eventKw[k] + kw);
          eventKw[k] += kw;
        }
      }
    }
  }

  /** The power program events ask for in interval {@code k}. */
  double eventKw(int k) {
    return eventKw[k];
  }

  /** The power called in interval {@code k}, every call together. */
  double calledKw(int k) {
    double kw = 0;
    for (ReserveCall c : calls) {
      kw += c.covers(k) ? c.kw() : 0;
    }
    return kw;
  }

  /** The power bought back in interval {@code k} for calls that ended before it. */
  double restoringKw(int k) {
    return restoring[k];
  }

  /**
   * Interval {@code k}: its target (with the calls and the restoring), the award of its hour, and
   * what the fleet metered (kW, delivery positive).
   */
  void interval(int k, double targetKw, double awardKw, double meteredKw) {
    int hour = k / perHour;
    double price = prices.perMwh(day, hour) / 1_000;
    double called = calledKw(k);
    double event = eventKw[k];
    double base = targetKw - called - event;
    // beyond the market's target, the events are served first, then the calls
    double toEvent = Math.clamp(meteredKw - base, 0, event);
    double served = called > 0 ? Math.clamp(meteredKw - base - event, 0, called) : 0;
    double uninstructed = meteredKw - base - toEvent - served;
    deliveredKwh[hour] += (awardKw + uninstructed) * hours;
    instructed += (base - awardKw) * hours * price;
    paid += served * hours * price;
    eventAsked += event * hours;
    eventServed += toEvent * hours;
    eventPaid += toEvent * hours * eventPrice[k];
    tracking.add(targetKw, meteredKw, hours, Math.max(OFF_KW, OFF_SHARE * Math.abs(targetKw)));
    for (int c = 0; c < calls.size(); c++) {
      ReserveCall call = calls.get(c);
      if (!call.covers(k)) {
        continue;
      }
      double share = served * call.kw() / called;
      given[c] += share * hours;
      if (k == call.from() + Math.min(responseIntervals, call.count()) - 1) {
        reached[c] = share >= call.kw() * (1 - 1e-6);
      }
      if (k == call.from() + call.count() - 1) {
        double kw = given[c] / ROUND_TRIP / (restorationIntervals * hours);
        for (int r = k + 1; r <= k + restorationIntervals && r < restoring.length; r++) {
          restoring[r] += kw;
        }
      }
    }
  }

  /**
   * Scores hour {@code hour}'s regulation, if it holds any, on the online fleet as one battery
   * (energy {@code storedKwh} between {@code floorKwh} and {@code capacityKwh}); {@code seed} the
   * hour's signal.
   */
  void regulation(
      int hour, long seed, double storedKwh, double floorKwh, double capacityKwh, double eta) {
    if (!regulates(hour)) {
      return;
    }
    ReserveBid b = held.orElseThrow();
    double up = b.upReserve().get(hour) == Reserve.REGULATION_UP ? b.up().get(hour).kilowatts() : 0;
    double down = b.down().get(hour).kilowatts();
    double score = RegulationHour.score(seed, up, down, storedKwh, floorKwh, capacityKwh, eta);
    double pay =
        (up * price(Reserve.REGULATION_UP, hour) + down * price(Reserve.REGULATION_DOWN, hour))
            / 1_000;
    performance += pay * (score - 1);
    regulationKwh += up + down;
    scoredKwh += (up + down) * score;
  }

  /** Whether hour {@code hour} holds regulation, up or down, that the market pays. */
  boolean regulates(int hour) {
    if (held.isEmpty() || reserves.isEmpty()) {
      return false;
    }
    ReserveBid b = held.get();
    return (b.upReserve().get(hour) == Reserve.REGULATION_UP && b.up().get(hour).kilowatts() > 0)
        || b.down().get(hour).kilowatts() > 0;
  }

  /** Hour {@code hour}'s delivery as the day-ahead settlement nets it: award and deviation, kWh. */
  double[] delivered() {
    return deliveredKwh.clone();
  }

  /** Restoring that runs past the day's end, kW per interval from the next day's first. */
  double[] carry() {
    int day = HourlyPrices.PER_DAY * perHour;
    return java.util.Arrays.copyOfRange(restoring, day, restoring.length);
  }

  /** The day's deployment, {@code wear} pricing the energy the regulation signal moves. */
  Backtest.Deployment deployment(java.util.function.DoubleFunction<Money> wear) {
    double asked = 0;
    double served = 0;
    double forfeited = 0;
    int late = 0;
    for (int c = 0; c < calls.size(); c++) {
      ReserveCall call = calls.get(c);
      int hour = call.from() / perHour;
      Reserve r = held.orElseThrow().upReserve().get(hour);
      double pay = call.kw() / 1_000 * price(r, hour);
      asked += call.askedKwh(hours);
      served += given[c];
      forfeited -= pay - call.kept(pay, given[c], reached[c], hours);
      late += reached[c] ? 0 : 1;
    }
    return new Backtest.Deployment(
        asked,
        served,
        calls.size(),
        late,
        usd(paid),
        usd(forfeited),
        wear.apply(ArbitrageBidder.REGULATION_THROUGHPUT * regulationKwh).negate().rounded(),
        usd(instructed),
        usd(performance),
        regulationKwh,
        scoredKwh,
        tracking.figures(),
        eventAsked,
        eventServed,
        usd(eventPaid));
  }

  private double price(Reserve r, int hour) {
    EnergyPrice p = reserves.orElseThrow().of(r).price(day, hour);
    return p.perMegawattHour().amount().doubleValue();
  }

  private static Money usd(double amount) {
    return new Money(BigDecimal.valueOf(amount), Money.USD).rounded();
  }
}
