package org.openvpp.world.backtest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.openvpp.market.HourlyPrices;
import org.openvpp.market.MarketRules;

/** The market prices shipped in vpp-data, and price files a user gives. */
public final class ShippedPrices {
  private ShippedPrices() {}

  /** CAISO's day-ahead prices at IRONMTN_2_N001, every hour of {@code first..last} (2017–2019). */
  public static HourlyPrices caiso(int first, int last) {
    if (first < 2017 || last > 2019 || last < first) {
      throw new IllegalArgumentException(
          "CAISO prices are shipped for 2017–2019; asked for " + first + "–" + last);
    }
    HourlyPrices all = null;
    for (int year = first; year <= last; year++) {
      String name = "/org/openvpp/data/caiso/pricing-data-" + year + "-IronMtn-002.csv";
      try (InputStream in = ShippedPrices.class.getResourceAsStream(name)) {
        if (in == null) {
          throw new IllegalStateException("missing resource " + name + "; the build is incomplete");
        }
        HourlyPrices y =
            HourlyPrices.readColumn(
                MarketRules.CAISO_DAY_AHEAD,
                LocalDate.of(year, 1, 1),
                new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)),
                name);
        all = all == null ? y : all.then(y);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + name, e);
      }
    }
    if (all == null) {
      throw new IllegalArgumentException("no year asked for");
    }
    return all;
  }

  /**
   * A price file: SPP's LMP export (recognised by its header) for {@code market}'s node, or one
   * price per line from {@code first}.
   */
  public static HourlyPrices file(Path file, MarketRules market, LocalDate first)
      throws IOException {
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      in.mark(4_096);
      String header = in.readLine();
      in.reset();
      String name = file.toString();
      if (header != null && header.startsWith("interval_end_local")) {
        return HourlyPrices.readSpp(market, in, name);
      }
      return HourlyPrices.readColumn(market, first, in, name);
    }
  }
}
