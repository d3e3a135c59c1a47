package org.openvpp.sim.fleet;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.openvpp.device.Battery;
import org.openvpp.device.Device;
import org.openvpp.device.DeviceId;
import org.openvpp.device.DeviceKind;
import org.openvpp.device.EvCharger;
import org.openvpp.device.PvInverter;
import org.openvpp.device.Thermostat;
import org.openvpp.device.Vehicle;
import org.openvpp.dispatch.Command;
import org.openvpp.sim.battery.BatteryBank;
import org.openvpp.sim.data.FontanaHomes;
import org.openvpp.sim.ev.ChargingSessions;
import org.openvpp.sim.ev.EvBank;
import org.openvpp.sim.solar.PvArray;
import org.openvpp.sim.solar.PvArraySpec;
import org.openvpp.sim.solar.SkyConditions;
import org.openvpp.sim.solar.SolarPosition;
import org.openvpp.sim.thermal.HvacMode;
import org.openvpp.sim.thermal.ThermalDraws;
import org.openvpp.sim.thermal.ThermalHomeSpec;
import org.openvpp.sim.thermal.ThermostatBank;
import org.openvpp.sim.waterheater.WaterHeaterBank;
import org.openvpp.sim.waterheater.WaterHeaterDraws;
import org.openvpp.sim.waterheater.WaterHeaterSpec;
import org.openvpp.sim.weather.FontanaWeather;
import org.openvpp.sim.weather.Tmy3Weather;
import org.openvpp.sim.weather.WeatherSample;
import org.openvpp.sim.weather.WeatherSeries;
import org.openvpp.twin.ChargeNeed;
import org.openvpp.twin.Telemetry;
import org.openvpp.units.Durations;
import org.openvpp.units.Energy;
import org.openvpp.units.Power;
import org.openvpp.units.Temperature;

/**
 * A simulated fleet of homes and their devices, built from a {@link Scenario} and real data, that
 * takes commands and reports telemetry like a real fleet, including its misbehaviour.
 *
 * <p><b>Layout.</b> Each device kind lives in a bank of primitive arrays ({@link BatteryBank},
 * {@link EvBank}, …); a home holds the bank index of each device it has, or -1. Bank indices are
 * given in home order, so a range of homes owns a contiguous range of each bank. Every device also
 * has a global index (the order of {@link #devices()}), used for commands, misbehaviour and
 * telemetry.
 *
 * <p><b>A step</b> ({@link #step}) has three phases: (1) sequentially, due commands are taken in
 * (after each device's latency, unless it ignores commands or is offline); (2) in parallel over
 * chunks of homes, each home steps its devices (EV, then the battery, whose self-consumption needs
 * the rest of the home's net load) and its meters; (3) sequentially, telemetry is made with noise,
 * clock skew and delay, and handed to the sink in arrival order.
 *
 * <p><b>Determinism.</b> All randomness comes from one seeded stream per home, used only by that
 * home in a fixed order, so a run gives the same result on any number of threads.
 *
 * <p>Threads: {@link #step} and {@link #deliver} from one thread at a time; {@code step} uses the
 * common fork-join pool inside.
 */
public final class SimFleet {

  /** A telemetry sink that takes nothing; the fleet then makes no telemetry at all. */
  public static final Consumer<Telemetry> NO_TELEMETRY = t -> {};

  private static final int CHUNK = 512;
  private static final int DELAY_SLOTS = 16;

  private final Scenario scenario;
  private final String idPrefix;
  private final Instant start;
  private final Duration meterStep;
  private final int intervals;
  private final int homes;

  // Homes.
  private final int[] feeder;
  private final double[][] loadKw; // [home][hour of the run]
  private final int[] batteryOf;
  private final int[] evOf;
  private final int[] batteryDevice; // global index of the home's battery, or -1
  private final int[] evDevice;
  private final int[] pvOf;
  private final int[] pvDevice;
  private final int[] thermostatOf;
  private final int[] thermostatDevice;
  private final int[]
      thermostatsBefore; // thermostats of homes [0, h): a range of homes maps to one of the bank
  private final int[] heaterOf;
  private final int[] heaterDevice;
  private final int[] heatersBefore;
  private final SplittableRandom[] random;
  private final double[][] siteMeterKwh; // [home][interval]
  // [home][interval]: what each site took from the grid and gave to it (magnitudes); a site may do
  // both within one interval, so these are kept apart from the net
  private final double[][] siteImportKwh;
  private final double[][] siteExportKwh;
  // [home][interval]: the home's EV charger and thermostat (the loads other programs manage, each
  // measured by its own device); null rows for homes with neither
  private final double[][] managedMeterKwh;
  private final double[] siteNetKw; // [home], over the last step

  /** How far short of what its driver wanted a car may leave before it counts as short. */
  public static final double SHORT_KWH = 0.1;

  // Banks.
  private final BatteryBank batteries;
  private final EvBank evs;
  // EVs, by bank index: after each session the next day's is drawn (from each EV's own random, so
  // the homes' other draws do not move): the local midnight of the run's first day (epoch minute),
  // the day of the session now
  private final ChargingSessions sessions;
  private final long[] evMidnight;
  private final int[] evDay;
  private final SplittableRandom[] evRandom;
  private final int[] evEnded; // sessions ended, and of them those short of what was wanted
  private final int[] evShort;
  private final PvArray[] pvArrays;
  private final double[] pvPowerKw; // load convention: generation is negative
  private final ThermostatBank thermostats;
  private final WaterHeaterBank heaters;

