package org.openvpp.program;

/** Who asked for an event. */
public enum EventSource {
  OPERATOR,
  API,
  /** A utility, over OpenADR. */
  UTILITY_OPENADR,
  MARKET_AWARD
}
