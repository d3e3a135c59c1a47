package org.openvpp.world.backtest;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.openvpp.forecast.ForecastAccuracy;
import org.openvpp.forecast.QuantileForecast;
import org.openvpp.market.ArbitrageBidder;
import org.openvpp.market.CoOptimiser;
import org.openvpp.market.DayAheadMarket;
import org.openvpp.market.DayAward;
import org.openvpp.market.DaySettlement;
import org.openvpp.market.HostShare;
import org.openvpp.market.HourlyPrices;
import org.openvpp.market.KnownPrices;
import org.openvpp.market.MarketRules;
import org.openvpp.market.PlannedBid;
import org.openvpp.market.Reserve;
import org.openvpp.market.ReserveBid;
import org.openvpp.market.ReservePrices;
import org.openvpp.plan.BatteryFleet;
import org.openvpp.plan.FleetPlanRequest;
import org.openvpp.plan.FleetPlanner;
import org.openvpp.plan.FleetSchedule;
import org.openvpp.settle.Account;
import org.openvpp.settle.Ledger;
import org.openvpp.settle.LineKind;
import org.openvpp.settle.Posting;
import org.openvpp.settle.Transaction;
import org.openvpp.sim.battery.BatteryBank;
import org.openvpp.time.Horizon;
import org.openvpp.units.Energy;
import org.openvpp.units.EnergyPrice;
import org.openvpp.units.Money;

/**
 * Replays a period of a day-ahead market day by day as the bidder would have lived it, and the same
 * days with perfect foresight.
 *
 * <p>Each operating day {@code D}: the fleet runs hour by hour following the award for {@code D};
 * at the hour of {@code D+1}'s bid deadline it stops, and the bidder is given only what it would
 * have had then: the prices published by the deadline ({@link HourlyPrices#knownAt}), each
 * battery's state of charge projected to the start of {@code D+1} through the rest of {@code D}'s
 * award, and the share of batteries online, learnt from the days run so far. The market clears the
 * bid at {@code D+1}'s real prices; the fleet's delivery is metered and settled ({@link
 * DaySettlement}). Availability is drawn per battery and day (a battery offline all day holds its
 * charge); the bidder does not know the draw.
 *
 * <p>Perfect foresight runs the same days on its own copy of the fleet: each day it plans the
 * batteries that are truly online against the day's real prices and is paid them (where reserves
 * are paid too, the online batteries as one battery planned for both, {@link CoOptimiser}). Both
 * end each battery's day no lower than its floor and pay the same wear per MWh through a battery at
 * the grid. The ratio of their net revenues says what forecasting without hindsight, the market's
 * hourly clearing and availability cost.
 *
 * <p>The world's side (the fleet's physics: {@link BatteryBank}; availability) and the bidder's
 * (its forecast and plan) meet only through the bid, the award and the state of charge a twin would
 * report.
 *
 * <p>Not thread-safe; one run per instance.
 */
public final class Backtest {

  /** The bidder under test: what it is given is all it may know. */
  @FunctionalInterface
  public interface Bidder {
    /**
     * The bid for {@code day}, made at {@code now} from {@code known} energy prices and, when the
     * run has them, the reserves' prices published by then ({@code reserves}, else empty).
     */
    PlannedBid bid(
        LocalDate day,
        Instant now,
        KnownPrices known,
        Map<Reserve, KnownPrices> reserves,
        BatteryFleet fleet,
        double online);

    /** The plan the dispatch follows once the award is known: by default the bid's. */
    default FleetSchedule follow(DayAward award, BatteryFleet fleet, PlannedBid bid) {
      return bid.plan();
    }
  }

