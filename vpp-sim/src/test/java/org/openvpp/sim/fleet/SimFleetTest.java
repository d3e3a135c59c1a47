package org.openvpp.sim.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openvpp.device.DeviceId;
import org.openvpp.device.DeviceKind;
import org.openvpp.dispatch.Command;
import org.openvpp.twin.Telemetry;
import org.openvpp.units.Power;

class SimFleetTest {
  static final SimData DATA = SimData.load();
  static final Duration MINUTE = Duration.ofMinutes(1);

  static Scenario scenario(int homes, Misbehaviour m) {
    Scenario s = ScenarioFile.load("summer-peak-ca").withHomes(homes);
    return new Scenario(
        s.name(),
        s.description(),
        s.day(),
        24,
        7,
        homes,
        Math.min(4, homes),
        s.regions(),
        s.mix(),
        m,
        s.event(),
        s.prices());
  }

  static DeviceId battery(SimFleet f) {
    return f.devices().stream()
        .filter(d -> d.kind() == DeviceKind.BATTERY)
        .findFirst()
        .orElseThrow()
        .id();
  }

  static List<Telemetry> run(SimFleet f, int minutes) {
    List<Telemetry> all = new ArrayList<>();
    Instant t = f.scenario().start().toInstant();
    for (int m = 0; m < minutes; m++) {
      f.step(t.plus(MINUTE.multipliedBy(m)), MINUTE, all::add);
    }
    return all;
  }

  @Test
  void theSameSeedGivesTheSameFleetAndTheSameDay() {
    Scenario s = scenario(300, ScenarioFile.load("summer-peak-ca").misbehaviour());
    SimFleet a = SimFleet.build(s, DATA);
    SimFleet b = SimFleet.build(s, DATA);
    List<Telemetry> ta = run(a, 120);
    List<Telemetry> tb = run(b, 120);
    assertThat(ta).isEqualTo(tb);
    assertThat(a.siteMeterTotalKwh()).isEqualTo(b.siteMeterTotalKwh());
  }

  /** Every car comes home every evening, not only on the first: a session a day. */
  @Test
  void everyCarComesHomeEveryEvening() {
    Scenario one = scenario(60, Misbehaviour.NONE);
    Scenario s =
        new Scenario(
            one.name(),
            one.description(),
            one.day(),
            24 * 4,
            one.seed(),
            one.homes(),
            one.feeders(),
            one.regions(),
            one.mix(),
            one.misbehaviour(),
            one.event(),
            one.prices());
    SimFleet f = SimFleet.build(s, DATA);
    int evs = f.evs().size();
    assertThat(evs).isPositive();
    Instant start = s.start().toInstant();
    for (int m = 0; m < 4 * 24 * 60; m++) {
      Instant t = start.plus(MINUTE.multipliedBy(m));
      f.step(t, MINUTE, SimFleet.NO_TELEMETRY);
      if (m % (24 * 60) == 23 * 60) {
        // 23:00 local: everyone arrived between 16:00 and 22:00 and stays at least 8 h
        long minute = Math.floorDiv(t.toEpochMilli(), 60_000L);
        for (int i = 0; i < evs; i++) {
          assertThat(f.evs().pluggedIn(i, minute)).as("EV " + i + " on day " + m / 1440).isTrue();
        }
      }
    }
    // each car left on the three mornings after the first evening, but for the few whose real
    // session lasted longer than a day
    assertThat(f.evSessionsEnded()).isBetween(3L * evs - evs / 5, 3L * evs);
    assertThat(f.evSessionsShort()).isLessThanOrEqualTo(f.evSessionsEnded());
  }

  /** A charging need is always for later than the report that says it, whatever the clock skew. */
  @Test
  void aChargingNeedIsNeverDueBeforeItsReport() {
    Scenario one = scenario(60, ScenarioFile.load("summer-peak-ca").misbehaviour());
    Scenario s =
        new Scenario(
            one.name(),
            one.description(),
            one.day(),
            48,
            one.seed(),
            one.homes(),
            one.feeders(),
            one.regions(),
            one.mix(),
            one.misbehaviour(),
            one.event(),
            one.prices());
    SimFleet f = SimFleet.build(s, DATA);
    List<Telemetry> all = run(f, 48 * 60);
    List<Telemetry> needs = all.stream().filter(t -> t.need().isPresent()).toList();
    assertThat(needs).isNotEmpty();
    assertThat(needs).allSatisfy(t -> assertThat(t.need().get().readyBy()).isAfter(t.at()));
    assertThat(f.evSessionsEnded()).isPositive();
  }

