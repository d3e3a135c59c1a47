package org.openvpp.ocpp.metering;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.openvpp.units.Energy;
import org.openvpp.units.Power;

/**
 * One sampled value of a charger's meter, scaled to its {@link Unit} (kWh read as Wh, a 2.0.1
 * multiplier applied).
 *
 * @param timestamp when it was measured, as the charger says
 * @param measurand what was measured, as OCPP names it, such as {@code
 *     Energy.Active.Import.Register} (the default when the charger omits it)
 * @param value the value in {@code unit}; finite
 * @param unit the unit after scaling
 * @param phase the phase, such as {@code L1} or {@code L1-N}, if given
 * @param context why it was taken, such as {@code Sample.Periodic} (the default) or {@code
 *     Transaction.Begin}
 * @param location where it was measured, such as {@code Outlet} (the default) or {@code EV}
 */
public record Sample(
    Instant timestamp,
    String measurand,
    double value,
    Unit unit,
    Optional<String> phase,
    String context,
    String location) {

  /** The energy imported through the charger's meter, a register that only grows. */
  public static final String ENERGY_IMPORT_REGISTER = "Energy.Active.Import.Register";

  /** The active power imported. */
  public static final String POWER_IMPORT = "Power.Active.Import";

  /** The EV battery's state of charge, in percent. */
  public static final String STATE_OF_CHARGE = "SoC";

  public Sample {
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(measurand, "measurand");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(location, "location");
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(measurand + " must be finite, was " + value);
    }
  }

  /** The value as energy, when it is in watt-hours. */
  public Optional<Energy> energy() {
    return unit == Unit.WATT_HOUR ? Optional.of(Energy.ofWattHours(value)) : Optional.empty();
  }

  /** The value as power, when it is in watts. */
  public Optional<Power> power() {
    return unit == Unit.WATT ? Optional.of(Power.ofWatts(value)) : Optional.empty();
  }

  /** Whether this is the whole meter's imported-energy register (no phase, at the outlet). */
  public boolean isImportRegister() {
    return measurand.equals(ENERGY_IMPORT_REGISTER)
        && phase.isEmpty()
        && location.equals("Outlet")
        && unit == Unit.WATT_HOUR;
  }
}
