package org.openvpp.flex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import org.openvpp.check.DoubleRange;
import org.openvpp.check.ForAll;
import org.openvpp.check.IntRange;
import org.openvpp.check.Property;
import org.openvpp.device.DeviceId;
import org.openvpp.device.EvCharger;
import org.openvpp.device.Thermostat;
import org.openvpp.device.Vehicle;
import org.openvpp.time.Horizon;
import org.openvpp.units.Energy;
import org.openvpp.units.Power;
import org.openvpp.units.Temperature;

/**
 * What the HVAC and EV envelopes promise, checked against an independent simulation of the same
 * physics: profiles drawn at random inside each envelope (often at its edges) keep the home in its
 * comfort band and deliver the vehicle's energy by its ready-by time.
 */
class DeviceEnvelopePropertiesTest {
  static final Instant T0 = Instant.parse("2019-08-15T00:00:00Z");
  static final Horizon DAY = new Horizon(T0, Duration.ofMinutes(15), 96);

  @Property(tries = 300)
  void everyProfileInsideTheHvacEnvelopeKeepsTheHomeInItsComfortBand(
      @ForAll @DoubleRange(min = 0.5, max = 5) double r,
      @ForAll @DoubleRange(min = 0.5, max = 12) double c,
      @ForAll @DoubleRange(min = 1.5, max = 4.5) double cop,
      @ForAll @DoubleRange(min = 1, max = 8) double ratedKw,
      @ForAll @DoubleRange(min = 17, max = 24) double low,
      @ForAll @DoubleRange(min = 1, max = 5) double width,
      @ForAll @DoubleRange(min = 0.1, max = 0.9) double setpointAt,
      @ForAll boolean cooling,
      @ForAll long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    double high = low + width;
    double setpoint = low + setpointAt * width;
    HvacMode mode = cooling ? HvacMode.COOLING : HvacMode.HEATING;
    double s = cooling ? -1 : 1;
    // Outdoor temperatures the plant can hold the setpoint against: 0..rated baseline power.
    double[] outdoor = new double[DAY.count()];
    double phase = rnd.nextDouble() * 6.28;
    for (int k = 0; k < outdoor.length; k++) {
      double share = 0.5 + 0.45 * Math.sin(phase + k * 2 * Math.PI / 96) * rnd.nextDouble();
      outdoor[k] = setpoint - s * share * r * cop * ratedKw;
    }
    Thermostat t =
        new Thermostat(
            DeviceId.of("t"),
            Power.ofKilowatts(ratedKw),
            cop,
            Temperature.ofCelsius(low),
            Temperature.ofCelsius(high));
    FlexEnvelope e =
        DeviceEnvelopes.hvac(
            t,
            new ThermalModel(r, c),
            mode,
            Temperature.ofCelsius(setpoint),
            Temperature.ofCelsius(setpoint),
            outdoor,
            DAY);
    double[] kw = profileInside(e, rnd);
    assertThat(e.admits(kw)).isTrue();
    // Simulate the 1R1C model exactly, 10 sub-steps per interval.
    double dt = DAY.stepHours() / 10;
    double decay = Math.exp(-dt / (r * c));
    double temp = setpoint;
    for (int k = 0; k < kw.length; k++) {
      double steady = outdoor[k] + s * r * cop * kw[k];
      for (int m = 0; m < 10; m++) {
        temp = steady + (temp - steady) * decay;
        assertThat(temp).as("indoor at interval %d", k).isBetween(low - 1e-6, high + 1e-6);
      }
    }
  }

