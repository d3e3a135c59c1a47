package org.openvpp.flex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openvpp.device.DeviceId;
import org.openvpp.device.EvCharger;
import org.openvpp.device.PvInverter;
import org.openvpp.device.Thermostat;
import org.openvpp.device.Vehicle;
import org.openvpp.device.WaterHeater;
import org.openvpp.time.Horizon;
import org.openvpp.units.Energy;
import org.openvpp.units.Power;
import org.openvpp.units.Temperature;

/** Envelopes of each device kind against numbers worked by hand (in the comments). */
class DeviceEnvelopesTest {
  static final Instant T0 = Instant.parse("2019-08-15T00:00:00Z");
  static final Horizon H8 = new Horizon(T0, Duration.ofHours(1), 8);
  static final Horizon H4 = new Horizon(T0, Duration.ofHours(1), 4);

  static EvCharger charger(double kw, boolean v2g) {
    return new EvCharger(
        DeviceId.of("ev"),
        Power.ofKilowatts(kw),
        v2g,
        new Vehicle(Energy.ofKilowattHours(60), Power.ofKilowatts(11), v2g));
  }

  static EvSession session(String in, String out, String ready, double needed) {
    return new EvSession(
        Instant.parse("2019-08-15T" + in + ":00Z"),
        Instant.parse("2019-08-15T" + out + ":00Z"),
        Instant.parse("2019-08-15T" + ready + ":00Z"),
        Energy.ofKilowattHours(needed),
        Energy.ofKilowattHours(20));
  }

  static double[] minKwh(FlexEnvelope e) {
    double[] v = new double[e.horizon().count()];
    for (int i = 0; i < v.length; i++) {
      v[i] = e.minEnergy(i).kilowattHours();
    }
    return v;
  }

  static double[] maxKwh(FlexEnvelope e) {
    double[] v = new double[e.horizon().count()];
    for (int i = 0; i < v.length; i++) {
      v[i] = e.maxEnergy(i).kilowattHours();
    }
    return v;
  }

  static double[] maxKw(FlexEnvelope e) {
    double[] v = new double[e.horizon().count()];
    for (int i = 0; i < v.length; i++) {
      v[i] = e.maxPower(i).kilowatts();
    }
    return v;
  }

  static double[] minKw(FlexEnvelope e) {
    double[] v = new double[e.horizon().count()];
    for (int i = 0; i < v.length; i++) {
      v[i] = e.minPower(i).kilowatts();
    }
    return v;
  }

  @Test
  void evChargesOnlyWhilePluggedInAndMeetsTheNeedByReadyBy() {
    // 4 kW, plugged 01:30-06:00, 10 kWh by 05:00. Per hour it can take 0, 2, 4, 4, 4, 4, 0, 0 kWh;
    // intervals ending by 05:00 can deliver 2 + 4 + 4 + 4 = 14. Latest start: after hour i full
    // power still gives 12, 8, 4, 0, so at least 0, 0, 2, 6, 10 must be in by the ends of hours
    // 0-4.
    FlexEnvelope e =
        DeviceEnvelopes.ev(charger(4, false), session("01:30", "06:00", "05:00", 10), H8);
    assertThat(maxKw(e)).containsExactly(0, 2, 4, 4, 4, 4, 0, 0);
    assertThat(minKw(e)).containsOnly(0);
    assertThat(minKwh(e)).containsExactly(0, 0, 2, 6, 10, 10, 10, 10);
    assertThat(maxKwh(e)).containsExactly(0, 2, 6, 10, 14, 18, 18, 18);
    assertThat(e.admits(new double[] {0, 0, 2, 4, 4, 0, 0, 0})).isTrue(); // latest start
    assertThat(e.admits(new double[] {0, 2, 4, 3, 0, 0, 0, 0})).isFalse(); // 9 kWh by 05:00
    assertThat(e.admits(new double[] {0, 2, 4, 4, 0, 0, 1, 0})).isFalse(); // charges after leaving
  }

  @Test
  void evEnergyIsCappedByHeadroomAndTheNeedByWhatTheStayAllows() {
    // Needs 16 kWh but the stay gives 14 by 05:00: the need is cut to 14; headroom 20 caps the
    // rest.
    FlexEnvelope e =
        DeviceEnvelopes.ev(charger(4, false), session("01:30", "06:00", "05:00", 16), H8);
    assertThat(minKwh(e)).containsExactly(0, 2, 6, 10, 14, 14, 14, 14);
    assertThat(e.maxEnergy(7).kilowattHours()).isEqualTo(18);
  }

