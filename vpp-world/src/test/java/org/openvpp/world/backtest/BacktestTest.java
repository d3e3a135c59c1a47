package org.openvpp.world.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvpp.market.ArbitrageBidder;
import org.openvpp.market.DayBid;
import org.openvpp.market.HourlyPrices;
import org.openvpp.market.MarketRules;
import org.openvpp.market.PlannedBid;
import org.openvpp.units.Money;
import org.openvpp.world.launch.BacktestCommand;
import org.openvpp.world.launch.WorldMain;

class BacktestTest {
  private static final HourlyPrices PRICES = ShippedPrices.caiso(2018, 2019);
  private static final LocalDate FROM = LocalDate.of(2019, 7, 1);
  private static final LocalDate TO = LocalDate.of(2019, 7, 20);

  /** A day whose prices the second run changes: published at 13:00 the day before. */
  private static final LocalDate CHANGED = LocalDate.of(2019, 7, 10);

  private static Backtest.Settings settings(LocalDate to) {
    return new Backtest.Settings(FROM, to, 50, 1, 0.03, BacktestCommand.defaults());
  }

  @Test
  void theBidderEarnsLessThanPerfectForesightButMostOfIt() {
    Backtest.Result storage = new Backtest(PRICES, settings(TO)).run();
    Backtest.Result hours =
        new Backtest(PRICES, new Backtest.Settings(FROM, TO, 50, 1, 0.03, hours())).run();

    assertThat(storage.days()).hasSize(20);
    assertThat(storage.perfect()).isEqualTo(hours.perfect());
    // the market choosing the hours at the real prices beats a plan on a forecast
    assertThat(storage.ratio()).isBetween(hours.ratio(), 1.0);
    assertThat(hours.ratio()).isBetween(0.3, 1.0);
    assertThat(storage.cycles()).isPositive();
    assertThat(storage.forecast().hours()).isEqualTo(20 * 24);
  }

  @Test
  void theMarketsMoneyIsPostedAndTheHostsPaidTheirShareOfEachMonth() {
    Backtest.Result r =
        new Backtest(
                PRICES,
                new Backtest.Settings(
                    LocalDate.of(2019, 6, 20), TO, 30, 1, 0.03, BacktestCommand.defaults()))
            .run();

    org.openvpp.settle.Ledger ledger = r.post("arbitrage", 0.25);

    assertThat(ledger.total()).isEqualTo(Money.zero(Money.USD));
    // the market's money, day-ahead and real time (the ramps' energy here), is the program's
    // revenue: the net before wear
    Money market = Money.zero(Money.USD);
    for (Backtest.Day d : r.days()) {
      market = market.plus(d.net()).minus(d.wear()).minus(d.deployment().regulationWear());
    }
    assertThat(r.sum(d -> d.deployment().instructed()).isZero()).isFalse();
    assertThat(ledger.balance(org.openvpp.settle.Account.revenue("arbitrage")).negate())
        .isEqualTo(market);
    Money expected = Money.zero(Money.USD);
    for (java.time.YearMonth m :
        List.of(java.time.YearMonth.of(2019, 6), java.time.YearMonth.of(2019, 7))) {
      Money net = Money.zero(Money.USD);
      for (Backtest.Day d : r.days()) {
        if (java.time.YearMonth.from(d.day()).equals(m)) {
          net = net.plus(d.net());
        }
      }
      if (net.signum() > 0) {
        expected = expected.plus(net.times(new BigDecimal("0.25")).rounded());
      }
    }
    assertThat(expected.signum()).isPositive();
    assertThat(ledger.balance(org.openvpp.settle.Account.expense("arbitrage"))).isEqualTo(expected);
    assertThat(ledger.batches()).hasSize(2);
  }

  @Test
  void aStorageBidsAwardIsDeliveredNearlyWhole() {
    Backtest.Result r =
        new Backtest(
                PRICES, new Backtest.Settings(FROM, TO, 200, 1, 0.03, BacktestCommand.defaults()))
            .run();
    double sold = 0;
    double undelivered = 0;
    for (Backtest.Day d : r.days()) {
      sold += d.settlement().sold().kilowattHours();
      undelivered += d.settlement().undelivered().kilowattHours();
    }

    assertThat(undelivered).isLessThan(0.01 * sold);
  }

