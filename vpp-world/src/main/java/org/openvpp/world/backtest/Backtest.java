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
import org.openvpp.market.DayAheadMarket;
import org.openvpp.market.DayAward;
import org.openvpp.market.DaySettlement;
import org.openvpp.market.HostShare;
import org.openvpp.market.HourlyPrices;
import org.openvpp.market.KnownPrices;
import org.openvpp.market.MarketRules;
import org.openvpp.market.PlannedBid;
import org.openvpp.market.ProgramEvent;
import org.openvpp.market.Reserve;
import org.openvpp.market.ReserveBid;
import org.openvpp.market.ReservePrices;
import org.openvpp.market.realtime.DispatchInstructions;
import org.openvpp.market.realtime.ReserveCall;
import org.openvpp.market.realtime.Tracking;
import org.openvpp.plan.BatteryFleet;
import org.openvpp.plan.FleetSchedule;
import org.openvpp.settle.Account;
import org.openvpp.settle.Ledger;
import org.openvpp.settle.LineKind;
import org.openvpp.settle.Posting;
import org.openvpp.settle.Transaction;
import org.openvpp.sim.battery.BatteryBank;
import org.openvpp.units.Energy;
import org.openvpp.units.Money;

/**
 * Replays a period of a day-ahead market day by day as the bidder would have lived it, and the same
 * days with perfect foresight.
 *
 * <p>Each operating day {@code D}: the fleet runs interval by interval (the market's real-time
 * interval, five minutes) following its operating targets ({@link DispatchInstructions}: {@code
 * D}'s award ramped between hours, the contingency reserves called, less the restoring of what
 * calls took; {@link RealTimeBook} keeps the day's account, and scores each hour's regulation with
 * {@link RegulationHour}); at the hour of {@code D+1}'s bid deadline it stops, and the bidder is
 * given only what it would have had then: the prices published by the deadline ({@link
 * HourlyPrices#knownAt}), each battery's state of charge projected to the start of {@code D+1}
 * through the rest of {@code D}'s award, and the share of batteries online, learnt from the days
 * run so far. The market clears the bid at {@code D+1}'s real prices; the fleet's delivery is
 * metered and settled ({@link DaySettlement}). Availability is drawn per battery and day (a battery
 * offline all day holds its charge); the bidder does not know the draw.
 *
 * <p>Perfect foresight ({@link PerfectForesight}) runs the same days on its own copy of the fleet,
 * against the day's real prices. Both end each battery's day no lower than its floor, pay the same
 * wear per MWh through a battery at the grid, are settled the same ramps between hours, and have
 * their regulation scored the same way. The ratio of their net revenues says what forecasting
 * without hindsight, the market's hourly clearing and availability cost.
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
     * run has them, the reserves' prices published by then ({@code reserves}, else empty) and the
     * program events of {@code day} notified by then ({@code events}).
     */
    PlannedBid bid(
        LocalDate day,
        Instant now,
        KnownPrices known,
        Map<Reserve, KnownPrices> reserves,
        List<ProgramEvent> events,
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
   * A day in real time: the five-minute operating targets followed, the calls on contingency
   * reserves (spinning, supplemental) answered and restored, and the regulation signal followed and
   * scored.
   *
   * @param askedKwh energy the calls asked for
   * @param servedKwh energy the fleet gave them
   * @param calls how many calls there were
   * @param late calls whose full power was not reached within the market's response time
   * @param paid the served energy at the hour's energy price
   * @param forfeited the capacity payment lost where a call was not served in full, in proportion,
   *     or whole where it was late (not positive)
   * @param regulationWear the wear of the energy the regulation signal moves (not positive)
   * @param instructed the energy the targets moved away from the award (the ramps between hours,
   *     the restoring of what calls took) at the hour's price
   * @param performance regulation's performance adjustment: each hour's capacity payment times its
   *     performance score less one (not positive)
   * @param regulationKwh regulation capacity held, kW times hours
   * @param scoredKwh the same, each hour weighted by its performance score
   * @param tracking how closely the fleet followed its targets
   * @param eventAskedKwh energy program events asked for
   * @param eventServedKwh energy the fleet gave them
   * @param eventPaid what the events paid for it
   */
  public record Deployment(
      double askedKwh,
      double servedKwh,
      int calls,
      int late,
      Money paid,
      Money forfeited,
      Money regulationWear,
      Money instructed,
      Money performance,
      double regulationKwh,
      double scoredKwh,
      Tracking.Figures tracking,
      double eventAskedKwh,
      double eventServedKwh,
      Money eventPaid) {
    public static final Deployment NONE =
        new Deployment(
            0,
            0,
            0,
            0,
            Money.zero(Money.USD),
            Money.zero(Money.USD),
            Money.zero(Money.USD),
            Money.zero(Money.USD),
            Money.zero(Money.USD),
            0,
            0,
            Tracking.Figures.NONE,
            0,
            0,
            Money.zero(Money.USD));

    public Deployment {
      Objects.requireNonNull(paid, "paid");
      Objects.requireNonNull(forfeited, "forfeited");
      Objects.requireNonNull(regulationWear, "regulationWear");
      Objects.requireNonNull(instructed, "instructed");
      Objects.requireNonNull(performance, "performance");
      Objects.requireNonNull(tracking, "tracking");
      Objects.requireNonNull(eventPaid, "eventPaid");
    }

    /**
     * What real time added to the day: the calls' energy paid, the instructed energy and the
     * events' pay, less what was forfeited, worn and adjusted for performance.
     */
    public Money net() {
      return paid.plus(forfeited)
          .plus(regulationWear)
          .plus(instructed)
          .plus(performance)
          .plus(eventPaid);
    }
  }

  /**
   * How often contingency reserves are called, for the backtest (no record of real calls is in the
   * data; illustrative): each hour that holds spinning or supplemental capacity is called with
   * {@code chance}, from a five-minute interval of the hour, for {@code minutes}, at the full
   * capacity held.
   *
   * @param chance the chance a held hour is called, in [0, 1]
   * @param minutes how long a call lasts, 1..60
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
     * The period in a ledger of its own: each day's market settlement, reserves and real time (the
     * calls' energy, the instructed energy, non-performance and performance adjustments: the
     * market's receivable, the program's revenue), and each month the hosts' share of the month's
     * net, split by the hours each battery was online ({@link HostShare}), the battery's index its
     * host.
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
        d.reserves().forEach((r, m) -> owed(lines, program, "reserves " + d.day() + " " + r, m));
        if (!lines.isEmpty()) {
          ledger.post(
              Transaction.of(
                  "reserves-" + program + "-" + d.day(), at, "reserves " + d.day(), lines));
        }
        Deployment rt = d.deployment();
        List<Posting> real = new ArrayList<>();
        owed(real, program, "real time " + d.day() + " calls' energy", rt.paid());
        owed(real, program, "real time " + d.day() + " instructed energy", rt.instructed());
        owed(real, program, "real time " + d.day() + " non-performance", rt.forfeited());
        owed(real, program, "real time " + d.day() + " performance", rt.performance());
        if (!real.isEmpty()) {
          ledger.post(
              Transaction.of(
                  "realtime-" + program + "-" + d.day(), at, "real time " + d.day(), real));
        }
        Money events = rt.eventPaid();
        if (!events.isZero()) {
          String ref = "events " + d.day();
          ledger.post(
              Transaction.of(
                  "events-" + program + "-" + d.day(),
                  at,
                  ref,
                  List.of(
                      new Posting(Account.receivable("utility"), events, LineKind.EVENT, ref),
                      new Posting(
                          Account.revenue(program), events.negate(), LineKind.EVENT, ref))));
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

    /** The market owes {@code m} (may be negative) to {@code program}'s revenue: two lines. */
    private static void owed(List<Posting> lines, String program, String ref, Money m) {
      if (m.isZero()) {
        return;
      }
      lines.add(new Posting(Account.receivable("market"), m, LineKind.MARKET_REVENUE, ref));
      lines.add(new Posting(Account.revenue(program), m.negate(), LineKind.MARKET_REVENUE, ref));
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

  private static final double HOURS = 1;

  private final HourlyPrices prices;
  private final Optional<ReservePrices> reserves;
  private final List<ProgramEvent> events;
  private final Calls calls;
  private final MarketRules rules;
  private final DayAheadMarket market;
  private final Settings settings;
  private final ArbitrageBidder forecaster;
  private final int n;
  private final BatteryBank bank;
  private final double[] floor;
  private final double[] eta;
  private final double[] maxKw;
  private final double[] capacity;
  private final PerfectForesight perfect;

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
    this(prices, reserves, calls, List.of(), settings);
  }

  /**
   * As above, with the fleet committed to {@code events}: each is planned with the bid of its day
   * when notified by the bid deadline, and served on top of the award either way.
   */
  public Backtest(
      HourlyPrices prices,
      Optional<ReservePrices> reserves,
      Calls calls,
      List<ProgramEvent> events,
      Settings settings) {
    this.events = List.copyOf(events);
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
    SplittableRandom r = new SplittableRandom(settings.seed());
    for (int i = 0; i < n; i++) {
      // Three in ten homes have a 10 kWh battery, the rest a Powerwall-class 13.5 kWh; all 5 kW,
      // 90 % round trip; the customer keeps a fifth for backup.
      capacity[i] = r.nextDouble() < 0.3 ? 10.0 : 13.5;
      floor[i] = 0.2 * capacity[i];
      maxKw[i] = 5.0;
      eta[i] = Math.sqrt(0.90);
      bank.equip(i, capacity[i], floor[i], maxKw[i], maxKw[i], 0.90, 0, floor[i]);
    }
    this.perfect =
        new PerfectForesight(prices, reserves, this.events, settings, floor, capacity, maxKw, eta);
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
              List<ProgramEvent> events,
              BatteryFleet fleet,
              double online) {
            return bidder.plan(day, now, known, reserves, events, fleet, online);
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
    MarketRules.RealTime rt = rules.realTime();
    int perHour = rt.perHour();
    double step = rt.hours();
    double[] carried = new double[0];
    double beforeKw = 0;
    for (LocalDate d = settings.from(); !d.isAfter(settings.to()); d = d.plusDays(1)) {
      int up = drawOnline(d, online);
      List<ReserveCall> dayCalls = callsOf(today, d);
      RealTimeBook book =
          new RealTimeBook(d, prices, today.held(), reserves, rt, dayCalls, eventsOf(d), carried);
      DispatchInstructions targets = instructions(today, dayCalls, beforeKw, Optional.empty());
      for (int h = 0; h < HourlyPrices.PER_DAY; h++) {
        if (h == deadlineHour && d.isBefore(settings.to())) {
          double share = daysSeen == 0 ? 1 - settings.offline() : onlineSeen / daysSeen;
          next = bidAndClear(d.plusDays(1), bidder, storedNow(stored), today, online, h, share);
          score(accuracy, d.plusDays(1));
          targets = instructions(today, dayCalls, beforeKw, Optional.of(next.award().netKw(0)));
        }
        scoreRegulation(book, d, h, online);
        double block = Split.block(today.award(), h);
        for (int j = 0; j < perHour; j++) {
          int k = h * perHour + j;
          storedNow(stored);
          double target = targets.kw(k) - book.restoringKw(k) + book.eventKw(k);
          Follow.follow(
              target,
              today.plan(),
              h,
              block - (double) j / perHour,
              step,
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
              net -= bank.step(i, step, true, setpoint[i], 0, Double.POSITIVE_INFINITY);
            }
          }
          book.interval(k, target, today.award().netKw(h), net);
        }
      }
      DaySettlement s = DaySettlement.of(today.award(), book.delivered(), rules);
      Deployment deployment = book.deployment(this::wear);
      carried = book.carry();
      beforeKw = today.award().netKw(HourlyPrices.PER_DAY - 1);
      Money wear = wear(s.sold().kilowattHours() + s.bought().kilowattHours()).negate().rounded();
      PerfectForesight.Perfect best = perfect.day(d, online, up);
      days.add(new Day(s, today.reserves(), deployment, wear, best.net(), best.wear(), up));
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
            HOURS,
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
    List<ProgramEvent> notified =
        events.stream()
            .filter(e -> e.day().equals(day) && !e.notified().isAfter(deadline))
            .toList();
    PlannedBid bid = bidder.bid(day, deadline, known, knownReserves, notified, fleet, share);
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

  /**
   * The contingency calls of {@code day}: each hour holding spinning or supplemental capacity is
   * called with the settings' chance, from an interval of the hour drawn evenly, for the calls'
   * minutes (cut at midnight), at the full capacity held.
   */
  private List<ReserveCall> callsOf(Cleared today, LocalDate day) {
    List<ReserveCall> out = new ArrayList<>();
    if (today.held().isEmpty()) {
      return out;
    }
    ReserveBid b = today.held().get();
    MarketRules.RealTime rt = rules.realTime();
    int perHour = rt.perHour();
    int intervals = rt.intervals(java.time.Duration.ofMinutes(calls.minutes()));
    for (int h = 0; h < HourlyPrices.PER_DAY; h++) {
      Reserve r = b.upReserve().get(h);
      double kw = b.up().get(h).kilowatts();
      if ((r != Reserve.SPINNING && r != Reserve.SUPPLEMENTAL) || kw <= 0) {
        continue;
      }
      // one stream per hour, so that whether an hour is called does not depend on the others
      SplittableRandom draw =
          new SplittableRandom(settings.seed() * 7_919 + day.toEpochDay() * 24 + h);
      if (draw.nextDouble() < calls.chance()) {
        int from = h * perHour + draw.nextInt(perHour);
        int count = Math.min(intervals, HourlyPrices.PER_DAY * perHour - from);
        out.add(new ReserveCall(from, count, kw));
      }
    }
    return out;
  }

  /**
   * The day's operating targets: {@code today}'s award ramped between hours, from the day before's
   * last hour ({@code beforeKw}) to the next day's first once it is awarded, and the calls.
   */
  private DispatchInstructions instructions(
      Cleared today, List<ReserveCall> dayCalls, double beforeKw, Optional<Double> afterKw) {
    DayAward award = today.award();
    DispatchInstructions t =
        DispatchInstructions.of(
            award,
            rules.realTime(),
            beforeKw,
            afterKw.orElse(award.netKw(HourlyPrices.PER_DAY - 1)));
    for (ReserveCall c : dayCalls) {
      t = t.deploy(c.from(), c.count(), c.kw());
    }
    return t;
  }

  /** The program events of {@code day}. */
  private List<ProgramEvent> eventsOf(LocalDate day) {
    return events.stream().filter(e -> e.day().equals(day)).toList();
  }

  /** Scores hour {@code hour}'s regulation on the online batteries as one. */
  private void scoreRegulation(RealTimeBook book, LocalDate day, int hour, boolean[] online) {
    if (!book.regulates(hour)) {
      return;
    }
    double stored = 0;
    double low = 0;
    double high = 0;
    double least = 1;
    for (int i = 0; i < n; i++) {
      if (online[i]) {
        stored += bank.storedKwh(i);
        low += floor[i];
        high += capacity[i];
        least = Math.min(least, eta[i]);
      }
    }
    if (high > 0) {
      book.regulation(
          hour, RegulationHour.seed(settings.seed(), day, hour), stored, low, high, least);
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

  private Money wear(double throughputKwh) {
    return settings.bidder().wear().costOf(Energy.ofKilowattHours(throughputKwh));
  }
}