  @Test
  void mixOfDevicesFollowsTheScenario() {
    SimFleet f = SimFleet.build(scenario(2000, Misbehaviour.NONE), DATA);
    Map<DeviceKind, Long> count = new java.util.EnumMap<>(DeviceKind.class);
    f.devices().forEach(d -> count.merge(d.kind(), 1L, Long::sum));
    // summer-peak-ca: battery 1.0, ev 0.3, thermostat 0.7, pv 0.5, water heater 0.2.
    assertThat(count.get(DeviceKind.BATTERY)).isEqualTo(2000);
    assertThat(count.get(DeviceKind.EV_CHARGER)).isBetween(500L, 700L);
    assertThat(count.get(DeviceKind.THERMOSTAT)).isBetween(1300L, 1500L);
    assertThat(count.get(DeviceKind.PV_INVERTER)).isBetween(900L, 1100L);
    assertThat(count.get(DeviceKind.WATER_HEATER)).isBetween(320L, 480L);
  }

  @Test
  void regionsGetTheirShareOfHomesAndTheirOwnSun() {
    Scenario one = scenario(200, Misbehaviour.NONE);
    Scenario.Region fontana = one.regions().get(0);
    Scenario two =
        new Scenario(
            one.name(),
            one.description(),
            one.day(),
            24,
            1,
            200,
            4,
            List.of(
                new Scenario.Region(
                    "fontana",
                    fontana.latitude(),
                    fontana.longitude(),
                    fontana.zone(),
                    Scenario.Weather.FONTANA,
                    0.5),
                new Scenario.Region(
                    "greensboro",
                    36.1,
                    -79.95,
                    java.time.ZoneId.of("America/New_York"),
                    Scenario.Weather.GREENSBORO_TMY3,
                    0.5)),
            one.mix(),
            Misbehaviour.NONE,
            one.event(),
            one.prices());
    SimFleet f = SimFleet.build(two, DATA);
    assertThat(f.regionOf(0)).isZero();
    assertThat(f.regionOf(99)).isZero();
    assertThat(f.regionOf(100)).isEqualTo(1);
    assertThat(f.feedersIn(0)).isEqualTo(2);
    // Solar noon in Greensboro comes about 2.5 hours (of UTC) before Fontana's.
    Map<DeviceId, Integer> regionOfPv = new HashMap<>();
    for (int g = 0; g < f.devices().size(); g++) {
      if (f.kind(g) == DeviceKind.PV_INVERTER) {
        regionOfPv.put(f.devices().get(g).id(), f.regionOf(f.homeOf(g)));
      }
    }
    double[][] byMinute = new double[2][24 * 60];
    Instant t0 = two.start().toInstant();
    for (int m = 0; m < 24 * 60; m++) {
      int minute = m;
      f.step(
          t0.plus(MINUTE.multipliedBy(m)),
          MINUTE,
          t -> {
            Integer r = regionOfPv.get(t.device());
            if (r != null) {
              byMinute[r][minute] += -t.power().kilowatts();
            }
          });
    }
    double noonFontana = centroid(byMinute[0]);
    double noonGreensboro = centroid(byMinute[1]);
    assertThat(noonFontana - noonGreensboro).isBetween(120.0, 190.0);
  }

  /** The power-weighted mean minute of a day's generation. */
  static double centroid(double[] kw) {
    double sum = 0;
    double weighted = 0;
    for (int m = 0; m < kw.length; m++) {
      sum += kw[m];
      weighted += kw[m] * m;
    }
    return weighted / sum;
  }