  // Regions: homes [regionStart[r], regionStart[r + 1]) are in region r. Weather and sun are
  // updated once per step per region and read by the region's homes.
  private final int[] regionStart;
  private final int[] regionOfHome;
  private final int[] feedersIn;
  private final WeatherSeries[][] weatherByDay; // [region][day of the run]
  private final SolarPosition[] sun;
  private final SkyConditions[] sky;
  private final WeatherSample[] sample;
  private final int[] utcOffsetMinutes;

  // Devices, by global index.
  private final List<Device> devices = new ArrayList<>();
  private final Map<DeviceId, Integer> index = new HashMap<>();
  private final DeviceKind[] kind;
  private final int[] bank;
  private final int[] homeOf;
  private final long[] latencyMs;
  private final boolean[] ignores;
  private final long[] skewMs;
  private final long[] offlineUntilMs;
  private final double[] activeKw;
  private final long[] activeExpiryMs;
  private final long[] activeSeq;
  private final List<List<Command>> pending;
  private final List<Integer> withPending = new ArrayList<>();
  private long telemetrySeq;
  private final List<List<Telemetry>> delayed = new ArrayList<>();
  private long stepCount;
  private final java.util.EnumMap<DeviceKind, double[]> kindMeterKwh =
      new java.util.EnumMap<>(DeviceKind.class);

