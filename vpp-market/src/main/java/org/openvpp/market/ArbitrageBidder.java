package org.openvpp.market;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.openvpp.forecast.DayAheadModel;
import org.openvpp.forecast.QuantileForecast;
import org.openvpp.forecast.QuantileForecaster;
import org.openvpp.market.regulation.SignalStatistics;
import org.openvpp.market.regulation.SyntheticRegulationSignal;
import org.openvpp.plan.BatteryFleet;
import org.openvpp.plan.FleetPlanRequest;
import org.openvpp.plan.FleetPlanner;
import org.openvpp.plan.FleetSchedule;
import org.openvpp.plan.PlannedBattery;
import org.openvpp.time.Horizon;
import org.openvpp.units.Energy;
import org.openvpp.units.EnergyPrice;
import org.openvpp.units.Money;
import org.openvpp.units.Power;

/**
 * Builds an aggregation's day-ahead energy bid for a battery fleet from what is known at the bid
 * deadline: the published prices and the fleet's state.
 *
 * <p>Design. The day's prices are forecast as P10/P50/P90 per hour ({@link QuantileForecaster} over
 * the known prices, the bands from the model's own errors on the days before). The fleet is planned
 * against the P50 with the wear cost ({@link FleetPlanner}: each battery's exact optimum), and the
 * plan's net discharge per hour, scaled to the share of the fleet that will be online at the chosen
 * confidence (the lower quantile of a binomial count, by its normal approximation), becomes the
 * bid. An hour the plan sells in is offered at a limit: the least price worth selling at, the value
 * of keeping the energy for later ({@link Settings#sellLimit}); an hour it buys in is bid at the
 * most worth paying. A step below the market's minimum is left out.
 *
 * <p>Why a plan and not a curve of every price: the market clears each hour alone and does not know
 * the fleet's state of charge, so every combination of steps that may clear must be one the fleet
 * can honour. A curve with one step per hour at the planned quantity keeps that simple: an hour not
 * cleared leaves energy in (a sale not made) or out (a purchase not made), and the limits are set
 * so that the second, which could starve a later sale, happens only when the price is so high that
 * not buying pays.
 *
 * <p>In a market that clears storage with its state of charge ({@link MarketRules#clearsStorage},
 * CAISO's model for storage), {@link Settings#asStorage} bids the fleet as one battery at its P90
 * share ({@link StorageBid}) with curves at its wear cost, and the market picks the hours at the
 * real prices; the forecast then chooses nothing, and the bidder's skill is to declare what the
 * fleet can truly do: each battery's power counts for what it can hold through a little longer than
 * the fleet's mean duration ({@link #SUSTAIN}), since the market sees only the sum. Once the award
 * and the day's prices are known, {@link #follow} plans each battery on them for the dispatch.
 *
 * <p>Immutable; safe to share between threads.
 */
public final class ArbitrageBidder {

  /**
   * How the bidder forecasts and bids.
   *
   * @param model the point forecast of a day's prices
   * @param residualDays the days of out-of-sample errors behind the bands
   * @param wear the cost of a MWh into or out of a battery
   * @param confidence the chance the fleet can honour the bid (0.9: P90)
   * @param sellLimit where a sale's limit sits: 0 sells whatever the price (the market's floor), 1
   *     at the P10 of the hour's forecast
   * @param buyLimit where a purchase's limit sits: 0 buys whatever the price (the cap), 1 at the
   *     P90 of the hour's forecast
   * @param asStorage in a market that clears storage, bid as storage: the fleet as one battery at
   *     its P90 share, its curves at its wear cost, the market choosing the hours
   */
  public record Settings(
      DayAheadModel model,
      int residualDays,
      EnergyPrice wear,
      double confidence,
      double sellLimit,
      double buyLimit,
      boolean asStorage) {
    public Settings {
      Objects.requireNonNull(model, "model");
      Objects.requireNonNull(wear, "wear");
      if (!(confidence >= 0.5 && confidence < 1)) {
        throw new IllegalArgumentException("confidence must be in [0.5, 1), was " + confidence);
      }
      if (!(sellLimit >= 0 && sellLimit <= 1) || !(buyLimit >= 0 && buyLimit <= 1)) {
        throw new IllegalArgumentException(
            "sellLimit and buyLimit must be in [0, 1], were " + sellLimit + ", " + buyLimit);
      }
    }
  }

