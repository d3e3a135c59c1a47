package org.openvpp.sim.waterheater;

import java.util.List;
import org.openvpp.units.Checks;
import org.openvpp.units.Energy;
import org.openvpp.units.Power;
import org.openvpp.units.Temperature;

/**
 * One storage water heater and its household: the same physics as {@link WaterHeaterBank} (it is a
 * bank of one), with typed quantities, for tests and examples.
 *
 * <p>Threads: not thread-safe; confine to one thread.
 */
public final class StorageWaterHeater {

  private final WaterHeaterBank bank;

  /** A tank with its nodes at the given temperatures, heater off. */
  public StorageWaterHeater(WaterHeaterSpec spec, Temperature upper, Temperature lower) {
    bank =
        new WaterHeaterBank(
            List.of(spec), new double[] {upper.celsius()}, new double[] {lower.celsius()});
  }

  public WaterHeaterSpec spec() {
    return bank.spec(0);
  }

  /** Advances by the minute starting at {@code epochMinute}, with the household's own draws. */
  public void step(long epochMinute, int utcOffsetMinutes) {
    bank.step(0, 1, epochMinute, utcOffsetMinutes);
  }

  /**
   * Advances by one minute in which the household uses exactly {@code usedLitres} at 40 °C instead
   * of its own draws; at most the upper node's volume.
   */
  public void step(long epochMinute, double usedLitres) {
    Checks.between("usedLitres", usedLitres, 0, spec().tank().upperLitres());
    bank.step(0, 1, epochMinute, 0, usedLitres);
  }

  /** See {@link WaterHeaterBank#preHeat}. */
  public void preHeat(Temperature target, long untilEpochMinute) {
    bank.preHeat(0, target.celsius(), untilEpochMinute);
  }

  /** See {@link WaterHeaterBank#holdOff}. */
  public void holdOff(long untilEpochMinute) {
    bank.holdOff(0, untilEpochMinute);
  }

  /** Ends a pre-heat or hold-off now. */
  public void cancelCommands() {
    bank.cancelCommands(0);
  }

  /** The thermostat setpoint in force at {@code epochMinute}. */
  public Temperature setpoint(long epochMinute) {
    return Temperature.ofCelsius(bank.setpointC(0, epochMinute));
  }

  /** The upper node's (outlet) temperature. */
  public Temperature upper() {
    return Temperature.ofCelsius(bank.upperC(0));
  }

  public Temperature lower() {
    return Temperature.ofCelsius(bank.lowerC(0));
  }

  /** The heater's average electric power over the last step (load convention). */
  public Power electricPower() {
    return Power.ofKilowatts(bank.powerKw(0));
  }

  public boolean heating() {
    return bank.isHeating(0);
  }

  /** The accounts since this tank was built. */
  public TankAccounts accounts() {
    return new TankAccounts(
        Energy.ofKilowattHours(bank.electricKwh(0)),
        bank.heaterHeatKwh(0),
        bank.lossKwh(0),
        bank.drawHeatKwh(0),
        bank.storedHeatKwh(0),
        bank.tankLitres(0),
        bank.usedLitres(0),
        bank.coldLitres(0));
  }
}
