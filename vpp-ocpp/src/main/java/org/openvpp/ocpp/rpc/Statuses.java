package org.openvpp.ocpp.rpc;

import com.fasterxml.jackson.databind.JsonNode;

/** How a charger's refusal reads: its status, and a 2.0.1 statusInfo's code and text. */
public final class Statuses {
  private Statuses() {}

  /** {@code status}, with {@code statusInfo}'s reason code and additional info if given. */
  public static String reason(String status, JsonNode statusInfo) {
    if (!statusInfo.isObject()) {
      return status;
    }
    String info = statusInfo.path("additionalInfo").asText("");
    return status
        + " ("
        + statusInfo.path("reasonCode").asText()
        + (info.isEmpty() ? "" : ": " + info)
        + ")";
  }
}
