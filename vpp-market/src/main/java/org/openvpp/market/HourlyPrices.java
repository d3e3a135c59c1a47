package org.openvpp.market;

import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.openvpp.units.EnergyPrice;
import org.openvpp.units.Money;

/**
 * A market's clearing prices, hourly, for whole consecutive days: 24 a day in the market's local
 * clock, as the shipped files give them (a daylight-saving day keeps 24 rows).
 *
 * <p>Prices are held exactly (as written in the file) for settlement and as doubles ($/MWh) for
 * forecasting. {@link #knownAt} is the only way a bidder sees them: it cuts the series at what the
 * market had published by a moment.
 *
 * <p>Immutable; safe to share.
 */
public final class HourlyPrices {
  public static final int PER_DAY = 24;

  private final MarketRules market;
  private final LocalDate first;
  private final BigDecimal[] exact;
  private final double[] perMwh;

  private HourlyPrices(MarketRules market, LocalDate first, BigDecimal[] exact) {
    if (exact.length == 0 || exact.length % PER_DAY != 0) {
      throw new IllegalArgumentException(
          exact.length + " hourly prices are not a whole number of days");
    }
    this.market = Objects.requireNonNull(market, "market");
    this.first = Objects.requireNonNull(first, "first");
    this.exact = exact.clone();
    this.perMwh = new double[exact.length];
    for (int i = 0; i < exact.length; i++) {
      perMwh[i] = exact[i].doubleValue();
    }
  }

  /** Prices of consecutive days from {@code first}, 24 per day, in $/MWh. */
  public static HourlyPrices of(MarketRules market, LocalDate first, List<BigDecimal> hourly) {
    return new HourlyPrices(market, first, hourly.toArray(BigDecimal[]::new));
  }

  /**
   * Reads a file of one price ($/MWh) per line and no header, 24 lines a day from {@code first}
   * (the CAISO files in vpp-data). Blank lines are refused: a missing hour would shift every price
   * after it.
   *
   * @param source the file's name, for messages
   * @throws IllegalArgumentException naming the line of a value that is not a price
   */
  public static HourlyPrices readColumn(
      MarketRules market, LocalDate first, BufferedReader in, String source) throws IOException {
    List<BigDecimal> prices = new ArrayList<>(8_784);
    String line;
    int n = 0;
    while ((line = in.readLine()) != null) {
      n++;
      prices.add(price(line.trim(), source, n, "price"));
    }
    if (prices.isEmpty() || prices.size() % PER_DAY != 0) {
      throw new IllegalArgumentException(
          source + ": " + prices.size() + " prices are not whole days of 24 hours");
    }
    return of(market, first, prices);
  }

  /**
   * Reads SPP's day-ahead LMP export ({@code
   * interval_end_local,interval_end_utc,location,lmp,mlc,mcc,mec}, one row per hour and location,
   * the interval's end {@code MM/dd/yyyy HH:mm:ss} in UTC and in local time) for {@code market}'s
   * node; each hour is placed by its UTC end when the column is there. Days keep 24 hours: the hour
   * the clock skips in spring takes the price of the hour before, and of the hour it repeats in
   * autumn the first is kept.
   *
   * @throws IllegalArgumentException naming the line and field of what is malformed, or a missing,
   *     repeated or out-of-order hour
   */
  public static HourlyPrices readSpp(MarketRules market, BufferedReader in, String source)
      throws IOException {
    return readSpp(market, in, source, "location", market.node(), "lmp");
  }

  /**
   * Reads one column of an SPP export with the same time columns (the day-ahead LMPs, or the
   * reserve zones' ancillary service clearing prices, {@code
   * interval_end_local,interval_end_utc,reserve_zone,reg_up,reg_down,spin,supp}): the rows whose
   * {@code keyColumn} is {@code key}, the prices in {@code valueColumn}, placed as {@link
   * #readSpp(MarketRules, BufferedReader, String)} places them.
   */
  public static HourlyPrices readSpp(
      MarketRules market,
      BufferedReader in,
      String source,
      String keyColumn,
      String key,
      String valueColumn)
      throws IOException {
    String header = in.readLine();
    List<String> columns = header == null ? List.of() : Arrays.asList(header.trim().split(",", -1));
    int end = columns.indexOf("interval_end_local");
    int utc = columns.indexOf("interval_end_utc");
    int location = columns.indexOf(keyColumn);
    int lmp = columns.indexOf(valueColumn);
    if (end < 0 || location < 0 || lmp < 0) {
      throw new IllegalArgumentException(
          source
              + " line 1: the header must name interval_end_local, "
              + keyColumn
              + " and "
              + valueColumn
              + ", was '"
              + (header == null ? "" : header)
              + "'");
    }
    DateTimeFormatter format = DateTimeFormatter.ofPattern("MM/dd/yyyy HH:mm:ss");
    List<BigDecimal> prices = new ArrayList<>();
    LocalDateTime expected = null;
    LocalDate firstDay = null;
    String line;
    int n = 1;
    while ((line = in.readLine()) != null) {
      n++;
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.split(",", -1);
      if (f.length != columns.size()) {
        throw new IllegalArgumentException(
            source + " line " + n + ": " + f.length + " fields, the header has " + columns.size());
      }
      if (!f[location].equals(key)) {
        continue;
      }
      // The hour's start in local time: from the UTC end where the export has it (its local
      // labels around a change of clock are the new offset's), else from the local end.
      LocalDateTime startsAt =
          utc >= 0
              ? LocalDateTime.ofInstant(
                  time(f[utc], format, source, n, "interval_end_utc")
                      .minusHours(1)
                      .toInstant(java.time.ZoneOffset.UTC),
                  market.zone())
              : time(f[end], format, source, n, "interval_end_local").minusHours(1);
      if (expected == null) {
        if (startsAt.getHour() != 0) {
          throw new IllegalArgumentException(
              source + " line " + n + ": the first hour must start at midnight, was " + startsAt);
        }
        firstDay = startsAt.toLocalDate();
      } else if (startsAt.equals(expected.minusHours(1)) && overlaps(market, startsAt)) {
        // the clock going back repeats an hour: the day keeps 24, the first of the two
        continue;
      } else if (startsAt.equals(expected.plusHours(1))
          && market.zone().getRules().getValidOffsets(expected).isEmpty()) {
        // the clock going forward skips an hour: the day keeps 24, the skipped one at the price
        // of the hour before
        prices.add(prices.getLast());
      } else if (!startsAt.equals(expected)) {
        throw new IllegalArgumentException(
            source
                + " line "
                + n
                + ": expected the hour from "
                + expected
                + " local time for "
                + key
                + ", was the hour from "
                + startsAt);
      }
      expected = startsAt.plusHours(1);
      prices.add(price(f[lmp].trim(), source, n, valueColumn));
    }
    if (firstDay == null || prices.size() % PER_DAY != 0) {
      throw new IllegalArgumentException(
          source + ": " + prices.size() + " hours for " + key + " are not whole days of 24 hours");
    }
    return of(market, firstDay, prices);
  }

