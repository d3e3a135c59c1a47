package org.openvpp.openadr.ven;

import java.util.Arrays;
import java.util.Optional;

/**
 * The event payload types (the Definition's "Event Payload Enumerations") that OpenVPP acts on. An
 * event that carries none of these is refused; payload types not listed here are ignored when the
 * event carries one of these besides.
 */
public enum Signal {
  /** The level of a basic demand response signal: 0 normal, 1 moderate, 2 high, 3 emergency. */
  SIMPLE,
  /** The price of energy, in the descriptor's units and currency. */
  PRICE,
  /** The price of exported energy. */
  EXPORT_PRICE,
  /** The maximum import of the site, in the descriptor's units (KW when not given). */
  IMPORT_CAPACITY_LIMIT,
  /** The maximum export of the site. */
  EXPORT_CAPACITY_LIMIT,
  /** The relative change of consumption asked for (negative: less), in the descriptor's units. */
  DISPATCH_SETPOINT_RELATIVE,
  /** Marginal greenhouse gas emissions, g/kWh. */
  GHG;

  /** The signal the definition writes {@code type}, if OpenVPP acts on it. */
  public static Optional<Signal> of(String type) {
    return Arrays.stream(values()).filter(s -> s.name().equals(type)).findFirst();
  }
}
