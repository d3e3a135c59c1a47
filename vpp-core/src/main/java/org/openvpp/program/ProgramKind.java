package org.openvpp.program;

/** The business models a program can follow. */
public enum ProgramKind {
  /** Customers enrol a battery they own. */
  BYO_BATTERY,
  /** The utility leases batteries to the customer for a monthly fee and dispatches them. */
  LEASED_BATTERY,
  /** Customers enrol a smart thermostat. */
  THERMOSTAT,
  /** The program shapes EV charging. */
  MANAGED_EV_CHARGING,
  /** The aggregation bids into a wholesale market and shares the revenue. */
  WHOLESALE_AGGREGATION
}
