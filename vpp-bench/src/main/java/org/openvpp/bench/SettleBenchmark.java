package org.openvpp.bench;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.openvpp.device.DeviceKind;
import org.openvpp.mv.SitePerformance;
import org.openvpp.mv.baseline.BaselineEstimate;
import org.openvpp.mv.baseline.CaisoTenInTen;
import org.openvpp.mv.baseline.CaisoTenInTenFleet;
import org.openvpp.mv.baseline.DayCalendar;
import org.openvpp.mv.baseline.MeterData;
import org.openvpp.program.EventLimits;
import org.openvpp.program.Incentives;
import org.openvpp.program.OptOutRules;
import org.openvpp.program.Program;
import org.openvpp.program.ProgramKind;
import org.openvpp.settle.Account;
import org.openvpp.settle.CapacityAccreditation;
import org.openvpp.settle.EventSettlement;
import org.openvpp.settle.FleetSettlement;
import org.openvpp.settle.Ledger;
import org.openvpp.settle.Participation;
import org.openvpp.sim.data.FontanaHomes;
import org.openvpp.time.Interval;
import org.openvpp.units.Money;
import org.openvpp.units.Power;

/**
 * M&V and settlement of one event for a whole fleet: 1,000,000 sites (100,000 with {@code
 * --quick}), each with 15 days of hourly meter data made in memory from the twelve measured Fontana
 * homes' load shapes (home = site mod 12, a seeded scale per site and ±15 % noise per hour); each
 * site's battery (2–5 kW) discharges through a two-hour event, 3 % of sites opted out.
 *
 * <p>Timed ({@code wall_s}, cold, the first run in the JVM): the CAISO 10-in-10 baseline of every
 * site and its delivered energy ({@link CaisoTenInTenFleet}), the incentives of every site and
 * their posting as batches to a fresh ledger ({@link FleetSettlement}), and the ledger's check that
 * it sums to zero. The same is run a second time ({@code wall_warm_s}). The baseline in the same
 * run is the per-object path (a {@link MeterData}, {@link CaisoTenInTen} estimate, {@link
 * SitePerformance} and ledger transaction per site, {@link EventSettlement}) on the first 5,000
 * sites, per site; both paths must agree on every one of those sites' delivered energy (to 1e-6
 * kWh) and cents. Making the data is not timed.
 */
final class SettleBenchmark implements Benchmark {
  private static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");
  private static final LocalDate FIRST = LocalDate.of(2016, 8, 3);
  private static final int DAYS = 15;
  private static final LocalDate EVENT_DAY = FIRST.plusDays(DAYS - 1); // Wednesday 17 August
  private static final int EVENT_HOUR = 17;
  private static final int EVENT_HOURS = 2;
  private static final int OBJECT_SITES = 5_000;

  @Override
  public String name() {
    return "settle";
  }

  @Override
  public String description() {
    return "CAISO 10-in-10 M&V and settlement of one event for 1,000,000 sites (target <= 10 s);"
        + " baseline: the per-object path on 5,000 sites";
  }