  /**
   * How much longer than the fleet's mean duration at full power (its usable energy over its power)
   * a storage bid's power is declared sustainable for (see {@link #storageBid}): chosen on 2018's
   * CAISO prices, the training years', as the least that kept the undelivered energy under 0.5 % of
   * the energy sold (2018, 1,000 batteries: 2.0 % at 1.06, 0.1 % at 1.2).
   */
  static final double SUSTAIN = 1.2;

  /**
   * The energy (MWh) holding one MW of regulation moves through an hour, each way: half the mean
   * |signal| of the synthetic regulation signal (docs/markets.md, "Regulation"), about 0.27. Its
   * wear comes off a regulation price before the plan weighs it, and off the revenue after.
   */
  public static final double REGULATION_THROUGHPUT =
      SignalStatistics.of(
                  new SyntheticRegulationSignal(
                          SyntheticRegulationSignal.Shape.fast(Duration.ofSeconds(4)), 2019)
                      .over(Duration.ofHours(10)),
                  Duration.ofSeconds(4))
              .meanAbsValue()
          / 2;

  private final MarketRules rules;
  private final Settings settings;
  private final QuantileForecaster forecaster;
  private final FleetPlanner planner = new FleetPlanner();

  public ArbitrageBidder(MarketRules rules, Settings settings) {
    this.rules = Objects.requireNonNull(rules, "rules");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.forecaster =
        new QuantileForecaster(settings.model(), settings.residualDays(), 1, -Double.MAX_VALUE);
  }

  /** The first day a bid can be made for, counted in days after the known prices' first day. */
  public int daysOfHistory() {
    return forecaster.firstDay();
  }

  /**
   * The price forecast for {@code day}, from {@code known} alone, which must end the day before.
   */
  public QuantileForecast forecast(LocalDate day, KnownPrices known) {
    if (!known.end().equals(day)) {
      throw new IllegalArgumentException(
          "a forecast for "
              + day
              + " needs the prices up to the day before; known are up to "
              + known.end().minusDays(1));
    }
    int index = (int) ChronoUnit.DAYS.between(known.first(), day);
    if (index < forecaster.firstDay()) {
      throw new IllegalArgumentException(
          "a forecast for "
              + day
              + " needs "
              + forecaster.firstDay()
              + " days of prices, "
              + index
              + " are known");
    }
    return forecaster.forecast(known.hourly(), index);
  }

  /**
   * The bid for {@code day}.
   *
   * @param now when the bid is made: at or before the day's deadline
   * @param known the prices published by {@code now}
   * @param fleet every battery as it is expected to start the day (initial energy) and must end it
   *     (final minimum)
   * @param online the share of the fleet expected online through the day, learnt from the past
   */
  public DayBid bid(
      LocalDate day, Instant now, KnownPrices known, BatteryFleet fleet, double online) {
    return plan(day, now, known, fleet, online).bid();
  }

  /** As {@link #bid}, with the plan of each battery behind it. */
  public PlannedBid plan(
      LocalDate day, Instant now, KnownPrices known, BatteryFleet fleet, double online) {
    return plan(day, now, known, Map.of(), fleet, online);
  }

  /**
   * As {@link #plan(LocalDate, Instant, KnownPrices, BatteryFleet, double)}, and where reserve
   * prices are known (and the bid is by hours), with reserves: the fleet at its P90 share planned
   * as one battery for energy and reserves together ({@link CoOptimiser}) on the forecasts of both,
   * its sales bid by hours as the energy plan's are and its headroom offered ({@link ReserveBid}).
   * The up reserve of an hour is the one forecast dearest.
   */
  public PlannedBid plan(
      LocalDate day,
      Instant now,
      KnownPrices known,
      Map<Reserve, KnownPrices> reserves,
      BatteryFleet fleet,
      double online) {
    return plan(day, now, known, reserves, List.of(), fleet, online);
  }

