package org.openvpp.world.launch;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.openvpp.forecast.DayAheadModel;
import org.openvpp.forecast.RecentMedian;
import org.openvpp.forecast.SameHourBefore;
import org.openvpp.market.ArbitrageBidder;
import org.openvpp.market.HourlyPrices;
import org.openvpp.market.MarketRules;
import org.openvpp.market.ProgramEvent;
import org.openvpp.market.Reserve;
import org.openvpp.market.ReservePrices;
import org.openvpp.market.realtime.Tracking;
import org.openvpp.server.cli.Options;
import org.openvpp.server.cli.UsageException;
import org.openvpp.settle.Account;
import org.openvpp.settle.Ledger;
import org.openvpp.units.EnergyPrice;
import org.openvpp.units.Money;
import org.openvpp.world.backtest.Backtest;
import org.openvpp.world.backtest.ShippedPrices;

/** {@code ./vpp backtest}: see {@link #USAGE} and docs/markets.md. */
public final class BacktestCommand {
  static final String USAGE =
      """
      Usage: ./vpp backtest [--market caiso|spp] [--from DATE] [--to DATE] [--batteries N]
                            [--prices FILE [--first DATE]] [--offline SHARE] [--wear USD]
                            [--bid storage|hours] [--forecast MODEL] [--sell-limit X]
                            [--buy-limit X] [--reserves FILE [--reserve-zone Z]
                            [--call-chance X]] [--events FILE]
                            [--host-share X] [--seed N] [--csv FILE]
        Replays a day-ahead market day by day as the bidder would have lived it: bids at each
        day's deadline from the prices published by then, awards at the real clearing prices,
        the fleet simulated at five-minute steps; scored against perfect foresight on the same
        days (docs/markets.md).
        --market      caiso (default: IRONMTN_2_N001, 2017–2019 shipped) or spp (SPPNORTH_HUB,
                      with --prices: SPP's LMP export)
        --from DATE   the first operating day (default 2019-01-01, or the first with enough
                      history in --prices)
        --to DATE     the last operating day (default 2019-12-31, or the last in --prices)
        --batteries N home batteries in the fleet (default 1000)
        --prices FILE a price file instead of the shipped ones: one $/MWh per line, 24 a day from
                      --first (default the 1st of January of --from's year), or SPP's export
        --first DATE  the day a one-column price file starts
        --offline X   the chance a battery is offline on a day (default 0.03)
        --wear USD    the wear cost of a MWh through a battery (default 10)
        --forecast M  the bidder's price forecast: median:N (the median of the N days before;
                      default median:3) or yesterday
        --bid B       storage (default): where the market clears storage with its state of
                      charge (CAISO), the fleet bids as one battery at its costs and the market
                      picks the hours; hours: the fleet's plan on the forecast, hour by hour
        --sell-limit X, --buy-limit X
                      for --bid hours: where the limits sit between price-taking (0, default)
                      and the forecast's P10 for sales and P90 for purchases (1)
        --reserves FILE
                      plan energy and reserves together and offer the fleet's headroom each
                      hour, paid at the clearing prices in FILE (SPP's ancillary service
                      export; bids by hours)
        --reserve-zone Z
                      the reserve zone of --reserves (default 1)
        --call-chance X
                      with --reserves, the chance an hour holding spinning or supplemental
                      capacity is called, from one of its five-minute intervals for half an
                      hour (default 0.02; illustrative)
        --events FILE program events the fleet is committed to, served on top of its
                      awards and paid their price per kWh delivered; one a line after the
                      header program,day,start,end,kw,usd_per_kwh,notified (an event
                      notified by a day's bid deadline is planned with its bid, by hours)
        --host-share X
                      the program's revenue share paid to the batteries' hosts each month,
                      by the hours each battery was online (default 0)
        --seed N      the fleet's and its availability's seed (default 1)
        --csv FILE    write one row per day to FILE
      """;

  private BacktestCommand() {}

