package org.openvpp.sim.thermal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.openvpp.check.ForAll;
import org.openvpp.check.IntRange;
import org.openvpp.check.Property;
import org.openvpp.device.DeviceId;
import org.openvpp.device.Thermostat;
import org.openvpp.dispatch.CommandNumbers;
import org.openvpp.dispatch.Setpoints;
import org.openvpp.dispatch.ThermostatDispatcher;
import org.openvpp.twin.TwinStore;
import org.openvpp.units.Power;
import org.openvpp.units.Temperature;

/**
 * Thermostats held off through an event by {@link ThermostatDispatcher}, against the simulator's
 * own homes ({@link ThermostatBank}, 2R2C): commands act after a latency and expire, telemetry is
 * late, some thermostats ignore commands, customers opt out and back in. No home is ever farther
 * outside its comfort band than the same home without the VPP.
 */
class ThermostatHoldTest {
  static final long T0 = Instant.parse("2023-06-01T07:00:00Z").getEpochSecond() / 60; // 00:00 PDT
  static final int PDT = -7 * 60;
  static final Duration STEP = Duration.ofMinutes(1);

  /** The VPP's homes, the same homes alone, and the network between them. */
  static final class Loop {
    final int n;
    final List<ThermalHomeSpec> specs;
    final ThermostatBank bank;
    final ThermostatBank alone;
    final TwinStore twins = new TwinStore(Duration.ofMinutes(5));
    final int[] members;
    final boolean[] ignores;
    final int latency;
    final int delay;
    final ThermostatDispatcher dispatcher;
    final Setpoints batch = new Setpoints();
    final ArrayDeque<double[]> inFlight = new ArrayDeque<>();
    final ArrayDeque<double[][]> reports = new ArrayDeque<>();
    final double[] worstExcess;
    final double[] worstExcessAlone;
    final double peakC;
    long seq;
    long holdsToOptedOut;

    Loop(int n, long seed, int latency, int delay, double marginC, Duration spread, double peakC) {
      this.n = n;
      this.peakC = peakC;
      this.latency = latency;
      this.delay = delay;
      specs = ThermalDraws.homes(n, seed, HvacMode.COOL);
      double[] t0 = ThermalDraws.initialIndoorC(specs, T0, PDT, seed);
      bank = new ThermostatBank(specs, t0);
      alone = new ThermostatBank(specs, t0);
      members = new int[n];
      ignores = new boolean[n];
      worstExcess = new double[n];
      worstExcessAlone = new double[n];
      for (int i = 0; i < n; i++) {
        ThermalHomeSpec s = specs.get(i);
        members[i] =
            twins.register(
                new Thermostat(
                    DeviceId.of("t" + i),
                    s.hvac().electricPower(),
                    s.hvac().copCooling(),
                    Temperature.ofCelsius(s.thermostat().comfortLowC()),
                    Temperature.ofCelsius(s.thermostat().comfortHighC())));
      }
      dispatcher =
          new ThermostatDispatcher(
              twins,
              STEP,
              STEP.multipliedBy(5),
              STEP.multipliedBy(latency + delay + 1),
              Temperature.ofCelsius(marginC),
              spread,
              new CommandNumbers());
    }

    double ratedKw() {
      double kw = 0;
      for (int i = 0; i < n; i++) {
        kw += bank.ratedKw(i);
      }
      return kw;
    }

    void step(long m, double reductionKw) {
      long minute = T0 + m;
      Instant now = Instant.ofEpochSecond(minute * 60);
      int sent = dispatcher.step(now, Power.ofKilowatts(reductionKw), members, batch);
      double[] landing = new double[2 * sent + 1];
      for (int c = 0; c < sent; c++) {
        int d = batch.ordinal(c);
        if (twins.isOptedOut(d) && batch.kilowatts(c) < twins.maxChargeKw(d) - 1e-9) {
          holdsToOptedOut++;
        }
        landing[2 * c] = d;
        landing[2 * c + 1] = batch.kilowatts(c);
      }
      landing[2 * sent] = batch.expiresMillis();
      inFlight.addLast(landing);
      if (inFlight.size() > latency) {
        double[] l = inFlight.removeFirst();
        long expiresMinute = Math.floorDiv((long) l[l.length - 1] + 59_999, 60_000L);
        for (int c = 0; c + 1 < l.length; c += 2) {
          int i = (int) l[c];
          if (!ignores[i]) {
            boolean off = l[c + 1] < bank.ratedKw(i) - 1e-9;
            bank.holdOff(i, off ? expiresMinute : Long.MIN_VALUE / 4);
          }
        }
      }
      double out = outdoorC(minute, peakC);
      double sun = solarWm2(minute);
      bank.step(0, n, minute, PDT, out, sun);
      alone.step(0, n, minute, PDT, out, sun);
      double[][] report = new double[n][];
      for (int i = 0; i < n; i++) {
        double high = specs.get(i).thermostat().comfortHighC();
        worstExcess[i] = Math.max(worstExcess[i], bank.indoorC(i) - high);
        worstExcessAlone[i] = Math.max(worstExcessAlone[i], alone.indoorC(i) - high);
        report[i] = new double[] {bank.powerKw(i), bank.indoorC(i)};
      }
      reports.addLast(report);
      if (reports.size() > delay) {
        double[][] r = reports.removeFirst();
        long at = (minute + 1 - delay) * 60_000L;
        for (int i = 0; i < n; i++) {
          twins.apply(members[i], ++seq, at, r[i][0], 0, r[i][1], -1);
        }
      }
    }
  }