  @Property(tries = 500)
  void everyProfileInsideTheEvEnvelopeDeliversTheNeedByReadyBy(
      @ForAll @DoubleRange(min = 1.4, max = 11.5) double rateKw,
      @ForAll @IntRange(min = 0, max = 1200) int arrivalMinute,
      @ForAll @IntRange(min = 30, max = 900) int stayMinutes,
      @ForAll @DoubleRange(min = 0, max = 1) double readyAt,
      @ForAll @DoubleRange(min = 0, max = 1) double needShare,
      @ForAll boolean v2g,
      @ForAll long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    Instant arrival = T0.plus(Duration.ofMinutes(arrivalMinute));
    Instant departure = arrival.plus(Duration.ofMinutes(stayMinutes));
    Instant horizonEnd = DAY.end();
    Instant lastReady = departure.isBefore(horizonEnd) ? departure : horizonEnd;
    long readyMinutes = Duration.between(arrival, lastReady).toMinutes();
    Instant readyBy = arrival.plus(Duration.ofMinutes(Math.round(readyAt * readyMinutes)));
    // Charging time inside whole intervals that end by readyBy.
    long gridReady = Duration.between(T0, readyBy).toMinutes() / 15 * 15;
    double usableHours = Math.max(0, gridReady - arrivalMinute) / 60.0;
    double needed = needShare * rateKw * usableHours;
    EvCharger charger =
        new EvCharger(
            DeviceId.of("ev"),
            Power.ofKilowatts(rateKw),
            v2g,
            new Vehicle(Energy.ofKilowattHours(80), Power.ofKilowatts(11.5), v2g));
    EvSession session =
        new EvSession(
            arrival,
            departure,
            readyBy,
            Energy.ofKilowattHours(needed),
            Energy.ofKilowattHours(needed + 30 * rnd.nextDouble()));
    FlexEnvelope e = DeviceEnvelopes.ev(charger, session, DAY);
    double[] kw = profileInside(e, rnd);
    assertThat(e.admits(kw)).isTrue();
    double limit = Math.min(rateKw, 11.5);
    double delivered = 0;
    for (int i = 0; i < kw.length; i++) {
      Instant from = DAY.interval(i).start();
      Instant to = DAY.interval(i).end();
      boolean plugged = to.isAfter(arrival) && from.isBefore(departure);
      if (!plugged) {
        // zero, to rounding: a profile built inside the energy bounds can come out at -9e-16 kW
        assertThat(kw[i]).as("power while away, interval %d", i).isCloseTo(0, within(1e-9));
      }
      assertThat(Math.abs(kw[i])).isLessThanOrEqualTo(limit + 1e-9);
      if (!v2g) {
        // no discharge without V2G, to the same rounding as the limit above (a profile built
        // inside the envelope's energy bounds can come out at -2e-15 kW)
        assertThat(kw[i]).isGreaterThanOrEqualTo(-1e-9);
      }
      if (!to.isAfter(readyBy)) {
        delivered += kw[i] * DAY.stepHours();
      }
    }
    assertThat(delivered).isGreaterThanOrEqualTo(needed - 1e-6);
  }

  @Property(tries = 300)
  void everyProfileInsideTheWaterHeaterEnvelopeKeepsTheTankInItsBand(
      @ForAll @DoubleRange(min = 1, max = 6) double elementKw,
      @ForAll @DoubleRange(min = 80, max = 300) double litres,
      @ForAll @DoubleRange(min = 45, max = 55) double tMin,
      @ForAll @DoubleRange(min = 3, max = 20) double band,
      @ForAll @DoubleRange(min = 0, max = 1) double startAt,
      @ForAll long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    double tMax = tMin + band;
    double start = tMin + startAt * band;
    // Draws the element can keep up with: each interval at most 80 % of what it makes.
    double[] draws = new double[DAY.count()];
    for (int i = 0; i < draws.length; i++) {
      draws[i] = rnd.nextDouble() < 0.2 ? 0.8 * elementKw * DAY.stepHours() * rnd.nextDouble() : 0;
    }
    org.openvpp.device.WaterHeater heater =
        new org.openvpp.device.WaterHeater(
            DeviceId.of("wh"),
            Power.ofKilowatts(elementKw),
            litres,
            Temperature.ofCelsius(tMin),
            Temperature.ofCelsius(tMax));
    FlexEnvelope e = DeviceEnvelopes.waterHeater(heater, Temperature.ofCelsius(start), draws, DAY);
    double[] kw = profileInside(e, rnd);
    assertThat(e.admits(kw)).isTrue();
    double kwhPerK = litres * 4.186 / 3600;
    double temp = start;
    for (int i = 0; i < kw.length; i++) {
      assertThat(kw[i]).isBetween(-1e-9, elementKw + 1e-9);
      temp += (kw[i] * DAY.stepHours() - draws[i]) / kwhPerK;
      assertThat(temp).as("tank at interval %d", i).isBetween(tMin - 1e-6, tMax + 1e-6);
    }
  }

  /**
   * A random profile inside {@code e}: each interval's power drawn between what its power band and
   * the cumulative energy band allow given the energy so far, often at either end.
   */
  static double[] profileInside(FlexEnvelope e, SplittableRandom rnd) {
    int n = e.horizon().count();
    double hours = e.horizon().stepHours();
    double[] kw = new double[n];
    double energy = 0;
    for (int i = 0; i < n; i++) {
      double lo =
          Math.max(e.minPower(i).kilowatts(), (e.minEnergy(i).kilowattHours() - energy) / hours);
      double hi =
          Math.min(e.maxPower(i).kilowatts(), (e.maxEnergy(i).kilowattHours() - energy) / hours);
      assertThat(lo).as("room at interval %d", i).isLessThanOrEqualTo(hi + 1e-9);
      double pick = rnd.nextDouble();
      kw[i] = pick < 0.3 ? lo : pick < 0.6 ? hi : lo + (hi - lo) * rnd.nextDouble();
      kw[i] = Math.clamp(kw[i], Math.min(lo, hi), hi);
      energy += kw[i] * hours;
    }
    return kw;
  }
}