  /**
   * The test built to catch hindsight: the same period is run twice, the second time with one day's
   * prices changed. Every bid made before that day's prices were published must be the same in both
   * runs; a bidder that reads a price after its deadline changes its bid for that day.
   */
  @Test
  void theBidderCannotSeeAPriceBeforeItIsPublished() {
    assertThat(daysWhoseBidsSawTheChange(honest())).isEmpty();
  }

  @Test
  void aBidderThatPeeksIsCaught() {
    // reads the day's real prices, which the market publishes three hours after the deadline
    Factory peeking =
        prices -> {
          Backtest.Bidder honest = honest().bidder(prices);
          return (day, now, known, reserves, events, fleet, online) -> {
            PlannedBid b = honest.bid(day, now, known, reserves, events, fleet, online);
            return prices.perMwh(day, 19) > 150
                ? new PlannedBid(new DayBid(day, now, b.bid().hours().reversed()), b.plan())
                : b;
          };
        };

    assertThat(daysWhoseBidsSawTheChange(peeking)).containsExactly(CHANGED);
  }

  @Test
  void theCommandPrintsMonthsAndTheRatioAndWritesADayPerRow(@TempDir Path dir) throws IOException {
    Path csv = dir.resolve("days.csv");
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    int code =
        WorldMain.run(
            new String[] {
              "backtest",
              "--from",
              "2019-03-01",
              "--to",
              "2019-04-10",
              "--batteries",
              "30",
              "--csv",
              csv.toString()
            },
            new PrintStream(out, true, StandardCharsets.UTF_8),
            System.err,
            Map.of());

    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(code).isZero();
    assertThat(text).contains("2019-03 ", "2019-04 ", "against perfect foresight", "ratio");
    List<String> rows = Files.readAllLines(csv);
    assertThat(rows).hasSize(42);
    assertThat(rows.getFirst()).startsWith("day,awarded_usd,");
    assertThat(rows.get(1)).startsWith("2019-03-01,");
  }

  @Test
  void sppWithReservesEarnsByStreamFromItsExports(@TempDir Path dir) throws IOException {
    Path lmp = dir.resolve("lmp.csv");
    Path mcp = dir.resolve("mcp.csv");
    Path csv = dir.resolve("days.csv");
    writeSpp(lmp, mcp, 40, "");
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    int code =
        WorldMain.run(
            new String[] {
              "backtest",
              "--market",
              "spp",
              "--prices",
              lmp.toString(),
              "--reserves",
              mcp.toString(),
              "--batteries",
              "40",
              "--csv",
              csv.toString()
            },
            new PrintStream(out, true, StandardCharsets.UTF_8),
            System.err,
            Map.of());

    assertThat(code).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("reserves", "SPPNORTH_HUB");
    List<String> rows = Files.readAllLines(csv);
    // 40 days, the first 31 of them history for the forecast
    assertThat(rows).hasSize(1 + 9);
    String[] first = rows.get(1).split(",", -1);
    assertThat(rows.getFirst().split(",", -1)[4]).isEqualTo("reg_up_usd");
    assertThat(new BigDecimal(first[4])).isPositive();
    assertThat(new BigDecimal(first[5])).isPositive();
  }

