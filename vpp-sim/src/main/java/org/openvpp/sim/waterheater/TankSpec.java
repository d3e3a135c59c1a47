package org.openvpp.sim.waterheater;

import java.util.Objects;
import org.openvpp.units.Checks;
import org.openvpp.units.Power;

/**
 * A storage water heater's tank, heater and thermostat.
 *
 * <p>The tank is two well-mixed nodes: the upper one (where hot water leaves) and the lower one
 * (where cold water enters). The heater heats the upper node when it has fallen to {@code setpoint
 * − deadband}, until it reaches the setpoint; otherwise the lower node, by the same rule (two
 * elements that never run together, upper first, as in most electric tanks).
 *
 * @param litres tank volume
 * @param upperShare share of the volume in the upper node
 * @param uaWPerC standby loss coefficient of the whole tank to the room, W/°C
 * @param heaterPower electric power of the element (or heat pump) when on
 * @param cop heat delivered per unit of electricity: 1 for a resistance element, about 3 for a heat
 *     pump
 * @param setpointC normal thermostat setpoint
 * @param deadbandC the thermostat turns on at {@code setpoint − deadband}
 * @param minSafeC lowest upper-node temperature allowed; under hold-off the heater runs only below
 *     it (comfort and legionella safety)
 * @param maxC highest temperature a pre-heat may ask for
 * @param ambientC temperature of the room around the tank
 * @param inletC temperature of the cold water entering the tank
 */
public record TankSpec(
    double litres,
    double upperShare,
    double uaWPerC,
    Power heaterPower,
    double cop,
    double setpointC,
    double deadbandC,
    double minSafeC,
    double maxC,
    double ambientC,
    double inletC) {

  public TankSpec {
    Checks.between("litres", litres, 30, 2_000);
    Checks.between("upperShare", upperShare, 0.1, 0.9);
    Checks.between("uaWPerC", uaWPerC, 0, 50);
    Objects.requireNonNull(heaterPower, "heaterPower");
    Checks.between("heaterPower (kW)", heaterPower.kilowatts(), 0.1, 30);
    Checks.between("cop", cop, 0.5, 8);
    Checks.between("setpointC", setpointC, 35, 85);
    Checks.between("deadbandC", deadbandC, 0.5, 20);
    Checks.between("maxC", maxC, setpointC, 95);
    Checks.between("ambientC", ambientC, -20, 50);
    Checks.between("inletC", inletC, 1, WaterHeaterBank.USE_C - 5);
    if (!(minSafeC >= inletC && minSafeC <= setpointC - deadbandC)) {
      throw new IllegalArgumentException(
          "minSafeC must be within [inletC, setpointC − deadbandC] = ["
              + inletC
              + ", "
              + (setpointC - deadbandC)
              + "], was "
              + minSafeC);
    }
  }

  /** Volume of the upper node, litres. */
  public double upperLitres() {
    return litres * upperShare;
  }

  /** Volume of the lower node, litres. */
  public double lowerLitres() {
    return litres * (1 - upperShare);
  }
}
