package org.openvpp.finance;

import java.math.BigDecimal;
import java.util.Optional;

/** An internal rate of return, or why there is none. */
public sealed interface Irr permits Irr.Rate, Irr.None {

  /** The rate, when there is one. */
  Optional<BigDecimal> rate();

  /**
   * The one rate at which the cash flows' NPV is zero.
   *
   * @param value a fraction a year, to six decimals (0.123456 is 12.3456 %)
   */
  record Rate(BigDecimal value) implements Irr {
    @Override
    public Optional<BigDecimal> rate() {
      return Optional.of(value);
    }
  }

  /**
   * No single IRR.
   *
   * @param reason for people, for example {@code no IRR: cash flows never turn positive}
   */
  record None(String reason) implements Irr {
    @Override
    public Optional<BigDecimal> rate() {
      return Optional.empty();
    }
  }
}
