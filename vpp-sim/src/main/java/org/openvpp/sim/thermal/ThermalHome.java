package org.openvpp.sim.thermal;

import java.util.List;
import org.openvpp.units.Energy;
import org.openvpp.units.Power;
import org.openvpp.units.Temperature;

/**
 * One home's thermal model, plant and thermostat: the same physics as {@link ThermostatBank} (it is
 * a bank of one), with typed quantities, for tests and examples.
 *
 * <p>Threads: not thread-safe; confine to one thread.
 */
public final class ThermalHome {

  private final ThermostatBank bank;

  /** A home whose air and mass start at {@code initialIndoor}, plant off. */
  public ThermalHome(ThermalHomeSpec spec, Temperature initialIndoor) {
    bank = new ThermostatBank(List.of(spec), new double[] {initialIndoor.celsius()});
  }

  /** What this home is. */
  public ThermalHomeSpec spec() {
    return bank.spec(0);
  }

  /** Advances by the minute starting at {@code epochMinute}; see {@link ThermostatBank#step}. */
  public void step(long epochMinute, int utcOffsetMinutes, Temperature outdoor, double solarWm2) {
    bank.step(0, 1, epochMinute, utcOffsetMinutes, outdoor.celsius(), solarWm2, 0);
  }

  /**
   * Advances by one minute with {@code extraGain} added to the home's constant internal gains (for
   * example a measured appliance load, which ends up as heat indoors).
   */
  public void step(
      long epochMinute,
      int utcOffsetMinutes,
      Temperature outdoor,
      double solarWm2,
      Power extraGain) {
    bank.step(
        0, 1, epochMinute, utcOffsetMinutes, outdoor.celsius(), solarWm2, extraGain.kilowatts());
  }

  /** See {@link ThermostatBank#setpointOffset}. */
  public void setpointOffset(double offsetC, long untilEpochMinute) {
    bank.setpointOffset(0, offsetC, untilEpochMinute);
  }

  /** See {@link ThermostatBank#dutyLimit}. */
  public void dutyLimit(double maxShare, int windowMinutes, long untilEpochMinute) {
    bank.dutyLimit(0, maxShare, windowMinutes, untilEpochMinute);
  }

  /** Ends any offset or duty limit now. */
  public void cancelCommands() {
    bank.cancelCommands(0);
  }

  public Temperature indoor() {
    return Temperature.ofCelsius(bank.indoorC(0));
  }

  public Temperature mass() {
    return Temperature.ofCelsius(bank.massC(0));
  }

  /** What the plant did during the last step. */
  public HvacState state() {
    return bank.state(0);
  }

  /** Whether the compressor ran during the last step. */
  public boolean compressorOn() {
    return bank.isRunning(0);
  }

  /** The plant's electric power during the last step (load convention). */
  public Power electricPower() {
    return Power.ofKilowatts(bank.powerKw(0));
  }

  /** The effective cooling setpoint (schedule + offset) at {@code epochMinute}. */
  public Temperature coolingSetpoint(long epochMinute, int utcOffsetMinutes) {
    return Temperature.ofCelsius(bank.coolingSetpointC(0, epochMinute, utcOffsetMinutes));
  }

  /** The effective heating setpoint (schedule + offset) at {@code epochMinute}. */
  public Temperature heatingSetpoint(long epochMinute, int utcOffsetMinutes) {
    return Temperature.ofCelsius(bank.heatingSetpointC(0, epochMinute, utcOffsetMinutes));
  }

  /** The heat accounts since this home was built. */
  public HeatAccounts accounts() {
    return new HeatAccounts(
        Energy.ofKilowattHours(bank.electricKwh(0)),
        bank.hvacHeatKwh(0),
        bank.envelopeHeatKwh(0),
        bank.gainsKwh(0),
        bank.storedHeatKwh(0));
  }
}
