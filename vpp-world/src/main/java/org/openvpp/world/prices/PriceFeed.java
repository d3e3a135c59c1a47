package org.openvpp.world.prices;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.openvpp.units.EnergyPrice;

/**
 * A market's day-ahead price feed as the world serves it: {@code GET /prices/{node}?day=YYYY-MM-DD}
 * answers that day's hourly prices as CSV ({@code start,usd_per_mwh}, one row per local hour: 23 or
 * 25 on a daylight-saving change), once the day is published by the world's clock (13:00 local the
 * day before, as CAISO's day-ahead market publishes); before that, and for a day it has no prices
 * of, 404. What the service's price input reads (vpp-service {@code DayAheadPrices}).
 *
 * <p>The prices of a day come from {@code source} as 24 hourly values (CAISO's data): a 23-hour day
 * skips the missing hour's, a 25-hour day repeats the doubled hour's.
 *
 * <p>Threads: the JDK server's; the world's clock is read on them.
 */
public final class PriceFeed implements AutoCloseable {
  private static final LocalTime PUBLISHED = LocalTime.of(13, 0);

  private final HttpServer server;
  private final InstantSource clock;
  private final ZoneId zone;
  private final Map<String, Function<LocalDate, Optional<List<EnergyPrice>>>> nodes;

  private PriceFeed(
      HttpServer server,
      InstantSource clock,
      ZoneId zone,
      Map<String, Function<LocalDate, Optional<List<EnergyPrice>>>> nodes) {
    this.server = server;
    this.clock = clock;
    this.zone = zone;
    this.nodes = Map.copyOf(nodes);
  }

  /**
   * Serves {@code nodes}' prices on the loopback interface, port {@code port} (0: any free one).
   *
   * @param nodes each node's 24 prices of a day, empty for a day without
   */
  public static PriceFeed start(
      int port,
      InstantSource clock,
      ZoneId zone,
      Map<String, Function<LocalDate, Optional<List<EnergyPrice>>>> nodes)
      throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    PriceFeed feed = new PriceFeed(server, clock, zone, nodes);
    server.createContext("/prices/", feed::handle);
    server.setExecutor(
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "price-feed");
              t.setDaemon(true);
              return t;
            }));
    server.start();
    return feed;
  }

  /** The market nodes it serves, in order. */
  public java.util.List<String> nodes() {
    return nodes.keySet().stream().sorted().toList();
  }

  /** The URL template the service's price input takes for {@code node}. */
  public String urlOf(String node) {
    return base() + "/prices/" + node + "?day={date}";
  }

  public URI base() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private void handle(HttpExchange x) throws IOException {
    try (x) {
      if (!"GET".equals(x.getRequestMethod())) {
        send(x, 405, "only GET\n");
        return;
      }
      String node = x.getRequestURI().getPath().substring("/prices/".length());
      var prices = nodes.get(node);
      if (prices == null) {
        send(x, 404, "no node " + node + "; nodes: " + nodes.keySet() + "\n");
        return;
      }
      String query = Optional.ofNullable(x.getRequestURI().getQuery()).orElse("");
      if (!query.startsWith("day=")) {
        send(x, 400, "ask for a day: ?day=YYYY-MM-DD\n");
        return;
      }
      LocalDate day;
      try {
        day = LocalDate.parse(query.substring(4));
      } catch (DateTimeParseException e) {
        send(x, 400, "day must be YYYY-MM-DD, was " + query.substring(4) + "\n");
        return;
      }
      Instant published = ZonedDateTime.of(day.minusDays(1), PUBLISHED, zone).toInstant();
      if (clock.instant().isBefore(published)) {
        send(x, 404, "prices of " + day + " are published at " + published + "\n");
        return;
      }
      Optional<List<EnergyPrice>> p = prices.apply(day);
      if (p.isEmpty()) {
        send(x, 404, "no prices of " + day + " at " + node + "\n");
        return;
      }
      send(x, 200, csv(day, p.get(), zone));
    }
  }

  /** A day's 24 hourly prices as CSV of its local hours. */
  public static String csv(LocalDate day, List<EnergyPrice> hourly, ZoneId zone) {
    StringBuilder b = new StringBuilder("start,usd_per_mwh\n");
    Instant at = day.atStartOfDay(zone).toInstant();
    Instant end = day.plusDays(1).atStartOfDay(zone).toInstant();
    for (; at.isBefore(end); at = at.plus(Duration.ofHours(1))) {
      ZonedDateTime local = at.atZone(zone);
      int hour = Math.min(23, local.getHour());
      b.append(local.toOffsetDateTime())
          .append(',')
          .append(hourly.get(hour).perMegawattHour().amount().toPlainString())
          .append('\n');
    }
    return b.toString();
  }

  private static void send(HttpExchange x, int status, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().set("Content-Type", "text/csv; charset=utf-8");
    x.sendResponseHeaders(status, b.length);
    try (OutputStream out = x.getResponseBody()) {
      out.write(b);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "price feed at %s, nodes %s", base(), nodes.keySet());
  }
}
