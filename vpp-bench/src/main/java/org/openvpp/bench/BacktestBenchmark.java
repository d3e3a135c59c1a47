package org.openvpp.bench;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openvpp.forecast.DayAheadModel;
import org.openvpp.forecast.SameHourBefore;
import org.openvpp.market.ArbitrageBidder;
import org.openvpp.market.HourlyPrices;
import org.openvpp.world.backtest.Backtest;
import org.openvpp.world.backtest.ShippedPrices;
import org.openvpp.world.launch.BacktestCommand;

/**
 * {@code ./vpp backtest}'s year: 2019 of CAISO day-ahead prices at IRONMTN_2_N001 for 1,000 home
 * batteries (100 with {@code --quick}), the bidder's forecasts trained on what was published before
 * each deadline (2017–2018 and the days of 2019 before it). Figures: the bidder's net revenue
 * against perfect foresight's on the same days ({@code ratio}), bidding as storage (CAISO clears it
 * with its state of charge); in the same run, the fleet's plan on the forecast bid hour by hour
 * ({@code ratio_hours}) and the same on yesterday's prices ({@code ratio_hours_yesterday}), the
 * naive bidder the forecast must beat. {@code wall_s} is the default bidder's run, cold.
 */
final class BacktestBenchmark implements Benchmark {
  @Override
  public String name() {
    return "backtest";
  }

  @Override
  public String description() {
    return "a year of CAISO day-ahead bids for 1,000 batteries against perfect foresight";
  }

  @Override
  public Map<String, Object> run(boolean quick) {
    HourlyPrices prices = ShippedPrices.caiso(2017, 2019);
    int batteries = quick ? 100 : 1_000;
    ArbitrageBidder.Settings bidder = BacktestCommand.defaults();
    Backtest.Settings settings =
        new Backtest.Settings(
            LocalDate.of(2019, 1, 1), LocalDate.of(2019, 12, 31), batteries, 1, 0.03, bidder);
    long started = System.nanoTime();
    Backtest.Result r = new Backtest(prices, settings).run();
    double wall = (System.nanoTime() - started) / 1e9;
    Backtest.Result hours = run(prices, settings, with(bidder, bidder.model(), false));
    Backtest.Result naive = run(prices, settings, with(bidder, new SameHourBefore(1), false));
    double undelivered = 0;
    double sold = 0;
    for (Backtest.Day d : r.days()) {
      undelivered += d.settlement().undelivered().kilowattHours();
      sold += d.settlement().sold().kilowattHours();
    }
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("days", r.days().size());
    f.put("batteries", batteries);
    f.put("wall_s", Math.round(wall * 10) / 10.0);
    f.put("revenue_usd", r.net().amount().doubleValue());
    f.put("perfect_foresight_usd", r.perfect().amount().doubleValue());
    f.put("ratio", round(r.ratio()));
    f.put("revenue_hours_usd", hours.net().amount().doubleValue());
    f.put("ratio_hours", round(hours.ratio()));
    f.put("ratio_hours_yesterday", round(naive.ratio()));
    f.put("cycles", Math.round(r.cycles() * 10) / 10.0);
    f.put("undelivered_share", round(undelivered / Math.max(sold, 1)));
    f.put("forecast_wape", round(r.forecast().wape()));
    f.put("forecast_wape_yesterday", round(r.forecast().naiveWape()));
    return f;
  }

  private static Backtest.Result run(
      HourlyPrices prices, Backtest.Settings s, ArbitrageBidder.Settings bidder) {
    return new Backtest(
            prices,
            new Backtest.Settings(s.from(), s.to(), s.batteries(), s.seed(), s.offline(), bidder))
        .run();
  }

  private static ArbitrageBidder.Settings with(
      ArbitrageBidder.Settings b, DayAheadModel model, boolean asStorage) {
    return new ArbitrageBidder.Settings(
        model, b.residualDays(), b.wear(), b.confidence(), b.sellLimit(), b.buyLimit(), asStorage);
  }

  private static double round(double v) {
    return Math.round(v * 1_000) / 1_000.0;
  }
}