  /**
   * A run's settings.
   *
   * @param from the first operating day
   * @param to the last operating day
   * @param batteries how many batteries
   * @param seed the seed of the fleet's equipment and availability
   * @param offline the chance a battery is offline on a day
   * @param bidder how the bidder forecasts and bids
   */
  public record Settings(
      LocalDate from,
      LocalDate to,
      int batteries,
      long seed,
      double offline,
      ArbitrageBidder.Settings bidder) {
    public Settings {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
      Objects.requireNonNull(bidder, "bidder");
      if (to.isBefore(from)) {
        throw new IllegalArgumentException("the period ends (" + to + ") before it starts " + from);
      }
      if (batteries < 1 || batteries > 1_000_000) {
        throw new IllegalArgumentException("batteries must be 1..1,000,000, was " + batteries);
      }
      if (!(offline >= 0 && offline < 1)) {
        throw new IllegalArgumentException("offline must be in [0, 1), was " + offline);
      }
    }
  }

  /**
   * A day's reserve deployments: the calls on contingency reserves (spinning, supplemental) the
   * fleet answered, and the regulation signal followed.
   *
   * @param askedKwh energy the calls asked for
   * @param servedKwh energy the fleet gave them
   * @param paid the served energy at the hour's energy price
   * @param forfeited the capacity payment lost where a call was not served in full, in proportion
   *     (not positive)
   * @param regulationWear the wear of the energy the regulation signal moves (not positive)
   */
  public record Deployment(
      double askedKwh, double servedKwh, Money paid, Money forfeited, Money regulationWear) {
    public static final Deployment NONE =
        new Deployment(0, 0, Money.zero(Money.USD), Money.zero(Money.USD), Money.zero(Money.USD));

    public Deployment {
      Objects.requireNonNull(paid, "paid");
      Objects.requireNonNull(forfeited, "forfeited");
      Objects.requireNonNull(regulationWear, "regulationWear");
    }

    /** What the deployments added to the day: the energy paid, less what was forfeited and worn. */
    public Money net() {
      return paid.plus(forfeited).plus(regulationWear);
    }
  }

  /**
   * How often contingency reserves are called, for the backtest (no record of real calls is in the
   * data; illustrative): each hour that holds spinning or supplemental capacity is called with
   * {@code chance}, for {@code minutes} of that hour, at the full capacity held.
   *
   * @param chance the chance a held hour is called, in [0, 1]
   * @param minutes how long a call lasts within its hour, 1..60
   */
  public record Calls(double chance, int minutes) {
    public static final Calls DEFAULT = new Calls(0.02, 30);

    public Calls {
      if (!(chance >= 0 && chance <= 1) || minutes < 1 || minutes > 60) {
        throw new IllegalArgumentException(
            "calls need a chance in [0, 1] and 1..60 minutes, were " + chance + ", " + minutes);
      }
    }
  }

  /**
   * One operating day's figures.
   *
   * @param settlement the market's settlement of the bidder's day
   * @param reserves what holding each reserve's capacity was paid
   * @param deployment what the reserves' calls and the regulation signal did
   * @param wear the bidder's wear cost (negative)
   * @param perfect what perfect foresight earned, net of its wear
   * @param perfectWear perfect foresight's wear cost (negative)
   * @param online batteries online
   */
  public record Day(
      DaySettlement settlement,
      Map<Reserve, Money> reserves,
      Deployment deployment,
      Money wear,
      Money perfect,
      Money perfectWear,
      int online) {

    public Day {
      reserves = Map.copyOf(reserves);
    }

    public LocalDate day() {
      return settlement.day();
    }

    /** What holding reserves earned, every reserve together. */
    public Money reserveRevenue() {
      Money total = Money.zero(Money.USD);
      for (Money m : reserves.values()) {
        total = total.plus(m);
      }
      return total;
    }

    /** The bidder's net: the energy market's settlement and the reserves, less wear. */
    public Money net() {
      return settlement.net().plus(reserveRevenue()).plus(deployment.net()).plus(wear);
    }

    /** The bidder's net from energy alone. */
    public Money energyNet() {
      return settlement.net().plus(wear);
    }
  }