  @Override
  public Map<String, Object> run(boolean quick) {
    int n = quick ? 100_000 : 1_000_000;
    long g = System.nanoTime();
    float[] kwh = new float[n * DAYS * 24];
    double[] batteryKw = new double[n];
    boolean[] optedOut = new boolean[n];
    generate(kwh, batteryKw, optedOut);
    String[] customers = new String[n];
    for (int i = 0; i < n; i++) {
      customers[i] = String.format(Locale.ROOT, "c%07d", i);
    }
    System.out.printf(
        Locale.ROOT,
        "made %,d sites × %d days of hourly meter data in %.1f s (%,d MB)%n",
        n,
        DAYS,
        (System.nanoTime() - g) / 1e9,
        kwh.length * 4L / 1_000_000);
    Interval event =
        Interval.of(
            ZonedDateTime.of(EVENT_DAY, LocalTime.of(EVENT_HOUR, 0), ZONE).toInstant(),
            Duration.ofHours(EVENT_HOURS));
    DayCalendar calendar = DayCalendar.usNerc(Set.of(EVENT_DAY));
    Program program = program();

    Run cold = fleetRun(program, kwh, customers, optedOut, batteryKw, event, calendar);
    Run warm = fleetRun(program, kwh, customers, optedOut, batteryKw, event, calendar);
    System.out.printf(
        Locale.ROOT,
        "fleet path: %,d sites in %.2f s cold (M&V %.2f s, settlement %.2f s), %.2f s warm;"
            + " paid %s for %.1f MWh%n",
        n,
        cold.wallS,
        cold.mvS,
        cold.settleS,
        warm.wallS,
        cold.paid,
        cold.deliveredMwh);

    // the per-object path on a subset, twice (the second, warm, is the figure), and the same
    // subset through the fleet path
    int m = Math.min(OBJECT_SITES, n);
    ObjectRun objectCold = objectPath(program, kwh, customers, optedOut, event, calendar, m);
    ObjectRun object = objectPath(program, kwh, customers, optedOut, event, calendar, m);
    List<Participation> ps = object.participations;
    EventSettlement perObject = object.settlement;
    double objectNsPerSite = object.nsPerSite;
    Money subsetRevenue = object.revenue;

    float[] subset = java.util.Arrays.copyOf(kwh, m * DAYS * 24);
    CaisoTenInTenFleet.Result sub =
        CaisoTenInTenFleet.measure(ZONE, FIRST, DAYS, 24, subset, event, calendar);
    String[] subCustomers = java.util.Arrays.copyOf(customers, m);
    boolean[] subOut = java.util.Arrays.copyOf(optedOut, m);
    FleetSettlement subFleet =
        FleetSettlement.settle(
            program,
            "ev",
            "caiso",
            subsetRevenue,
            subCustomers,
            sub.deliveredKwh(),
            subOut,
            event.end(),
            Ledger.inMemory(Money.USD));
    for (int i = 0; i < m; i++) {
      double a = sub.deliveredKwh(i);
      double b = ps.get(i).performance().delivered().kilowattHours();
      if (Math.abs(a - b) > 1e-6 || Math.abs(a - cold.delivered[i]) > 1e-9) {
        throw new IllegalStateException(
            "site " + i + ": the fleet path delivered " + a + " kWh, the per-object path " + b);
      }
      long cents = perObject.sites().get(i).total().amount().movePointRight(2).longValueExact();
      if (cents != subFleet.totalMinor(i)) {
        throw new IllegalStateException(
            "site "
                + i
                + ": the fleet path pays "
                + subFleet.totalMinor(i)
                + " cents, the"
                + " per-object path "
                + cents);
      }
    }
    double fleetNsPerSite = cold.wallS * 1e9 / n;
    double warmNsPerSite = warm.wallS * 1e9 / n;
    System.out.printf(
        Locale.ROOT,
        "per-object path: %,d sites at %.1f µs a site warm (%.1f cold); fleet path %.2f µs a site"
            + " warm (%.0f× faster); both agree on every site%n",
        m,
        objectNsPerSite / 1e3,
        objectCold.nsPerSite / 1e3,
        warmNsPerSite / 1e3,
        objectNsPerSite / warmNsPerSite);

    Map<String, Object> f = new LinkedHashMap<>();
    f.put("sites", n);
    f.put("wall_s", BenchMain.round3(cold.wallS));
    f.put("mv_s", BenchMain.round3(cold.mvS));
    f.put("settle_s", BenchMain.round3(cold.settleS));
    f.put("wall_warm_s", BenchMain.round3(warm.wallS));
    f.put("ns_per_site", Math.round(fleetNsPerSite));
    f.put("object_path_sites", m);
    f.put("object_path_ns_per_site", Math.round(objectNsPerSite));
    f.put("ratio_vs_object_path", BenchMain.round3(objectNsPerSite / warmNsPerSite));
    f.put("delivered_mwh", BenchMain.round3(cold.deliveredMwh));
    f.put("paid_usd", cold.paid.amount().toPlainString());
    f.put("revenue_usd", cold.revenue.amount().toPlainString());
    f.put("accredited_mw", BenchMain.round3(cold.accreditedMw));
    return f;
  }

