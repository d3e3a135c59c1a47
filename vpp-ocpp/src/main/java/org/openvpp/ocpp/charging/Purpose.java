package org.openvpp.ocpp.charging;

import java.util.Optional;
import org.openvpp.ocpp.rpc.OcppVersion;

/**
 * What a charging profile is for, with its name in each version. The central system sets the first
 * three; {@link #EXTERNAL_CONSTRAINTS} is only ever reported by a 2.0.1 charger (a limit from its
 * own energy management or the grid operator's), never set by a central system.
 */
public enum Purpose {
  /** The limit of the whole charger: 1.6 ChargePointMaxProfile, 2.0.1 ChargingStationMaxProfile. */
  CHARGER_MAX("ChargePointMaxProfile", "ChargingStationMaxProfile"),
  /** The default for transactions on an EVSE (0: on every EVSE): TxDefaultProfile. */
  TX_DEFAULT("TxDefaultProfile", "TxDefaultProfile"),
  /** The limit of one transaction: TxProfile. */
  TX("TxProfile", "TxProfile"),
  /** 2.0.1 ChargingStationExternalConstraints: reported by chargers only. */
  EXTERNAL_CONSTRAINTS("", "ChargingStationExternalConstraints");

  private final String v16;
  private final String v201;

  Purpose(String v16, String v201) {
    this.v16 = v16;
    this.v201 = v201;
  }

  /**
   * The name on the wire in {@code version}.
   *
   * @throws IllegalArgumentException for {@link #EXTERNAL_CONSTRAINTS} in 1.6, which has none
   */
  public String wire(OcppVersion version) {
    String name = version == OcppVersion.V1_6 ? v16 : v201;
    if (name.isEmpty()) {
      throw new IllegalArgumentException(this + " has no name in " + version);
    }
    return name;
  }

  /** The purpose {@code name} stands for in {@code version}, if any. */
  public static Optional<Purpose> ofWire(OcppVersion version, String name) {
    for (Purpose p : values()) {
      if (!name.isEmpty() && name.equals(version == OcppVersion.V1_6 ? p.v16 : p.v201)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
