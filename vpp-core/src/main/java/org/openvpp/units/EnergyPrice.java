package org.openvpp.units;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A price of energy, as money per megawatt-hour (the unit wholesale markets quote).
 *
 * @param perMegawattHour the price of one MWh
 */
public record EnergyPrice(Money perMegawattHour) {

  private static final BigDecimal WH_PER_MWH = BigDecimal.valueOf(1_000_000);

  public EnergyPrice {
    Objects.requireNonNull(perMegawattHour, "perMegawattHour");
  }

  public static EnergyPrice perMegawattHour(Money price) {
    return new EnergyPrice(price);
  }

  /**
   * The exact cost of {@code energy} at this price. The energy's double value is taken at its
   * shortest decimal representation ({@link BigDecimal#valueOf(double)}), then multiplied exactly.
   */
  public Money costOf(Energy energy) {
    BigDecimal megawattHours =
        BigDecimal.valueOf(energy.wattHours()).divide(WH_PER_MWH, java.math.MathContext.UNLIMITED);
    return perMegawattHour.times(megawattHours);
  }
}