  @Test
  void thermostatsAndTanksReportTheirTemperatures() {
    SimFleet f = SimFleet.build(scenario(60, Misbehaviour.NONE), DATA);
    List<Telemetry> seen = run(f, 5);
    Map<DeviceId, DeviceKind> kinds = new HashMap<>();
    f.devices().forEach(d -> kinds.put(d.id(), d.kind()));
    assertThat(seen)
        .filteredOn(t -> kinds.get(t.device()) == DeviceKind.THERMOSTAT)
        .isNotEmpty()
        .allSatisfy(
            t ->
                assertThat(t.temperature())
                    .hasValueSatisfying(c -> assertThat(c.celsius()).isBetween(15.0, 32.0)));
    assertThat(seen)
        .filteredOn(t -> kinds.get(t.device()) == DeviceKind.WATER_HEATER)
        .isNotEmpty()
        .allSatisfy(
            t ->
                assertThat(t.temperature())
                    .hasValueSatisfying(c -> assertThat(c.celsius()).isBetween(30.0, 75.0)));
    assertThat(seen)
        .filteredOn(t -> kinds.get(t.device()) == DeviceKind.BATTERY)
        .allSatisfy(t -> assertThat(t.temperature()).isEmpty());
    // EV chargers say whether a car is plugged in; at night, last evening's cars are not yet.
    assertThat(seen)
        .filteredOn(t -> kinds.get(t.device()) == DeviceKind.EV_CHARGER)
        .isNotEmpty()
        .allSatisfy(t -> assertThat(t.pluggedIn()).isPresent());
  }

  @Test
  void siteMetersAreHouseholdLoadPlusEveryDevice() {
    SimFleet f = SimFleet.build(scenario(100, Misbehaviour.NONE), DATA);
    run(f, 24 * 60);
    double site = sum(f.siteMeterTotalKwh());
    double devices = 0;
    for (DeviceKind k : DeviceKind.values()) {
      devices += sum(f.kindMeterTotalKwh(k));
    }
    double load = 0;
    for (int h = 0; h < 100; h++) {
      for (int hour = 0; hour < 24; hour++) {
        load += f.homeLoadKw(h, hour);
      }
    }
    assertThat(site).isCloseTo(load + devices, org.assertj.core.api.Assertions.within(1e-6));
    // A summer day: the PV generates, the air conditioners run.
    assertThat(sum(f.kindMeterTotalKwh(DeviceKind.PV_INVERTER))).isNegative();
    assertThat(sum(f.kindMeterTotalKwh(DeviceKind.THERMOSTAT))).isPositive();
    assertThat(sum(f.kindMeterTotalKwh(DeviceKind.WATER_HEATER))).isPositive();
  }

  static double sum(double[] values) {
    double s = 0;
    for (double v : values) {
      s += v;
    }
    return s;
  }

  @Test
  void aCommandActsAfterTheLatencyAndLapsesAtExpiry() {
    Misbehaviour slow = new Misbehaviour(60, 60, 1e9, 0, 0, 0, 0, 0, 0, 0);
    SimFleet f = SimFleet.build(scenario(1, slow), DATA);
    Instant t0 = f.scenario().start().toInstant();
    DeviceId bat = battery(f);
    f.deliver(new Command(bat, 1, Power.ofKilowatts(-3), t0, t0.plus(Duration.ofMinutes(3))));
    List<Double> power = new ArrayList<>();
    for (int m = 0; m < 4; m++) {
      f.step(t0.plus(MINUTE.multipliedBy(m)), MINUTE, x -> {});
      power.add(f.batteries().powerKw(0));
    }
    assertThat(power.get(0)).isNotEqualTo(-3.0);
    assertThat(power.subList(1, 3)).containsOnly(-3.0);
    assertThat(power.get(3)).isNotEqualTo(-3.0);
  }

  @Test
  void ignoringDevicesAcceptCommandsAndDoNothingDifferent() {
    Misbehaviour all = new Misbehaviour(0, 0, 1e9, 1.0, 0, 0, 0, 0, 0, 0);
    SimFleet f = SimFleet.build(scenario(1, all), DATA);
    Instant t0 = f.scenario().start().toInstant();
    f.deliver(new Command(battery(f), 1, Power.ofKilowatts(-4), t0, t0.plusSeconds(600)));
    f.step(t0, MINUTE, x -> {});
    assertThat(f.batteries().powerKw(0)).isNotEqualTo(-4.0);
  }

