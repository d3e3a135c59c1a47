package org.openvpp.sim.thermal;

import org.openvpp.units.Energy;

/**
 * A home's heat accounts since it was built. Heat is positive into the house. Over any period
 * {@code hvacHeatKwh + envelopeHeatKwh + gainsKwh} equals the change of {@code storedHeatKwh}.
 *
 * @param electricity electricity used by the plant (load convention)
 * @param hvacHeatKwh heat the plant put into the air, negative when cooling
 * @param envelopeHeatKwh heat that came in through the envelope, negative when lost
 * @param gainsKwh solar and internal gains
 * @param storedHeatKwh heat stored now in air and mass, relative to 0 °C
 */
public record HeatAccounts(
    Energy electricity,
    double hvacHeatKwh,
    double envelopeHeatKwh,
    double gainsKwh,
    double storedHeatKwh) {}
