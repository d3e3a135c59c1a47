package org.openvpp.ocpp.charging;

import java.util.Optional;

/** The unit of a charging schedule's limits: watts, or amperes per phase. */
public enum RateUnit {
  WATTS("W"),
  AMPERES("A");

  private final String wire;

  RateUnit(String wire) {
    this.wire = wire;
  }

  /** The name on the wire, the same in both versions: {@code W} or {@code A}. */
  public String wire() {
    return wire;
  }

  /** The unit {@code name} stands for, if any. */
  public static Optional<RateUnit> ofWire(String name) {
    for (RateUnit u : values()) {
      if (u.wire.equals(name)) {
        return Optional.of(u);
      }
    }
    return Optional.empty();
  }
}
