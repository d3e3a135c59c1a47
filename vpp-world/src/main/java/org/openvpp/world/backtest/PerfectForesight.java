package org.openvpp.world.backtest;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openvpp.market.ArbitrageBidder;
import org.openvpp.market.CoOptimiser;
import org.openvpp.market.DayAward;
import org.openvpp.market.HourlyPrices;
import org.openvpp.market.MarketRules;
import org.openvpp.market.ProgramEvent;
import org.openvpp.market.Reserve;
import org.openvpp.market.ReservePrices;
import org.openvpp.market.realtime.DispatchInstructions;
import org.openvpp.plan.BatteryFleet;
import org.openvpp.plan.FleetPlanRequest;
import org.openvpp.plan.FleetPlanner;
import org.openvpp.plan.FleetSchedule;
import org.openvpp.time.Horizon;
import org.openvpp.units.Energy;
import org.openvpp.units.EnergyPrice;
import org.openvpp.units.Money;

/**
 * The backtest's perfect foresight, on its own copy of the fleet's energy: each day it plans the
 * batteries truly online against the day's real prices, every program event known, and is paid
 * them. Energy alone: each battery's exact optimum ({@link FleetPlanner}); with reserves or events,
 * the online batteries as one battery ({@link CoOptimiser}), its moves shared over them as the
 * dispatch shares an award. It pays the bidder's wear, is settled the same ramps between hours and
 * has its regulation scored the same way, so that the ratio to it compares foresight, not physics.
 *
 * <p>Not thread-safe; one run.
 */
final class PerfectForesight {
  private static final double HOURS = 1;

  /** What perfect foresight earned in a day, net of its wear, and that wear (not positive). */
  record Perfect(Money net, Money wear) {
    static final Perfect NONE = new Perfect(Money.zero(Money.USD), Money.zero(Money.USD));
  }

  private final HourlyPrices prices;
  private final Optional<ReservePrices> reserves;
  private final List<ProgramEvent> events;
  private final MarketRules rules;
  private final Backtest.Settings settings;
  private final FleetPlanner planner = new FleetPlanner();
  private final int n;
  private final double[] floor;
  private final double[] eta;
  private final double[] maxKw;
  private final double[] capacity;
  private final double[] perfectStored;
  private double perfectLastKw;

  /** The fleet's batteries as the arrays give them (read, never written), each at its floor. */
  PerfectForesight(
      HourlyPrices prices,
      Optional<ReservePrices> reserves,
      List<ProgramEvent> events,
      Backtest.Settings settings,
      double[] floor,
      double[] capacity,
      double[] maxKw,
      double[] eta) {
    this.prices = prices;
    this.reserves = reserves;
    this.events = List.copyOf(events);
    this.rules = prices.market();
    this.settings = settings;
    this.n = floor.length;
    this.floor = floor;
    this.capacity = capacity;
    this.maxKw = maxKw;
    this.eta = eta;
    this.perfectStored = floor.clone();
  }

  /** Perfect foresight's {@code day} with the batteries {@code online} ({@code up} of them). */
  Perfect day(LocalDate day, boolean[] online, int up) {
    if (up == 0) {
      perfectLastKw = 0;
      return Perfect.NONE;
    }
    List<ProgramEvent> today = events.stream().filter(e -> e.day().equals(day)).toList();
    if (reserves.isPresent() || !today.isEmpty()) {
      return perfectTogether(day, online, reserves, today);
    }
    BatteryFleet fleet = new BatteryFleet(up);
    int[] ordinal = new int[up];
    int j = 0;
    for (int i = 0; i < n; i++) {
      if (online[i]) {
        ordinal[j] = i;
        fleet.set(
            j,
            capacity[i],
            floor[i],
            maxKw[i],
            maxKw[i],
            eta[i],
            eta[i],
            perfectStored[i],
            floor[i]);
        j++;
      }
    }
    Horizon horizon =
        new Horizon(day.atStartOfDay(rules.zone()).toInstant(), java.time.Duration.ofHours(1), 24);
    List<EnergyPrice> real = new ArrayList<>(HourlyPrices.PER_DAY);
    for (int h = 0; h < HourlyPrices.PER_DAY; h++) {
      real.add(prices.price(day, h));
    }
    FleetSchedule schedule =
        planner.plan(
            fleet, FleetPlanRequest.hourly(horizon, real, settings.bidder().wear(), List.of()));
    double revenue = 0;
    double throughput = 0;
    double[] sale = new double[HourlyPrices.PER_DAY];
    for (j = 0; j < up; j++) {
      int i = ordinal[j];
      for (int h = 0; h < HourlyPrices.PER_DAY; h++) {
        double c = schedule.charge(j, h).kilowatts();
        double d = schedule.discharge(j, h).kilowatts();
        sale[h] += d - c;
        perfectStored[i] += HOURS * (eta[i] * c - d / eta[i]);
        revenue += (d - c) * prices.perMwh(day, h) / 1_000;
        throughput += (c + d) * HOURS;
      }
      perfectStored[i] = Math.clamp(perfectStored[i], floor[i], capacity[i]);
    }
    Money wear = wear(throughput).negate().rounded();
    revenue += ramps(day, sale);
    Money net = new Money(BigDecimal.valueOf(revenue), Money.USD).rounded().plus(wear);
    return new Perfect(net, wear);
  }

