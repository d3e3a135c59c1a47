package org.openvpp.twin;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.openvpp.device.DeviceId;
import org.openvpp.units.Energy;
import org.openvpp.units.Power;
import org.openvpp.units.Temperature;

/**
 * One report of a device's state.
 *
 * @param device who reports
 * @param at when the device measured it (device clock)
 * @param sequence the device's message counter; a twin accepts only increasing sequences
 * @param power measured power at the device, load convention
 * @param stored energy held now (a battery's or a car's charge in kWh); zero for kinds that store
 *     none
 * @param temperature the temperature the device controls, where it has one: a thermostat's indoor
 *     air, a water heater's tank outlet
 * @param pluggedIn whether a vehicle is plugged in, for an EV charger
 * @param need what the plugged-in vehicle still needs and by when, where its charger knows
 */
public record Telemetry(
    DeviceId device,
    Instant at,
    long sequence,
    Power power,
    Energy stored,
    Optional<Temperature> temperature,
    Optional<Boolean> pluggedIn,
    Optional<ChargeNeed> need) {
  public Telemetry {
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(power, "power");
    Objects.requireNonNull(stored, "stored");
    Objects.requireNonNull(temperature, "temperature");
    Objects.requireNonNull(pluggedIn, "pluggedIn");
    Objects.requireNonNull(need, "need");
  }

  /** A report without a charging need. */
  public Telemetry(
      DeviceId device,
      Instant at,
      long sequence,
      Power power,
      Energy stored,
      Optional<Temperature> temperature,
      Optional<Boolean> pluggedIn) {
    this(device, at, sequence, power, stored, temperature, pluggedIn, Optional.empty());
  }

  /** A report with a temperature, without plug state. */
  public Telemetry(
      DeviceId device,
      Instant at,
      long sequence,
      Power power,
      Energy stored,
      Optional<Temperature> temperature) {
    this(device, at, sequence, power, stored, temperature, Optional.empty());
  }

  /** A report without a temperature. */
  public Telemetry(DeviceId device, Instant at, long sequence, Power power, Energy stored) {
    this(device, at, sequence, power, stored, Optional.empty());
  }
}