  /**
   * Spinning reserve dearer than regulation up: the fleet holds spinning capacity every hour (and
   * regulation down). Called rarely (2 % of held hours), a day with one call serves it whole from
   * the headroom held, at its full power within ten minutes; called every hour, it serves what its
   * energy allows, forfeits the rest of the capacity payment in proportion, and the regulation it
   * holds wears it.
   */
  @Test
  void calledReservesAreServedFromTheHeadroomHeldWhileTheEnergyLasts() {
    Backtest.Result rarely = spinningAndCalled(0.02);
    int single = 0;
    for (Backtest.Day d : rarely.days()) {
      // the capacity held each hour, from its pay at $20/MW-h through 24 hours
      double heldKw =
          d.reserves()
                  .getOrDefault(org.openvpp.market.Reserve.SPINNING, Money.zero(Money.USD))
                  .amount()
                  .doubleValue()
              / 20
              / 24
              * 1_000;
      double asked = d.deployment().askedKwh();
      if (asked > 0 && asked <= heldKw / 2 + 1) {
        single++;
        assertThat(d.deployment().servedKwh()).as("%s", d.day()).isCloseTo(asked, within(0.01));
        assertThat(d.deployment().forfeited().isZero()).isTrue();
        assertThat(d.deployment().paid().signum()).isPositive();
        assertThat(d.deployment().late()).as("%s: reached within ten minutes", d.day()).isZero();
      }
      assertThat(d.deployment().tracking().intervals()).isEqualTo(288);
    }
    assertThat(single).as("days with one call").isPositive();

    Backtest.Result always = spinningAndCalled(1.0);
    double asked = 0;
    double served = 0;
    Money forfeited = Money.zero(Money.USD);
    Money regulation = Money.zero(Money.USD);
    for (Backtest.Day d : always.days()) {
      asked += d.deployment().askedKwh();
      served += d.deployment().servedKwh();
      forfeited = forfeited.plus(d.deployment().forfeited());
      regulation = regulation.plus(d.deployment().regulationWear());
    }
    assertThat(served).isPositive().isLessThan(asked);
    assertThat(forfeited.signum()).isNegative();
    assertThat(regulation.signum()).isNegative();
  }

  private static Backtest.Result spinningAndCalled(double chance) {
    MarketRules spp = MarketRules.SPP_DAY_AHEAD;
    LocalDate first = LocalDate.of(2022, 2, 1);
    Map<org.openvpp.market.Reserve, HourlyPrices> mcp =
        new java.util.EnumMap<>(org.openvpp.market.Reserve.class);
    mcp.put(org.openvpp.market.Reserve.REGULATION_UP, flat(spp, first, 14));
    mcp.put(org.openvpp.market.Reserve.REGULATION_DOWN, flat(spp, first, 7.5));
    mcp.put(org.openvpp.market.Reserve.SPINNING, flat(spp, first, 20));
    mcp.put(org.openvpp.market.Reserve.SUPPLEMENTAL, flat(spp, first, 0.6));
    return new Backtest(
            eveningPeak(spp, first),
            java.util.Optional.of(org.openvpp.market.ReservePrices.of(mcp)),
            new Backtest.Calls(chance, 30),
            new Backtest.Settings(first.plusDays(31), first.plusDays(39), 40, 1, 0.03, hours()))
        .run();
  }

  /**
   * A program event of 150 kW from 18:00 to 20:00, the evening's dearest hours, that the bidder's
   * plan would otherwise sell the fleet's energy in. Notified before the day's bid deadline, it is
   * planned with the bid and delivered in full; notified after, the award has already sold the
   * energy and the event gets what is left. Either way its pay is posted to the ledger.
   */
  @Test
  void anEventNotifiedBeforeTheDeadlineIsDeliveredAndOneNotifiedAfterGetsWhatIsLeft() {
    MarketRules spp = MarketRules.SPP_DAY_AHEAD;
    LocalDate first = LocalDate.of(2022, 2, 1);
    LocalDate day = first.plusDays(33);
    java.time.Instant deadline = spp.deadline(day);
    Backtest.Result early = withEvent(event(day, deadline.minusSeconds(3_600)));
    Backtest.Result late = withEvent(event(day, deadline.plusSeconds(3 * 3_600)));

    Backtest.Day earlyDay =
        early.days().stream().filter(d -> d.day().equals(day)).findFirst().get();
    Backtest.Day lateDay = late.days().stream().filter(d -> d.day().equals(day)).findFirst().get();
    assertThat(earlyDay.deployment().eventAskedKwh()).isCloseTo(300, within(1e-6));
    assertThat(earlyDay.deployment().eventServedKwh()).isGreaterThan(0.99 * 300);
    assertThat(lateDay.deployment().eventServedKwh())
        .isLessThan(earlyDay.deployment().eventServedKwh() - 10);
    assertThat(earlyDay.deployment().eventPaid().signum()).isPositive();
    org.openvpp.settle.Ledger ledger = early.post("arbitrage", 0);
    assertThat(ledger.balance(org.openvpp.settle.Account.receivable("utility")))
        .isEqualTo(earlyDay.deployment().eventPaid());
  }

