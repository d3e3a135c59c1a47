package org.openvpp.market;

import java.util.Objects;
import org.openvpp.units.EnergyPrice;
import org.openvpp.units.Power;

/**
 * One step of a bid curve: {@code quantity} offered (to sell) or bid (to buy) at {@code limit}. A
 * sell step is awarded when the clearing price is at or above its limit, a buy step when it is at
 * or below.
 *
 * @param quantity a positive power held through the interval
 * @param limit the step's price limit
 */
public record PriceStep(Power quantity, EnergyPrice limit) {
  public PriceStep {
    Objects.requireNonNull(quantity, "quantity");
    Objects.requireNonNull(limit, "limit");
    if (!(quantity.watts() > 0)) {
      throw new IllegalArgumentException("a bid step's quantity must be positive, was " + quantity);
    }
  }
}