  /**
   * A run's result.
   *
   * @param market the market's name and node
   * @param days each operating day
   * @param batteries the batteries in the fleet
   * @param capacity the fleet's total capacity
   * @param forecast how the bidder's price forecast did against the prices
   * @param onlineHours by month, the hours each battery was online
   */
  public record Result(
      String market,
      List<Day> days,
      int batteries,
      Energy capacity,
      ForecastAccuracy.Accuracy forecast,
      Map<YearMonth, long[]> onlineHours) {
    public Result {
      days = List.copyOf(days);
      onlineHours = Map.copyOf(onlineHours);
    }

    /**
     * The period in a ledger of its own: each day's market settlement and reserves (the market's
     * receivable, the program's revenue), and each month the hosts' share of the month's net, split
     * by the hours each battery was online ({@link HostShare}), the battery's index its host.
     *
     * @return the ledger, which balances to zero
     */
    public Ledger post(String program, double hostShare) {
      Ledger ledger = Ledger.inMemory(Money.USD);
      Map<YearMonth, Money> months = new TreeMap<>();
      for (Day d : days) {
        Instant at = d.day().plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
        d.settlement().transaction(program, at).ifPresent(ledger::post);
        List<Posting> lines = new ArrayList<>();
        d.reserves()
            .forEach(
                (r, m) -> {
                  if (!m.isZero()) {
                    String ref = "reserves " + d.day() + " " + r;
                    lines.add(
                        new Posting(Account.receivable("market"), m, LineKind.MARKET_REVENUE, ref));
                    lines.add(
                        new Posting(
                            Account.revenue(program), m.negate(), LineKind.MARKET_REVENUE, ref));
                  }
                });
        if (!lines.isEmpty()) {
          ledger.post(
              Transaction.of(
                  "reserves-" + program + "-" + d.day(), at, "reserves " + d.day(), lines));
        }
        months.merge(YearMonth.from(d.day()), d.net(), Money::plus);
      }
      String[] hosts = new String[batteries];
      for (int i = 0; i < batteries; i++) {
        hosts[i] = String.format(java.util.Locale.ROOT, "host-%07d", i);
      }
      months.forEach(
          (month, net) ->
              HostShare.payout(
                      "hosts-" + program + "-" + month,
                      month
                          .plusMonths(1)
                          .atDay(1)
                          .atStartOfDay(java.time.ZoneOffset.UTC)
                          .toInstant(),
                      program,
                      hosts,
                      onlineHours.getOrDefault(month, new long[batteries]),
                      net,
                      hostShare)
                  .ifPresent(ledger::post));
      if (!ledger.total().isZero()) {
        throw new IllegalStateException(
            "the backtest's ledger does not balance: " + ledger.total());
      }
      return ledger;
    }

    /**
     * The net per battery and year (365 days): the figure {@code ./vpp finance} takes as {@code
     * revenue.per_battery_year}.
     */
    public Money perBatteryYear() {
      return net()
          .times(BigDecimal.valueOf(365))
          .times(
              BigDecimal.ONE.divide(
                  BigDecimal.valueOf((long) batteries * days.size()),
                  java.math.MathContext.DECIMAL64))
          .rounded();
    }

    /** The bidder's net revenue over the period. */
    public Money net() {
      return sum(Day::net);
    }

    /** Perfect foresight's net revenue over the same days. */
    public Money perfect() {
      return sum(Day::perfect);
    }

    /**
     * The bidder's net as a share of perfect foresight's (both with reserves where the run pays
     * them).
     */
    public double ratio() {
      double p = perfect().amount().doubleValue();
      return p == 0 ? Double.NaN : net().amount().doubleValue() / p;
    }

    /** Equivalent full discharges per battery: energy sold over the fleet's capacity. */
    public double cycles() {
      double sold = 0;
      for (Day d : days) {
        sold += d.settlement().sold().kilowattHours();
      }
      return sold / capacity.kilowattHours();
    }

    public Money sum(java.util.function.Function<Day, Money> part) {
      return total(days, part);
    }
  }

  /** The sum of {@code part} over {@code days}: a month's, a run's. */
  public static Money total(List<Day> days, java.util.function.Function<Day, Money> part) {
    Money total = Money.zero(Money.USD);
    for (Day d : days) {
      total = total.plus(part.apply(d));
    }
    return total;
  }

  /** What perfect foresight earned in a day, net of its wear, and that wear (not positive). */
  private record Perfect(Money net, Money wear) {
    static final Perfect NONE = new Perfect(Money.zero(Money.USD), Money.zero(Money.USD));
  }