  private SimFleet(
      Scenario s,
      FontanaHomes load,
      ChargingSessions sessions,
      FontanaWeather fontana,
      Tmy3Weather tmy3,
      Duration meterStep,
      String idPrefix) {
    this.idPrefix = idPrefix;
    this.scenario = s;
    this.start = s.start().toInstant();
    this.meterStep = meterStep;
    this.intervals = (int) Duration.ofHours(s.hours()).dividedBy(meterStep);
    this.homes = s.homes();
    feeder = new int[homes];
    loadKw = new double[homes][];
    batteryOf = new int[homes];
    evOf = new int[homes];
    batteryDevice = new int[homes];
    evDevice = new int[homes];
    pvOf = new int[homes];
    pvDevice = new int[homes];
    thermostatOf = new int[homes];
    thermostatDevice = new int[homes];
    thermostatsBefore = new int[homes + 1];
    heaterOf = new int[homes];
    heaterDevice = new int[homes];
    heatersBefore = new int[homes + 1];
    int days = (s.hours() + 23) / 24;
    int regions = s.regions().size();
    regionStart = new int[regions + 1];
    regionOfHome = new int[homes];
    feedersIn = new int[regions];
    weatherByDay = new WeatherSeries[regions][days];
    sun = new SolarPosition[regions];
    sky = new SkyConditions[regions];
    sample = new WeatherSample[regions];
    utcOffsetMinutes = new int[regions];
    double cumulative = 0;
    for (int g = 0; g < regions; g++) {
      Scenario.Region region = s.regions().get(g);
      cumulative += region.share();
      regionStart[g + 1] = g == regions - 1 ? homes : (int) Math.round(cumulative * homes);
      feedersIn[g] = Math.max(1, (int) Math.round(s.feeders() * region.share()));
      for (int d = 0; d < days; d++) {
        weatherByDay[g][d] = weatherOf(region, s.day().plusDays(d), fontana, tmy3);
      }
      sun[g] = new SolarPosition(region.latitude(), region.longitude());
      sky[g] = new SkyConditions();
      sample[g] = new WeatherSample();
    }
    random = new SplittableRandom[homes];
    siteMeterKwh = new double[homes][intervals];
    siteImportKwh = new double[homes][intervals];
    siteExportKwh = new double[homes][intervals];
    managedMeterKwh = new double[homes][];
    siteNetKw = new double[homes];
    for (DeviceKind k : DeviceKind.values()) {
      kindMeterKwh.put(k, new double[intervals]);
    }

    SplittableRandom master = new SplittableRandom(s.seed());
    int nBattery = 0;
    int nEv = 0;
    int nPv = 0;
    int nThermostat = 0;
    int nHeater = 0;
    boolean[] hasThermostat = new boolean[homes];
    boolean[] hasHeater = new boolean[homes];
    boolean[] hasBattery = new boolean[homes];
    boolean[] hasEv = new boolean[homes];
    boolean[] hasPv = new boolean[homes];
    for (int h = 0; h < homes; h++) {
      random[h] = master.split();
      hasBattery[h] = random[h].nextDouble() < s.mix().battery();
      hasEv[h] = random[h].nextDouble() < s.mix().ev();
      hasPv[h] = random[h].nextDouble() < s.mix().pv();
      hasThermostat[h] = random[h].nextDouble() < s.mix().thermostat();
      thermostatsBefore[h] = nThermostat;
      nThermostat += hasThermostat[h] ? 1 : 0;
      hasHeater[h] = random[h].nextDouble() < s.mix().waterHeater();
      heatersBefore[h] = nHeater;
      nHeater += hasHeater[h] ? 1 : 0;
      nBattery += hasBattery[h] ? 1 : 0;
      nEv += hasEv[h] ? 1 : 0;
      nPv += hasPv[h] ? 1 : 0;
    }
    batteries = new BatteryBank(nBattery);
    evs = new EvBank(nEv, 0.9);
    this.sessions = sessions;
    evMidnight = new long[nEv];
    evDay = new int[nEv];
    evRandom = new SplittableRandom[nEv];
    evEnded = new int[nEv];
    evShort = new int[nEv];
    SplittableRandom evMaster = new SplittableRandom(s.seed() ^ 0x65762d6461797321L);
    for (int i = 0; i < nEv; i++) {
      evRandom[i] = evMaster.split();
    }
    thermostatsBefore[homes] = nThermostat;
    heatersBefore[homes] = nHeater;
    pvArrays = new PvArray[nPv];
    pvPowerKw = new double[nPv];
    long startMinute0 = Math.floorDiv(start.toEpochMilli(), 60_000L);
    int utcOffset = s.zone().getRules().getOffset(start).getTotalSeconds() / 60;
    // Thermal homes in AUTO mode (cool or heat, whichever the weather asks), parameters drawn from
    // published ranges (ThermalDraws), indoor temperatures spread over each deadband.
    List<ThermalHomeSpec> thermal =
        ThermalDraws.homes(nThermostat, master.nextLong(), HvacMode.AUTO);
    thermostats =
        new ThermostatBank(
            thermal,
            ThermalDraws.initialIndoorC(thermal, startMinute0, utcOffset, master.nextLong()));
    // Electric storage water heaters (a share with heat pumps), tanks starting near setpoint.
    List<WaterHeaterSpec> tanks = WaterHeaterDraws.heaters(nHeater, master.nextLong());
    double[] upper = WaterHeaterDraws.initialUpperC(tanks, master.nextLong());
    heaters =
        new WaterHeaterBank(tanks, upper, WaterHeaterDraws.initialLowerC(upper, master.nextLong()));
    int nDevices = nBattery + nEv + nPv + nThermostat + nHeater;
    kind = new DeviceKind[nDevices];
    bank = new int[nDevices];
    homeOf = new int[nDevices];
    latencyMs = new long[nDevices];
    ignores = new boolean[nDevices];
    skewMs = new long[nDevices];
    offlineUntilMs = new long[nDevices];
    activeKw = new double[nDevices];
    activeExpiryMs = new long[nDevices];
    activeSeq = new long[nDevices];
    pending = new ArrayList<>(nDevices);
    for (int k = 0; k < DELAY_SLOTS; k++) {
      delayed.add(new ArrayList<>());
    }

    LocalDate day = s.day();
    int region = 0;
    int b = 0;
    int e = 0;
    int p = 0;
    int t = 0;
    int w = 0;
    for (int h = 0; h < homes; h++) {
      SplittableRandom r = random[h];
      while (h >= regionStart[region + 1]) {
        region++;
      }
      regionOfHome[h] = region;
      feeder[h] = (h - regionStart[region]) % feedersIn[region];
      // The region's local midnight: EV arrivals and other habits follow local time.
      long startMinute =
          Math.floorDiv(
              s.day().atStartOfDay(s.regions().get(region).zone()).toInstant().toEpochMilli(),
              60_000L);
      loadKw[h] = homeLoad(load, r, day, s.hours());
      batteryOf[h] = -1;
      evOf[h] = -1;
      batteryDevice[h] = -1;
      evDevice[h] = -1;
      pvOf[h] = -1;
      pvDevice[h] = -1;
      thermostatOf[h] = -1;
      thermostatDevice[h] = -1;
      heaterOf[h] = -1;
      heaterDevice[h] = -1;
      if (hasHeater[h]) {
        DeviceId id = deviceId(h, "wh");
        heaterDevice[h] = devices.size();
        addDevice(tanks.get(w).device(id), DeviceKind.WATER_HEATER, w, h, r);
        heaterOf[h] = w++;
      }
      if (hasThermostat[h]) {
        ThermalHomeSpec spec = thermal.get(t);
        DeviceId id = deviceId(h, "tstat");
        thermostatDevice[h] = devices.size();
        addDevice(
            new Thermostat(
                id,
                spec.hvac().electricPower(),
                spec.hvac().copCooling(),
                Temperature.ofCelsius(spec.thermostat().comfortLowC()),
                Temperature.ofCelsius(spec.thermostat().comfortHighC())),
            DeviceKind.THERMOSTAT,
            t,
            h,
            r);
        thermostatOf[h] = t++;
        managedMeterKwh[h] = new double[intervals];
      }
      if (hasPv[h]) {
        // Residential systems in California: 3-10 kW DC (median near 6.5), roofs tilted 10-35°,
        // facing south give or take, inverters sized at DC/AC 1.2 (PVWatts' default).
        double dc = 3 + 7 * r.nextDouble() * r.nextDouble() + 2 * r.nextDouble();
        double tilt = 10 + 25 * r.nextDouble();
        double azimuth = Math.clamp(180 + 40 * r.nextGaussian(), 90, 270);
        PvArraySpec spec = PvArraySpec.rooftop(Power.ofKilowatts(dc), tilt, azimuth);
        pvArrays[p] = PvArray.of(spec);
        DeviceId id = deviceId(h, "pv");
        pvDevice[h] = devices.size();
        addDevice(
            new PvInverter(id, spec.dcRating(), spec.acRating(), true),
            DeviceKind.PV_INVERTER,
            p,
            h,
            r);
        pvOf[h] = p++;
      }
      if (hasBattery[h]) {
        boolean large = r.nextDouble() < 0.7;
        double capacity = large ? 13.5 : 10.0;
        double reserve = capacity * (0.1 + 0.1 * r.nextInt(3));
        batteries.equip(
            b, capacity, reserve, 5, 5, 0.9, 0.005, capacity * (0.5 + 0.45 * r.nextDouble()));
        DeviceId id = deviceId(h, "bat");
        batteryDevice[h] = devices.size();
        addDevice(
            new Battery(
                id,
                Energy.ofKilowattHours(capacity),
                Power.ofKilowatts(5),
                Power.ofKilowatts(5),
                0.9,
                Energy.ofKilowattHours(reserve)),
            DeviceKind.BATTERY,
            b,
            h,
            r);
        batteryOf[h] = b++;
      }
      if (hasEv[h]) {
        double rate = r.nextDouble() < 0.8 ? 7.2 : 11.5;
        double capacity = 40 + 60 * r.nextDouble();
        boolean v2g = r.nextDouble() < 0.1;
        evs.equip(e, rate, v2g, capacity);
        // One evening-to-morning session a day: the duration and energy of a real session,
        // arriving home between 16:00 and 22:00.
        ChargingSessions.Session real = sessions.get(r.nextInt(sessions.size()));
        long arrive = startMinute + 16 * 60 + r.nextInt(6 * 60);
        long stay = Math.max(real.duration().toMinutes(), 8 * 60 + r.nextInt(4 * 60));
        double wanted =
            Math.min(real.requestedKwh() * (0.8 + 0.4 * r.nextDouble()), capacity * 0.8);
        double arrival = capacity * (0.15 + 0.4 * r.nextDouble());
        evs.session(e, arrive, arrive + stay, Math.min(arrival, capacity - wanted), wanted);
        evMidnight[e] = startMinute;
        DeviceId id = deviceId(h, "ev");
        evDevice[h] = devices.size();
        addDevice(
            new EvCharger(
                id,
                Power.ofKilowatts(rate),
                v2g,
                new Vehicle(Energy.ofKilowattHours(capacity), Power.ofKilowatts(rate), v2g)),
            DeviceKind.EV_CHARGER,
            e,
            h,
            r);
        evOf[h] = e++;
        if (managedMeterKwh[h] == null) {
          managedMeterKwh[h] = new double[intervals];
        }
      }
    }
  }

