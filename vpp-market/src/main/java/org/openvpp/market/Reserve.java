package org.openvpp.market;

/** The ancillary services a fleet of batteries can hold capacity for, as SPP names them. */
public enum Reserve {
  /** Regulation up: give more (or take less) on the operator's signal, within seconds. */
  REGULATION_UP("reg_up", true),
  /** Regulation down: take more (or give less) on the operator's signal. */
  REGULATION_DOWN("reg_down", false),
  /** Spinning reserve: give within 10 minutes on a call, held for the hour. */
  SPINNING("spin", true),
  /** Supplemental (non-spinning) reserve: give within 10 minutes, from standstill. */
  SUPPLEMENTAL("supp", true);

  private final String column;
  private final boolean up;

  Reserve(String column, boolean up) {
    this.column = column;
    this.up = up;
  }

  /** The column of SPP's clearing price export that holds its price. */
  public String column() {
    return column;
  }

  /** Whether holding it needs headroom to give (rather than to take). */
  public boolean up() {
    return up;
  }

  /** Whether it follows the regulation signal (and so wears what the signal moves). */
  public boolean regulation() {
    return this == REGULATION_UP || this == REGULATION_DOWN;
  }

  /** {@code price} of {@code reserve}, less {@code regulationWear} for a regulation product. */
  public static double netOfRegulationWear(Reserve reserve, double price, double regulationWear) {
    return price - (reserve.regulation() ? regulationWear : 0);
  }

  /**
   * The up reserve {@code price} values most: regulation up unless another is strictly dearer, then
   * the first such in declaration order.
   */
  public static Reserve dearestUp(java.util.function.ToDoubleFunction<Reserve> price) {
    Reserve best = REGULATION_UP;
    for (Reserve r : values()) {
      if (r.up() && price.applyAsDouble(r) > price.applyAsDouble(best)) {
        best = r;
      }
    }
    return best;
  }
}
