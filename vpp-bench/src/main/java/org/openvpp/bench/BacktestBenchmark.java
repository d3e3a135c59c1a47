package org.openvpp.bench;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
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
 * against perfect foresight's on the same days ({@code ratio}), and in the same run the same year
 * bid on yesterday's prices ({@code ratio_yesterday}), the naive bidder the forecast must beat.
 * {@code wall_s} is the default bidder's run, cold.
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
    ArbitrageBidder.Settings naive =
        new ArbitrageBidder.Settings(
            new SameHourBefore(1),
            bidder.residualDays(),
            bidder.wear(),
            bidder.confidence(),
            bidder.sellLimit(),
            bidder.buyLimit());
    Backtest.Result y =
        new Backtest(
                prices,
                new Backtest.Settings(
                    settings.from(), settings.to(), batteries, settings.seed(), 0.03, naive))
            .run();
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
    f.put("ratio_yesterday", round(y.ratio()));
    f.put("cycles", Math.round(r.cycles() * 10) / 10.0);
    f.put("undelivered_share", round(undelivered / Math.max(sold, 1)));
    f.put("forecast_wape", round(r.forecast().wape()));
    f.put("forecast_wape_yesterday", round(r.forecast().naiveWape()));
    return f;
  }

  private static double round(double v) {
    return Math.round(v * 1_000) / 1_000.0;
  }
}
