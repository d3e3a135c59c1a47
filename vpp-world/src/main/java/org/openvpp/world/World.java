package org.openvpp.world;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.openvpp.device.Battery;
import org.openvpp.device.Device;
import org.openvpp.device.DeviceKind;
import org.openvpp.device.EvCharger;
import org.openvpp.device.Thermostat;
import org.openvpp.meter.MeterReading;
import org.openvpp.sim.fleet.Scenario;
import org.openvpp.sim.fleet.Season;
import org.openvpp.sim.fleet.SimData;
import org.openvpp.sim.fleet.SimFleet;
import org.openvpp.time.Interval;
import org.openvpp.world.api.ServiceApi;
import org.openvpp.world.chargers.ChargePoints;
import org.openvpp.world.cloud.FleetCloud;
import org.openvpp.world.customers.Customers;
import org.openvpp.world.customers.Home;
import org.openvpp.world.prices.PriceFeed;
import org.openvpp.world.truth.Holdable;
import org.openvpp.world.truth.TruthWriter;
import org.openvpp.world.utility.StandInUtility;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated world, one client of the service's interfaces among any: its homes and devices (a
 * {@link SimFleet}) as a maker's device cloud on the broker ({@link FleetCloud}), their site meters
 * reporting there too, a stand-in utility with its own VTN ({@link StandInUtility}), a market's
 * price feed ({@link PriceFeed}), and customers who sign up, enrol and leave through the service's
 * API ({@link Customers}). Its truth (each site without the VPP: a second fleet, the same homes,
 * never commanded) goes to a file only evaluation reads ({@link TruthWriter}).
 *
 * <p><b>A season.</b> {@link #prepare} builds the fleets and lives the history days before the
 * season without the VPP (the meter history customers bring as Green Button), and starts the
 * utility and the price feed, so the service can be told where they are. {@link #run} then sets up
 * the utility's programs through the API, says hello with a first tick of its clock, moves the
 * utility's existing customers over (a CSV import and their Green Button files), and steps minute
 * by minute: customers and the utility act, meters report (at the interval's end, the next morning,
 * or days late, as the season says), the clock ticks and the world waits for the service's step and
 * its commands, then the fleet steps and reports. Nothing of the service is read but through the
 * broker and HTTP.
 *
 * <p>Threads: one, the caller's.
 */
public final class World implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(World.class);
  private static final Duration STEP = Duration.ofMinutes(1);
  private static final Duration INTERVAL = Duration.ofMinutes(15);
  private static final LocalTime REPORTS = LocalTime.of(6, 0);

  /** The device kinds whose fleet-wide energy the truth keeps. */
  private static final List<DeviceKind> TRUTH_KINDS =
      List.of(
          DeviceKind.BATTERY,
          DeviceKind.EV_CHARGER,
          DeviceKind.THERMOSTAT,
          DeviceKind.WATER_HEATER,
          DeviceKind.PV_INVERTER);

  /** How far below a customer's reserve a battery under command may read before it counts. */
  private static final double RESERVE_TOLERANCE_KWH = 0.01;

  /** The utility's programs as the world's operator sets them up. */
  public static final String BATTERY_PROGRAM = "byo-battery";

  public static final String EV_PROGRAM = "managed-charging";
  public static final String THERMOSTAT_PROGRAM = "smart-thermostat";

  /** How a home's meter reports. */
  private enum Reporting {
    PROMPT,
    NEXT_DAY,
    LATE
  }

  private final WorldConfig config;
  private final Scenario scenario;
  private final ZoneId zone;
  private final Instant first;
  private final Instant end;
  private final Instant historyStart;
  private final SimFleet fleet;
  private final SimFleet shadow;
  private final List<Home> homes;
  private final Reporting[] reporting;
  private final StandInUtility utility;
  private final PriceFeed prices;
  private Optional<FleetCloud> cloud = Optional.empty();
  private Optional<ChargePoints> chargePoints = Optional.empty();
  private CarsReady carsBefore = new CarsReady(0, 0, 0, 0);
  private Optional<TruthWriter> truth = Optional.empty();
  private Optional<Customers> customers = Optional.empty();
  private final Map<String, Instant> reportsFrom = new java.util.HashMap<>();
  private Instant now;
  private long readingsSent;
  private long reserveBreachMinutes;
  private double lowestReserveMarginKwh = Double.POSITIVE_INFINITY;
  private final long[] sentBy;

  private World(WorldConfig config) {
    this.config = config;
    Scenario s = config.scenario();
    Season season = s.season();
    this.zone = s.zone();
    LocalDate firstDay = s.day();
    this.first = firstDay.atStartOfDay(zone).toInstant();
    this.end = firstDay.plusDays(season.days()).atStartOfDay(zone).toInstant();
    this.historyStart = firstDay.minusDays(season.historyDays()).atStartOfDay(zone).toInstant();
    int hours = (int) Duration.between(historyStart, end).toHours();
    Scenario whole =
        new Scenario(
                s.name(),
                s.description(),
                firstDay.minusDays(season.historyDays()),
                hours,
                s.seed(),
                s.homes(),
                s.feeders(),
                s.regions(),
                s.mix(),
                s.misbehaviour(),
                s.event(),
                s.prices())
            .withSeason(season);
    this.scenario = whole;
    SimData data = SimData.load();
    this.fleet = SimFleet.build(whole, data, config.cloud() + ":");
    this.shadow = SimFleet.build(whole, data, config.cloud() + ":");
    this.homes = homes(fleet, whole);
    this.reporting = new Reporting[homes.size()];
    this.sentBy = new long[homes.size()];
    SplittableRandom r = new SplittableRandom(s.seed() ^ 0x6d65746572L);
    for (int h = 0; h < homes.size(); h++) {
      double x = r.nextDouble();
      reporting[h] =
          x < season.meters().late()
              ? Reporting.LATE
              : x < season.meters().late() + season.meters().nextDay()
                  ? Reporting.NEXT_DAY
                  : Reporting.PROMPT;
    }
    this.utility =
        StandInUtility.start(
            season, firstDay, zone, StandInUtility.DEFAULT_PROGRAM, config.utilityPort());
    try {
      var caiso = data.caiso2019();
      this.prices =
          PriceFeed.start(
              config.pricePort(),
              () -> now,
              zone,
              s.prices() == Scenario.Prices.NONE
                  ? Map.of()
                  : Map.of(
                      "IRONMTN_2_N001",
                      day ->
                          day.getYear() == 2019 ? Optional.of(caiso.day(day)) : Optional.empty()));
    } catch (IOException e) {
      utility.close();
      throw new UncheckedIOException("cannot start the price feed: " + e.getMessage(), e);
    }
    this.now = historyStart;
  }

  /**
   * Builds the world and lives its history days (without the VPP); starts its utility and price
   * feed.
   */
  public static World prepare(WorldConfig config) {
    World w = new World(config);
    w.liveHistory();
    return w;
  }

  private static List<Home> homes(SimFleet fleet, Scenario s) {
    List<List<Home.Device>> devices = new ArrayList<>();
    for (int h = 0; h < fleet.homes(); h++) {
      devices.add(new ArrayList<>());
    }
    List<Device> all = fleet.devices();
    for (int g = 0; g < all.size(); g++) {
      Device d = all.get(g);
      Home.Device hd =
          switch (d) {
            case Battery b ->
                new Home.Device(
                    d.id().value(), "battery", b.maxDischarge().kilowatts(), BATTERY_PROGRAM);
            case EvCharger ev ->
                new Home.Device(d.id().value(), "ev_charger", ev.maxRate().kilowatts(), EV_PROGRAM);
            case Thermostat t ->
                new Home.Device(
                    d.id().value(), "thermostat", t.hvacPower().kilowatts(), THERMOSTAT_PROGRAM);
            default ->
                new Home.Device(d.id().value(), d.kind().name().toLowerCase(Locale.ROOT), 5, "");
          };
      devices.get(fleet.homeOf(g)).add(hd);
    }
    List<Home> out = new ArrayList<>();
    for (int h = 0; h < fleet.homes(); h++) {
      String region = s.regions().get(fleet.regionOf(h)).name();
      out.add(
          new Home(
              h,
              String.format(Locale.ROOT, "c-%06d", h),
              "Home " + h,
              String.format(Locale.ROOT, "s-%06d", h),
              String.format(Locale.ROOT, "m-%06d", h),
              region,
              region + "/feeder-" + (fleet.feederOf(h) + 1),
              devices.get(h)));
    }
    return out;
  }

  private void liveHistory() {
    Instant last = first.minus(STEP);
    for (Instant t = historyStart; t.isBefore(last); t = t.plus(STEP)) {
      fleet.step(t, STEP, SimFleet.NO_TELEMETRY);
      shadow.step(t, STEP, SimFleet.NO_TELEMETRY);
    }
    now = last;
  }

  /**
   * The meter of a site (the meter's own id for a site the world does not know: evaluation finds no
   * truth for it).
   */
  public String meterOfSite(String siteId) {
    return homes.stream()
        .filter(h -> h.siteId().equals(siteId))
        .map(Home::meterId)
        .findFirst()
        .orElse(siteId);
  }

  /**
   * Minutes of the season in which a battery under the VPP's command held less than its customer's
   * reserve (by more than 0.01 kWh): a customer limit broken, from the simulation's truth.
   */
  public long reserveBreachMinutes() {
    return reserveBreachMinutes;
  }

  /**
   * EV sessions that ended in the season so far, with the VPP and in the same world without it, and
   * of each those whose car left short of what its driver wanted ({@link
   * SimFleet#evSessionsShort}): the truth of the customers' ready-by limit.
   */
  public CarsReady carsReady() {
    CarsReady all = carsSoFar();
    return new CarsReady(
        all.ended() - carsBefore.ended(),
        all.leftShort() - carsBefore.leftShort(),
        all.endedWithout() - carsBefore.endedWithout(),
        all.shortWithout() - carsBefore.shortWithout());
  }

  private CarsReady carsSoFar() {
    return new CarsReady(
        fleet.evSessionsEnded(),
        fleet.evSessionsShort(),
        shadow.evSessionsEnded(),
        shadow.evSessionsShort());
  }

  /** See {@link #carsReady}. */
  public record CarsReady(long ended, long leftShort, long endedWithout, long shortWithout) {}

  /** The world's EV chargers over OCPP, once {@link #run} connected them (if it does). */
  public Optional<ChargePoints> chargePoints() {
    return chargePoints;
  }

  /**
   * The lowest {@code stored − reserve} of a battery under command over the season, kWh ({@code +∞}
   * when none was commanded).
   */
  public double lowestReserveMarginKwh() {
    return lowestReserveMarginKwh;
  }

  /** The homes, as their customers describe them. */
  public List<Home> homes() {
    return homes;
  }

  public StandInUtility utility() {
    return utility;
  }

  public PriceFeed prices() {
    return prices;
  }

  /** The world's first live instant (the season's first local midnight). */
  public Instant first() {
    return first;
  }

  /** The world's end (the season's last local midnight). */
  public Instant end() {
    return end;
  }

  public ZoneId zone() {
    return zone;
  }

  public Scenario scenario() {
    return scenario;
  }

  /**
   * Lives the season (or {@code days} of it, if fewer), in step with the service whose API {@code
   * api} calls (as an operator admin: it sets up the utility's programs and moves its customers
   * over); {@code onDay} is told each local midnight.
   */
  public void run(
      ServiceApi api, Optional<Integer> days, java.util.function.Consumer<Instant> onDay) {
    run(
        api,
        days.map(d -> first.atZone(zone).plusDays(d).toInstant())
            .filter(x -> x.isBefore(end))
            .orElse(end),
        onDay);
  }

  /** As {@link #run(ServiceApi, Optional, java.util.function.Consumer)}, up to {@code until}. */
  public void run(ServiceApi api, Instant until, java.util.function.Consumer<Instant> onDay) {
    Instant stop = until.isBefore(end) ? until : end;
    chargePoints =
        config
            .chargers()
            .map(x -> ChargePoints.of(x.centralSystem(), fleet.devices(), x.versions()));
    FleetCloud c =
        FleetCloud.connect(
            fleet,
            config.broker().toString(),
            config.cloud(),
            config.cloudPassword(),
            chargePoints.map(x -> x));
    cloud = Optional.of(c);
    programs(api);
    // hello: the service's clock comes to the history's last minute, whose telemetry then tells
    // it of every device
    c.tick(now, first);
    c.step(now, STEP);
    shadow.step(now, STEP, SimFleet.NO_TELEMETRY);
    now = first;
    carsBefore = carsSoFar();
    Customers cs =
        new Customers(api, homes, zone, scenario.season(), scenario.seed(), first, this::historyOf);
    customers = Optional.of(cs);
    cs.importAtStart(first);
    LOG.info(
        "the world's season from {} to {}: {} homes, {} signed up at the start",
        first,
        stop,
        homes.size(),
        homes.stream().filter(cs::signedUp).count());
    for (Home h : homes) {
      if (cs.signedUp(h)) {
        reportsFrom.put(h.meterId(), first);
      }
    }
    TruthWriter tw =
        new TruthWriter(
            config.truth(),
            homes.stream().map(Home::meterId).toList(),
            TRUTH_KINDS.stream().map(DeviceKind::name).toList());
    truth = Optional.of(tw);
    // the history, lived before the VPP ran, so that baselines can be computed on the truth
    for (Instant t = historyStart.plus(INTERVAL); t.isBefore(first); t = t.plus(INTERVAL)) {
      truth(tw, t);
    }
    List<Interval> windows = eventWindows();
    List<Holdable> holding = new ArrayList<>();
    long wallStart = System.nanoTime();
    for (Instant t = first; t.isBefore(stop); t = t.plus(STEP)) {
      now = t;
      if (config.speed() > 0) {
        pace(wallStart, t);
      }
      cs.due(t);
      for (Home h : homes) {
        if (!reportsFrom.containsKey(h.meterId()) && cs.signedUp(h)) {
          reportsFrom.put(h.meterId(), floorInterval(t));
        }
      }
      utility.due(t);
      if (t.getEpochSecond() % INTERVAL.toSeconds() == 0) {
        meters(c, t);
        truth(tw, t);
      }
      if (t.atZone(zone).toLocalTime().equals(LocalTime.MIDNIGHT)) {
        onDay.accept(t);
        tw.flush();
      }
      while (!windows.isEmpty() && !windows.getFirst().start().isAfter(t)) {
        Interval w = windows.removeFirst();
        holding.add(
            Holdable.begin(
                BATTERY_PROGRAM,
                w,
                fleet,
                h -> cs.takesPart(homes.get(h), BATTERY_PROGRAM, w.start())));
      }
      c.tick(t, t.plus(STEP));
      c.step(t, STEP);
      shadow.step(t, STEP, SimFleet.NO_TELEMETRY);
      double margin = fleet.minReserveMarginUnderCommand(t.plus(STEP));
      if (margin < -RESERVE_TOLERANCE_KWH) {
        reserveBreachMinutes++;
      }
      lowestReserveMarginKwh = Math.min(lowestReserveMarginKwh, margin);
      for (Iterator<Holdable> i = holding.iterator(); i.hasNext(); ) {
        Holdable h = i.next();
        h.step(shadow, STEP);
        if (!t.plus(STEP).isBefore(h.window().end())) {
          h.write(tw);
          i.remove();
        }
      }
    }
    now = stop;
    // a last tick: the service takes in the last minute's telemetry and readings
    c.tick(stop, stop.plus(STEP));
    tw.flush();
  }

  private void pace(long wallStart, Instant t) {
    long due = wallStart + (long) (Duration.between(first, t).toNanos() / config.speed());
    long wait = due - System.nanoTime();
    if (wait > 0) {
      try {
        Thread.sleep(Duration.ofNanos(wait));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
  }

  private static Instant floorInterval(Instant t) {
    long s = INTERVAL.toSeconds();
    return Instant.ofEpochSecond(Math.floorDiv(t.getEpochSecond(), s) * s);
  }

  /** What the meters report at {@code t}, each as its home's reporting says. */
  private void meters(FleetCloud c, Instant t) {
    boolean morning = t.atZone(zone).toLocalTime().equals(REPORTS);
    LocalDate today = t.atZone(zone).toLocalDate();
    for (Home h : homes) {
      Instant from = reportsFrom.get(h.meterId());
      if (from == null) {
        continue;
      }
      List<MeterReading> out;
      switch (reporting[h.index()]) {
        case PROMPT -> out = readings(h, t.minus(INTERVAL), t, from);
        case NEXT_DAY ->
            out =
                morning
                    ? readings(
                        h,
                        today.minusDays(1).atStartOfDay(zone).toInstant(),
                        today.atStartOfDay(zone).toInstant(),
                        from)
                    : List.of();
        case LATE ->
            out =
                morning
                    ? readings(
                        h,
                        today.minusDays(3).atStartOfDay(zone).toInstant(),
                        today.minusDays(2).atStartOfDay(zone).toInstant(),
                        from)
                    : List.of();
        default -> out = List.of();
      }
      if (!out.isEmpty()) {
        c.readings(h.meterId(), out);
        readingsSent += out.size();
        sentBy[h.index()] += out.size();
      }
    }
  }

  /** A home's readings of the intervals in {@code [a, b)} that start at or after {@code from}. */
  private List<MeterReading> readings(Home h, Instant a, Instant b, Instant from) {
    List<MeterReading> out = new ArrayList<>();
    for (Instant s = a.isBefore(from) ? from : a; s.isBefore(b); s = s.plus(INTERVAL)) {
      int k = fleet.intervalStartingAt(s);
      if (k < 0) {
        continue;
      }
      out.add(
          MeterReading.ofKwh(
              h.meterId(),
              s,
              INTERVAL,
              round(fleet.siteImportKwh(h.index(), k)),
              round(fleet.siteExportKwh(h.index(), k))));
    }
    return out;
  }

  private static double round(double kwh) {
    return Math.round(kwh * 1000) / 1000.0;
  }

  /** A home's history as it brings it at sign-up: every interval before {@code upTo}. */
  private List<MeterReading> historyOf(Home h, Instant upTo) {
    return readings(h, historyStart, floorInterval(upTo), historyStart);
  }

  private void truth(TruthWriter tw, Instant t) {
    int k = fleet.intervalStartingAt(t.minus(INTERVAL));
    if (k < 0) {
      return;
    }
    double[] with = new double[homes.size()];
    double[] without = new double[homes.size()];
    for (int h = 0; h < homes.size(); h++) {
      with[h] = fleet.siteNetKwh(h, k);
      without[h] = shadow.siteNetKwh(h, k);
    }
    double[] kindsWith = new double[TRUTH_KINDS.size()];
    double[] kindsWithout = new double[TRUTH_KINDS.size()];
    for (int i = 0; i < TRUTH_KINDS.size(); i++) {
      kindsWith[i] = fleet.kindMeterKwh(TRUTH_KINDS.get(i), k);
      kindsWithout[i] = shadow.kindMeterKwh(TRUTH_KINDS.get(i), k);
    }
    tw.interval(t.minus(INTERVAL), with, without, kindsWith, kindsWithout);
  }

  /**
   * The windows of the season's events that run (the cancelled left out; an extended one to its new
   * end), in order of start.
   */
  private List<Interval> eventWindows() {
    List<Interval> out = new ArrayList<>();
    LocalDate day0 = first.atZone(zone).toLocalDate();
    for (Season.SeasonEvent e : scenario.season().events()) {
      if (e.cancel().isPresent()) {
        continue;
      }
      LocalDate day = day0.plusDays(e.day());
      out.add(
          new Interval(
              ZonedDateTime.of(day, e.start(), zone).toInstant(),
              ZonedDateTime.of(day, e.extendTo().orElse(e.end()), zone).toInstant()));
    }
    out.sort(Comparator.comparing(Interval::start));
    return out;
  }

  /** The utility's programs, as its operator sets them up through the API (if not there yet). */
  private void programs(ServiceApi api) {
    JsonNode known = api.must(api.get("/api/v1/programs"), "the programs");
    Set<String> ids = new HashSet<>();
    for (JsonNode p : known.has("items") ? known.path("items") : known) {
      ids.add(p.path("id").asText());
    }
    List<String> regions = scenario.regions().stream().map(Scenario.Region::name).toList();
    Instant seasonStart = first.minus(Duration.ofDays(1));
    Instant seasonEnd = end.plus(Duration.ofDays(60));
    for (ObjectNode p :
        List.of(
            program(
                api,
                BATTERY_PROGRAM,
                "Bring your own battery",
                "BYO_BATTERY",
                "BATTERY",
                regions,
                seasonStart,
                seasonEnd,
                "2.00",
                "0",
                "0"),
            program(
                api,
                EV_PROGRAM,
                "Managed EV charging",
                "MANAGED_EV_CHARGING",
                "EV_CHARGER",
                regions,
                seasonStart,
                seasonEnd,
                "0.50",
                "0",
                "0"),
            program(
                api,
                THERMOSTAT_PROGRAM,
                "Smart thermostats",
                "THERMOSTAT",
                "THERMOSTAT",
                regions,
                seasonStart,
                seasonEnd,
                "0",
                "1.00",
                "0"))) {
      if (!ids.contains(p.path("id").asText())) {
        api.must(api.post("/api/v1/programs", p), "program " + p.path("id").asText());
      }
    }
  }

  private static ObjectNode program(
      ServiceApi api,
      String id,
      String name,
      String kind,
      String device,
      List<String> regions,
      Instant seasonStart,
      Instant seasonEnd,
      String perKwh,
      String perEvent,
      String perKwMonth) {
    ObjectNode p = api.json().createObjectNode();
    p.put("id", id);
    p.put("name", name);
    p.put("kind", kind);
    p.putArray("eligibleDevices").add(device);
    ArrayNode r = p.putArray("regions");
    regions.forEach(r::add);
    p.put("capacityCapKw", 1_000_000);
    p.put("enrolmentCap", 1_000_000);
    ObjectNode l = p.putObject("limits");
    l.put("seasonStart", seasonStart.toString());
    l.put("seasonEnd", seasonEnd.toString());
    l.put("maxEventsPerSeason", 30);
    l.put("maxEventLengthMinutes", 240);
    l.put("maxSeasonHours", 120);
    l.put("minNoticeMinutes", 120);
    ObjectNode i = p.putObject("incentives");
    i.put("perKwMonth", perKwMonth);
    i.put("perKwh", perKwh);
    i.put("perEvent", perEvent);
    i.put("leaseFeeMonth", "0");
    i.put("leaseCreditPerEvent", "0");
    i.put("revenueShare", "0");
    ObjectNode o = p.putObject("optOut");
    o.put("maxPerSeason", 5);
    o.put("cutoffMinutes", 60);
    o.put("duringEvent", false);
    ObjectNode m = p.putObject("measurement");
    m.put("baseline", "caiso-10in10");
    m.put("fallback", "day-of-mean");
    ObjectNode b = p.putObject("buyer");
    b.put("perKwh", "2.50");
    b.put("perKwMonth", "5.00");
    p.putArray("conflictsWith");
    return p;
  }

  /** Readings the meters have sent so far, and the intervals of the Green Button files uploaded. */
  public long readingsSent() {
    return readingsSent + customers.map(Customers::historyIntervalsSent).orElse(0L);
  }

  /** The intervals {@code h}'s meter has reported so far, and those of its Green Button history. */
  public long readingsSentBy(Home h) {
    return sentBy[h.index()] + customers.map(c -> c.historyIntervalsSent(h)).orElse(0L);
  }

  /** Commands the service said it sent that never came (the world stepped without them). */
  public long commandsMissed() {
    return cloud.map(FleetCloud::missedCommands).orElse(0L);
  }

  /** Telemetry reports the fleet has published so far. */
  public long telemetrySent() {
    return cloud.map(FleetCloud::published).orElse(0L);
  }

  public Optional<Customers> customers() {
    return customers;
  }

  /** When the world stands now. */
  public Instant now() {
    return now;
  }

  @Override
  public void close() {
    chargePoints.ifPresent(ChargePoints::close);
    cloud.ifPresent(FleetCloud::close);
    truth.ifPresent(TruthWriter::close);
    utility.close();
    prices.close();
  }

  /** A day's instant at local {@code time}. */
  static Instant at(LocalDate day, LocalTime time, ZoneId zone) {
    return ZonedDateTime.of(day, time, zone).toInstant();
  }
}
