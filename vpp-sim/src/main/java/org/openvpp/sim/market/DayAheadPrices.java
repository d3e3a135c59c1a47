package org.openvpp.sim.market;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.openvpp.units.EnergyPrice;
import org.openvpp.units.Money;

/**
 * CAISO day-ahead energy prices (LMP at node IRONMTN_2_N001) for 2019, hourly, shipped in this
 * module's resources with their licence. Prices are read as exact decimals, never as doubles.
 *
 * <p>The file has 8,760 rows, one per hour of the year in Pacific local time; row {@code (day of
 * year - 1) × 24 + hour} is the hour starting at {@code hour} on that day.
 *
 * <p>Immutable; safe to share.
 */
public final class DayAheadPrices {
  private static final String FILE = "/org/openvpp/data/caiso/pricing-data-2019-IronMtn-002.csv";
  private static final int YEAR = 2019;

  private final List<EnergyPrice> hourly;

  private DayAheadPrices(List<EnergyPrice> hourly) {
    this.hourly = List.copyOf(hourly);
  }

  /** Loads the 2019 prices. */
  public static DayAheadPrices caiso2019() {
    try (InputStream in = DayAheadPrices.class.getResourceAsStream(FILE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + FILE + "; the build is incomplete");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      List<EnergyPrice> prices = new ArrayList<>(8_760);
      String line;
      while ((line = r.readLine()) != null) {
        String text = line.trim();
        if (text.isEmpty()) {
          continue;
        }
        try {
          prices.add(EnergyPrice.perMegawattHour(new Money(new BigDecimal(text), Money.USD)));
        } catch (NumberFormatException e) {
          throw new IllegalStateException(
              FILE + " line " + (prices.size() + 1) + " is not a price: " + line, e);
        }
      }
      if (prices.size() != 8_760) {
        throw new IllegalStateException(FILE + " has " + prices.size() + " hours, not 8,760");
      }
      return new DayAheadPrices(prices);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + FILE, e);
    }
  }

  /**
   * The 24 hourly prices of {@code day}, which must be in 2019.
   *
   * @throws IllegalArgumentException for another year
   */
  public List<EnergyPrice> day(LocalDate day) {
    if (day.getYear() != YEAR) {
      throw new IllegalArgumentException(
          "CAISO prices are shipped for " + YEAR + " only; asked for " + day);
    }
    int from = (day.getDayOfYear() - 1) * 24;
    return hourly.subList(from, from + 24);
  }
}