  private static LocalDateTime time(
      String text, DateTimeFormatter format, String source, int line, String field) {
    try {
      return LocalDateTime.parse(text, format);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          source
              + " line "
              + line
              + ": "
              + field
              + ": not a time MM/dd/yyyy HH:mm:ss, was '"
              + text
              + "'",
          e);
    }
  }

  private static boolean overlaps(MarketRules market, LocalDateTime local) {
    return market.zone().getRules().getValidOffsets(local).size() > 1;
  }

  private static BigDecimal price(String text, String source, int line, String field) {
    try {
      BigDecimal p = new BigDecimal(text);
      if (p.abs().compareTo(BigDecimal.valueOf(100_000)) > 0) {
        throw new IllegalArgumentException(
            source + " line " + line + ": " + field + ": " + text + " $/MWh is beyond any market");
      }
      return p;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          source + " line " + line + ": " + field + ": not a price in $/MWh, was '" + text + "'",
          e);
    }
  }

  public MarketRules market() {
    return market;
  }

  public LocalDate first() {
    return first;
  }

  public int days() {
    return exact.length / PER_DAY;
  }

  /** The last day with prices. */
  public LocalDate last() {
    return first.plusDays(days() - 1L);
  }

  /** Whether the series has {@code day}'s prices. */
  public boolean covers(LocalDate day) {
    return !day.isBefore(first) && !day.isAfter(last());
  }

  /** The clearing price of {@code hour} (0–23) of {@code day}. */
  public EnergyPrice price(LocalDate day, int hour) {
    return EnergyPrice.perMegawattHour(new Money(exact[index(day, hour)], Money.USD));
  }

  /** The clearing price in $/MWh as a double, for arithmetic that need not be exact. */
  public double perMwh(LocalDate day, int hour) {
    return perMwh[index(day, hour)];
  }

  /** Another series that joins this one's days and then {@code next}'s, which must follow on. */
  public HourlyPrices then(HourlyPrices next) {
    if (!next.first.equals(last().plusDays(1)) || !next.market.equals(market)) {
      throw new IllegalArgumentException(
          "prices from " + next.first + " do not follow prices ending " + last() + " here");
    }
    BigDecimal[] joined = Arrays.copyOf(exact, exact.length + next.exact.length);
    System.arraycopy(next.exact, 0, joined, exact.length, next.exact.length);
    return new HourlyPrices(market, first, joined);
  }

  /** The same series with {@code day}'s prices replaced: for tests of what a bidder may read. */
  public HourlyPrices withDay(LocalDate day, List<BigDecimal> hourly) {
    if (hourly.size() != PER_DAY) {
      throw new IllegalArgumentException(hourly.size() + " prices for a day of 24 hours");
    }
    BigDecimal[] copy = exact.clone();
    for (int h = 0; h < PER_DAY; h++) {
      copy[index(day, h)] = Objects.requireNonNull(hourly.get(h));
    }
    return new HourlyPrices(market, first, copy);
  }

  /**
   * What the market had published by {@code moment}: the prices of every day whose publication time
   * is not after it, and nothing later.
   */
  public KnownPrices knownAt(Instant moment) {
    int known = 0;
    while (known < days() && !market.published(first.plusDays(known)).isAfter(moment)) {
      known++;
    }
    return new KnownPrices(first, Arrays.copyOf(perMwh, known * PER_DAY));
  }

  private int index(LocalDate day, int hour) {
    if (!covers(day) || hour < 0 || hour >= PER_DAY) {
      throw new IllegalArgumentException(
          "no price for hour " + hour + " of " + day + "; prices cover " + first + ".." + last());
    }
    return (int) (day.toEpochDay() - first.toEpochDay()) * PER_DAY + hour;
  }
}