  private static final double HOURS = 1;

  private final HourlyPrices prices;
  private final Optional<ReservePrices> reserves;
  private final Calls calls;
  private final MarketRules rules;
  private final DayAheadMarket market;
  private final Settings settings;
  private final ArbitrageBidder forecaster;
  private final FleetPlanner planner = new FleetPlanner();
  private final int n;
  private final BatteryBank bank;
  private final double[] floor;
  private final double[] eta;
  private final double[] maxKw;
  private final double[] capacity;
  private final double[] perfectStored;

  public Backtest(HourlyPrices prices, Settings settings) {
    this(prices, Optional.empty(), settings);
  }

  /**
   * A backtest that also offers the fleet's headroom as reserves (for bids by hours), paid at
   * {@code reserves}' clearing prices.
   */
  public Backtest(HourlyPrices prices, Optional<ReservePrices> reserves, Settings settings) {
    this(prices, reserves, Calls.DEFAULT, settings);
  }

  /** As above, with contingency reserves called as {@code calls} says. */
  public Backtest(
      HourlyPrices prices, Optional<ReservePrices> reserves, Calls calls, Settings settings) {
    this.prices = Objects.requireNonNull(prices, "prices");
    this.reserves = Objects.requireNonNull(reserves, "reserves");
    this.calls = Objects.requireNonNull(calls, "calls");
    for (ReservePrices r : reserves.stream().toList()) {
      for (Reserve each : Reserve.values()) {
        HourlyPrices p = r.of(each);
        if (!p.first().equals(prices.first()) || !p.last().equals(prices.last())) {
          throw new IllegalArgumentException(
              "reserve prices cover "
                  + p.first()
                  + ".."
                  + p.last()
                  + ", energy prices "
                  + prices.first()
                  + ".."
                  + prices.last()
                  + ": give both for the same days");
        }
      }
    }
    this.rules = prices.market();
    this.market = new DayAheadMarket(rules);
    this.settings = Objects.requireNonNull(settings, "settings");
    this.forecaster = new ArbitrageBidder(rules, settings.bidder());
    LocalDate firstBidDay = prices.first().plusDays(forecaster.daysOfHistory());
    if (settings.from().isBefore(firstBidDay) || settings.to().isAfter(prices.last())) {
      throw new IllegalArgumentException(
          "the prices cover "
              + prices.first()
              + ".."
              + prices.last()
              + "; with "
              + forecaster.daysOfHistory()
              + " days of history needed, a backtest may run "
              + firstBidDay
              + ".."
              + prices.last()
              + ", was asked for "
              + settings.from()
              + ".."
              + settings.to());
    }
    n = settings.batteries();
    bank = new BatteryBank(n);
    floor = new double[n];
    eta = new double[n];
    maxKw = new double[n];
    capacity = new double[n];
    perfectStored = new double[n];
    SplittableRandom r = new SplittableRandom(settings.seed());
    for (int i = 0; i < n; i++) {
      // Three in ten homes have a 10 kWh battery, the rest a Powerwall-class 13.5 kWh; all 5 kW,
      // 90 % round trip; the customer keeps a fifth for backup.
      capacity[i] = r.nextDouble() < 0.3 ? 10.0 : 13.5;
      floor[i] = 0.2 * capacity[i];
      maxKw[i] = 5.0;
      eta[i] = Math.sqrt(0.90);
      bank.equip(i, capacity[i], floor[i], maxKw[i], maxKw[i], 0.90, 0, floor[i]);
      perfectStored[i] = floor[i];
    }
  }

  /** Runs the period with the bidder this backtest's settings describe. */
  public Result run() {
    ArbitrageBidder bidder = forecaster;
    return run(
        new Bidder() {
          @Override
          public PlannedBid bid(
              LocalDate day,
              Instant now,
              KnownPrices known,
              Map<Reserve, KnownPrices> reserves,
              BatteryFleet fleet,
              double online) {
            return bidder.plan(day, now, known, reserves, fleet, online);
          }

          @Override
          public FleetSchedule follow(DayAward award, BatteryFleet fleet, PlannedBid bid) {
            return bidder.follow(award, fleet, bid);
          }
        });
  }