  /**
   * Draws EV {@code e}'s next session once the last has ended at {@code minute}: home on the first
   * evening after it (16:00 to 22:00 local), a real session's duration and energy, as on the first
   * day.
   */
  private void nextSession(int e, long minute) {
    evEnded[e]++;
    if (evs.deliveredKwh(e) < evs.wantedKwh(e) - SHORT_KWH) {
      evShort[e]++;
    }
    SplittableRandom r = evRandom[e];
    int day = evDay[e];
    long arrive;
    do {
      day++;
      arrive = evMidnight[e] + day * 1440L + 16 * 60 + r.nextInt(6 * 60);
    } while (arrive <= minute);
    ChargingSessions.Session real = sessions.get(r.nextInt(sessions.size()));
    long stay = Math.max(real.duration().toMinutes(), 8 * 60 + r.nextInt(4 * 60));
    double capacity = evs.capacityKwh(e);
    double wanted = Math.min(real.requestedKwh() * (0.8 + 0.4 * r.nextDouble()), capacity * 0.8);
    double arrival = capacity * (0.15 + 0.4 * r.nextDouble());
    evs.session(e, arrive, arrive + stay, Math.min(arrival, capacity - wanted), wanted);
    evDay[e] = day;
  }

  /** EV sessions that have ended (the car left). */
  public long evSessionsEnded() {
    long n = 0;
    for (int x : evEnded) {
      n += x;
    }
    return n;
  }

  /**
   * EV sessions that ended with the car short of what its driver wanted by more than {@value
   * #SHORT_KWH} kWh (some cannot be filled in their stay even at full rate).
   */
  public long evSessionsShort() {
    long n = 0;
    for (int x : evShort) {
      n += x;
    }
    return n;
  }

  /** The id of home {@code h}'s device of a kind: {@code [prefix]home-000042-bat}. */
  private DeviceId deviceId(int h, String kind) {
    return DeviceId.of(idPrefix + String.format(java.util.Locale.ROOT, "home-%06d-%s", h, kind));
  }

  private void addDevice(Device d, DeviceKind k, int bankIndex, int home, SplittableRandom r) {
    int g = devices.size();
    devices.add(d);
    index.put(d.id(), g);
    kind[g] = k;
    bank[g] = bankIndex;
    homeOf[g] = home;
    Misbehaviour m = scenario.misbehaviour();
    latencyMs[g] =
        Math.round(
            1000
                * (m.latencyMinSeconds()
                    + (m.latencyMaxSeconds() - m.latencyMinSeconds()) * r.nextDouble()));
    ignores[g] = r.nextDouble() < m.ignoringShare();
    skewMs[g] = Math.round(1000 * m.clockSkewMaxSeconds() * (2 * r.nextDouble() - 1));
    offlineUntilMs[g] = Long.MIN_VALUE;
    activeExpiryMs[g] = Long.MIN_VALUE;
    activeSeq[g] = Long.MIN_VALUE;
    pending.add(new ArrayList<>(0));
  }