  /**
   * Perfect foresight where reserves are paid or the day has program events: the online batteries
   * as one battery planned for energy, reserves and events at the day's real prices ({@link
   * CoOptimiser}, every event known), the up reserve each hour the dearest; its energy shared over
   * the batteries as the dispatch shares an award. Its regulation is scored as the bidder's is
   * ({@link RegulationHour}, the same signal each hour), so that the ratio compares foresight, not
   * physics.
   */
  private Perfect perfectTogether(
      LocalDate day, boolean[] online, Optional<ReservePrices> r, List<ProgramEvent> dayEvents) {
    double initial = 0;
    double low = 0;
    double high = 0;
    double power = 0;
    double least = 1;
    for (int i = 0; i < n; i++) {
      if (online[i]) {
        initial += perfectStored[i];
        low += floor[i];
        high += capacity[i];
        power += maxKw[i];
        least = Math.min(least, eta[i]);
      }
    }
    double[] energy = new double[HourlyPrices.PER_DAY];
    double[] upPrice = new double[HourlyPrices.PER_DAY];
    double[] downPrice = new double[HourlyPrices.PER_DAY];
    boolean[] regulationUp = new boolean[HourlyPrices.PER_DAY];
    double wearPerMwh = settings.bidder().wear().perMegawattHour().amount().doubleValue();
    // regulation's prices net of the wear of the energy the signal moves, as the bidder weighs them
    double regulationWear = ArbitrageBidder.REGULATION_THROUGHPUT * wearPerMwh;
    double[] committed = ProgramEvent.committedKw(dayEvents, day);
    double[] eventPrice = ProgramEvent.pricePerMwh(dayEvents, day);
    for (int h = 0; h < HourlyPrices.PER_DAY; h++) {
      energy[h] = prices.perMwh(day, h);
      if (r.isEmpty()) {
        continue;
      }
      int hour = h;
      ReservePrices rp = r.get();
      java.util.function.ToDoubleFunction<Reserve> net =
          each -> Reserve.netOfRegulationWear(each, rp.of(each).perMwh(day, hour), regulationWear);
      Reserve best = Reserve.dearestUp(net);
      regulationUp[h] = best == Reserve.REGULATION_UP;
      upPrice[h] = net.applyAsDouble(best);
      downPrice[h] = net.applyAsDouble(Reserve.REGULATION_DOWN);
    }
    CoOptimiser.Plan plan =
        CoOptimiser.plan(
            new CoOptimiser.Fleet(initial, low, high, low, power, power, least, least),
            energy,
            upPrice,
            downPrice,
            wearPerMwh,
            committed,
            eventPrice);
    double throughput = 0;
    double regulated = 0;
    double performance = 0;
    double[] setpoint = new double[n];
    double[] sales = new double[HourlyPrices.PER_DAY];
    double stored = initial;
    for (int h = 0; h < HourlyPrices.PER_DAY; h++) {
      sales[h] = plan.saleKw(h);
      double sale = plan.saleKw(h) + plan.eventKw(h);
      throughput += Math.abs(sale);
      double regUp = regulationUp[h] ? plan.upKw(h) : 0;
      double regDown = plan.downKw(h);
      regulated += ArbitrageBidder.REGULATION_THROUGHPUT * (regUp + regDown) * HOURS;
      if (regUp > 0 || regDown > 0) {
        // the same physics as the bidder's: its regulation scored, the pay adjusted
        long seed = RegulationHour.seed(settings.seed(), day, h);
        double score = RegulationHour.score(seed, regUp, regDown, stored, low, high, least);
        ReservePrices rp = r.orElseThrow();
        double pay =
            (regUp * rp.of(Reserve.REGULATION_UP).perMwh(day, h)
                    + regDown * rp.of(Reserve.REGULATION_DOWN).perMwh(day, h))
                / 1_000;
        performance += pay * (score - 1);
      }
      Split.split(sale, HOURS, 1, online, perfectStored, floor, capacity, maxKw, eta, setpoint);
      for (int i = 0; i < n; i++) {
        double p = setpoint[i];
        perfectStored[i] += p > 0 ? p * eta[i] * HOURS : p / eta[i] * HOURS;
        perfectStored[i] = Math.clamp(perfectStored[i], floor[i], capacity[i]);
      }
      stored = 0;
      for (int i = 0; i < n; i++) {
        stored += online[i] ? perfectStored[i] : 0;
      }
    }
    // the plan's value is net of all wear, the regulation signal's too (its prices were reduced by
    // it); the wear is reported apart
    Money wear = wear(throughput + regulated).negate().rounded();
    double value = plan.value() + performance + ramps(day, sales);
    Money net = new Money(BigDecimal.valueOf(value), Money.USD).rounded();
    return new Perfect(net, wear);
  }

  /**
   * What the market's ramps between hours earn perfect foresight's hourly {@code sale} (kW) at the
   * day's prices, as they earn the bidder's (its targets ramped from the day before's last hour;
   * the ramp into the next day counted there).
   */
  private double ramps(LocalDate day, double[] sale) {
    List<org.openvpp.units.Power> net = new ArrayList<>(HourlyPrices.PER_DAY);
    List<EnergyPrice> real = new ArrayList<>(HourlyPrices.PER_DAY);
    for (int h = 0; h < HourlyPrices.PER_DAY; h++) {
      net.add(org.openvpp.units.Power.ofKilowatts(sale[h]));
      real.add(prices.price(day, h));
    }
    DayAward award = new DayAward(day, net, real);
    double last = sale[HourlyPrices.PER_DAY - 1];
    DispatchInstructions t = DispatchInstructions.of(award, rules.realTime(), perfectLastKw, last);
    perfectLastKw = last;
    double value = 0;
    for (int k = 0; k < t.size(); k++) {
      int h = k / t.perHour();
      value += (t.kw(k) - sale[h]) * rules.realTime().hours() * prices.perMwh(day, h) / 1_000;
    }
    return value;
  }

  private Money wear(double throughputKwh) {
    return settings.bidder().wear().costOf(Energy.ofKilowattHours(throughputKwh));
  }
}
