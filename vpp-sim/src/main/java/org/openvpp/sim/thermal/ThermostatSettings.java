package org.openvpp.sim.thermal;

import java.util.Objects;
import org.openvpp.units.Checks;

/**
 * A thermostat's settings: system mode, setpoint schedule, hysteresis and the customer's comfort
 * band.
 *
 * <p>The plant starts cooling when the air reaches {@code cooling setpoint + deadband} and stops at
 * {@code cooling setpoint − deadband} (mirrored for heating), subject to the plant's minimum on and
 * off times. The comfort band is what the customer accepts; it must hold the schedule with its
 * deadband, and it is what a setpoint offset widens.
 *
 * @param mode what may run
 * @param schedule setpoints by hour
 * @param deadbandC half-width of the hysteresis, °C (e.g. 0.5 for ±0.5 °C)
 * @param comfortLowC lowest indoor temperature the customer accepts
 * @param comfortHighC highest indoor temperature the customer accepts
 */
public record ThermostatSettings(
    HvacMode mode,
    SetpointSchedule schedule,
    double deadbandC,
    double comfortLowC,
    double comfortHighC) {

  public ThermostatSettings {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(schedule, "schedule");
    Checks.between("deadbandC", deadbandC, 0.05, 5);
    if (mode == HvacMode.AUTO && schedule.minGapC() < 2 * deadbandC) {
      throw new IllegalArgumentException(
          "in AUTO mode cooling and heating setpoints must be at least 2 × deadband ("
              + 2 * deadbandC
              + " °C) apart, closest were "
              + schedule.minGapC()
              + " °C");
    }
    if (comfortHighC < schedule.maxCoolingC() + deadbandC) {
      throw new IllegalArgumentException(
          "comfortHighC must be at least the highest cooling setpoint + deadband ("
              + (schedule.maxCoolingC() + deadbandC)
              + "), was "
              + comfortHighC);
    }
    if (comfortLowC > schedule.minHeatingC() - deadbandC) {
      throw new IllegalArgumentException(
          "comfortLowC must be at most the lowest heating setpoint − deadband ("
              + (schedule.minHeatingC() - deadbandC)
              + "), was "
              + comfortLowC);
    }
  }
}