  public static int run(List<String> args, PrintStream out) throws UsageException {
    if (args.contains("--help") || args.contains("-h")) {
      out.print(USAGE);
      return 0;
    }
    Options o =
        Options.parse(
            "backtest",
            args,
            Set.of(
                "--market",
                "--from",
                "--to",
                "--batteries",
                "--prices",
                "--first",
                "--offline",
                "--wear",
                "--seed",
                "--csv",
                "--forecast",
                "--sell-limit",
                "--buy-limit",
                "--bid",
                "--reserves",
                "--reserve-zone",
                "--host-share",
                "--call-chance",
                "--events"),
            Set.of());
    String name = o.text("--market", "caiso");
    MarketRules rules =
        switch (name) {
          case "caiso" -> MarketRules.CAISO_DAY_AHEAD;
          case "spp" -> MarketRules.SPP_DAY_AHEAD;
          default ->
              throw new UsageException(
                  "backtest: --market must be caiso or spp, was '" + name + "'");
        };
    String pricesFile = o.text("--prices", "");
    if (name.equals("spp") && pricesFile.isEmpty()) {
      throw new UsageException(
          "backtest: --market spp needs --prices FILE (SPP's LMP export, e.g."
              + " ../shared/data/markets/spp_da_lmp_hubs_2022-02_03.csv)");
    }
    LocalDate from = date(o, "--from", LocalDate.of(2019, 1, 1));
    HourlyPrices prices;
    try {
      prices =
          pricesFile.isEmpty()
              ? ShippedPrices.caiso(2017, 2019)
              : ShippedPrices.file(
                  Path.of(pricesFile), rules, date(o, "--first", from.withDayOfYear(1)));
    } catch (IOException e) {
      throw new UsageException("backtest: cannot read " + pricesFile + ": " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new UsageException("backtest: " + e.getMessage());
    }
    ArbitrageBidder.Settings d = defaults();
    ArbitrageBidder.Settings bidder =
        new ArbitrageBidder.Settings(
            model(o.text("--forecast", "")).orElse(d.model()),
            d.residualDays(),
            EnergyPrice.perMegawattHour(
                Money.usd(String.valueOf(o.decimal("--wear", 10, 0, 1_000)))),
            d.confidence(),
            o.decimal("--sell-limit", d.sellLimit(), 0, 1),
            o.decimal("--buy-limit", d.buyLimit(), 0, 1),
            switch (o.text("--bid", "storage")) {
              case "storage" -> true;
              case "hours" -> false;
              default ->
                  throw new UsageException(
                      "backtest: --bid must be storage or hours, was '"
                          + o.text("--bid", "")
                          + "'");
            });
    if (!pricesFile.isEmpty() && o.text("--from", "").isEmpty()) {
      // the first day with enough history before it
      from = prices.first().plusDays(new ArbitrageBidder(rules, bidder).daysOfHistory());
    }
    LocalDate to =
        date(o, "--to", pricesFile.isEmpty() ? LocalDate.of(2019, 12, 31) : prices.last());
    Backtest.Settings settings =
        new Backtest.Settings(
            from,
            to,
            o.integer("--batteries", 1_000, 1, 1_000_000),
            o.integer("--seed", 1, 0, Integer.MAX_VALUE),
            o.decimal("--offline", 0.03, 0, 0.99),
            bidder);
    long started = System.nanoTime();
    Optional<ReservePrices> reserves = Optional.empty();
    String reserveFile = o.text("--reserves", "");
    if (!reserveFile.isEmpty()) {
      try {
        reserves =
            Optional.of(
                ReservePrices.readSpp(rules, Path.of(reserveFile), o.text("--reserve-zone", "1")));
      } catch (IOException e) {
        throw new UsageException("backtest: cannot read " + reserveFile + ": " + e.getMessage());
      } catch (IllegalArgumentException e) {
        throw new UsageException("backtest: " + e.getMessage());
      }
    }
    Backtest.Calls calls =
        new Backtest.Calls(
            o.decimal("--call-chance", Backtest.Calls.DEFAULT.chance(), 0, 1),
            Backtest.Calls.DEFAULT.minutes());
    List<ProgramEvent> events = List.of();
    String eventFile = o.text("--events", "");
    if (!eventFile.isEmpty()) {
      try {
        events = ProgramEvent.read(Path.of(eventFile));
      } catch (IOException e) {
        throw new UsageException("backtest: cannot read " + eventFile + ": " + e.getMessage());
      } catch (IllegalArgumentException e) {
        throw new UsageException("backtest: " + e.getMessage());
      }
    }
    Backtest.Result result = new Backtest(prices, reserves, calls, events, settings).run();
    double wall = (System.nanoTime() - started) / 1e9;
    print(result, out, wall);
    double hostShare = o.decimal("--host-share", 0, 0, 1);
    Ledger ledger = result.post("market", hostShare);
    out.printf(
        Locale.ROOT,
        "ledger: %d transactions and %d batches, balancing to zero; the program's revenue (market, events)"
            + " %s USD (before wear); paid to the %d hosts (a %.0f %% share of each month's net,"
            + " by the hours each battery was online) %s USD%n",
        ledger.transactions().size(),
        ledger.batches().size(),
        ledger.balance(Account.revenue("market")).negate().amount().toPlainString(),
        result.batteries(),
        hostShare * 100,
        ledger.balance(Account.expense("market")).amount().toPlainString());
    String csv = o.text("--csv", "");
    if (!csv.isEmpty()) {
      writeCsv(result, Path.of(csv));
      out.println("backtest: one row per day in " + csv);
    }
    return 0;
  }

  /** The bidder's settings the command and the benchmark use. */
  public static ArbitrageBidder.Settings defaults() {
    return new ArbitrageBidder.Settings(
        new RecentMedian(3), 28, EnergyPrice.perMegawattHour(Money.usd("10")), 0.9, 0, 0, true);
  }

  /** {@code yesterday}, {@code median:N} (the median of the N days before) or empty. */
  private static java.util.Optional<DayAheadModel> model(String text) throws UsageException {
    if (text.isEmpty()) {
      return java.util.Optional.empty();
    }
    if (text.equals("yesterday")) {
      return java.util.Optional.of(new SameHourBefore(1));
    }
    if (text.startsWith("median:")) {
      try {
        return java.util.Optional.of(new RecentMedian(Integer.parseInt(text.substring(7))));
      } catch (IllegalArgumentException e) {
        throw new UsageException("backtest: --forecast median:N needs 1..366 days, was " + text);
      }
    }
    throw new UsageException(
        "backtest: --forecast must be yesterday or median:N, was '" + text + "'");
  }

  private static LocalDate date(Options o, String name, LocalDate fallback) throws UsageException {
    String v = o.text(name, "");
    if (v.isEmpty()) {
      return fallback;
    }
    try {
      return LocalDate.parse(v);
    } catch (DateTimeParseException e) {
      throw new UsageException("backtest: " + name + " must be a date YYYY-MM-DD, was '" + v + "'");
    }
  }

  static void print(Backtest.Result r, PrintStream out, double wallSeconds) {
    out.printf(
        Locale.ROOT,
        "backtest: %s, %s..%s (%d days), %,.0f kWh of batteries%n",
        r.market(),
        r.days().getFirst().day(),
        r.days().getLast().day(),
        r.days().size(),
        r.capacity().kilowattHours());
    out.printf(
        Locale.ROOT,
        "%-8s %12s %12s %12s %12s %12s %12s %12s%n",
        "month",
        "energy",
        "reserves",
        "real time",
        "penalty",
        "wear",
        "net",
        "perfect");
    Map<YearMonth, List<Backtest.Day>> months = new TreeMap<>();
    for (Backtest.Day d : r.days()) {
      months.computeIfAbsent(YearMonth.from(d.day()), k -> new ArrayList<>()).add(d);
    }
    months.forEach(
        (month, days) ->
            out.printf(
                Locale.ROOT,
                "%-8s %12.2f %12.2f %12.2f %12.2f %12.2f %12.2f %12.2f%n",
                month,
                sum(days, d -> d.settlement().awarded().plus(d.settlement().imbalance())),
                sum(days, Backtest.Day::reserveRevenue),
                sum(days, d -> d.deployment().net()),
                sum(days, d -> d.settlement().penalty()),
                sum(days, Backtest.Day::wear),
                sum(days, Backtest.Day::net),
                sum(days, Backtest.Day::perfect)));
    out.printf(
        Locale.ROOT,
        "net %s USD (energy %s) against perfect foresight's %s USD: ratio %.3f;"
            + " %.1f cycles per battery;"
            + " %.1f MWh undelivered; price forecast WAPE %.3f (yesterday's %.3f), P10–P90"
            + " coverage %.2f; %.1f s%n",
        r.net().amount().toPlainString(),
        r.sum(Backtest.Day::energyNet).amount().toPlainString(),
        r.perfect().amount().toPlainString(),
        r.ratio(),
        r.cycles(),
        r.days().stream().mapToDouble(d -> d.settlement().undelivered().kilowattHours()).sum()
            / 1_000,
        r.forecast().wape(),
        r.forecast().naiveWape(),
        r.forecast().coverage(),
        wallSeconds);
    double asked = 0;
    double served = 0;
    int calls = 0;
    int late = 0;
    double regulationKwh = 0;
    double scoredKwh = 0;
    Tracking.Figures tracked = Tracking.Figures.NONE;
    for (Backtest.Day d : r.days()) {
      Backtest.Deployment dep = d.deployment();
      asked += dep.askedKwh();
      served += dep.servedKwh();
      calls += dep.calls();
      late += dep.late();
      regulationKwh += dep.regulationKwh();
      scoredKwh += dep.scoredKwh();
      tracked = tracked.plus(dep.tracking());
    }
    out.printf(
        Locale.ROOT,
        "real time: %,d five-minute targets followed, %,d missed by over 3 %% (worst %.1f kW),"
            + " deviation %.2f %% of the %.1f MWh instructed; ramps and restoring settled %s"
            + " USD%n",
        tracked.intervals(),
        tracked.off(),
        tracked.worstKw(),
        100 * tracked.error(),
        tracked.instructedKwh() / 1_000,
        sum(r.days(), d -> d.deployment().instructed()).toPlainString());
    if (calls > 0) {
      out.printf(
          Locale.ROOT,
          "reserve calls: %d, %d not in full within the response time; asked %.1f MWh, served %.1f MWh"
              + " (%.1f %%), paid %s USD, capacity forfeited %s USD%n",
          calls,
          late,
          asked / 1_000,
          served / 1_000,
          asked > 0 ? 100 * served / asked : 100,
          sum(r.days(), d -> d.deployment().paid()).toPlainString(),
          sum(r.days(), d -> d.deployment().forfeited()).toPlainString());
    }
    double eventAsked = 0;
    double eventServed = 0;
    for (Backtest.Day d : r.days()) {
      eventAsked += d.deployment().eventAskedKwh();
      eventServed += d.deployment().eventServedKwh();
    }
    if (eventAsked > 0) {
      out.printf(
          Locale.ROOT,
          "program events: asked %.1f MWh, delivered %.1f MWh (%.1f %%), paid %s USD%n",
          eventAsked / 1_000,
          eventServed / 1_000,
          100 * eventServed / eventAsked,
          sum(r.days(), d -> d.deployment().eventPaid()).toPlainString());
    }
    if (regulationKwh > 0) {
      out.printf(
          Locale.ROOT,
          "regulation: %.1f MW-h held, performance score %.3f (PJM's, on the synthetic signal;"
              + " illustrative), adjustment %s USD, the signal's wear %s USD%n",
          regulationKwh / 1_000,
          scoredKwh / regulationKwh,
          sum(r.days(), d -> d.deployment().performance()).toPlainString(),
          sum(r.days(), d -> d.deployment().regulationWear()).toPlainString());
    }
    out.printf(
        Locale.ROOT,
        "net per battery and year: %s USD (./vpp finance's revenue.per_battery_year)%n",
        r.perBatteryYear().amount().toPlainString());
  }

  private static java.math.BigDecimal sum(
      List<Backtest.Day> days, java.util.function.Function<Backtest.Day, Money> part) {
    return Backtest.total(days, part).amount();
  }

  private static String reserve(Backtest.Day d, Reserve r) {
    return d.reserves().getOrDefault(r, Money.zero(Money.USD)).amount().toPlainString();
  }

  static void writeCsv(Backtest.Result r, Path file) {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write(
          "day,awarded_usd,imbalance_usd,penalty_usd,reg_up_usd,reg_down_usd,spin_usd,supp_usd,"
              + "called_usd,forfeited_usd,regulation_wear_usd,wear_usd,net_usd,perfect_usd,"
              + "perfect_wear_usd,sold_kwh,bought_kwh,undelivered_kwh,called_kwh,served_kwh,"
              + "online,instructed_usd,performance_usd,regulation_score,deviation_kwh,event_usd,"
              + "event_asked_kwh,event_served_kwh\n");
      for (Backtest.Day d : r.days()) {
        w.write(
            String.format(
                Locale.ROOT,
                "%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%.3f,%.3f,%.3f,%.3f,%.3f,%d,%s,%s,%s,"
                    + "%.3f,%s,%.3f,%.3f%n",
                d.day(),
                d.settlement().awarded().amount().toPlainString(),
                d.settlement().imbalance().amount().toPlainString(),
                d.settlement().penalty().amount().toPlainString(),
                reserve(d, Reserve.REGULATION_UP),
                reserve(d, Reserve.REGULATION_DOWN),
                reserve(d, Reserve.SPINNING),
                reserve(d, Reserve.SUPPLEMENTAL),
                d.deployment().paid().amount().toPlainString(),
                d.deployment().forfeited().amount().toPlainString(),
                d.deployment().regulationWear().amount().toPlainString(),
                d.wear().amount().toPlainString(),
                d.net().amount().toPlainString(),
                d.perfect().amount().toPlainString(),
                d.perfectWear().amount().toPlainString(),
                d.settlement().sold().kilowattHours(),
                d.settlement().bought().kilowattHours(),
                d.settlement().undelivered().kilowattHours(),
                d.deployment().askedKwh(),
                d.deployment().servedKwh(),
                d.online(),
                d.deployment().instructed().amount().toPlainString(),
                d.deployment().performance().amount().toPlainString(),
                d.deployment().regulationKwh() > 0
                    ? String.format(
                        Locale.ROOT,
                        "%.4f",
                        d.deployment().scoredKwh() / d.deployment().regulationKwh())
                    : "",
                d.deployment().tracking().deviationKwh(),
                d.deployment().eventPaid().amount().toPlainString(),
                d.deployment().eventAskedKwh(),
                d.deployment().eventServedKwh()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