  @Test
  void evMayDischargeOnlyWithV2gAndNeverBelowWhatItBrought() {
    FlexEnvelope e =
        DeviceEnvelopes.ev(charger(4, true), session("01:30", "06:00", "05:00", 0), H8);
    assertThat(minKw(e)).containsExactly(0, -2, -4, -4, -4, -4, 0, 0);
    assertThat(minKwh(e)).containsOnly(0);
    assertThat(e.admits(new double[] {0, 2, -2, 0, 0, 0, 0, 0})).isTrue();
    assertThat(e.admits(new double[] {0, -1, 0, 0, 0, 0, 0, 0})).isFalse();
  }

  @Test
  void evReadyAfterTheHorizonCountsTheTimeBeyondAtFullPower() {
    // 4 kW, plugged 05:00-12:00, 20 kWh by 12:00; the horizon ends at 08:00 (4 h beyond: 16 kWh),
    // so by 08:00 at least 4 kWh, and by 07:00 at least 0.
    FlexEnvelope e =
        DeviceEnvelopes.ev(charger(4, false), session("05:00", "12:00", "12:00", 20), H8);
    assertThat(minKwh(e)).containsExactly(0, 0, 0, 0, 0, 0, 0, 4);
  }

  static Thermostat thermostat(double ratedKw, double low, double high) {
    return new Thermostat(
        DeviceId.of("t"),
        Power.ofKilowatts(ratedKw),
        2.5,
        Temperature.ofCelsius(low),
        Temperature.ofCelsius(high));
  }

  @Test
  void hvacCoolingIsAVirtualBatteryAroundTheBaseline() {
    // R = 2 °C/kW, C = 2 kWh/°C, COP 2.5, 35 °C outdoors, holding 24 °C in a 22-26 band, 1 h steps.
    // Baseline (35 - 24) / (2 · 2.5) = 2.2 kW. Room either side: C · 2 °C / COP = 1.6 kWh.
    // α = e^-0.25 = 0.778801, β = RC(1 - α)/Δt = 0.884797, half width 1.6 / β / 2 = 0.904162 kWh.
    FlexEnvelope e =
        DeviceEnvelopes.hvac(
            thermostat(4, 22, 26),
            new ThermalModel(2, 2),
            HvacMode.COOLING,
            Temperature.ofCelsius(24),
            Temperature.ofCelsius(24),
            new double[] {35, 35, 35, 35},
            H4);
    double half = 1.6 / (4 * (1 - Math.exp(-0.25))) / 2;
    assertThat(half).isCloseTo(0.904162, within(1e-6));
    assertThat(maxKw(e)).containsOnly(4);
    assertThat(minKw(e)).containsOnly(0);
    for (int k = 0; k < 4; k++) {
      assertThat(e.minEnergy(k).kilowattHours()).isCloseTo(2.2 * (k + 1) - half, within(1e-9));
      assertThat(e.maxEnergy(k).kilowattHours()).isCloseTo(2.2 * (k + 1) + half, within(1e-9));
    }
    assertThat(e.admits(new double[] {2.2, 2.2, 2.2, 2.2})).isTrue();
    assertThat(e.admits(new double[] {3.1, 2.2, 2.2, 1.3})).isTrue(); // pre-cool, then give back
    assertThat(e.admits(new double[] {4, 4, 0, 0})).isFalse();
  }

  @Test
  void hvacHeatingBaselineFollowsTheOutdoorForecast() {
    // Heating at 20 °C in 19-21: baseline (20 - T_out)/(R · COP) = 3.0 kW at 5 °C, 2.0 kW at 10 °C.
    // Room either side C · 1 °C / COP = 0.8 kWh; half width 0.8 / β / 2 = 0.452081 kWh.
    FlexEnvelope e =
        DeviceEnvelopes.hvac(
            thermostat(5, 19, 21),
            new ThermalModel(2, 2),
            HvacMode.HEATING,
            Temperature.ofCelsius(20),
            Temperature.ofCelsius(20),
            new double[] {5, 5, 10, 10},
            H4);
    double half = 0.8 / (4 * (1 - Math.exp(-0.25))) / 2;
    assertThat(minKwh(e))
        .containsExactly(new double[] {3 - half, 6 - half, 8 - half, 10 - half}, within(1e-9));
    assertThat(maxKwh(e))
        .containsExactly(new double[] {3 + half, 6 + half, 8 + half, 10 + half}, within(1e-9));
  }

  @Test
  void hvacThatCannotHoldTheSetpointOffersNoFlexibility() {
    // Holding 20 °C at 5 °C outdoors needs 3 kW; a 2 kW plant runs flat out and the home cools
    // below 19 °C, so the envelope is the baseline alone: 2 kW in every hour.
    FlexEnvelope e =
        DeviceEnvelopes.hvac(
            thermostat(2, 19, 21),
            new ThermalModel(2, 2),
            HvacMode.HEATING,
            Temperature.ofCelsius(20),
            Temperature.ofCelsius(20),
            new double[] {5, 5, 5, 5},
            H4);
    assertThat(minKwh(e)).containsExactly(new double[] {2, 4, 6, 8}, within(1e-9));
    assertThat(maxKwh(e)).containsExactly(new double[] {2, 4, 6, 8}, within(1e-9));
  }