  private static final class ObjectRun {
    List<Participation> participations = List.of();

    @SuppressWarnings("NullAway.Init")
    EventSettlement settlement;

    double nsPerSite;
    Money revenue = Money.zero(Money.USD);
  }

  /** The per-object path on the first {@code m} sites, timed per site. */
  private static ObjectRun objectPath(
      Program program,
      float[] kwh,
      String[] customers,
      boolean[] optedOut,
      Interval event,
      DayCalendar calendar,
      int m) {
    long s = System.nanoTime();
    List<Participation> ps = new ArrayList<>(m);
    CaisoTenInTen method = new CaisoTenInTen();
    double[] delivered = new double[m];
    for (int i = 0; i < m; i++) {
      double[] row = new double[DAYS * 24];
      for (int k = 0; k < row.length; k++) {
        row[k] = kwh[i * DAYS * 24 + k];
      }
      MeterData meter =
          MeterData.of(ZONE, FIRST.atStartOfDay(ZONE).toInstant(), Duration.ofHours(1), row);
      BaselineEstimate b = method.estimate(meter, event, calendar);
      SitePerformance p = SitePerformance.of("s" + i, "ev", b, meter, Power.ZERO);
      ps.add(new Participation(p, customers[i], optedOut[i]));
      delivered[i] = p.delivered().kilowattHours();
    }
    Money revenue = revenue(delivered, optedOut);
    Ledger ledger = Ledger.inMemory(Money.USD);
    ObjectRun r = new ObjectRun();
    r.settlement = EventSettlement.settle(program, "ev", "caiso", revenue, ps, event.end(), ledger);
    r.nsPerSite = (System.nanoTime() - s) / (double) m;
    r.participations = ps;
    r.revenue = revenue;
    return r;
  }

  private static final class Run {
    double wallS;
    double mvS;
    double settleS;
    double[] delivered = new double[0];
    double deliveredMwh;
    Money paid = Money.zero(Money.USD);
    Money revenue = Money.zero(Money.USD);
    double accreditedMw;
  }

  private static Run fleetRun(
      Program program,
      float[] kwh,
      String[] customers,
      boolean[] optedOut,
      double[] batteryKw,
      Interval event,
      DayCalendar calendar) {
    Run r = new Run();
    long t0 = System.nanoTime();
    CaisoTenInTenFleet.Result mv =
        CaisoTenInTenFleet.measure(ZONE, FIRST, DAYS, 24, kwh, event, calendar);
    double[] delivered = mv.deliveredKwh();
    long t1 = System.nanoTime();
    Money revenue = revenue(delivered, optedOut);
    Ledger ledger = Ledger.inMemory(Money.USD);
    FleetSettlement settled =
        FleetSettlement.settle(
            program, "ev", "caiso", revenue, customers, delivered, optedOut, event.end(), ledger);
    if (!ledger.total().isZero()
        || !ledger.balance(Account.expense(program.id())).equals(settled.paid())) {
      throw new IllegalStateException("the ledger does not balance");
    }
    long t2 = System.nanoTime();
    r.mvS = (t1 - t0) / 1e9;
    r.settleS = (t2 - t1) / 1e9;
    r.wallS = (t2 - t0) / 1e9;
    r.delivered = delivered;
    double sum = 0;
    for (int i = 0; i < delivered.length; i++) {
      if (!optedOut[i]) {
        sum += delivered[i];
      }
    }
    r.deliveredMwh = sum / 1000;
    r.paid = settled.paid();
    r.revenue = revenue;
    // accreditation from this one event: each site enrols its battery's kW; the capacity
    // dispatched is that of the sites not opted out
    double enrolledKw = 0;
    double dispatchedKw = 0;
    for (int i = 0; i < batteryKw.length; i++) {
      enrolledKw += batteryKw[i];
      dispatchedKw += optedOut[i] ? 0 : batteryKw[i];
    }
    CapacityAccreditation a =
        CapacityAccreditation.assess(
            program.id(),
            Power.ofKilowatts(enrolledKw),
            Power.ofKilowatts(enrolledKw),
            List.of(
                new CapacityAccreditation.PastEvent(
                    "ev", Power.ofKilowatts(dispatchedKw), Power.ofKilowatts(sum / EVENT_HOURS))));
    r.accreditedMw = a.accredited().watts() / 1e6;
    return r;
  }