  /**
   * As {@link #plan(LocalDate, Instant, KnownPrices, Map, BatteryFleet, double)}, with the program
   * events of {@code day} the fleet is committed to: those notified by {@code now} are planned with
   * the bid ({@link CoOptimiser}: their energy and power kept first, only the rest sold), and a day
   * with one is bid by hours, even where the market would clear storage. Events notified later are
   * not seen.
   */
  public PlannedBid plan(
      LocalDate day,
      Instant now,
      KnownPrices known,
      Map<Reserve, KnownPrices> reserves,
      List<ProgramEvent> events,
      BatteryFleet fleet,
      double online) {
    List<ProgramEvent> notified = events.stream().filter(e -> !e.notified().isAfter(now)).toList();
    double[] committed = ProgramEvent.committedKw(notified, day);
    double[] eventPrice = ProgramEvent.pricePerMwh(notified, day);
    boolean anyEvent = false;
    for (double kw : committed) {
      anyEvent |= kw > 0;
    }
    QuantileForecast f = forecast(day, known);
    Horizon horizon =
        new Horizon(day.atStartOfDay(rules.zone()).toInstant(), Duration.ofHours(1), 24);
    List<EnergyPrice> p50 = new ArrayList<>(HourlyPrices.PER_DAY);
    for (int h = 0; h < HourlyPrices.PER_DAY; h++) {
      p50.add(price(f.p50()[h]));
    }
    FleetSchedule schedule =
        planner.plan(fleet, FleetPlanRequest.hourly(horizon, p50, settings.wear(), List.of()));
    double[] netKw = schedule.fleetPlan().targetsKw();
    double share = honourableShare(fleet.size(), online, settings.confidence());
    boolean storage = settings.asStorage() && rules.clearsStorage() && !anyEvent;
    double[] planned = new double[HourlyPrices.PER_DAY];
    Optional<ReserveBid> reserveBid = Optional.empty();
    if ((!reserves.isEmpty() || anyEvent) && !storage) {
      Map<Reserve, double[]> forecast =
          reserves.isEmpty() ? Map.of() : reserveForecasts(day, reserves);
      Reserve[] best = new Reserve[HourlyPrices.PER_DAY];
      double[] upPrice = new double[HourlyPrices.PER_DAY];
      double[] downPrice = new double[HourlyPrices.PER_DAY];
      // regulation's price net of the wear of the energy the signal moves
      double regulationWear =
          REGULATION_THROUGHPUT * settings.wear().perMegawattHour().amount().doubleValue();
      for (int h = 0; h < HourlyPrices.PER_DAY && !forecast.isEmpty(); h++) {
        int hour = h;
        java.util.function.ToDoubleFunction<Reserve> net =
            r -> Reserve.netOfRegulationWear(r, at(forecast, r, hour), regulationWear);
        best[h] = Reserve.dearestUp(net);
        upPrice[h] = net.applyAsDouble(best[h]);
        downPrice[h] = net.applyAsDouble(Reserve.REGULATION_DOWN);
      }
      CoOptimiser.Plan together =
          CoOptimiser.plan(
              asOne(fleet, share),
              f.p50(),
              upPrice,
              downPrice,
              settings.wear().perMegawattHour().amount().doubleValue(),
              committed,
              eventPrice);
      double minimum = rules.minimumBid().kilowatts();
      for (int h = 0; h < HourlyPrices.PER_DAY; h++) {
        // the bid's hours below are the fleet's net load at full size, as the plan's
        netKw[h] = -together.saleKw(h) / share;
        planned[h] = together.eventKw(h);
      }
      List<Power> up = new ArrayList<>(HourlyPrices.PER_DAY);
      List<Power> down = new ArrayList<>(HourlyPrices.PER_DAY);
      for (int h = 0; h < HourlyPrices.PER_DAY; h++) {
        up.add(Power.ofKilowatts(together.upKw(h) >= minimum ? together.upKw(h) : 0));
        down.add(Power.ofKilowatts(together.downKw(h) >= minimum ? together.downKw(h) : 0));
      }
      if (!forecast.isEmpty()) {
        reserveBid = Optional.of(new ReserveBid(day, List.of(best), up, down));
      }
    }
    double[] sellKw = honourable(netKw, planned, share, fleet);
    List<IntervalBid> hours = new ArrayList<>(HourlyPrices.PER_DAY);
    double floor = rules.priceFloor().perMegawattHour().amount().doubleValue();
    double cap = rules.priceCap().perMegawattHour().amount().doubleValue();
    for (int h = 0; h < HourlyPrices.PER_DAY; h++) {
      double kw = sellKw[h];
      if (kw == 0) {
        hours.add(IntervalBid.NONE);
      } else if (kw > 0) {
        double limit = floor + settings.sellLimit() * (f.p10()[h] - floor);
        hours.add(IntervalBid.selling(Power.ofKilowatts(kw), price(clamp(limit, floor, cap))));
      } else {
        double limit = cap + settings.buyLimit() * (f.p90()[h] - cap);
        hours.add(IntervalBid.buying(Power.ofKilowatts(-kw), price(clamp(limit, floor, cap))));
      }
    }
    if (storage) {
      return new PlannedBid(storageBid(day, now, fleet, share), schedule);
    }
    return new PlannedBid(new DayBid(day, now, hours), schedule, reserveBid);
  }

