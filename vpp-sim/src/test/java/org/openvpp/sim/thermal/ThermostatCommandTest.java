package org.openvpp.sim.thermal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.openvpp.check.DoubleRange;
import org.openvpp.check.ForAll;
import org.openvpp.check.IntRange;
import org.openvpp.check.Property;
import org.openvpp.units.Temperature;

/** Setpoint offsets, duty limits, their expiry, and compressor protection. */
class ThermostatCommandTest {

  static final long T0 = Instant.parse("2023-06-01T00:00:00Z").getEpochSecond() / 60;
  static final int PDT = -7 * 60;

  /** A warm day: 24-34 °C with the peak at 15:00 local, sun 6:00-20:00 up to 800 W/m². */
  static double outdoorC(long minute) {
    double hour = Math.floorMod(minute + PDT, 1440) / 60.0;
    return 29 + 5 * Math.cos((hour - 15) / 24 * 2 * Math.PI);
  }

  static double solarWm2(long minute) {
    double hour = Math.floorMod(minute + PDT, 1440) / 60.0;
    return hour < 6 || hour > 20 ? 0 : 800 * Math.sin((hour - 6) / 14 * Math.PI);
  }

  @Test
  void offsetKeepsEveryHomeWithinItsComfortBandWidenedByTheOffsetThenReturnsToSchedule() {
    int n = 300;
    List<ThermalHomeSpec> homes = ThermalDraws.homes(n, 5, HvacMode.COOL);
    long start = T0 + 7 * 60; // midnight local
    ThermostatBank bank =
        new ThermostatBank(homes, ThermalDraws.initialIndoorC(homes, start, PDT, 5));
    long eventStart = start + 16 * 60; // 16:00 local
    long eventEnd = eventStart + 3 * 60;
    double offset = 2;
    double preKw = 0;
    double firstHalfHourKw = 0;
    double eventKw = 0;
    double reboundKw = 0;
    long backInBand = 0;
    for (long t = start; t < eventEnd + 3 * 60; t++) {
      if (t == eventStart) {
        for (int i = 0; i < n; i++) {
          bank.setpointOffset(i, offset, eventEnd);
        }
      }
      bank.step(0, n, t, PDT, outdoorC(t), solarWm2(t));
      double kw = bank.totalPowerKw(0, n);
      boolean allInBand = true;
      for (int i = 0; i < n; i++) {
        ThermostatSettings s = homes.get(i).thermostat();
        double widen = t >= eventStart && t < eventEnd ? offset : 0;
        double indoor = bank.indoorC(i);
        if (t < eventEnd) {
          assertThat(indoor)
              .as("home %d at minute %d", i, t)
              .isBetween(s.comfortLowC(), s.comfortHighC() + widen);
        }
        allInBand &= indoor <= s.comfortHighC() && indoor >= s.comfortLowC();
      }
      if (t >= eventStart - 60 && t < eventStart) {
        preKw += kw / 60;
      } else if (t >= eventStart && t < eventStart + 30) {
        firstHalfHourKw += kw / 30;
      }
      if (t >= eventStart && t < eventEnd) {
        eventKw += kw / 180;
      } else if (t >= eventEnd && t < eventEnd + 60) {
        reboundKw += kw / 60;
      }
      if (t >= eventEnd && backInBand == 0 && allInBand) {
        backInBand = t - eventEnd + 1;
      }
      if (t >= eventEnd && backInBand > 0) {
        assertThat(allInBand).as("minute %d after expiry", t - eventEnd).isTrue();
      }
    }
    for (int i = 0; i < n; i++) {
      assertThat(bank.offsetC(i, eventEnd)).isZero();
      assertThat(bank.coolingSetpointC(i, eventEnd, PDT))
          .isEqualTo(homes.get(i).thermostat().schedule().coolingC(eventEnd, PDT));
    }
    System.out.printf(
        Locale.ROOT,
        "%d homes, +%.0f °C for 3 h from 16:00: fleet %.0f kW the hour before, %.0f kW in the first"
            + " 30 min, %.0f kW over the event, %.0f kW the hour after (rebound); every home back in"
            + " its comfort band %d min after expiry%n",
        n,
        offset,
        preKw,
        firstHalfHourKw,
        eventKw,
        reboundKw,
        backInBand);
    assertThat(firstHalfHourKw).isLessThan(0.5 * preKw);
    assertThat(eventKw).isLessThan(preKw);
    assertThat(reboundKw).isGreaterThan(eventKw);
    assertThat(backInBand).isBetween(1L, 90L);
  }

  @Test
  void negativeOffsetInHeatingModeCutsHeating() {
    ThermalHome home = new ThermalHome(Homes.heating(21), Temperature.ofCelsius(21));
    double before = 0;
    double during = 0;
    for (long t = 0; t < 6 * 60; t++) {
      if (t == 3 * 60) {
        home.setpointOffset(-2, t + 3 * 60);
      }
      home.step(t, 0, Temperature.ofCelsius(2), 0);
      if (t >= 2 * 60 && t < 3 * 60) {
        before += home.electricPower().kilowatts() / 60;
      } else if (t >= 3 * 60 && t < 4 * 60) {
        during += home.electricPower().kilowatts() / 60;
      }
      assertThat(home.indoor().celsius()).isBetween(21 - 1.5 - (t >= 180 ? 2 : 0), 21 + 6.0);
    }
    assertThat(before).isGreaterThan(0.5);
    assertThat(during).isLessThan(0.75 * before);
  }