  private static org.openvpp.market.ProgramEvent event(LocalDate day, java.time.Instant notified) {
    return new org.openvpp.market.ProgramEvent(
        "peak",
        day,
        18,
        20,
        org.openvpp.units.Power.ofKilowatts(150),
        org.openvpp.units.EnergyPrice.perMegawattHour(Money.usd("200")),
        notified);
  }

  private static Backtest.Result withEvent(org.openvpp.market.ProgramEvent event) {
    MarketRules spp = MarketRules.SPP_DAY_AHEAD;
    LocalDate first = LocalDate.of(2022, 2, 1);
    return new Backtest(
            eveningPeak(spp, first),
            java.util.Optional.empty(),
            Backtest.Calls.DEFAULT,
            List.of(event),
            new Backtest.Settings(first.plusDays(31), first.plusDays(35), 40, 1, 0.0, hours()))
        .run();
  }

  /** 40 days from {@code first}: $5/MWh at midday, $60 from 17:00 to 21:00, $25 otherwise. */
  private static HourlyPrices eveningPeak(MarketRules market, LocalDate first) {
    List<BigDecimal> lmp = new ArrayList<>();
    for (int k = 0; k < 40 * 24; k++) {
      int hour = k % 24;
      lmp.add(
          BigDecimal.valueOf(hour >= 10 && hour <= 14 ? 5 : hour >= 17 && hour <= 20 ? 60 : 25));
    }
    return HourlyPrices.of(market, first, lmp);
  }

  private static HourlyPrices flat(MarketRules market, LocalDate first, double price) {
    return HourlyPrices.of(
        market, first, java.util.Collections.nCopies(40 * 24, BigDecimal.valueOf(price)));
  }

  @Test
  void aMalformedReserveFileIsRefusedNamingTheLineAndField(@TempDir Path dir) throws IOException {
    Path lmp = dir.resolve("lmp.csv");
    Path mcp = dir.resolve("mcp.csv");
    writeSpp(lmp, mcp, 40, "n/a");

    assertThat(
            run(
                "backtest",
                "--market",
                "spp",
                "--prices",
                lmp.toString(),
                "--reserves",
                mcp.toString()))
        .isEqualTo(
            "2 error: backtest: " + mcp + " line 50: spin: not a price in $/MWh, was 'n/a'\n");
  }

  /** SPP's two exports for {@code days} days of February 2022, one hour's spin {@code bad}. */
  private static void writeSpp(Path lmp, Path mcp, int days, String bad) throws IOException {
    java.time.ZoneId zone = MarketRules.SPP_DAY_AHEAD.zone();
    java.time.format.DateTimeFormatter f =
        java.time.format.DateTimeFormatter.ofPattern("MM/dd/yyyy HH:mm:ss");
    StringBuilder a = new StringBuilder("interval_end_local,interval_end_utc,location,lmp\n");
    StringBuilder b =
        new StringBuilder(
            "interval_end_local,interval_end_utc,reserve_zone,reg_up,reg_down,spin,supp\n");
    java.time.Instant start = LocalDate.of(2022, 2, 1).atStartOfDay(zone).toInstant();
    for (int k = 1; k <= days * 24; k++) {
      java.time.Instant end = start.plusSeconds(3_600L * k);
      String t =
          end.atZone(zone).toLocalDateTime().format(f)
              + ","
              + end.atZone(java.time.ZoneOffset.UTC).toLocalDateTime().format(f);
      int hour = (k - 1) % 24;
      double price = hour >= 10 && hour <= 14 ? 5 : hour >= 17 && hour <= 20 ? 60 : 25;
      a.append(t).append(",SPPNORTH_HUB,").append(price).append('\n');
      String spin = k == 49 && !bad.isEmpty() ? bad : "8.5";
      b.append(t).append(",1,14.0,7.5,").append(spin).append(",0.6\n");
    }
    Files.writeString(lmp, a);
    Files.writeString(mcp, b);
  }