  /** The fleet at {@code share} as one battery, for {@link CoOptimiser}. */
  static CoOptimiser.Fleet asOne(BatteryFleet fleet, double share) {
    double initial = 0;
    double floor = 0;
    double capacity = 0;
    double end = 0;
    double charge = 0;
    double discharge = 0;
    double etaC = 1;
    double etaD = 1;
    for (int i = 0; i < fleet.size(); i++) {
      PlannedBattery b = fleet.get(i);
      initial += b.initial().kilowattHours();
      floor += b.floor().kilowattHours();
      capacity += b.capacity().kilowattHours();
      end += Math.max(b.floor().kilowattHours(), b.finalMinimum().kilowattHours());
      charge += b.maxCharge().kilowatts();
      discharge += b.maxDischarge().kilowatts();
      etaC = Math.min(etaC, b.chargeEfficiency());
      etaD = Math.min(etaD, b.dischargeEfficiency());
    }
    return new CoOptimiser.Fleet(
        share * initial,
        share * floor,
        share * capacity,
        share * end,
        share * charge,
        share * discharge,
        etaC,
        etaD);
  }

  private Map<Reserve, double[]> reserveForecasts(LocalDate day, Map<Reserve, KnownPrices> known) {
    Map<Reserve, double[]> forecast = new java.util.EnumMap<>(Reserve.class);
    for (Reserve r : Reserve.values()) {
      KnownPrices k = Objects.requireNonNull(known.get(r), r.toString());
      int index = (int) ChronoUnit.DAYS.between(k.first(), day);
      if (!k.end().equals(day) || index < settings.model().firstDay()) {
        throw new IllegalArgumentException(
            "a forecast of " + r + " for " + day + " needs its prices up to the day before");
      }
      forecast.put(r, settings.model().forecastDay(k.hourly(), index));
    }
    return forecast;
  }

  /**
   * The bid of the fleet as storage, for a market that clears storage: the fleet at {@code share}
   * as one battery (its energy, floors and capacities summed, its least efficiencies), offering its
   * power every hour at its wear cost and bidding to charge at minus it, so that the market's
   * choice of hours at the clearing prices is the fleet's best day net of wear.
   */
  private DayBid storageBid(LocalDate day, Instant now, BatteryFleet fleet, double share) {
    CoOptimiser.Fleet one = asOne(fleet, share);
    double drawable = 0;
    double power = 0;
    for (int i = 0; i < fleet.size(); i++) {
      PlannedBattery b = fleet.get(i);
      drawable += b.capacity().minus(b.floor()).kilowattHours() * b.dischargeEfficiency();
      power += b.maxDischarge().kilowatts();
    }
    // The market sees only the sum, and a small battery cannot give its full power as long as a
    // large one: each battery's power counts for what it can hold through SUSTAIN times the fleet's
    // mean duration, from full or from empty.
    double sustain = SUSTAIN * Math.max(drawable / Math.max(power, 1e-9), 1e-9);
    double charge = 0;
    double discharge = 0;
    for (int i = 0; i < fleet.size(); i++) {
      PlannedBattery b = fleet.get(i);
      double usable = b.capacity().minus(b.floor()).kilowattHours();
      charge += Math.min(b.maxCharge().kilowatts(), usable / b.chargeEfficiency() / sustain);
      discharge +=
          Math.min(b.maxDischarge().kilowatts(), usable * b.dischargeEfficiency() / sustain);
    }
    StorageBid storage =
        new StorageBid(
            Energy.ofKilowattHours(one.initial()),
            Energy.ofKilowattHours(one.floor()),
            Energy.ofKilowattHours(one.capacity()),
            one.chargeEfficiency(),
            one.dischargeEfficiency(),
            Energy.ofKilowattHours(one.finalMinimum()));
    EnergyPrice sellAt = settings.wear();
    EnergyPrice buyAt = EnergyPrice.perMegawattHour(settings.wear().perMegawattHour().negate());
    List<IntervalBid> hours = new ArrayList<>(HourlyPrices.PER_DAY);
    for (int h = 0; h < HourlyPrices.PER_DAY; h++) {
      List<PriceStep> sell =
          share * discharge >= rules.minimumBid().kilowatts()
              ? List.of(new PriceStep(Power.ofKilowatts(share * discharge), sellAt))
              : List.of();
      List<PriceStep> buy =
          share * charge >= rules.minimumBid().kilowatts()
              ? List.of(new PriceStep(Power.ofKilowatts(share * charge), buyAt))
              : List.of();
      hours.add(new IntervalBid(sell, buy));
    }
    return new DayBid(day, now, hours, Optional.of(storage));
  }