  @Test
  void dutyLimitCapsOnTimeInEachWindowAndExpires() {
    ThermalHome home = new ThermalHome(Homes.cooling(24), Temperature.ofCelsius(24));
    long start = 0;
    long limitFrom = start + 6 * 60;
    long limitUntil = limitFrom + 4 * 60;
    int[] onPerWindow = new int[24];
    for (long t = start; t < start + 12 * 60; t++) {
      if (t == limitFrom) {
        home.dutyLimit(0.5, 30, limitUntil);
      }
      home.step(t, 0, Temperature.ofCelsius(37), 0);
      onPerWindow[(int) (t / 30)] += home.compressorOn() ? 1 : 0;
    }
    for (int w = 0; w < 24; w++) {
      long from = w * 30L;
      if (from >= limitFrom && from + 30 <= limitUntil) {
        assertThat(onPerWindow[w]).as("window %d", w).isLessThanOrEqualTo(15);
      }
    }
    // Unlimited before and after, the plant needs more than half the time at 37 °C.
    assertThat(onPerWindow[10] + onPerWindow[11]).isGreaterThan(30);
    assertThat(onPerWindow[22] + onPerWindow[23]).isGreaterThan(30);
    assertThat(onPerWindow[(int) (limitFrom / 30) + 1]).isEqualTo(15);
  }

  @Property(tries = 60)
  void dutyLimitAndCompressorProtectionHoldUnderAnyWeather(
      @ForAll @DoubleRange(min = 0.2, max = 1) double share,
      @ForAll @IntRange(min = 10, max = 60) int window,
      @ForAll @IntRange(min = 1, max = 8) int minOn,
      @ForAll @IntRange(min = 1, max = 8) int minOff,
      @ForAll @DoubleRange(min = 26, max = 42) double outdoor,
      @ForAll long seed) {
    ThermalHomeSpec base = Homes.cooling(24);
    ThermalHomeSpec spec =
        new ThermalHomeSpec(
            base.envelope(),
            new Hvac(base.hvac().electricPower(), 2.5, 2.8, 0.02, minOn, minOff),
            base.thermostat());
    ThermalHome home = new ThermalHome(spec, Temperature.ofCelsius(24));
    java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
    int budget = (int) Math.floor(share * window + 1e-9);
    long until = 10 * 60;
    home.dutyLimit(share, window, until);
    int run = 0;
    boolean was = false;
    boolean first = true;
    int used = 0;
    for (long t = 0; t < 12 * 60; t++) {
      double temp = outdoor + r.nextDouble(-2, 2);
      home.step(t, 0, Temperature.ofCelsius(temp), r.nextDouble(0, 900));
      boolean on = home.compressorOn();
      if (t % window == 0) {
        used = 0;
      }
      if (on && t < until) {
        used++;
        assertThat(used)
            .as("on-minutes in window of minute %d", t)
            .isLessThanOrEqualTo(budget >= minOn ? budget : budget + minOn - 1);
      }
      if (on == was) {
        run++;
      } else {
        if (!first) {
          assertThat(run)
              .as("%s run ending at %d", was ? "on" : "off", t)
              .isGreaterThanOrEqualTo(was ? minOn : minOff);
        }
        first = false;
        run = 1;
        was = on;
      }
    }
  }

  @Test
  void cancelReturnsToScheduleAtOnce() {
    ThermalHome home = new ThermalHome(Homes.cooling(24), Temperature.ofCelsius(24));
    home.setpointOffset(3, 1_000);
    home.dutyLimit(0, 30, 1_000);
    assertThat(home.coolingSetpoint(10, 0).celsius()).isEqualTo(27);
    home.cancelCommands();
    assertThat(home.coolingSetpoint(10, 0).celsius()).isEqualTo(24);
    for (long t = 0; t < 60; t++) {
      home.step(t, 0, Temperature.ofCelsius(40), 0);
    }
    assertThat(home.accounts().electricity().kilowattHours()).isGreaterThan(1);
  }

  @Test
  void zeroDutyKeepsThePlantOffUntilExpiry() {
    ThermalHome home = new ThermalHome(Homes.cooling(24), Temperature.ofCelsius(25));
    home.dutyLimit(0, 30, 60);
    for (long t = 0; t < 60; t++) {
      home.step(t, 0, Temperature.ofCelsius(35), 500);
      assertThat(home.compressorOn()).isFalse();
    }
    home.step(60, 0, Temperature.ofCelsius(35), 500);
    assertThat(home.compressorOn()).isTrue();
    assertThat(home.state()).isEqualTo(HvacState.COOLING);
  }
}