  /** Runs the period with {@code bidder}. */
  public Result run(Bidder bidder) {
    ForecastAccuracy accuracy = new ForecastAccuracy(1);
    List<Day> days = new ArrayList<>();
    int deadlineHour = rules.bidDeadline().getHour();
    double[] stored = new double[n];
    double[] setpoint = new double[n];
    boolean[] online = new boolean[n];
    double onlineSeen = 0;
    int daysSeen = 0;
    Map<YearMonth, long[]> onlineHours = new TreeMap<>();
    // The first day's bid, made the day before with the fleet as it starts.
    java.util.Arrays.fill(online, true);
    Cleared today =
        bidAndClear(
            settings.from(), bidder, storedNow(stored), null, online, 0, 1 - settings.offline());
    score(accuracy, settings.from());
    Cleared next = null;
    for (LocalDate d = settings.from(); !d.isAfter(settings.to()); d = d.plusDays(1)) {
      int up = drawOnline(d, online);
      double[] delivered = new double[HourlyPrices.PER_DAY];
      CallBook book = new CallBook();
      for (int h = 0; h < HourlyPrices.PER_DAY; h++) {
        if (h == deadlineHour && d.isBefore(settings.to())) {
          double share = daysSeen == 0 ? 1 - settings.offline() : onlineSeen / daysSeen;
          next = bidAndClear(d.plusDays(1), bidder, storedNow(stored), today, online, h, share);
          score(accuracy, d.plusDays(1));
        }
        for (int i = 0; i < n; i++) {
          stored[i] = bank.storedKwh(i);
        }
        double ask = called(today, d, h) ? calledKw(today, h) * calls.minutes() / 60.0 : 0;
        Follow.follow(
            today.award().netKw(h) + ask,
            today.plan(),
            h,
            Split.block(today.award(), h),
            online,
            stored,
            floor,
            capacity,
            maxKw,
            eta,
            setpoint);
        double net = 0;
        for (int i = 0; i < n; i++) {
          if (online[i]) {
            net -= bank.step(i, HOURS, true, setpoint[i], 0, Double.POSITIVE_INFINITY);
          }
        }
        // a call is served first from what the fleet gave beyond its award
        double served = ask > 0 ? Math.clamp(net - today.award().netKw(h), 0, ask) : 0;
        delivered[h] = net - served;
        book.add(d, h, ask, served, today.held());
      }
      DaySettlement s = DaySettlement.of(today.award(), delivered, rules);
      Deployment deployment = book.deployment();
      Money wear = wear(s.sold().kilowattHours() + s.bought().kilowattHours()).negate().rounded();
      Perfect perfect = perfectDay(d, online, up);
      days.add(new Day(s, today.reserves(), deployment, wear, perfect.net(), perfect.wear(), up));
      long[] hours = onlineHours.computeIfAbsent(YearMonth.from(d), m -> new long[n]);
      for (int i = 0; i < n; i++) {
        hours[i] += online[i] ? HourlyPrices.PER_DAY : 0;
      }
      onlineSeen += (double) up / n;
      daysSeen++;
      if (next != null) {
        today = next;
        next = null;
      }
    }
    double total = 0;
    for (double c : capacity) {
      total += c;
    }
    return new Result(
        rules.name() + " at " + rules.node(),
        days,
        n,
        Energy.ofKilowattHours(total),
        accuracy.result(),
        onlineHours);
  }

  private double[] storedNow(double[] into) {
    for (int i = 0; i < n; i++) {
      into[i] = bank.storedKwh(i);
    }
    return into;
  }

