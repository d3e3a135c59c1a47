package org.openvpp.market.realtime;

/**
 * A contingency reserve (spinning or supplemental) called: from interval {@code from} of the day
 * for {@code count} intervals, {@code kw} beyond the operating target, to be delivered in full
 * within the market's {@link org.openvpp.market.MarketRules.RealTime#reserveResponse}.
 *
 * @param from the first interval of the call
 * @param count how many intervals it lasts
 * @param kw the power called: the capacity held in the hour it began
 */
public record ReserveCall(int from, int count, double kw) {
  public ReserveCall {
    if (from < 0 || count < 1 || !(kw > 0) || !Double.isFinite(kw)) {
      throw new IllegalArgumentException(
          "a call starts at an interval >= 0, lasts at least one and asks for a positive power;"
              + " was "
              + from
              + ", "
              + count
              + ", "
              + kw);
    }
  }

  /** Whether interval {@code k} is in the call. */
  public boolean covers(int k) {
    return k >= from && k < from + count;
  }

  /** The energy the call asks for, kWh, with intervals of {@code hours}. */
  public double askedKwh(double hours) {
    return kw * count * hours;
  }

  /**
   * The capacity payment kept for a call that got {@code servedKwh} of what it asked: all of it
   * when served in full, else in proportion (the rest is the non-performance charge). Where the
   * full power was not reached within the response time, the payment for the hour is lost whole
   * (ours: markets charge the shortfall at the response time in their own ways).
   */
  public double kept(double capacityPay, double servedKwh, boolean reachedInTime, double hours) {
    if (!reachedInTime) {
      return 0;
    }
    return capacityPay * Math.clamp(servedKwh / askedKwh(hours), 0, 1);
  }
}