  /**
   * Each battery's plan for an awarded day, for the dispatch to follow in the award's shape: the
   * bid's own plan for a bid of hours (its award is that plan, hour by hour, where it cleared); for
   * a storage bid, whose hours the market chose, the fleet planned against the day's prices, now
   * known (they are published with the award).
   */
  public FleetSchedule follow(DayAward award, BatteryFleet fleet, PlannedBid bid) {
    if (bid.bid().storage().isEmpty()) {
      return bid.plan();
    }
    Horizon horizon =
        new Horizon(award.day().atStartOfDay(rules.zone()).toInstant(), Duration.ofHours(1), 24);
    return planner.plan(
        fleet, FleetPlanRequest.hourly(horizon, award.prices(), settings.wear(), List.of()));
  }

  private static double at(Map<Reserve, double[]> forecast, Reserve r, int hour) {
    return Objects.requireNonNull(forecast.get(r), r.toString())[hour];
  }

  /**
   * The plan's net sale per hour ({@code −netKw}, kW) scaled to {@code share} of the fleet and made
   * a bid the market takes, after the program events' delivery ({@code eventKw}) has taken its
   * energy: an hour below the minimum size is left out, and what that leaves out is carried, so
   * that the fleet seen as one battery at that share — its energy above the floors, its room below
   * the capacities, its least efficiencies — never sells energy it has not got or buys energy it
   * has no room for, whichever hours clear.
   */
  private double[] honourable(double[] netKw, double[] eventKw, double share, BatteryFleet fleet) {
    CoOptimiser.Fleet one = asOne(fleet, share);
    double etaC = one.chargeEfficiency();
    double etaD = one.dischargeEfficiency();
    double least = one.floor() - one.initial();
    double most = one.capacity() - one.initial();
    double minimum = rules.minimumBid().kilowatts();
    double[] sell = new double[netKw.length];
    double held = 0;
    for (int h = 0; h < netKw.length; h++) {
      // the events' energy first: the market is sold only what is left
      held -= Math.min(eventKw[h], Math.max(0, (held - least) * etaD)) / etaD;
      double kw = -netKw[h] * share;
      if (kw > 0) {
        kw = Math.min(kw, Math.max(0, (held - least) * etaD));
        held -= kw / etaD;
      } else {
        kw = -Math.min(-kw, Math.max(0, (most - held) / etaC));
        held -= kw * etaC;
      }
      if (Math.abs(kw) < minimum) {
        held += kw > 0 ? kw / etaD : kw * etaC;
        kw = 0;
      }
      sell[h] = kw;
    }
    return sell;
  }

  /**
   * The share of {@code size} batteries, each online with chance {@code online}, that is online
   * with probability {@code confidence}: the binomial's lower quantile by its normal approximation,
   * divided by the size.
   */
  static double honourableShare(int size, double online, double confidence) {
    if (!(online >= 0 && online <= 1)) {
      throw new IllegalArgumentException("online must be a share in [0, 1], was " + online);
    }
    double z = normalQuantile(confidence);
    return Math.max(0, online - z * Math.sqrt(online * (1 - online) / size));
  }

  /** The standard normal's quantile (Acklam's rational approximation, error below 1.2e-9). */
  static double normalQuantile(double p) {
    double[] a = {
      -3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
      1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00
    };
    double[] b = {
      -5.447609879822406e+01,
      1.615858368580409e+02,
      -1.556989798598866e+02,
      6.680131188771972e+01,
      -1.328068155288572e+01
    };
    double[] c = {
      -7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
      -2.549671010322563e+00, 4.374664141464968e+00, 2.938163982698783e+00
    };
    double[] d = {
      7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00
    };
    double low = 0.02425;
    if (p < low) {
      double q = Math.sqrt(-2 * Math.log(p));
      return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
          / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    }
    if (p > 1 - low) {
      return -normalQuantile(1 - p);
    }
    double q = p - 0.5;
    double r = q * q;
    return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5])
        * q
        / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  }

  private static double clamp(double v, double lo, double hi) {
    return Math.max(lo, Math.min(hi, v));
  }

  private static EnergyPrice price(double perMwh) {
    return EnergyPrice.perMegawattHour(
        new Money(BigDecimal.valueOf(perMwh).setScale(2, RoundingMode.HALF_EVEN), Money.USD));
  }
}