  /**
   * The bid for {@code day}, made at its deadline, cleared: the fleet is given to the bidder as it
   * will start {@code day} if the rest of {@code today}'s award (from {@code hour}) is run on it.
   */
  private Cleared bidAndClear(
      LocalDate day,
      Bidder bidder,
      double[] stored,
      @org.jspecify.annotations.Nullable Cleared today,
      boolean[] online,
      int hour,
      double share) {
    double[] projected = stored.clone();
    if (today != null) {
      double[] setpoint = new double[n];
      for (int h = hour; h < HourlyPrices.PER_DAY; h++) {
        Follow.follow(
            today.award().netKw(h),
            today.plan(),
            h,
            Split.block(today.award(), h),
            online,
            projected,
            floor,
            capacity,
            maxKw,
            eta,
            setpoint);
        for (int i = 0; i < n; i++) {
          double p = setpoint[i];
          projected[i] += p > 0 ? p * eta[i] * HOURS : p / eta[i] * HOURS;
        }
      }
    }
    BatteryFleet fleet = new BatteryFleet(n);
    for (int i = 0; i < n; i++) {
      double e = Math.clamp(projected[i], floor[i], capacity[i]);
      fleet.set(i, capacity[i], floor[i], maxKw[i], maxKw[i], eta[i], eta[i], e, floor[i]);
    }
    Instant deadline = rules.deadline(day);
    KnownPrices known = prices.knownAt(deadline);
    Map<Reserve, KnownPrices> knownReserves =
        reserves.map(r -> r.knownAt(deadline)).orElse(Map.of());
    PlannedBid bid = bidder.bid(day, deadline, known, knownReserves, fleet, share);
    DayAward award = market.clear(bid.bid(), prices);
    Map<Reserve, Money> paid = Map.of();
    Optional<ReserveBid> held = Optional.empty();
    if (reserves.isPresent() && bid.reserves().isPresent()) {
      held = bid.reserves();
      paid = held.get().payment(reserves.get());
    }
    return new Cleared(award, bidder.follow(award, fleet, bid), paid, held);
  }

  /**
   * An award, the plan behind the bid it answered, what its reserves are paid, and the reserve
   * capacity held.
   */
  private record Cleared(
      DayAward award,
      FleetSchedule plan,
      Map<Reserve, Money> reserves,
      Optional<ReserveBid> held) {}

  /** Whether hour {@code hour} of {@code day} holds contingency capacity and is called. */
  private boolean called(Cleared today, LocalDate day, int hour) {
    if (today.held().isEmpty() || calledKw(today, hour) <= 0) {
      return false;
    }
    // one draw per hour, so that whether an hour is called does not depend on the others
    return new SplittableRandom(settings.seed() * 7_919 + day.toEpochDay() * 24 + hour).nextDouble()
        < calls.chance();
  }

  /** The contingency (spinning or supplemental) capacity held in {@code hour}, kW. */
  private static double calledKw(Cleared today, int hour) {
    if (today.held().isEmpty()) {
      return 0;
    }
    ReserveBid b = today.held().get();
    Reserve r = b.upReserve().get(hour);
    return r == Reserve.SPINNING || r == Reserve.SUPPLEMENTAL ? b.up().get(hour).kilowatts() : 0;
  }

  /** A day's calls and regulation as they happen, hour by hour. */
  private final class CallBook {
    private double asked;
    private double served;
    private double paid;
    private double forfeited;
    private double regulated;

    void add(LocalDate day, int hour, double ask, double given, Optional<ReserveBid> held) {
      if (held.isEmpty()) {
        return;
      }
      ReserveBid b = held.get();
      asked += ask;
      served += given;
      paid += given * prices.perMwh(day, hour) / 1_000;
      if (ask > 0) {
        Reserve r = b.upReserve().get(hour);
        double capacityPay =
            b.up().get(hour).kilowatts() / 1_000 * reserves.orElseThrow().of(r).perMwh(day, hour);
        forfeited -= capacityPay * (ask - given) / ask;
      }
      double regulation =
          (b.upReserve().get(hour) == Reserve.REGULATION_UP ? b.up().get(hour).kilowatts() : 0)
              + b.down().get(hour).kilowatts();
      regulated += ArbitrageBidder.REGULATION_THROUGHPUT * regulation * HOURS;
    }

    Deployment deployment() {
      return new Deployment(
          asked,
          served,
          new Money(BigDecimal.valueOf(paid), Money.USD).rounded(),
          new Money(BigDecimal.valueOf(forfeited), Money.USD).rounded(),
          wear(regulated).negate().rounded());
    }
  }