  /**
   * Household load of one home for each hour of the run: a real home's days, scaled and perturbed.
   */
  private static double[] homeLoad(
      FontanaHomes data, SplittableRandom r, LocalDate day, int hours) {
    int source = r.nextInt(FontanaHomes.HOMES);
    double scale = 0.7 + 0.6 * r.nextDouble();
    double[] out = new double[hours];
    for (int d = 0; d * 24 < hours; d++) {
      double[] real = data.hourlyLoadKw(source, day.plusDays(d));
      for (int h = 0; h < 24 && d * 24 + h < hours; h++) {
        out[d * 24 + h] = real[h] * scale * (0.9 + 0.2 * r.nextDouble());
      }
    }
    return out;
  }

  /**
   * Builds the fleet of {@code scenario} on {@code data}, metering every 15 minutes. All regions
   * take the Fontana weather (the only measured weather that comes with household load); the sun is
   * computed for the region's location.
   */
  public static SimFleet build(Scenario scenario, SimData data) {
    return build(scenario, data, "");
  }

  /**
   * As {@link #build(Scenario, SimData)}, with every device id starting with {@code idPrefix} (a
   * device cloud's {@code cloud:}, say).
   */
  public static SimFleet build(Scenario scenario, SimData data, String idPrefix) {
    return new SimFleet(
        scenario,
        data.homes(),
        data.sessions(),
        data.weather(),
        data.tmy3(),
        Duration.ofMinutes(15),
        idPrefix);
  }

  public Scenario scenario() {
    return scenario;
  }

  /**
   * Every device's specification, in global index order: a read-only view, no copy (the devices are
   * fixed once the fleet is built, and callers index into it device by device).
   */
  public List<Device> devices() {
    return java.util.Collections.unmodifiableList(devices);
  }

  public int homes() {
    return homes;
  }

  /** The feeder of home {@code home}, numbered within its region from 0. */
  public int feederOf(int home) {
    return feeder[home];
  }

  /** The region of home {@code home}: an index into the scenario's regions. */
  public int regionOf(int home) {
    return regionOfHome[home];
  }

  /** Feeders in region {@code region}. */
  public int feedersIn(int region) {
    return feedersIn[region];
  }

  public int homeOf(int device) {
    return homeOf[device];
  }

  public boolean ignoresCommands(int device) {
    return ignores[device];
  }

  /**
   * Whether device {@code device} is off the network at {@code now} (one of its offline spells).
   */
  public boolean isOffline(int device, Instant now) {
    return now.toEpochMilli() < offlineUntilMs[device];
  }

  public BatteryBank batteries() {
    return batteries;
  }

  /** The device index of home {@code home}'s battery, if it has one. */
  public OptionalInt batteryDevice(int home) {
    int g = batteryDevice[home];
    return g < 0 ? OptionalInt.empty() : OptionalInt.of(g);
  }

  /**
   * The grid power of home {@code home}'s battery over the last step, kW (load convention: negative
   * while it discharges; 0 for a home without one).
   */
  public double batteryPowerKw(int home) {
    int b = batteryOf[home];
    return b < 0 ? 0 : batteries.powerKw(b);
  }

  /**
   * The most home {@code home}'s battery could give the grid, flat, from now through {@code span},
   * kW: its discharge power, and the energy it holds above the customer's reserve less its standby
   * draw, after the discharge loss (0 for a home without one).
   */
  public double holdableDischargeKw(int home, Duration span) {
    int b = batteryOf[home];
    if (b < 0) {
      return 0;
    }
    double hours = span.toSeconds() / 3600.0;
    double above = batteries.storedKwh(b) - batteries.reserveKwh(b);
    double eta = Math.sqrt(batteries.roundTrip(b));
    double kw = (above / hours - batteries.standbyKw(b)) * eta;
    return Math.clamp(kw, 0, batteries.maxDischargeKw(b));
  }

  public EvBank evs() {
    return evs;
  }

  public ThermostatBank thermostats() {
    return thermostats;
  }

  public WaterHeaterBank waterHeaters() {
    return heaters;
  }

  /** PV generation of array {@code p} over the last step, load convention (negative), kW. */
  public double pvPowerKw(int p) {
    return pvPowerKw[p];
  }

  /** The weather of the last step in the first region: outdoor temperature, °C. */
  public double outdoorTemperatureC() {
    return sample[0].temperatureC();
  }

  /** The bank index of device {@code device} in its kind's bank. */
  public int bankIndex(int device) {
    return bank[device];
  }

  public DeviceKind kind(int device) {
    return kind[device];
  }

  /**
   * Hands a command to a device. It acts after its latency, unless it ignores commands or is
   * offline when the command is due (then the command is lost, as on a real network).
   *
   * @throws IllegalArgumentException for a device this fleet does not have
   */
  public void deliver(Command command) {
    Integer g = index.get(command.device());
    if (g == null) {
      throw new IllegalArgumentException("no device " + command.device() + " in this fleet");
    }
    List<Command> queue = pending.get(g);
    if (queue.isEmpty()) {
      withPending.add(g);
    }
    queue.add(command);
  }