  @Test
  void waterHeaterKeepsTheTankBetweenItsTemperatures() {
    // 200 L between 50 and 60 °C: k = 200 · 4.186 / 3600 = 0.232556 kWh/K, so 2.32556 kWh of room;
    // at 55 °C it holds 1.16278 above the minimum. Draws 2, 0, 1, 0 kWh (cumulative 2, 2, 3, 3):
    // electricity at least drawn - 1.16278, at most drawn + 1.16278, and at most 4.5 kW · t.
    WaterHeater heater =
        new WaterHeater(
            DeviceId.of("wh"),
            Power.ofKilowatts(4.5),
            200,
            Temperature.ofCelsius(50),
            Temperature.ofCelsius(60));
    FlexEnvelope e =
        DeviceEnvelopes.waterHeater(
            heater, Temperature.ofCelsius(55), new double[] {2, 0, 1, 0}, H4);
    double s0 = 200 * 4.186 / 3600 * 5;
    assertThat(s0).isCloseTo(1.16278, within(1e-5));
    assertThat(minKwh(e))
        .containsExactly(new double[] {2 - s0, 2 - s0, 3 - s0, 3 - s0}, within(1e-9));
    assertThat(maxKwh(e))
        .containsExactly(new double[] {2 + s0, 2 + s0, 3 + s0, 3 + s0}, within(1e-9));
    assertThat(maxKw(e)).containsOnly(4.5);
    assertThat(e.admits(new double[] {0.9, 0, 1, 0})).isTrue();
    assertThat(e.admits(new double[] {0.5, 0, 0, 0})).isFalse(); // the tank falls below 50 °C
  }

  @Test
  void pvMayBeCurtailedFromMinusItsForecastUpToZero() {
    // Forecast 0, 3, 5, 1 kW on a 4 kW inverter: it gives 0, 3, 4, 1 at most.
    PvInverter pv =
        new PvInverter(DeviceId.of("pv"), Power.ofKilowatts(5), Power.ofKilowatts(4), true);
    FlexEnvelope e = DeviceEnvelopes.pvCurtailment(pv, new double[] {0, 3, 5, 1}, H4);
    assertThat(minKw(e)).containsExactly(0, -3, -4, -1);
    assertThat(maxKw(e)).containsOnly(0);
    assertThat(minKwh(e)).containsExactly(0, -3, -7, -8);
    assertThat(maxKwh(e)).containsOnly(0);
    PvInverter fixed =
        new PvInverter(DeviceId.of("pv"), Power.ofKilowatts(5), Power.ofKilowatts(4), false);
    FlexEnvelope f = DeviceEnvelopes.pvCurtailment(fixed, new double[] {0, 3, 5, 1}, H4);
    assertThat(maxKw(f)).containsExactly(0, -3, -4, -1);
    assertThat(maxKwh(f)).containsExactly(0, -3, -7, -8);
  }

  @Test
  void envelopesOfEveryKindAddUpInTheBlockAsOneByOne() {
    PvInverter pv =
        new PvInverter(DeviceId.of("pv"), Power.ofKilowatts(5), Power.ofKilowatts(4), true);
    List<FlexEnvelope> all =
        List.of(
            DeviceEnvelopes.pvCurtailment(pv, new double[] {0, 3, 5, 1}, H4),
            DeviceEnvelopes.hvac(
                thermostat(4, 22, 26),
                new ThermalModel(2, 2),
                HvacMode.COOLING,
                Temperature.ofCelsius(24),
                Temperature.ofCelsius(24),
                new double[] {35, 35, 35, 35},
                H4),
            DeviceEnvelopes.ev(charger(4, false), session("01:30", "06:00", "03:00", 3), H4),
            DeviceEnvelopes.battery(
                FlexEnvelopeTest.battery(10, 5, 2), Energy.ofKilowattHours(6), H4));
    EnvelopeBlock block = new EnvelopeBlock(H4, all.size());
    for (int d = 0; d < all.size(); d++) {
      block.set(d, all.get(d));
    }
    FlexEnvelope total = block.sum(all.size());
    assertThat(total).isEqualTo(FlexEnvelope.sum(H4, all));
    // PV at its forecast, HVAC at baseline, the EV's latest start (1 + 2 by 03:00), battery idle.
    double[] sum = {0 + 2.2, -3 + 2.2 + 1, -4 + 2.2 + 2, -1 + 2.2};
    assertThat(total.admits(sum)).isTrue();
  }
}
