package org.openvpp.market;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * A reserve zone's ancillary service clearing prices ($/MW per hour of capacity held), hourly, one
 * {@link HourlyPrices} per {@link Reserve}, published with the day's energy prices.
 *
 * <p>Immutable; safe to share.
 */
public final class ReservePrices {
  private final Map<Reserve, HourlyPrices> prices;

  private ReservePrices(Map<Reserve, HourlyPrices> prices) {
    this.prices = new EnumMap<>(prices);
  }

  /**
   * Reads SPP's day-ahead ancillary service clearing price export ({@code
   * interval_end_local,interval_end_utc,reserve_zone,reg_up,reg_down,spin,supp}) for {@code zone}.
   *
   * @throws IllegalArgumentException naming the line and field of what is malformed
   */
  public static ReservePrices readSpp(MarketRules market, Path file, String zone)
      throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    Map<Reserve, HourlyPrices> prices = new EnumMap<>(Reserve.class);
    for (Reserve r : Reserve.values()) {
      prices.put(
          r,
          HourlyPrices.readSpp(
              market,
              new BufferedReader(new StringReader(text)),
              file.toString(),
              "reserve_zone",
              zone,
              r.column()));
    }
    return new ReservePrices(prices);
  }

  /** Reserve prices from series of the same days, for tests and other sources. */
  public static ReservePrices of(Map<Reserve, HourlyPrices> prices) {
    if (prices.size() != Reserve.values().length) {
      throw new IllegalArgumentException("a price for every reserve is needed, was " + prices);
    }
    return new ReservePrices(prices);
  }

  /** The clearing prices of {@code reserve}. */
  public HourlyPrices of(Reserve reserve) {
    return Objects.requireNonNull(prices.get(reserve));
  }

  /** What was published of each by {@code moment}. */
  public Map<Reserve, KnownPrices> knownAt(Instant moment) {
    Map<Reserve, KnownPrices> known = new EnumMap<>(Reserve.class);
    prices.forEach((r, p) -> known.put(r, p.knownAt(moment)));
    return known;
  }
}