  @Test
  void aMalformedPriceFileIsRefusedNamingTheLine(@TempDir Path dir) throws IOException {
    Path prices = dir.resolve("prices.csv");
    Files.writeString(prices, "30\n".repeat(40) + "thirty\n" + "30\n".repeat(7));

    assertThat(run("backtest", "--prices", prices.toString(), "--first", "2019-01-01"))
        .isEqualTo(
            "2 error: backtest: "
                + prices
                + " line 41: price: not a price in $/MWh, was 'thirty'\n");
  }

  @Test
  void badOptionsAreRefusedWithWhatWasWrong() {
    assertThat(run("backtest", "--market", "nyiso"))
        .isEqualTo("2 error: backtest: --market must be caiso or spp, was 'nyiso'\n");
    assertThat(run("backtest", "--from", "July"))
        .isEqualTo("2 error: backtest: --from must be a date YYYY-MM-DD, was 'July'\n");
    assertThat(run("backtest", "--market", "spp"))
        .startsWith("2 error: backtest: --market spp needs --prices FILE");
    assertThat(run("backtest", "--from", "2017-01-05"))
        .startsWith("2 error: the prices cover 2017-01-01..2019-12-31; with 31 days of history");
  }

  private interface Factory {
    Backtest.Bidder bidder(HourlyPrices prices);
  }

  /** The default bidder, bidding its hours: the way in which its forecast chooses the bid. */
  private static Factory honest() {
    return prices -> {
      ArbitrageBidder b = new ArbitrageBidder(MarketRules.CAISO_DAY_AHEAD, hours());
      return (day, now, known, reserves, events, fleet, online) ->
          b.plan(day, now, known, reserves, events, fleet, online);
    };
  }

  private static ArbitrageBidder.Settings hours() {
    ArbitrageBidder.Settings d = BacktestCommand.defaults();
    return new ArbitrageBidder.Settings(
        d.model(), d.residualDays(), d.wear(), d.confidence(), d.sellLimit(), d.buyLimit(), false);
  }

  /** The days up to {@link #CHANGED} whose bid differs when that day's prices differ. */
  private static List<LocalDate> daysWhoseBidsSawTheChange(Factory factory) {
    List<BigDecimal> spiked = new ArrayList<>();
    for (int h = 0; h < 24; h++) {
      spiked.add(PRICES.price(CHANGED, h).perMegawattHour().amount().multiply(BigDecimal.TEN));
    }
    HourlyPrices changed = PRICES.withDay(CHANGED, spiked);
    Map<LocalDate, DayBid> first = bids(PRICES, factory);
    Map<LocalDate, DayBid> second = bids(changed, factory);
    TreeSet<LocalDate> differ = new TreeSet<>();
    for (LocalDate d = FROM; !d.isAfter(CHANGED); d = d.plusDays(1)) {
      if (!java.util.Objects.equals(first.get(d), second.get(d))) {
        differ.add(d);
      }
    }
    return List.copyOf(differ);
  }

  private static Map<LocalDate, DayBid> bids(HourlyPrices prices, Factory factory) {
    Map<LocalDate, DayBid> bids = new HashMap<>();
    Backtest.Bidder inner = factory.bidder(prices);
    Backtest.Bidder recording =
        (day, now, known, reserves, events, fleet, online) -> {
          PlannedBid b = inner.bid(day, now, known, reserves, events, fleet, online);
          bids.put(day, b.bid());
          return b;
        };
    new Backtest(prices, new Backtest.Settings(FROM, CHANGED, 50, 1, 0.03, hours())).run(recording);
    return bids;
  }

  private static String run(String... args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        WorldMain.run(
            args,
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            Map.of());
    return code + " " + err.toString(StandardCharsets.UTF_8);
  }
}
