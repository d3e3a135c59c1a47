package org.openvpp.sim.waterheater;

import org.openvpp.units.Energy;

/**
 * A water heater's accounts since it was built. Over any period {@code heaterHeatKwh − lossKwh −
 * drawHeatKwh} equals the change of {@code storedHeatKwh}.
 *
 * @param electricity electricity used by the heater (load convention)
 * @param heaterHeatKwh heat the heater put into the water
 * @param lossKwh standby losses to the room
 * @param drawHeatKwh heat carried away by hot water drawn, relative to the inlet temperature
 * @param storedHeatKwh heat stored now in the tank's water, relative to 0 °C
 * @param tankLitres hot water drawn from the tank
 * @param usedLitres water used at 40 °C (hot and cold mixed)
 * @param coldLitres water used while the tank's outlet was below 40 °C: use the tank did not serve
 */
public record TankAccounts(
    Energy electricity,
    double heaterHeatKwh,
    double lossKwh,
    double drawHeatKwh,
    double storedHeatKwh,
    double tankLitres,
    double usedLitres,
    double coldLitres) {}
