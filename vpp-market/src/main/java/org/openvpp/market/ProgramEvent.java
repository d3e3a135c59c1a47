package org.openvpp.market;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.openvpp.units.EnergyPrice;
import org.openvpp.units.Money;
import org.openvpp.units.Power;

/**
 * A utility program's event the aggregation has committed the fleet to: from hour {@code from} to
 * hour {@code to} (exclusive, the market's local time) of {@code day}, {@code power} delivered on
 * top of whatever the market awarded, paid {@code pays} per kWh delivered (up to the commitment);
 * the aggregation learns of it at {@code notified}.
 *
 * <p>A plan may count on an event only once notified: one notified by a market's bid deadline is
 * planned with the bid ({@link CoOptimiser}), one notified later is served on top of the award.
 *
 * @param program the program's name
 * @param day the event's day
 * @param from its first hour, 0..23
 * @param to the hour it ends at, {@code from+1..24}
 * @param power what it asks of the fleet each hour
 * @param pays what each kWh delivered is paid
 * @param notified when the utility told the aggregation
 */
public record ProgramEvent(
    String program,
    LocalDate day,
    int from,
    int to,
    Power power,
    EnergyPrice pays,
    Instant notified) {

  public ProgramEvent {
    Objects.requireNonNull(program, "program");
    Objects.requireNonNull(day, "day");
    Objects.requireNonNull(power, "power");
    Objects.requireNonNull(pays, "pays");
    Objects.requireNonNull(notified, "notified");
    if (program.isBlank()) {
      throw new IllegalArgumentException("an event names its program");
    }
    if (from < 0 || to > HourlyPrices.PER_DAY || to <= from) {
      throw new IllegalArgumentException(
          "an event runs from an hour 0..23 to a later one up to 24, was " + from + ".." + to);
    }
    if (!(power.kilowatts() > 0)) {
      throw new IllegalArgumentException("an event asks for a positive power, was " + power);
    }
  }

  /** Whether it asks for power in {@code hour} of {@code date}. */
  public boolean covers(LocalDate date, int hour) {
    return day.equals(date) && hour >= from && hour < to;
  }

  /** What the events among {@code events} ask of each hour of {@code date}, kW. */
  public static double[] committedKw(List<ProgramEvent> events, LocalDate date) {
    double[] kw = new double[HourlyPrices.PER_DAY];
    for (ProgramEvent e : events) {
      for (int h = 0; h < HourlyPrices.PER_DAY; h++) {
        kw[h] += e.covers(date, h) ? e.power().kilowatts() : 0;
      }
    }
    return kw;
  }

  /**
   * What the events among {@code events} pay each hour of {@code date}, $/MWh: where events
   * overlap, their prices weighted by the power each asks; 0 where none asks.
   */
  public static double[] pricePerMwh(List<ProgramEvent> events, LocalDate date) {
    double[] committed = committedKw(events, date);
    double[] price = new double[HourlyPrices.PER_DAY];
    for (ProgramEvent e : events) {
      for (int h = 0; h < HourlyPrices.PER_DAY; h++) {
        if (e.covers(date, h)) {
          price[h] +=
              e.pays().perMegawattHour().amount().doubleValue()
                  * e.power().kilowatts()
                  / committed[h];
        }
      }
    }
    return price;
  }

  /**
   * Reads a file of events, one a line after the header {@code
   * program,day,start,end,kw,usd_per_kwh,notified}: {@code start} and {@code end} whole hours of
   * the market's local time ({@code 17:00}, {@code 24:00} for midnight at the end), {@code
   * notified} an ISO-8601 instant ({@code 2019-08-14T20:00:00Z}).
   *
   * @throws IllegalArgumentException naming the line and field of what is malformed
   */
  public static List<ProgramEvent> read(Path file) throws IOException {
    return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
  }

  /**
   * Parses the text of an events file, as {@link #read} reads it; {@code source} names it in the
   * messages.
   *
   * @throws IllegalArgumentException naming the line and field of what is malformed
   */
  public static List<ProgramEvent> parse(String text, String source) {
    List<ProgramEvent> events = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(new StringReader(text))) {
      String header = in.readLine();
      if (header == null || !header.strip().equals(HEADER)) {
        throw new IllegalArgumentException(
            source + " line 1: the header must be " + HEADER + ", was '" + header + "'");
      }
      String line;
      int n = 1;
      while ((line = in.readLine()) != null) {
        n++;
        if (line.isBlank()) {
          continue;
        }
        String[] f = line.split(",", -1);
        if (f.length != 7) {
          throw new IllegalArgumentException(
              source + " line " + n + ": " + f.length + " fields, the header has 7");
        }
        String at = source + " line " + n + ": ";
        LocalDate day = parse(at + "day", () -> LocalDate.parse(f[1].strip()), f[1]);
        int start = hour(at + "start", f[2]);
        int end = hour(at + "end", f[3]);
        double kw = number(at + "kw", f[4]).doubleValue();
        BigDecimal usdPerMwh = number(at + "usd_per_kwh", f[5]).movePointRight(3);
        Instant notified = parse(at + "notified", () -> Instant.parse(f[6].strip()), f[6]);
        try {
          events.add(
              new ProgramEvent(
                  f[0].strip(),
                  day,
                  start,
                  end,
                  Power.ofKilowatts(kw),
                  EnergyPrice.perMegawattHour(new Money(usdPerMwh, Money.USD)),
                  notified));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(at + e.getMessage(), e);
        }
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e); // a string reader does not fail
    }
    return List.copyOf(events);
  }

  private static final String HEADER = "program,day,start,end,kw,usd_per_kwh,notified";

  private static int hour(String where, String text) {
    String t = text.strip();
    if (t.equals("24:00")) {
      return HourlyPrices.PER_DAY;
    }
    LocalTime time = parse(where, () -> LocalTime.parse(t), text);
    if (time.getMinute() != 0 || time.getSecond() != 0 || time.getNano() != 0) {
      throw new IllegalArgumentException(where + ": events start and end on the hour, was " + t);
    }
    return time.getHour();
  }

  private static BigDecimal number(String where, String text) {
    try {
      BigDecimal v = new BigDecimal(text.strip());
      if (v.signum() < 0 || v.compareTo(BigDecimal.valueOf(1_000_000_000)) > 0) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          where + ": not a number in 0..1,000,000,000, was '" + text.strip() + "'", e);
    }
  }

  private static <T> T parse(String where, java.util.function.Supplier<T> parser, String text) {
    try {
      return parser.get();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(where + ": cannot read '" + text.strip() + "'", e);
    }
  }
}
