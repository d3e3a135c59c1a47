package org.openvpp.settle;

/** What a posting is for; statements group by it. */
public enum LineKind {
  /** Per kW enrolled, monthly. */
  CAPACITY,
  /** Per kWh delivered in an event. */
  ENERGY,
  /** Per event taken part in. */
  EVENT,
  /** Share of the utility's or market's revenue for an event. */
  REVENUE_SHARE,
  /** Monthly lease fee (charged). */
  LEASE_FEE,
  /** Credit against the lease fee. */
  LEASE_CREDIT,
  /** Revenue from the utility or market for an event. */
  MARKET_REVENUE
}