  /**
   * Advances every home by {@code dt} from {@code now}, and hands {@code telemetry} the messages
   * that arrive by the end of the step. With {@link #NO_TELEMETRY} no message is made.
   */
  public void step(Instant now, Duration dt, Consumer<Telemetry> telemetry) {
    long nowMs = now.toEpochMilli();
    takeCommands(nowMs);
    double hours = Durations.hours(dt);
    long fromStart = nowMs - start.toEpochMilli();
    int hour =
        (int) Math.min(Math.max(0, fromStart / 3_600_000L), Math.max(0, scenario.hours() - 1));
    int interval = (int) Math.floorDiv(fromStart, meterStep.toMillis());
    boolean metered = interval >= 0 && interval < intervals;
    long minute = Math.floorDiv(nowMs, 60_000L);
    updateSky(nowMs + dt.toMillis() / 2);
    for (int g = 0; g < utcOffsetMinutes.length; g++) {
      utcOffsetMinutes[g] =
          scenario.regions().get(g).zone().getRules().getOffset(now).getTotalSeconds() / 60;
    }
    if (dt.toMillis() != 60_000L && (thermostats.size() > 0 || heaters.size() > 0)) {
      throw new IllegalArgumentException("thermal homes step by one minute, asked " + dt);
    }
    // A few chunks per core: enough to balance, few enough that scheduling costs nothing.
    int chunk = Math.max(CHUNK, homes / (4 * Runtime.getRuntime().availableProcessors()) + 1);
    int chunks = (homes + chunk - 1) / chunk;
    double ramp = scenario.misbehaviour().rampKwPerMinute() * dt.toMillis() / 60_000.0;
    IntStream.range(0, chunks)
        .parallel()
        .forEach(
            c ->
                stepHomes(
                    c * chunk,
                    Math.min(homes, (c + 1) * chunk),
                    nowMs,
                    minute,
                    hours,
                    hour,
                    interval,
                    metered,
                    ramp));
    if (metered) {
      meterKinds(interval, hours);
    }
    stepCount++;
    if (telemetry != NO_TELEMETRY) {
      emit(now.plus(dt), dt, telemetry);
    }
  }

  /** Weather and sun at {@code atMs} (the middle of the step), one per region. */
  private void updateSky(long atMs) {
    long fromStart = Math.max(0, atMs - start.toEpochMilli());
    for (int g = 0; g < sun.length; g++) {
      int day = (int) Math.min(weatherByDay[g].length - 1, fromStart / 86_400_000L);
      WeatherSample w = sample[g];
      weatherByDay[g][day].sample(Math.floorDiv(atMs, 60_000L), w);
      sun[g].update(Math.floorDiv(atMs, 1000L));
      sky[g].update(sun[g], w.dni(), w.dhi(), w.ghi(), w.temperatureC(), w.windSpeed());
    }
  }

  /** The weather of one day of a region, from its source, covering the region's local day. */
  private static WeatherSeries weatherOf(
      Scenario.Region region, LocalDate day, FontanaWeather fontana, Tmy3Weather tmy3) {
    return switch (region.weather()) {
      case FONTANA -> fontana.day(day);
      case GREENSBORO_TMY3 -> {
        if (java.time.Year.isLeap(day.getYear())) {
          throw new IllegalArgumentException(
              "region "
                  + region.name()
                  + ": the TMY3 year has no 29 February; simulate a day of a non-leap year, was "
                  + day);
        }
        yield tmy3.year(day.getYear());
      }
    };
  }

  private void takeCommands(long nowMs) {
    for (int i = withPending.size() - 1; i >= 0; i--) {
      int g = withPending.get(i);
      List<Command> queue = pending.get(g);
      for (var it = queue.iterator(); it.hasNext(); ) {
        Command c = it.next();
        if (c.issued().toEpochMilli() + latencyMs[g] > nowMs) {
          continue;
        }
        it.remove();
        if (ignores[g] || nowMs < offlineUntilMs[g] || c.sequence() <= activeSeq[g]) {
          continue;
        }
        activeSeq[g] = c.sequence();
        activeKw[g] = c.setpoint().kilowatts();
        activeExpiryMs[g] = c.expires().toEpochMilli();
        if (kind[g] == DeviceKind.THERMOSTAT) {
          // A power command caps the heat pump: below its power the single-stage plant stays off
          // until the command expires; at or above it, the thermostat runs on its own.
          int th = bank[g];
          boolean off = activeKw[g] < thermostats.ratedKw(th) - 1e-9;
          thermostats.holdOff(
              th, off ? Math.floorDiv(activeExpiryMs[g] + 59_999, 60_000L) : Long.MIN_VALUE / 4);
        }
      }
      if (queue.isEmpty()) {
        withPending.remove(i);
      }
    }
  }

  private void stepHomes(
      int from,
      int to,
      long nowMs,
      long minute,
      double hours,
      int hour,
      int interval,
      boolean metered,
      double ramp) {
    // A chunk of homes may span regions: step each region's part under its own weather.
    for (int g = 0; g < sun.length; g++) {
      int lo = Math.max(from, regionStart[g]);
      int hi = Math.min(to, regionStart[g + 1]);
      if (lo < hi) {
        stepRegion(lo, hi, g, nowMs, minute, hours, hour, interval, metered, ramp);
      }
    }
  }