  /** The market pays 1 USD per kWh delivered by the sites that took part, rounded to the cent. */
  private static Money revenue(double[] deliveredKwh, boolean[] optedOut) {
    double sum = 0;
    for (int i = 0; i < deliveredKwh.length; i++) {
      if (!optedOut[i] && deliveredKwh[i] > 0) {
        sum += deliveredKwh[i];
      }
    }
    return new Money(BigDecimal.valueOf(sum).setScale(2, RoundingMode.HALF_EVEN), Money.USD);
  }

  private static Program program() {
    return new Program(
        "byo",
        "BYO battery",
        ProgramKind.BYO_BATTERY,
        Set.of(DeviceKind.BATTERY),
        Set.of("ca"),
        Power.ofKilowatts(10_000_000),
        10_000_000,
        new EventLimits(
            new Interval(
                Instant.parse("2016-06-01T07:00:00Z"), Instant.parse("2016-10-01T07:00:00Z")),
            20,
            Duration.ofHours(4),
            Duration.ofHours(60),
            Duration.ofHours(2)),
        Incentives.none(Money.USD)
            .withPerKwh(Money.usd("0.85"))
            .withPerEvent(Money.usd("2"))
            .withRevenueShare(new BigDecimal("0.4")),
        new OptOutRules(3, Duration.ofHours(1), false),
        Set.of());
  }

  /** Seeded meter data from the Fontana shapes, in parallel chunks of sites. */
  private static void generate(float[] kwh, double[] batteryKw, boolean[] optedOut) {
    FontanaHomes homes = FontanaHomes.load();
    double[][][] shape = new double[FontanaHomes.HOMES][DAYS][];
    for (int h = 0; h < FontanaHomes.HOMES; h++) {
      for (int d = 0; d < DAYS; d++) {
        shape[h][d] = homes.hourlyLoadKw(h, FIRST.plusDays(d));
      }
    }
    int n = batteryKw.length;
    int chunk = 8192;
    IntStream.range(0, (n + chunk - 1) / chunk)
        .parallel()
        .forEach(
            c -> {
              SplittableRandom r = new SplittableRandom(20161 + c);
              for (int s = c * chunk; s < Math.min(n, (c + 1) * chunk); s++) {
                int h = s % FontanaHomes.HOMES;
                double scale = 0.6 + 1.2 * r.nextDouble();
                batteryKw[s] = 2 + 3 * r.nextDouble();
                optedOut[s] = r.nextDouble() < 0.03;
                int base = s * DAYS * 24;
                for (int d = 0; d < DAYS; d++) {
                  for (int k = 0; k < 24; k++) {
                    double v = shape[h][d][k] * scale * (0.85 + 0.3 * r.nextDouble());
                    if (d == DAYS - 1
                        && k >= EVENT_HOUR
                        && k < EVENT_HOUR + EVENT_HOURS
                        && !optedOut[s]) {
                      v -= batteryKw[s];
                    }
                    kwh[base + d * 24 + k] = (float) v;
                  }
                }
              }
            });
  }
}