  /** A summer day peaking at {@code peakC} at 16:00 local, 14 °C cooler at 04:00. */
  static double outdoorC(long minute, double peakC) {
    double hour = Math.floorMod(minute + PDT, 1440) / 60.0;
    return peakC - 7 + 7 * Math.cos((hour - 16) / 24 * 2 * Math.PI);
  }

  static double solarWm2(long minute) {
    double hour = Math.floorMod(minute + PDT, 1440) / 60.0;
    return hour < 6 || hour > 20 ? 0 : 850 * Math.sin((hour - 6) / 14 * Math.PI);
  }

  @Property(tries = 150)
  void noHomeIsLeftFartherOutsideItsComfortBandThanWithoutTheVpp(
      @ForAll @IntRange(min = 1, max = 30) int homes,
      @ForAll @IntRange(min = 0, max = 2) int latency,
      @ForAll @IntRange(min = 0, max = 1) int delay,
      @ForAll @IntRange(min = 0, max = 60) int spreadMinutes,
      @ForAll @IntRange(min = 28, max = 42) int peakC,
      @ForAll long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    Loop loop =
        new Loop(homes, seed, latency, delay, 0.3, Duration.ofMinutes(spreadMinutes), peakC);
    for (int i = 0; i < homes; i++) {
      loop.ignores[i] = r.nextInt(10) == 0;
    }
    int eventStart = (12 + r.nextInt(6)) * 60;
    int eventEnd = eventStart + 60 + r.nextInt(180);
    double asked = loop.ratedKw() * r.nextDouble();
    for (long m = 0; m < 23 * 60; m++) {
      if (r.nextInt(300) == 0) {
        int i = r.nextInt(homes);
        loop.twins.setOptedOut(loop.members[i], !loop.twins.isOptedOut(loop.members[i]));
      }
      loop.step(m, m >= eventStart && m < eventEnd ? asked : 0);
    }
    for (int i = 0; i < homes; i++) {
      assertThat(loop.worstExcess[i])
          .as("home %d: worst excess over its comfort band, °C, with the VPP", i)
          .isLessThanOrEqualTo(Math.max(0, loop.worstExcessAlone[i]) + 0.05);
    }
    assertThat(loop.holdsToOptedOut).as("holds sent to opted-out thermostats").isZero();
  }

  /**
   * 200 homes on a 32 °C afternoon asked for 150 kW through a three-hour event: they give part of
   * it, and none leaves its band more than it would alone.
   */
  @Test
  void anAfternoonEventHoldsThePlantsOffAndLetsThemGoGently() {
    int homes = 200;
    Loop loop = new Loop(homes, 11, 1, 1, 0.3, Duration.ofMinutes(30), 32);
    int eventStart = 16 * 60;
    int eventEnd = 19 * 60;
    double before = 0;
    double during = 0;
    double withoutDuring = 0;
    double maxAfter = 0;
    double maxAfterAlone = 0;
    int heldMost = 0;
    for (long m = 0; m < 23 * 60; m++) {
      loop.step(m, m >= eventStart && m < eventEnd ? 150 : 0);
      heldMost = Math.max(heldMost, loop.dispatcher.heldCount());
      double kw = loop.bank.totalPowerKw(0, homes);
      double aloneKw = loop.alone.totalPowerKw(0, homes);
      if (m >= eventStart - 60 && m < eventStart) {
        before += kw / 60;
      } else if (m >= eventStart && m < eventEnd) {
        during += kw / 180;
        withoutDuring += aloneKw / 180;
      } else if (m >= eventEnd && m < eventEnd + 120) {
        maxAfter = Math.max(maxAfter, kw);
        maxAfterAlone = Math.max(maxAfterAlone, aloneKw);
      }
    }
    System.out.printf(
        "thermostats: before %.1f kW, event %.1f kW (alone %.1f), held at most %d, after peak %.1f"
            + " kW (alone %.1f)%n",
        before, during, withoutDuring, heldMost, maxAfter, maxAfterAlone);
    // Holds extend the plants' rests and end before a home leaves its band, so the reduction is a
    // third of what was asked on average (50 kW of 150 when this was written): the open-loop
    // estimate of what a hold saves is high, and homes warm through the event.
    assertThat(withoutDuring - during).as("mean reduction through the event, kW").isGreaterThan(30);
    for (int i = 0; i < homes; i++) {
      assertThat(loop.worstExcess[i])
          .isLessThanOrEqualTo(Math.max(0, loop.worstExcessAlone[i]) + 0.05);
    }
    assertThat(Optional.of(loop.dispatcher.heldCount())).contains(0);
  }
}