  private void stepRegion(
      int from,
      int to,
      int region,
      long nowMs,
      long minute,
      double hours,
      int hour,
      int interval,
      boolean metered,
      double ramp) {
    WeatherSample weather = sample[region];
    SkyConditions sky = this.sky[region];
    int offset = utcOffsetMinutes[region];
    int tf = thermostatsBefore[from];
    int tt = thermostatsBefore[to];
    if (tt > tf) {
      thermostats.step(tf, tt, minute, offset, weather.temperatureC(), weather.ghi());
    }
    int wf = heatersBefore[from];
    int wt = heatersBefore[to];
    if (wt > wf) {
      heaters.step(wf, wt, minute, offset);
    }
    for (int h = from; h < to; h++) {
      double net = loadKw[h][hour];
      int wh = heaterOf[h];
      if (wh >= 0) {
        net += heaters.powerKw(wh);
      }
      int th = thermostatOf[h];
      if (th >= 0) {
        double kw = thermostats.powerKw(th);
        net += kw;
        if (metered) {
          managedMeterKwh[h][interval] += kw * hours;
        }
      }
      int p = pvOf[h];
      if (p >= 0) {
        int g = pvDevice[h];
        // A curtailment command caps generation at the magnitude of its (negative) setpoint.
        double cap =
            nowMs < activeExpiryMs[g] ? Math.max(0, -activeKw[g]) : Double.POSITIVE_INFINITY;
        double kw = -pvArrays[p].acOutputKw(sky, cap);
        pvPowerKw[p] = kw;
        net += kw;
      }
      int e = evOf[h];
      if (e >= 0) {
        int g = evDevice[h];
        if (minute >= evs.departureMinute(e)) {
          nextSession(e, minute);
        }
        boolean commanded = nowMs < activeExpiryMs[g];
        double kw = evs.step(e, minute, hours, commanded, activeKw[g], ramp);
        net += kw;
        if (metered) {
          managedMeterKwh[h][interval] += kw * hours;
        }
      }
      int b = batteryOf[h];
      if (b >= 0) {
        int g = batteryDevice[h];
        boolean commanded = nowMs < activeExpiryMs[g];
        net += batteries.step(b, hours, commanded, activeKw[g], net, ramp);
      }
      siteNetKw[h] = net;
      if (metered) {
        siteMeterKwh[h][interval] += net * hours;
        if (net > 0) {
          siteImportKwh[h][interval] += net * hours;
        } else {
          siteExportKwh[h][interval] -= net * hours;
        }
      }
    }
  }

  private void meterKinds(int interval, double hours) {
    double bat = 0;
    for (int i = 0; i < batteries.size(); i++) {
      bat += batteries.powerKw(i);
    }
    double ev = 0;
    for (int i = 0; i < evs.size(); i++) {
      ev += evs.powerKw(i);
    }
    double pv = 0;
    for (double kw : pvPowerKw) {
      pv += kw;
    }
    meter(DeviceKind.THERMOSTAT)[interval] +=
        thermostats.totalPowerKw(0, thermostats.size()) * hours;
    meter(DeviceKind.WATER_HEATER)[interval] += heaters.totalPowerKw(0, heaters.size()) * hours;
    meter(DeviceKind.BATTERY)[interval] += bat * hours;
    meter(DeviceKind.EV_CHARGER)[interval] += ev * hours;
    meter(DeviceKind.PV_INVERTER)[interval] += pv * hours;
  }

  private void emit(Instant measured, Duration dt, Consumer<Telemetry> sink) {
    Misbehaviour m = scenario.misbehaviour();
    long measuredMs = measured.toEpochMilli();
    long stepMs = dt.toMillis();
    double offlineChance = m.offlinePerDay() * stepMs / 86_400_000.0;
    for (int g = 0; g < devices.size(); g++) {
      SplittableRandom r = random[homeOf[g]];
      if (measuredMs < offlineUntilMs[g]) {
        continue;
      }
      if (offlineChance > 0 && r.nextDouble() < offlineChance) {
        double minutes =
            m.offlineMinMinutes()
                + (m.offlineMaxMinutes() - m.offlineMinMinutes()) * r.nextDouble();
        offlineUntilMs[g] = measuredMs + Math.round(minutes * 60_000);
        pending.get(g).clear();
        continue;
      }
      double power;
      double stored;
      double temperature = Double.NaN;
      Optional<Boolean> plugged = Optional.empty();
      Optional<ChargeNeed> need = Optional.empty();
      switch (kind[g]) {
        case BATTERY -> {
          power = batteries.powerKw(bank[g]);
          stored = batteries.storedKwh(bank[g]);
        }
        case EV_CHARGER -> {
          power = evs.powerKw(bank[g]);
          stored = evs.storedKwh(bank[g]);
          long minute = Math.floorDiv(measuredMs, 60_000L) - 1;
          boolean in = evs.pluggedIn(bank[g], minute);
          plugged = Optional.of(in);
          long departureMs = evs.departureMinute(bank[g]) * 60_000L;
          // The charger knows the driver's goal: what is still wanted, grid side, by departure;
          // in the car's last minute (by the charger's own clock) there is no goal left to say
          if (in && departureMs > measuredMs + skewMs[g]) {
            need =
                Optional.of(
                    new ChargeNeed(
                        Energy.ofKilowattHours(evs.needFromGridKwh(bank[g])),
                        Instant.ofEpochMilli(departureMs)));
          }
        }
        case PV_INVERTER -> {
          power = pvPowerKw[bank[g]];
          stored = 0;
        }
        case THERMOSTAT -> {
          power = thermostats.powerKw(bank[g]);
          stored = 0;
          temperature = thermostats.indoorC(bank[g]);
        }
        case WATER_HEATER -> {
          power = heaters.powerKw(bank[g]);
          stored = 0;
          temperature = heaters.upperC(bank[g]);
        }
        default -> throw new IllegalStateException("no telemetry for " + kind[g]);
      }
      if (m.telemetryNoise() > 0) {
        power *= 1 + m.telemetryNoise() * r.nextGaussian();
      }
      long delaySteps =
          m.telemetryDelayMaxSeconds() <= 0
              ? 0
              : Math.min(
                  DELAY_SLOTS - 1,
                  Math.round(m.telemetryDelayMaxSeconds() * 1000 * r.nextDouble() / stepMs));
      Telemetry t =
          new Telemetry(
              devices.get(g).id(),
              Instant.ofEpochMilli(measuredMs + skewMs[g]),
              ++telemetrySeq,
              Power.ofKilowatts(power),
              Energy.ofKilowattHours(stored),
              Double.isNaN(temperature)
                  ? Optional.empty()
                  : Optional.of(Temperature.ofCelsius(temperature)),
              plugged,
              need);
      if (delaySteps == 0) {
        sink.accept(t);
      } else {
        delayed.get((int) ((stepCount + delaySteps) % DELAY_SLOTS)).add(t);
      }
    }
    List<Telemetry> due = delayed.get((int) (stepCount % DELAY_SLOTS));
    for (Telemetry t : due) {
      sink.accept(t);
    }
    due.clear();
  }

