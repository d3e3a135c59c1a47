package org.openvpp.ocpp.metering;

/**
 * The unit of a {@link Sample}'s value after scaling: kilo-units and 2.0.1 multipliers are applied,
 * so energy is always in watt-hours and power in watts.
 */
public enum Unit {
  WATT_HOUR("Wh"),
  VAR_HOUR("varh"),
  VOLT_AMPERE_HOUR("VAh"),
  WATT("W"),
  VAR("var"),
  VOLT_AMPERE("VA"),
  AMPERE("A"),
  VOLT("V"),
  HERTZ("Hz"),
  PERCENT("Percent"),
  KELVIN("K"),
  CELSIUS("Celsius"),
  FAHRENHEIT("Fahrenheit"),
  RPM("RPM"),
  /** A ratio without a unit, such as a power factor. */
  NONE("");

  private final String symbol;

  Unit(String symbol) {
    this.symbol = symbol;
  }

  /** The symbol as OCPP writes it, such as {@code Wh}; empty for {@link #NONE}. */
  public String symbol() {
    return symbol;
  }
}