  @Test
  void lateTelemetryArrivesOutOfOrderAndOfflineDevicesFallSilent() {
    Misbehaviour m = new Misbehaviour(0, 0, 1e9, 0, 24, 30, 30, 0, 120, 0);
    SimFleet f = SimFleet.build(scenario(50, m), DATA);
    List<Telemetry> seen = run(f, 240);
    Map<DeviceId, Long> last = new HashMap<>();
    int outOfOrder = 0;
    for (Telemetry t : seen) {
      Long prev = last.get(t.device());
      if (prev != null && t.sequence() < prev) {
        outOfOrder++;
      } else {
        last.put(t.device(), t.sequence());
      }
    }
    assertThat(outOfOrder).isPositive();
    // About one offline spell of 30 minutes per device per hour: far fewer messages than steps.
    assertThat(seen.size()).isLessThan(f.devices().size() * 240 * 7 / 10);
  }

  @Test
  void commandsForUnknownDevicesAreRefused() {
    SimFleet f = SimFleet.build(scenario(1, Misbehaviour.NONE), DATA);
    Instant t0 = f.scenario().start().toInstant();
    assertThatThrownBy(
            () ->
                f.deliver(
                    new Command(DeviceId.of("nobody"), 1, Power.ZERO, t0, t0.plusSeconds(60))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no device nobody");
  }

  @Test
  void siteMetersAddUpTheHomes() {
    SimFleet f = SimFleet.build(scenario(40, Misbehaviour.NONE), DATA);
    run(f, 24 * 60);
    double[] total = f.siteMeterTotalKwh();
    double sum = 0;
    for (int h = 0; h < 40; h++) {
      for (double v : f.siteMeterKwh(h)) {
        sum += v;
      }
    }
    double totalSum = 0;
    for (double v : total) {
      totalSum += v;
    }
    assertThat(totalSum).isCloseTo(sum, org.assertj.core.api.Assertions.within(1e-6));
    assertThat(totalSum).isPositive();
  }

  @Test
  void whatABatteryCanHoldFlatItHoldsToItsReserve() {
    SimFleet f = SimFleet.build(scenario(10, Misbehaviour.NONE), DATA);
    Instant t0 = f.scenario().start().toInstant();
    for (int m = 0; m < 60; m++) {
      f.step(t0.plus(MINUTE.multipliedBy(m)), MINUTE, SimFleet.NO_TELEMETRY);
    }
    Instant start = t0.plus(Duration.ofHours(1));
    Duration span = Duration.ofHours(3);
    int held = 0;
    double[] asked = new double[10];
    for (int h = 0; h < 10; h++) {
      if (f.batteryDevice(h).isEmpty()) {
        assertThat(f.holdableDischargeKw(h, span)).isZero();
        continue;
      }
      int g = f.batteryDevice(h).getAsInt();
      int b = f.bankIndex(g);
      double kw = f.holdableDischargeKw(h, span);
      assertThat(kw).isBetween(0.0, f.batteries().maxDischargeKw(b));
      asked[h] = kw;
      f.deliver(
          new Command(f.devices().get(g).id(), 1, Power.ofKilowatts(-kw), start, start.plus(span)));
      held += kw > 0.5 ? 1 : 0;
    }
    assertThat(held).as("batteries with something to give").isPositive();
    double[] lowest = new double[10];
    java.util.Arrays.fill(lowest, Double.POSITIVE_INFINITY);
    for (int m = 0; m < 180; m++) {
      f.step(start.plus(MINUTE.multipliedBy(m)), MINUTE, SimFleet.NO_TELEMETRY);
      for (int h = 0; h < 10; h++) {
        if (f.batteryDevice(h).isPresent()) {
          lowest[h] = Math.min(lowest[h], -f.batteryPowerKw(h));
        }
      }
    }
    for (int h = 0; h < 10; h++) {
      if (f.batteryDevice(h).isEmpty() || asked[h] == 0) {
        continue; // none, or one at its reserve already (told to hold, its standby draws on)
      }
      int b = f.bankIndex(f.batteryDevice(h).getAsInt());
      double above = f.batteries().storedKwh(b) - f.batteries().reserveKwh(b);
      // held through every minute; never below the reserve; down to it at the end unless the
      // battery's power was the limit
      assertThat(lowest[h]).as("home %d's least discharge", h).isGreaterThan(asked[h] - 1e-6);
      assertThat(above).as("home %d above its reserve", h).isGreaterThan(-1e-6);
      if (asked[h] < f.batteries().maxDischargeKw(b) - 1e-9) {
        assertThat(above).as("home %d above its reserve", h).isLessThan(0.05);
      }
    }
  }
}