  /**
   * The lowest {@code stored - reserve} over the batteries that have a command in force at {@code
   * now}, in kWh ({@code +∞} when none has): how close the VPP has taken a battery to the
   * customer's reserve. Autonomous operation is the device's own business and not counted.
   */
  public double minReserveMarginUnderCommand(Instant now) {
    long nowMs = now.toEpochMilli();
    double min = Double.POSITIVE_INFINITY;
    for (int h = 0; h < homes; h++) {
      int g = batteryDevice[h];
      if (g >= 0 && nowMs < activeExpiryMs[g]) {
        int b = batteryOf[h];
        min = Math.min(min, batteries.storedKwh(b) - batteries.reserveKwh(b));
      }
    }
    return min;
  }

  /** The fleet's net load at its sites' meters over the last step, kW (load convention). */
  public double netLoadKw() {
    double sum = 0;
    for (double kw : siteNetKw) {
      sum += kw;
    }
    return sum;
  }

  /** The energy all home batteries hold now, kWh. */
  public double batteryStoredTotalKwh() {
    double sum = 0;
    for (int h = 0; h < homes; h++) {
      if (batteryDevice[h] >= 0) {
        sum += batteries.storedKwh(batteryOf[h]);
      }
    }
    return sum;
  }

  /** Household load of home {@code h} (without its devices) in hour {@code hour} of the run, kW. */
  public double homeLoadKw(int h, int hour) {
    return loadKw[h][Math.min(hour, loadKw[h].length - 1)];
  }

  /** Sum over all sites of their metered energy per interval (kWh, load convention). */
  public double[] siteMeterTotalKwh() {
    double[] sum = new double[intervals];
    for (double[] row : siteMeterKwh) {
      for (int k = 0; k < intervals; k++) {
        sum[k] += row[k];
      }
    }
    return sum;
  }

  /** Metered energy per interval of one site (kWh, load convention). */
  public double[] siteMeterKwh(int home) {
    return siteMeterKwh[home].clone();
  }

  /** What home {@code home}'s site took from the grid in meter interval {@code interval}, kWh. */
  public double siteImportKwh(int home, int interval) {
    return siteImportKwh[home][interval];
  }

  /** What home {@code home}'s site gave to the grid in meter interval {@code interval}, kWh. */
  public double siteExportKwh(int home, int interval) {
    return siteExportKwh[home][interval];
  }

  /** The net energy of home {@code home}'s site in meter interval {@code interval}, kWh. */
  public double siteNetKwh(int home, int interval) {
    return siteMeterKwh[home][interval];
  }

  /** The meter interval that starts at {@code at}, or -1 outside the run or off the grid. */
  public int intervalStartingAt(Instant at) {
    long ms = at.toEpochMilli() - start.toEpochMilli();
    if (ms < 0 || ms % meterStep.toMillis() != 0) {
      return -1;
    }
    long k = ms / meterStep.toMillis();
    return k < intervals ? (int) k : -1;
  }

  /** When the run begins: the first meter interval's start. */
  public Instant start() {
    return start;
  }

  /**
   * The energy of home {@code home}'s EV charger and thermostat per meter interval, as their own
   * devices measure it (managed charging and thermostat programs measure them so); zeros for a home
   * with neither.
   */
  public double[] managedMeterKwh(int home) {
    double[] row = managedMeterKwh[home];
    return row == null ? new double[siteMeterKwh[home].length] : row.clone();
  }

  /** Sum over all devices of a kind of their sub-metered energy per interval. */
  public double[] kindMeterTotalKwh(DeviceKind k) {
    return meter(k).clone();
  }

  /** What all devices of a kind used in meter interval {@code interval}, kWh (load convention). */
  public double kindMeterKwh(DeviceKind k, int interval) {
    return meter(k)[interval];
  }

  private double[] meter(DeviceKind k) {
    double[] m = kindMeterKwh.get(k);
    if (m == null) {
      throw new IllegalStateException("no meter for " + k);
    }
    return m;
  }

  public int intervals() {
    return intervals;
  }

  public Duration meterStep() {
    return meterStep;
  }

  /** Steps taken so far. */
  public long steps() {
    return stepCount;
  }
}
