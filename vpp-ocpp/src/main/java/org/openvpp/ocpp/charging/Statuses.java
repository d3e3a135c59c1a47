package org.openvpp.ocpp.charging;

import com.fasterxml.jackson.databind.JsonNode;

/** How a charger's refusal reads: its status, and a 2.0.1 statusInfo's code and text. */
final class Statuses {
  private Statuses() {}

  /** {@code status}, with {@code statusInfo}'s reason code and additional info if given. */
  static String reason(String status, JsonNode statusInfo) {
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
