package org.openvpp.service.prices;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.openvpp.time.Horizon;
import org.openvpp.units.EnergyPrice;
import org.openvpp.units.Money;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Day-ahead energy prices, one series per market node, as the planner may know them.
 *
 * <p><b>Input.</b> Each node has a {@link PriceSource}: a file of many days, or a URL that serves
 * one day at a time. The text is CSV, {@code start,usd_per_mwh}, one row per hour, {@code start} an
 * ISO-8601 instant with its offset ({@code 2019-08-16T00:00:00-07:00}); a day's rows cover its
 * local hours exactly (23 or 25 on a daylight-saving change), in order, prices within ±20,000
 * USD/MWh. A bad file or answer is refused whole, with the row and the reason, and changes nothing.
 *
 * <p><b>Without hindsight.</b> A day's prices count as known from {@link #publishedAt} (13:00 the
 * day before, local, as CAISO publishes its day-ahead market), whether they came from a file that
 * holds the whole year or from a URL: the service never plans with prices it could not have had.
 * {@link #poll} asks each URL for today's and tomorrow's prices once they are due, and again at
 * every poll until it has them.
 *
 * <p>Threads: confined to the control loop (polls and reads); views copy what they show.
 */
public final class DayAheadPrices {
  private static final Logger LOG = LoggerFactory.getLogger(DayAheadPrices.class);
  private static final BigDecimal LIMIT = new BigDecimal("20000");

  /** When a day's prices are published, the day before, local time. */
  public static final LocalTime PUBLISHED = LocalTime.of(13, 0);

  /** Where one node's prices come from. */
  public interface PriceSource {
    /**
     * The CSV of {@code day} (or of many days, for a file), or empty while it is not published.
     *
     * @throws java.io.UncheckedIOException when the source cannot be read
     */
    Optional<String> fetch(LocalDate day);

    /** Whether one fetch gives every day (a file), read once. */
    boolean wholeFile();

    /** Where, for messages. */
    String describe();
  }

  private final ZoneId zone;
  private final Map<String, PriceSource> sources;
  private final Map<String, String> nodeOfRegion;
  private final Map<String, TreeMap<LocalDate, List<EnergyPrice>>> days = new HashMap<>();
  private final Map<String, Instant> lastTry = new HashMap<>();

  /**
   * @param sources each node's source, by node name
   * @param nodeOfRegion the node whose prices apply to each region (a region not listed takes the
   *     first node)
   */
  public DayAheadPrices(
      ZoneId zone, Map<String, PriceSource> sources, Map<String, String> nodeOfRegion) {
    this.zone = Objects.requireNonNull(zone, "zone");
    this.sources = new LinkedHashMap<>(sources);
    this.nodeOfRegion = Map.copyOf(nodeOfRegion);
    for (String node : nodeOfRegion.values()) {
      if (!sources.containsKey(node)) {
        throw new IllegalArgumentException(
            "a region's prices come from node "
                + node
                + ", which has no source; nodes: "
                + sources.keySet());
      }
    }
    for (Map.Entry<String, PriceSource> e : this.sources.entrySet()) {
      days.put(e.getKey(), new TreeMap<>());
      if (e.getValue().wholeFile()) {
        String text =
            e.getValue()
                .fetch(LocalDate.MIN)
                .orElseThrow(
                    () -> new IllegalArgumentException("no prices in " + e.getValue().describe()));
        Map<LocalDate, List<EnergyPrice>> all = parse(text, zone, e.getValue().describe());
        days.get(e.getKey()).putAll(all);
      }
    }
  }

  /** No prices at all: batteries are planned for events alone. */
  public static DayAheadPrices none(ZoneId zone) {
    return new DayAheadPrices(zone, Map.of(), Map.of());
  }

  /** Whether there is any node. */
  public boolean any() {
    return !sources.isEmpty();
  }

  /** The node of {@code region}: the one configured, else the first node. */
  public Optional<String> nodeOf(String region) {
    String n = nodeOfRegion.get(region);
    if (n != null) {
      return Optional.of(n);
    }
    return sources.keySet().stream().findFirst();
  }

  /** When {@code day}'s prices become known: {@link #PUBLISHED} the day before, local. */
  public Instant publishedAt(LocalDate day) {
    return ZonedDateTime.of(day.minusDays(1), PUBLISHED, zone).toInstant();
  }

  /**
   * Fetches, from each URL, today's and tomorrow's prices that are due and not yet had; a source
   * that fails is logged and tried again at the next poll. Returns whether anything new came.
   */
  public boolean poll(Instant now) {
    boolean any = false;
    LocalDate today = now.atZone(zone).toLocalDate();
    for (Map.Entry<String, PriceSource> e : sources.entrySet()) {
      if (e.getValue().wholeFile()) {
        continue;
      }
      TreeMap<LocalDate, List<EnergyPrice>> known = Objects.requireNonNull(days.get(e.getKey()));
      for (LocalDate day : List.of(today, today.plusDays(1))) {
        if (known.containsKey(day) || now.isBefore(publishedAt(day))) {
          continue;
        }
        try {
          Optional<String> text = e.getValue().fetch(day);
          if (text.isPresent()) {
            Map<LocalDate, List<EnergyPrice>> got =
                parse(text.get(), zone, e.getValue().describe());
            List<EnergyPrice> prices = got.get(day);
            if (prices == null) {
              throw new IllegalArgumentException(
                  e.getValue().describe() + " answered for " + got.keySet() + ", not " + day);
            }
            known.put(day, prices);
            any = true;
          }
        } catch (RuntimeException x) {
          Instant last = lastTry.put(e.getKey() + day, now);
          if (last == null) {
            LOG.warn("prices of node {} for {}: {}", e.getKey(), day, x.getMessage());
          }
        }
      }
    }
    return any;
  }

  /**
   * The price at {@code node} of each interval of {@code horizon} (the price of the hour its start
   * lies in), as known at {@code now}; empty when any is not yet known.
   */
  public Optional<List<EnergyPrice>> perInterval(String node, Horizon horizon, Instant now) {
    List<EnergyPrice> out = new ArrayList<>(horizon.count());
    for (int k = 0; k < horizon.count(); k++) {
      Optional<EnergyPrice> p = at(node, horizon.interval(k).start(), now);
      if (p.isEmpty()) {
        return Optional.empty();
      }
      out.add(p.get());
    }
    return Optional.of(out);
  }

  /** The price at {@code node} of the hour {@code at} lies in, as known at {@code now}. */
  public Optional<EnergyPrice> at(String node, Instant at, Instant now) {
    TreeMap<LocalDate, List<EnergyPrice>> known = days.get(node);
    if (known == null) {
      return Optional.empty();
    }
    LocalDate day = at.atZone(zone).toLocalDate();
    List<EnergyPrice> prices = known.get(day);
    if (prices == null || now.isBefore(publishedAt(day))) {
      return Optional.empty();
    }
    int hour = (int) Duration.between(day.atStartOfDay(zone).toInstant(), at).toHours();
    return hour < 0 || hour >= prices.size() ? Optional.empty() : Optional.of(prices.get(hour));
  }

  /**
   * The end of the last whole local day whose prices at {@code node} are known at {@code now},
   * counting on from today without a gap; empty when today's are not.
   */
  public Optional<Instant> knownUntil(String node, Instant now) {
    TreeMap<LocalDate, List<EnergyPrice>> known = days.get(node);
    if (known == null) {
      return Optional.empty();
    }
    LocalDate day = now.atZone(zone).toLocalDate();
    if (!known.containsKey(day) || now.isBefore(publishedAt(day))) {
      return Optional.empty();
    }
    while (known.containsKey(day.plusDays(1)) && !now.isBefore(publishedAt(day.plusDays(1)))) {
      day = day.plusDays(1);
    }
    return Optional.of(day.plusDays(1).atStartOfDay(zone).toInstant());
  }

  /** The nodes, in the order configured. */
  public List<String> nodes() {
    return List.copyOf(sources.keySet());
  }

  public ZoneId zone() {
    return zone;
  }

  /**
   * Reads price CSV into whole local days.
   *
   * @throws IllegalArgumentException naming the row and what is wrong
   */
  static Map<LocalDate, List<EnergyPrice>> parse(String text, ZoneId zone, String where) {
    Map<LocalDate, List<EnergyPrice>> out = new TreeMap<>();
    Instant expected = null;
    String[] lines = text.split("\r?\n", -1);
    int row = 0;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      if (row++ == 0 && line.toLowerCase(java.util.Locale.ROOT).startsWith("start")) {
        continue;
      }
      String[] cells = line.split(",", -1);
      String at = where + " line " + (i + 1);
      if (cells.length != 2) {
        throw new IllegalArgumentException(at + ": a row is start,usd_per_mwh; was '" + line + "'");
      }
      Instant start;
      try {
        start = OffsetDateTime.parse(cells[0].strip()).toInstant();
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(
            at + ": start must be an ISO-8601 time with its offset, was '" + cells[0] + "'");
      }
      BigDecimal price;
      try {
        price = new BigDecimal(cells[1].strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(at + ": price must be a number, was '" + cells[1] + "'");
      }
      if (price.abs().compareTo(LIMIT) > 0) {
        throw new IllegalArgumentException(at + ": price " + price + " USD/MWh is beyond ±20000");
      }
      ZonedDateTime local = start.atZone(zone);
      if (local.getMinute() != 0 || local.getSecond() != 0 || local.getNano() != 0) {
        throw new IllegalArgumentException(at + ": " + cells[0] + " is not on a whole hour");
      }
      if (expected != null && !start.equals(expected)) {
        throw new IllegalArgumentException(
            at
                + ": expected the hour starting "
                + expected
                + ", found "
                + start
                + " (rows are consecutive hours)");
      }
      LocalDate day = local.toLocalDate();
      List<EnergyPrice> prices = out.computeIfAbsent(day, d -> new ArrayList<>());
      if (prices.isEmpty() && !start.equals(day.atStartOfDay(zone).toInstant())) {
        throw new IllegalArgumentException(
            at + ": day " + day + " must start at its local midnight");
      }
      prices.add(EnergyPrice.perMegawattHour(new Money(price, Money.USD)));
      expected = start.plus(Duration.ofHours(1));
    }
    for (Map.Entry<LocalDate, List<EnergyPrice>> e : out.entrySet()) {
      LocalDate day = e.getKey();
      long hours =
          Duration.between(
                  day.atStartOfDay(zone).toInstant(),
                  day.plusDays(1).atStartOfDay(zone).toInstant())
              .toHours();
      if (e.getValue().size() != hours) {
        throw new IllegalArgumentException(
            where
                + ": day "
                + day
                + " has "
                + e.getValue().size()
                + " hours of prices, needs "
                + hours);
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException(where + ": no prices");
    }
    LOG.debug("read {} days of prices from {}", out.size(), where);
    return out;
  }
}