  private void score(ForecastAccuracy accuracy, LocalDate day) {
    KnownPrices known = prices.knownAt(rules.deadline(day));
    QuantileForecast f = forecaster.forecast(day, known);
    for (int h = 0; h < HourlyPrices.PER_DAY; h++) {
      accuracy.add(
          prices.perMwh(day, h), f.p10(h), f.p50(h), f.p90(h), prices.perMwh(day.minusDays(1), h));
    }
  }

  private int drawOnline(LocalDate day, boolean[] online) {
    // One stream per day, so a day's draw does not depend on how many were drawn before.
    SplittableRandom r = new SplittableRandom(settings.seed() * 31 + day.toEpochDay());
    int up = 0;
    for (int i = 0; i < n; i++) {
      online[i] = r.nextDouble() >= settings.offline();
      up += online[i] ? 1 : 0;
    }
    return up;
  }

  /** Perfect foresight's day on its own fleet: its net and its wear. */
  private Perfect perfectDay(LocalDate day, boolean[] online, int up) {
    if (up == 0) {
      return Perfect.NONE;
    }
    if (reserves.isPresent()) {
      return perfectWithReserves(day, online, reserves.get());
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
    for (j = 0; j < up; j++) {
      int i = ordinal[j];
      for (int h = 0; h < HourlyPrices.PER_DAY; h++) {
        double c = schedule.charge(j, h).kilowatts();
        double d = schedule.discharge(j, h).kilowatts();
        perfectStored[i] += HOURS * (eta[i] * c - d / eta[i]);
        revenue += (d - c) * prices.perMwh(day, h) / 1_000;
        throughput += (c + d) * HOURS;
      }
      perfectStored[i] = Math.clamp(perfectStored[i], floor[i], capacity[i]);
    }
    Money wear = wear(throughput).negate().rounded();
    Money net = new Money(BigDecimal.valueOf(revenue), Money.USD).rounded().plus(wear);
    return new Perfect(net, wear);
  }

  /**
   * Perfect foresight where reserves are paid: the online batteries as one battery planned for
   * energy and reserves at the day's real prices ({@link CoOptimiser}), the up reserve each hour
   * the dearest; its energy shared over the batteries as the dispatch shares an award.
   */
  private Perfect perfectWithReserves(LocalDate day, boolean[] online, ReservePrices r) {
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
    for (int h = 0; h < HourlyPrices.PER_DAY; h++) {
      int hour = h;
      java.util.function.ToDoubleFunction<Reserve> net =
          each -> Reserve.netOfRegulationWear(each, r.of(each).perMwh(day, hour), regulationWear);
      Reserve best = Reserve.dearestUp(net);
      energy[h] = prices.perMwh(day, h);
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
            wearPerMwh);
    double throughput = 0;
    double regulated = 0;
    double[] setpoint = new double[n];
    for (int h = 0; h < HourlyPrices.PER_DAY; h++) {
      double sale = plan.saleKw(h);
      throughput += Math.abs(sale);
      regulated +=
          ArbitrageBidder.REGULATION_THROUGHPUT
              * ((regulationUp[h] ? plan.upKw(h) : 0) + plan.downKw(h))
              * HOURS;
      Split.split(sale, HOURS, 1, online, perfectStored, floor, capacity, maxKw, eta, setpoint);
      for (int i = 0; i < n; i++) {
        double p = setpoint[i];
        perfectStored[i] += p > 0 ? p * eta[i] * HOURS : p / eta[i] * HOURS;
        perfectStored[i] = Math.clamp(perfectStored[i], floor[i], capacity[i]);
      }
    }
    // the plan's value is net of all wear, the regulation signal's too (its prices were reduced by
    // it); the wear is reported apart
    Money wear = wear(throughput + regulated).negate().rounded();
    Money net = new Money(BigDecimal.valueOf(plan.value()), Money.USD).rounded();
    return new Perfect(net, wear);
  }

  private Money wear(double throughputKwh) {
    return settings.bidder().wear().costOf(Energy.ofKilowattHours(throughputKwh));
  }
}
